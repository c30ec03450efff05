"""The duty pages end to end: the administrators' record page (both dates, a refused one
changing nothing) and the full calendar for members, with its query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Policy
from eqtrack.duty.models import DutyRecord
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")


def _date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def test_an_administrator_records_the_dates(client, council):
    client.force_login(member_create(council, Role.ADMINISTRATOR))
    page = client.get("/maidstone/manage/duty/")
    assert page.status_code == 200
    assert "Equality information last published" in page.content.decode()
    response = client.post(
        "/maidstone/manage/duty/",
        _date("information_published_on", dt.date(2025, 12, 1))
        | _date("objectives_set_on", dt.date(2022, 12, 15)),
    )
    assert response.status_code == 302 and response["Location"] == "/maidstone/duties/"
    record = DutyRecord.objects.get(organisation=council)
    assert (record.information_published_on, record.objectives_set_on) == (
        dt.date(2025, 12, 1),
        dt.date(2022, 12, 15),
    )
    page = client.get("/maidstone/duties/").content.decode()
    assert "1 December 2026" in page and "15 December 2026" in page
    # The form shows what is recorded.
    form = client.get("/maidstone/manage/duty/").content.decode()
    assert (
        'name="information_published_on_year" type="text" inputmode="numeric" value="2025"' in form
    )


def test_a_day_to_come_is_refused_and_nothing_is_recorded(client, council):
    client.force_login(member_create(council, Role.ADMINISTRATOR))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        "/maidstone/manage/duty/",
        _date("information_published_on", dt.date(2025, 12, 1))
        | _date("objectives_set_on", tomorrow),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The date the equality objectives were set must be today or in the past" in html
    assert not DutyRecord.objects.exists()  # the good date neither: both or none


def test_a_date_that_is_no_date_is_refused(client, council):
    client.force_login(member_create(council, Role.ADMINISTRATOR))
    response = client.post(
        "/maidstone/manage/duty/",
        {"information_published_on_day": "31", "information_published_on_month": "2"}
        | {"information_published_on_year": "2025"},
    )
    assert response.status_code == 200
    assert "Equality information last published must be a real date" in response.content.decode()
    assert not DutyRecord.objects.exists()


def test_the_full_calendar_for_members(client, council, django_assert_max_num_queries):
    client.force_login(member_create(council, Role.VIEWER))
    today = timezone.localdate()
    for n in range(10):
        Policy.objects.create(
            organisation=council, title=f"Policy {n}", next_review_on=today + dt.timedelta(days=n)
        )
    with django_assert_max_num_queries(12):
        response = client.get("/maidstone/duties/")
    html = response.content.decode()
    assert html.count("Review “Policy") == 10
    assert "Publish the equality information" in html and "Not known" in html
    # Viewers read it but do not record.
    assert 'href="/maidstone/manage/duty/"' not in html
    assert "Record when the equality information" not in html


def test_the_council_page_links_the_pages(client, council):
    client.force_login(member_create(council, Role.ADMINISTRATOR))
    html = client.get("/maidstone/").content.decode()
    assert 'href="/maidstone/duties/"' in html
    assert 'href="/maidstone/manage/duty/"' in html
