"""What the directory starts with: a taxonomy of what the seed reports name, and the diversity
calendar's events from across the council (the seeds' "annual diversity calendar")."""

TAXONOMY = (
    "eqtrack community groups",
    "What community groups in the borough do and whom they serve.",
)

TERMS = [
    (
        "voluntary-community",
        "Voluntary and community groups",
        "Local charities, clubs and volunteer-run groups.",
    ),
    (
        "faith",
        "Faith groups and places of worship",
        "Churches, mosques, gurdwaras, temples, synagogues and faith groups.",
    ),
    (
        "armed-forces",
        "Armed forces and veterans",
        "Serving personnel, veterans and their families (the Armed Forces Covenant).",
    ),
    (
        "mental-health",
        "Mental health and wellbeing",
        "Support for wellbeing, mental health and loneliness.",
    ),
    ("disability", "Disability", "Groups of and for disabled people and their families."),
    ("older-people", "Older people", "Groups and services for older residents."),
    ("young-people", "Young people", "Youth groups and services for children and young people."),
    (
        "ethnic-minority",
        "Ethnic minority communities",
        "Groups of and for ethnic minority communities.",
    ),
    ("lgbt", "LGBT+", "Groups of and for lesbian, gay, bisexual and trans people."),
    ("refugees", "Refugees", "Support for refugees and people seeking asylum."),
    ("cost-of-living", "Cost of living", "Food banks, advice on money, debt and benefits."),
    ("carers", "Carers", "Support for people who look after a relative or friend."),
]

# (title, month, day or None for the whole month, how it repeats, description)
CALENDAR = [
    (
        "LGBT+ History Month",
        2,
        None,
        "YEARLY",
        "Celebrating lesbian, gay, bisexual and trans history.",
    ),
    ("Lunar New Year", 2, 10, "", "The new year in the lunar calendar (its date moves each year)."),
    ("International Women's Day", 3, 8, "YEARLY", ""),
    ("Mental Health Awareness Week", 5, 13, "", "A week in May (its dates move each year)."),
    ("Carers Week", 6, 10, "", "A week in June (its dates move each year)."),
    ("Armed Forces Day", 6, 29, "", "The last Saturday of June."),
    (
        "Black History Month",
        10,
        None,
        "YEARLY",
        "Celebrating the history and achievements of Black people.",
    ),
    ("World Menopause Day", 10, 18, "YEARLY", ""),
    ("Remembrance Sunday", 11, 10, "", "The second Sunday of November."),
    ("International Day of Persons with Disabilities", 12, 3, "YEARLY", ""),
]
