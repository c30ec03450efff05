"""The diversity calendar: seeded with the events the seed reports list, a page by month, and a
feed a standard iCalendar parser reads, recurrence included."""

import datetime as dt

import pytest
from icalendar import Calendar

from eqtrack.directory.models import CalendarEvent
from eqtrack.directory.services import calendar_seed
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    council = Organisation.objects.create(name="Borough", slug="borough")
    calendar_seed(organisation=council, year=2026)
    return council


def test_the_feed_parses_with_the_seeded_events_and_their_recurrence(client, council):
    response = client.get("/borough/diversity-calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in feed.walk("VEVENT")}
    assert {
        "Black History Month",
        "World Menopause Day",
        "LGBT+ History Month",
        "Lunar New Year",
    } <= set(events)
    black_history = events["Black History Month"]
    assert black_history["rrule"]["FREQ"] == ["YEARLY"]
    assert black_history.decoded("dtstart") == dt.date(2026, 10, 1)
    assert black_history.decoded("dtend") == dt.date(2026, 11, 1)  # all of October
    assert events["World Menopause Day"].decoded("dtstart") == dt.date(2026, 10, 18)
    assert "rrule" not in events["Lunar New Year"]  # its date moves: entered each year


def test_a_monthly_event_repeats_monthly_in_the_feed(client, council):
    CalendarEvent.objects.create(
        organisation=council,
        title="Equality forum",
        starts_on=dt.date(2026, 1, 15),
        repeats="MONTHLY",
    )
    feed = Calendar.from_ical(client.get("/borough/diversity-calendar.ics").content)
    [forum] = [e for e in feed.walk("VEVENT") if str(e["summary"]) == "Equality forum"]
    assert forum["rrule"]["FREQ"] == ["MONTHLY"]
    assert forum.decoded("dtstart") == dt.date(2026, 1, 15)


def test_the_page_by_month_repeats_yearly_and_monthly_events(client, council):
    CalendarEvent.objects.create(
        organisation=council,
        title="Equality forum",
        starts_on=dt.date(2026, 1, 15),
        repeats="MONTHLY",
    )
    html = client.get("/borough/diversity-calendar/?year=2027").content.decode()
    october = html.split('<h2 class="govuk-heading-m">October</h2>')[1].split("<h2")[0]
    assert "1 October to 31 October</strong>: Black History Month" in october
    assert "18 October</strong>: World Menopause Day" in october
    assert "15 October</strong>: Equality forum" in october
    assert "Lunar New Year" not in html  # a one-off in 2026
    assert (
        client.get("/borough/diversity-calendar/?year=2026")
        .content.decode()
        .count("Equality forum")
        == 12
    )
    assert client.get("/nowhere/diversity-calendar/").status_code == 404


def test_the_seed_command_gives_categories_and_this_years_calendar(capsys):
    from django.core.management import call_command

    Organisation.objects.create(name="Town", slug="town")
    call_command("directory-seed", "--organisation", "town", "--year", "2027")
    assert "Town: 12 directory categories, 10 calendar events." in capsys.readouterr().out
    assert CalendarEvent.objects.get(
        organisation__slug="town", title="Black History Month"
    ).starts_on == dt.date(2027, 10, 1)


def _moving(council) -> dict[str, tuple[dt.date, dt.date | None]]:
    return {
        e.title: (e.starts_on, e.ends_on)
        for e in CalendarEvent.objects.filter(organisation=council, repeats="")
    }


@pytest.mark.parametrize(
    "year, expected",
    [
        (
            2025,
            {
                "Lunar New Year": (dt.date(2025, 1, 29), None),
                "Mental Health Awareness Week": (dt.date(2025, 5, 12), dt.date(2025, 5, 18)),
                "Carers Week": (dt.date(2025, 6, 9), dt.date(2025, 6, 15)),
                "Armed Forces Day": (dt.date(2025, 6, 28), None),
                "Remembrance Sunday": (dt.date(2025, 11, 9), None),
            },
        ),
        (
            2026,
            {
                "Lunar New Year": (dt.date(2026, 2, 17), None),
                "Mental Health Awareness Week": (dt.date(2026, 5, 11), dt.date(2026, 5, 17)),
                "Carers Week": (dt.date(2026, 6, 8), dt.date(2026, 6, 14)),
                "Armed Forces Day": (dt.date(2026, 6, 27), None),
                "Remembrance Sunday": (dt.date(2026, 11, 8), None),
            },
        ),
        (
            # The Mental Health Foundation moved its week that year, from the 8th.
            2023,
            {
                "Mental Health Awareness Week": (dt.date(2023, 5, 15), dt.date(2023, 5, 21)),
                "Carers Week": (dt.date(2023, 6, 5), dt.date(2023, 6, 11)),
                "Armed Forces Day": (dt.date(2023, 6, 24), None),
                "Remembrance Sunday": (dt.date(2023, 11, 12), None),
            },
        ),
    ],
)
def test_events_whose_date_moves_are_seeded_on_that_years_dates(year, expected):
    town = Organisation.objects.create(name="Town", slug="town")
    calendar_seed(organisation=town, year=year)
    assert _moving(town) == expected  # 2023: no Lunar New Year, its date not in the table


def test_a_year_without_a_known_lunar_new_year_leaves_it_out_rather_than_guess():
    town = Organisation.objects.create(name="Town", slug="town")
    events = calendar_seed(organisation=town, year=2040)
    assert len(events) == 9
    assert "Lunar New Year" not in {e.title for e in events}
    assert _moving(town)["Armed Forces Day"] == (dt.date(2040, 6, 30), None)


def test_each_year_seeded_has_its_own_dates_spans_and_no_repeat_rule(client, council):
    calendar_seed(organisation=council, year=2027)
    calendar_seed(organisation=council, year=2027)  # again: nothing doubles
    feed = Calendar.from_ical(client.get("/borough/diversity-calendar.ics").content)
    events = [e for e in feed.walk("VEVENT")]
    armed_forces = sorted(
        e.decoded("dtstart") for e in events if str(e["summary"]) == "Armed Forces Day"
    )
    assert armed_forces == [dt.date(2026, 6, 27), dt.date(2027, 6, 26)]
    by_year = {(str(e["summary"]), e.decoded("dtstart").year): e for e in events}
    for title in (
        "Lunar New Year",
        "Mental Health Awareness Week",
        "Carers Week",
        "Armed Forces Day",
        "Remembrance Sunday",
    ):
        assert "rrule" not in by_year[(title, 2026)] and "rrule" not in by_year[(title, 2027)]
    # A week spans the week: DTEND is the day after its last day.
    week = by_year[("Mental Health Awareness Week", 2026)]
    assert (week.decoded("dtstart"), week.decoded("dtend")) == (
        dt.date(2026, 5, 11),
        dt.date(2026, 5, 18),
    )
    carers = by_year[("Carers Week", 2027)]
    assert (carers.decoded("dtstart"), carers.decoded("dtend")) == (
        dt.date(2027, 6, 7),
        dt.date(2027, 6, 14),
    )
    # Those on the same date every year are there once, repeating.
    assert [str(e["summary"]) for e in events].count("Black History Month") == 1

    page = client.get("/borough/diversity-calendar/?year=2026").content.decode()
    may = page.split('<h2 class="govuk-heading-m">May</h2>')[1].split("<h2")[0]
    june = page.split('<h2 class="govuk-heading-m">June</h2>')[1].split("<h2")[0]
    assert "11 May to 17 May</strong>: Mental Health Awareness Week" in may
    assert "8 June to 14 June</strong>: Carers Week" in june
    assert "27 June</strong>: Armed Forces Day" in june
    assert "26 June" not in page  # 2027's Armed Forces Day only in 2027


def test_the_migration_puts_right_what_the_old_seed_left():
    """Before, every year's moving events were seeded on 2024's dates, weeks as one day."""
    import importlib

    from django.apps import apps

    from eqtrack.accounts.models import Team

    migration = importlib.import_module("eqtrack.directory.migrations.0008_calendar_moving_dates")
    town = Organisation.objects.create(name="Town", slug="town")
    team = Team.objects.create(organisation=town, name="Communities")

    def old(title, day, **extra):
        return CalendarEvent.objects.create(organisation=town, title=title, starts_on=day, **extra)

    afd = old("Armed Forces Day", dt.date(2025, 6, 29))
    week = old("Mental Health Awareness Week", dt.date(2026, 5, 13))
    lunar = old("Lunar New Year", dt.date(2025, 2, 10))
    unknown_lunar = old("Lunar New Year", dt.date(2023, 2, 10))
    kept_lunar = old("Lunar New Year", dt.date(2022, 2, 10), team=team)
    edited = old("Remembrance Sunday", dt.date(2025, 11, 9))  # put right by hand already
    migration.correct(apps, None)
    for event in (afd, week, lunar, kept_lunar, edited):
        event.refresh_from_db()
    assert afd.starts_on == dt.date(2025, 6, 28)
    assert (week.starts_on, week.ends_on) == (dt.date(2026, 5, 11), dt.date(2026, 5, 17))
    assert lunar.starts_on == dt.date(2025, 1, 29)
    assert not CalendarEvent.objects.filter(pk=unknown_lunar.pk).exists()
    assert kept_lunar.starts_on == dt.date(2022, 2, 10)  # someone gave it a team: theirs to fix
    assert edited.starts_on == dt.date(2025, 11, 9)
