"""The council's management pages (glossary, Word template, diversity calendar events,
characteristics) used in a browser with JavaScript off, by an administrator who is neither
staff nor superuser: every page, error states included, checked with axe (WCAG 2.2 AA)."""

import datetime as dt

import pytest

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Characteristic
from eqtrack.directory.models import CalendarEvent
from eqtrack.organisations.models import Organisation
from eqtrack.reports.models import GlossaryEntry, WordTemplate

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council():
    return Organisation.objects.create(name="Borough Council", slug="borough")


def test_an_administrator_manages_without_the_django_admin(live_server, browser, council, tmp_path):
    admin = member_create(council, Role.ADMINISTRATOR, username="ada")
    assert not admin.is_staff and not admin.is_superuser
    page = signed_in_page(browser, live_server, admin, javascript=False)
    base = f"{live_server.url}/borough/manage"
    failures = []

    # The glossary: the standard one shown, a term added, a duplicate refused.
    page.goto(f"{base}/glossary/")
    failures += axe_failures(page, "glossary, standard")
    page.fill("#id_term", "MBC")
    page.fill("#id_expansion", "Maidstone Borough Council")
    page.click("text=Add the term")
    assert "MBC is in the glossary." in page.content()
    failures += axe_failures(page, "glossary, own")
    page.fill("#id_term", "MBC")
    page.fill("#id_expansion", "Another")
    page.click("text=Add the term")
    assert page.locator(".govuk-error-summary").is_visible()
    failures += axe_failures(page, "glossary, duplicate")
    page.click("text=Change MBC")
    failures += axe_failures(page, "glossary term")
    page.goto(f"{base}/glossary/")
    page.click("text=Remove MBC")
    failures += axe_failures(page, "glossary remove")
    page.click("button:has-text('Remove MBC')")
    assert not GlossaryEntry.objects.filter(organisation=council, term="MBC").exists()

    # The Word template: a file that is not one is refused with one message.
    page.goto(f"{base}/word-template/")
    failures += axe_failures(page, "word template")
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"not a Word document")
    page.set_input_files("#id_upload", str(bad))
    page.click("text=Upload the template")
    assert "The file could not be used" in page.content()
    failures += axe_failures(page, "word template, bad file")
    assert not WordTemplate.objects.exists()

    # The calendar: a year's standard events, an event added with the date input.
    page.goto(f"{base}/calendar/")
    failures += axe_failures(page, "calendar, empty")
    page.click("text=Add the standard events")
    assert "standard events added" in page.content()
    failures += axe_failures(page, "calendar, seeded")
    page.click("text=Add an event")
    page.fill("#id_title", "Borough Pride")
    page.fill("#id_starts_on_0", "31")
    page.fill("#id_starts_on_1", "2")
    page.fill("#id_starts_on_2", "2031")
    page.check("text=Every year, on the same date")
    page.click("text=Add the event")
    assert "Start date must be a real date" in page.content()
    failures += axe_failures(page, "calendar event, bad date")
    page.fill("#id_starts_on_0", "14")
    page.fill("#id_starts_on_1", "6")
    page.click("text=Add the event")
    event = CalendarEvent.objects.get(organisation=council, title="Borough Pride")
    assert event.starts_on == dt.date(2031, 6, 14)
    page.click("text=Change Borough Pride")
    failures += axe_failures(page, "calendar event")
    page.goto(f"{base}/calendar/{event.pk}/remove/")
    failures += axe_failures(page, "calendar event remove")

    # The characteristics: a local one added, one retired.
    page.goto(f"{base}/characteristics/")
    failures += axe_failures(page, "characteristics")
    page.fill("#id_name", "Carers")
    page.click("text=Add the characteristic")
    failures += axe_failures(page, "characteristics, duplicate")
    page.fill("#id_name", "Rural isolation")
    page.click("text=Add the characteristic")
    assert Characteristic.objects.filter(organisation=council, name="Rural isolation").exists()
    page.click("text=Retire Carers")
    failures += axe_failures(page, "characteristic retire")
    page.click("button:has-text('Retire Carers')")
    failures += axe_failures(page, "characteristics, retired")
    assert Characteristic.objects.get(organisation=council, name="Carers").retired_at
    assert "/admin/" not in page.url
    assert failures == []
