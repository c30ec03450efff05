"""The diversity calendar's management: the services directly (who may, what is checked, a
removed event archived and gone from the calendar and its feed), and the pages end to end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.directory.calendar import occurrences
from eqtrack.directory.models import CalendarEvent
from eqtrack.directory.services import (
    CalendarEventError,
    calendar_event_add,
    calendar_event_archive,
    calendar_event_change,
    calendar_seed,
)
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db
YEARLY = CalendarEvent.Repeats.YEARLY


@pytest.fixture
def council():
    return Organisation.objects.create(name="Borough", slug="borough")


@pytest.fixture
def admin(council):
    return member_create(council, Role.ADMINISTRATOR, username="ada")


def _add(council, admin, **changes):
    values = {"title": "Pride", "starts_on": dt.date(2027, 6, 1), "repeats": YEARLY} | changes
    return calendar_event_add(organisation=council, user=admin, **values)


def _history():
    return list(CalendarEvent.history.values_list("history_id", flat=True))


# The services


def test_an_event_is_added_changed_and_archived_with_who_and_why(council, admin):
    team = Team.objects.create(organisation=council, name="Communities")
    event = _add(council, admin, ends_on=dt.date(2027, 6, 30), team=team)
    assert [o.starts_on for o in occurrences(organisation=council, year=2028)] == [
        dt.date(2028, 6, 1)
    ]
    calendar_event_change(
        event=event,
        title="Pride Month",
        starts_on=dt.date(2027, 6, 1),
        ends_on=None,
        repeats=YEARLY,
        description="Marches and events.",
        team=None,
        user=admin,
    )
    event.refresh_from_db()
    assert (event.title, event.ends_on, event.team) == ("Pride Month", None, None)
    calendar_event_archive(event=event, user=admin)
    assert CalendarEvent.objects.get(pk=event.pk).archived_at is not None  # kept
    assert occurrences(organisation=council, year=2028) == []
    reasons = [
        (v.history_user, v.history_change_reason) for v in event.history.order_by("history_id")
    ]
    assert reasons == [
        (admin, "Added to the calendar"),
        (admin, "Changed in the calendar"),
        (admin, "Removed from the calendar"),
    ]


def test_bad_events_say_which_field_and_change_nothing(council, admin):
    other_team = Team.objects.create(
        organisation=Organisation.objects.create(name="Other", slug="other"), name="Theirs"
    )
    before = _history()
    for changes, field in [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"ends_on": dt.date(2027, 5, 31)}, "ends_on"),
        ({"repeats": "WEEKLY"}, "repeats"),
        ({"team": other_team}, "team"),
    ]:
        with pytest.raises(CalendarEventError) as raised:
            _add(council, admin, **changes)
        assert raised.value.field == field
    assert _history() == before


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OWNER, Role.REVIEWER, Role.MANAGER])
def test_only_administrators_change_the_calendar(council, admin, role):
    event = _add(council, admin)
    outsider = member_create(Organisation.objects.create(name="O", slug="o"), Role.ADMINISTRATOR)
    before = _history()
    for user in (member_create(council, role), outsider):
        with pytest.raises(PermissionDenied):
            _add(council, user)
        with pytest.raises(PermissionDenied):
            calendar_event_change(
                event=event,
                title="X",
                starts_on=event.starts_on,
                ends_on=None,
                repeats=YEARLY,
                description="",
                team=None,
                user=user,
            )
        with pytest.raises(PermissionDenied):
            calendar_event_archive(event=event, user=user)
        with pytest.raises(PermissionDenied):
            calendar_seed(organisation=council, year=2027, user=user)
    assert _history() == before


def test_seeding_again_leaves_a_removed_standard_event_removed(council, admin):
    seeded = calendar_seed(organisation=council, year=2027, user=admin)
    month = next(e for e in seeded if e.title == "Black History Month")
    calendar_event_archive(event=month, user=admin)
    again = calendar_seed(organisation=council, year=2027, user=admin)
    assert "Black History Month" not in {e.title for e in again}
    assert len(again) == len(seeded) - 1
    assert CalendarEvent.objects.filter(title="Black History Month").count() == 1


def test_the_feed_leaves_out_removed_events(client, council, admin):
    kept, removed = _add(council, admin, title="Kept"), _add(council, admin, title="Removed")
    calendar_event_archive(event=removed, user=admin)
    feed = Calendar.from_ical(client.get("/borough/diversity-calendar.ics").content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == [kept.title]


# The pages


def _event_post(**changes: str) -> dict[str, str]:
    return {
        "title": "Holocaust Memorial Day",
        "starts_on_day": "27",
        "starts_on_month": "1",
        "starts_on_year": "2027",
        "ends_on_day": "",
        "ends_on_month": "",
        "ends_on_year": "",
        "repeats": "YEARLY",
        "description": "",
        "team": "",
    } | changes


def test_the_events_page_lists_by_date_in_constant_queries(
    client, council, admin, django_assert_max_num_queries
):
    client.force_login(admin)
    team = Team.objects.create(organisation=council, name="Communities")
    _add(council, admin, title="Later", starts_on=dt.date(2027, 9, 1), team=team)
    _add(council, admin, title="Sooner", starts_on=dt.date(2027, 2, 1))
    with django_assert_max_num_queries(12) as few:
        client.get("/borough/manage/calendar/")
    for n in range(30):
        _add(council, admin, title=f"Event {n}", team=team)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/borough/manage/calendar/")
    html = page.content.decode()
    assert html.index("Sooner") < html.index("Later")
    assert "1 September 2027" in html and "Communities" in html


def test_an_event_is_added_with_the_date_input_and_changed(client, council, admin):
    client.force_login(admin)
    form = client.get("/borough/manage/calendar/new/").content.decode()
    assert 'class="govuk-date-input"' in form and 'name="starts_on_month"' in form
    assert client.post("/borough/manage/calendar/new/", _event_post()).status_code == 302
    event = CalendarEvent.objects.get(organisation=council)
    assert (event.title, event.starts_on, event.repeats) == (
        "Holocaust Memorial Day",
        dt.date(2027, 1, 27),
        YEARLY,
    )
    page = client.get(f"/borough/manage/calendar/{event.pk}/").content.decode()
    assert 'name="starts_on_day" type="text" inputmode="numeric" value="27"' in page
    changed = client.post(
        f"/borough/manage/calendar/{event.pk}/",
        _event_post(ends_on_day="2", ends_on_month="2", ends_on_year="2027"),
    )
    assert changed.status_code == 302
    event.refresh_from_db()
    assert event.ends_on == dt.date(2027, 2, 2)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"starts_on_day": "31", "starts_on_month": "2"}, "Start date must be a real date"),
        ({"starts_on_month": ""}, "Start date must include a month"),
        ({"starts_on_day": "", "starts_on_month": "", "starts_on_year": ""}, "Enter the start"),
        (
            {"ends_on_day": "1", "ends_on_month": "1", "ends_on_year": "2027"},
            "The end date must be the same as or after the start date",
        ),
        ({"title": ""}, "Enter the name of the event"),
        ({"repeats": ""}, "Choose how often it happens"),
    ],
)
def test_a_bad_event_gives_the_message_and_changes_nothing(
    client, council, admin, changes, message
):
    client.force_login(admin)
    before = _history()
    page = client.post("/borough/manage/calendar/new/", _event_post(**changes))
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert html.count(message) == 2  # the summary and the field
    assert _history() == before


def test_removing_an_event_asks_then_archives_it(client, council, admin):
    client.force_login(admin)
    event = _add(council, admin)
    confirm = client.get(f"/borough/manage/calendar/{event.pk}/remove/").content.decode()
    assert "Remove Pride from the calendar?" in confirm
    assert client.post(f"/borough/manage/calendar/{event.pk}/remove/").status_code == 302
    assert CalendarEvent.objects.get(pk=event.pk).archived_at is not None
    assert "The calendar is empty" in client.get("/borough/manage/calendar/").content.decode()
    # Once removed, it is not found to change.
    assert client.get(f"/borough/manage/calendar/{event.pk}/").status_code == 404


def test_one_button_adds_a_years_standard_events(client, council, admin):
    client.force_login(admin)
    year = dt.date.today().year
    done = client.post("/borough/manage/calendar/", {"year": str(year)}, follow=True)
    html = done.content.decode()
    assert "standard events added" in html
    assert "Black History Month" in html
    count = CalendarEvent.objects.filter(organisation=council).count()
    again = client.post("/borough/manage/calendar/", {"year": str(year)}, follow=True)
    assert f"already had {year}" in again.content.decode()
    assert CalendarEvent.objects.filter(organisation=council).count() == count
    wrong = client.post("/borough/manage/calendar/", {"year": "1900"})
    assert "Choose the year" in wrong.content.decode()
    assert CalendarEvent.objects.filter(organisation=council).count() == count


def test_an_event_of_another_council_is_not_found(client, council, admin):
    other = Organisation.objects.create(name="Other", slug="other")
    theirs = CalendarEvent.objects.create(
        organisation=other, title="Theirs", starts_on=dt.date(2027, 1, 1)
    )
    client.force_login(admin)
    assert client.post(f"/borough/manage/calendar/{theirs.pk}/remove/").status_code == 404
    assert CalendarEvent.objects.get(pk=theirs.pk).archived_at is None
