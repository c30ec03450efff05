"""What the directory starts with: a taxonomy of what the seed reports name, and the diversity
calendar's events from across the council (the seeds' "annual diversity calendar"): those on
the same date every year, and those whose date moves, with the rule or table that gives it."""

import datetime as dt
from collections.abc import Callable

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

# Events on the same date every year, seeded once with a yearly repeat:
# (title, month, day or None for the whole month, description).
YEARLY = [
    (
        "LGBT+ History Month",
        2,
        None,
        "Celebrating lesbian, gay, bisexual and trans history.",
    ),
    ("International Women's Day", 3, 8, ""),
    (
        "Black History Month",
        10,
        None,
        "Celebrating the history and achievements of Black people.",
    ),
    ("World Menopause Day", 10, 18, ""),
    ("International Day of Persons with Disabilities", 12, 3, ""),
]

# The first day of the lunar new year, 2024 to 2035: the Hong Kong Observatory's
# Gregorian-Lunar Calendar Conversion Table (checked against the `holidays` package's Chinese
# lunisolar calendar). It follows the moon, so no rule gives it: a year outside the table is
# left out of the calendar rather than guessed; extend the table from the same source.
LUNAR_NEW_YEAR = {
    2024: (2, 10),
    2025: (1, 29),
    2026: (2, 17),
    2027: (2, 6),
    2028: (1, 26),
    2029: (2, 13),
    2030: (2, 3),
    2031: (1, 23),
    2032: (2, 11),
    2033: (1, 31),
    2034: (2, 19),
    2035: (2, 8),
}

# The weeks whose organisers moved them from their usual rule (below), as they announced:
# the Mental Health Foundation's and Carers UK's own dates for those years.
MENTAL_HEALTH_WEEK_MOVED = {2020: (5, 18), 2023: (5, 15)}
CARERS_WEEK_MOVED = {2017: (6, 12)}

Dates = tuple[dt.date, dt.date | None]


def weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    """The first `weekday` (Monday 0 … Sunday 6) on or after `day`."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def lunar_new_year(year: int) -> Dates | None:
    if year not in LUNAR_NEW_YEAR:
        return None
    return dt.date(year, *LUNAR_NEW_YEAR[year]), None


def mental_health_awareness_week(year: int) -> Dates:
    # The Mental Health Foundation starts it on the second Monday of May, Monday to Sunday.
    moved = MENTAL_HEALTH_WEEK_MOVED.get(year)
    starts = dt.date(year, *moved) if moved else weekday_on_or_after(dt.date(year, 5, 8), 0)
    return starts, starts + dt.timedelta(days=6)


def carers_week(year: int) -> Dates:
    # Carers UK's week starts on the Monday from 5 to 11 June (2019 to 2025 all did).
    moved = CARERS_WEEK_MOVED.get(year)
    starts = dt.date(year, *moved) if moved else weekday_on_or_after(dt.date(year, 6, 5), 0)
    return starts, starts + dt.timedelta(days=6)


def armed_forces_day(year: int) -> Dates:
    """The last Saturday of June."""
    return weekday_on_or_after(dt.date(year, 6, 24), 5), None


def remembrance_sunday(year: int) -> Dates:
    """The second Sunday of November."""
    return weekday_on_or_after(dt.date(year, 11, 8), 6), None


# Events whose date moves: seeded for each year as a one-off (no yearly repeat, whose date
# would be wrong the next year): (title, its dates in a year or None when not known,
# description). A week-long one has its last day, so it shows as a span.
MOVING: list[tuple[str, Callable[[int], Dates | None], str]] = [
    (
        "Lunar New Year",
        lunar_new_year,
        "The new year in the lunar calendar (its date moves each year).",
    ),
    (
        "Mental Health Awareness Week",
        mental_health_awareness_week,
        "A week in May (its dates move each year).",
    ),
    ("Carers Week", carers_week, "A week in June (its dates move each year)."),
    ("Armed Forces Day", armed_forces_day, "The last Saturday of June."),
    ("Remembrance Sunday", remembrance_sunday, "The second Sunday of November."),
]
