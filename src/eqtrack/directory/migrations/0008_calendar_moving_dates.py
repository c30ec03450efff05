"""The diversity calendar's events whose date moves were seeded, for any year, on 2024's dates
(and a week-long one as a single day). Put right those the seed left as it made them: that
year's real dates, the week's last day; a Lunar New Year for a year without a known date is
removed unless someone has since given it a team or a plan action."""

import datetime as dt

from django.db import migrations

# What the old seed wrote for each: (month, day), 2024's date, whatever the year.
OLD_SEED = {
    "Lunar New Year": (2, 10),
    "Mental Health Awareness Week": (5, 13),
    "Carers Week": (6, 10),
    "Armed Forces Day": (6, 29),
    "Remembrance Sunday": (11, 10),
}


# The seed's rules as they stood when this migration was written (directory/seeds.py), frozen
# here so that a later change to the live code cannot change what this migration did; they are
# what calendar_seed used from then on, so the corrected rows match seeding the year again.
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


RULES = {
    "Lunar New Year": lunar_new_year,
    "Mental Health Awareness Week": mental_health_awareness_week,
    "Carers Week": carers_week,
    "Armed Forces Day": armed_forces_day,
    "Remembrance Sunday": remembrance_sunday,
}


def correct(apps, schema_editor):
    rules = RULES
    CalendarEvent = apps.get_model("directory", "CalendarEvent")
    for title, (month, day) in OLD_SEED.items():
        as_seeded = CalendarEvent.objects.filter(
            title=title,
            repeats="",
            ends_on__isnull=True,
            starts_on__month=month,
            starts_on__day=day,
        )
        for event in as_seeded:
            found = rules[title](event.starts_on.year)
            if found is None:
                if event.team_id is None and event.action_id is None:
                    event.delete()
                continue
            event.starts_on, event.ends_on = found
            event.save(update_fields=["starts_on", "ends_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_version"),
    ]

    operations = [
        migrations.RunPython(correct, migrations.RunPython.noop),
    ]
