"""The characteristics every organisation starts with: the nine protected characteristics of
the Equality Act 2010, and the local ones the seed reports and most councils add."""

STATUTORY = [
    ("Age", "People of a particular age or age group."),
    ("Disability", "Physical or mental impairments with a long-term effect on daily life."),
    ("Gender reassignment", "People proposing to undergo, undergoing or having undergone it."),
    ("Marriage and civil partnership", "In employment matters only, under the Act."),
    ("Pregnancy and maternity", "Pregnant women, and mothers in the 26 weeks after birth."),
    ("Race", "Colour, nationality, and ethnic or national origins."),
    ("Religion or belief", "Any religion or philosophical belief, and none."),
    ("Sex", "Women and men."),
    ("Sexual orientation", "Lesbian, gay, bisexual and heterosexual people."),
]

LOCAL = [
    ("Poverty and socio-economic disadvantage", "People on low incomes or in deprived areas."),
    ("Armed forces community", "Serving members, veterans and their families (the Covenant)."),
    ("Carers", "People who look after a relative or friend who needs support."),
    ("Care experience", "People who are or have been in the care of a local authority."),
]
