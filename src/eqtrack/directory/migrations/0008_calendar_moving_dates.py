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


def correct(apps, schema_editor):
    # The seed's own rules: they are what calendar_seed uses from now on, so the corrected rows
    # match what seeding the year again would give.
    from eqtrack.directory.seeds import MOVING

    rules = {title: dates for title, dates, _ in MOVING}
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
