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
