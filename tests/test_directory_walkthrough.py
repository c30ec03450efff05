"""The community directory in a real browser, JavaScript off: a group signs up, a moderator
approves it, it appears in search and the API; the owner edits it through the e-mailed link
and the public sees the old text until approval; the review e-mail's "still correct" link
renews it; an unconfirmed listing turns stale. axe checks every page, error states too."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.directory.models import Postcode, Service
from eqtrack.organisations.models import Organisation

from .browsing import axe_failures
from .browsing import signed_in_page as _signed_in

pytestmark = pytest.mark.django_db(transaction=True)


def _axe(browser, page, failures, label):
    failures += axe_failures(page, label)


def test_a_group_from_sign_up_to_stale(browser, live_server, settings):
    settings.EQTRACK_BASE_URL = live_server.url
    Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")
    council = Organisation.objects.get()
    site, failures = f"{live_server.url}/maidstone/directory", []
    context = browser.new_context(java_script_enabled=False)
    group = context.new_page()
    group.goto(f"{site}/")
    _axe(browser, group, failures, "directory search")
    group.click("text=List your group")
    group.click("button:has-text('Continue')")
    assert "There is a problem" in group.content()
    _axe(browser, group, failures, "sign-up, error")
    group.fill("#id_group_name", "Maidstone Mosque")
    group.fill("#id_group_description", "A mosque and community centre.")
    group.fill("#id_website", "mosque.example.org")
    group.fill("#id_email", "office@mosque.example.org")
    group.click("button:has-text('Continue')")
    group.fill("#id_service_name", "Friday community lunch")
    group.fill("#id_service_description", "Free hot lunch for anyone, every Friday.")
    group.check("label:has-text('Faith groups and places of worship')")
    group.check("label:has-text('Cost of living')")
    _axe(browser, group, failures, "sign-up, what you offer")
    group.click("button:has-text('Continue')")
    group.fill("#id_address_1", "1 Mosque Road")
    group.fill("#id_city", "Maidstone")
    group.click("button:has-text('Continue')")
    assert "Enter the postcode of the address" in group.content()
    _axe(browser, group, failures, "sign-up where, error")
    group.fill("#id_postal_code", "ME15 6AAX")
    group.click("button:has-text('Continue')")
    assert "Enter a real postcode, like ME14 1XX" in group.content()
    _axe(browser, group, failures, "sign-up where, a postcode that is not one")
    group.fill("#id_postal_code", "me15 6aa")
    group.click("button:has-text('Continue')")
    group.fill("#id_name", "Amina Khan")
    group.fill("#id_email", "amina@example.org")
    group.fill("#id_phone", "01622 000000")
    group.click("button:has-text('Continue')")
    assert "Agree to the privacy notice" in group.content()
    _axe(browser, group, failures, "sign-up contact, error")
    group.check("#id_privacy")
    group.check("label:has-text('My name')")
    group.click("button:has-text('Continue')")
    _axe(browser, group, failures, "check your answers")
    group.click("button:has-text('Send')")
    assert "Listing sent" in group.content()
    _axe(browser, group, failures, "sent")

    moderator = _signed_in(browser, live_server, member_create(council, Role.REVIEWER))
    moderator.goto(f"{site}/moderation/")
    # The whole listing, to decide on: what the group does, where, how to reach it, the contact
    # and which of their details they agreed to publish.
    card = moderator.inner_text(".govuk-summary-card")
    for shown in (
        "A mosque and community centre.",
        "1 Mosque Road, Maidstone ME15 6AA",
        "https://mosque.example.org",
        "office@mosque.example.org",
        "Cost of living, Faith groups and places of worship",
        "Amina Khan (published, with their consent)",
        "amina@example.org (not published)",
        "01622 000000 (not published)",
    ):
        assert shown in card, shown
    _axe(browser, moderator, failures, "moderation, a new listing in full")
    moderator.click("button:has-text('Approve')")
    service = Service.objects.get()
    assert service.listing == "approved"

    group.goto(f"{site}/?q=knitting")
    assert "No groups match your search" in group.content()
    _axe(browser, group, failures, "search, nothing found")
    group.goto(f"{site}/?q=lunch")
    group.click("text=Friday community lunch")
    assert "Amina Khan" in group.content() and "amina@example.org" not in group.content()
    _axe(browser, group, failures, "listing")
    api = group.request.get(f"{live_server.url}/openreferral/services?search=lunch").json()
    assert [s["name"] for s in api["contents"]] == ["Friday community lunch"]

    # The review e-mail: its edit link, then its "still correct" link.
    Service.objects.filter(pk=service.pk).update(
        last_confirmed_at=timezone.now() - dt.timedelta(days=100)
    )
    call_command("directory-review")
    body = mail.outbox[-1].body
    link = re.search(r"http://\S+/change/\S+/", body).group(0)
    group.goto(link)
    _axe(browser, group, failures, "change link, continue")
    group.click("button:has-text('Continue')")
    group.fill("#id_service_name", "Friday community lunch and tea")
    group.click("button:has-text('Send the change')")
    assert "Change sent" in group.content()
    _axe(browser, group, failures, "change sent")
    # The link worked once: opened again, it says so.
    group.goto(link)
    assert "This link has been used" in group.content()
    _axe(browser, group, failures, "change link, used")
    group.goto(f"{site}/{service.uid}/")
    assert "Friday community lunch and tea" not in group.content()
    moderator.goto(f"{site}/moderation/")
    assert "Friday community lunch and tea" in moderator.content()
    _axe(browser, moderator, failures, "moderation, a change with its differences")
    moderator.click("button:has-text('Approve the change')")
    group.goto(f"{site}/{service.uid}/")
    assert "Friday community lunch and tea" in group.content()

    group.goto(re.search(r"http://\S+/confirm/\S+/", body).group(0))
    _axe(browser, group, failures, "still correct?")
    group.click("button:has-text('Yes, it is still correct')")
    _axe(browser, group, failures, "confirmed")
    service.refresh_from_db()
    assert service.last_confirmed_at > timezone.now() - dt.timedelta(minutes=5)
    assert service.stale_since is None

    # Silence: 91 days and the 28-day grace later, it is stale.
    Service.objects.filter(pk=service.pk).update(
        last_confirmed_at=timezone.now() - dt.timedelta(days=130)
    )
    call_command("directory-review")
    service.refresh_from_db()
    assert service.stale_since is not None
    moderator.goto(f"{site}/moderation/")
    assert "stale since" in moderator.content()
    context.close()
    assert failures == []


def test_the_calendar_edit_and_expired_link_pages(browser, live_server):
    from eqtrack.directory.services import calendar_seed, edit_link_issue, listing_create

    council = Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")
    calendar_seed(organisation=council, year=dt.date.today().year)
    service = listing_create(
        organisation=council,
        group_name="Group",
        group_description="About.",
        service_name="Service",
        service_description="What.",
    )
    failures = []
    page = browser.new_page()
    page.goto(f"{live_server.url}/maidstone/diversity-calendar/")
    assert "Black History Month" in page.content()
    _axe(browser, page, failures, "calendar")
    secret = edit_link_issue(service=service, contact=None)
    page.goto(f"{live_server.url}/maidstone/directory/change/{secret}/")
    page.click("button:has-text('Continue')")
    page.fill("#id_group_name", "")
    page.click("button:has-text('Send the change')")
    assert "There is a problem" in page.content()
    _axe(browser, page, failures, "owner's change, error")
    # Distance search, once the council has loaded postcodes, with a postcode it does not know.
    Postcode.objects.create(postcode="ME141AA", latitude=51.27, longitude=0.52)
    page.goto(f"{live_server.url}/maidstone/directory/?postcode=ZZ99+9ZZ")
    assert "We do not know the postcode" in page.content()
    _axe(browser, page, failures, "search, postcode error")
    page.goto(f"{live_server.url}/maidstone/directory/confirm/forged/")
    _axe(browser, page, failures, "expired link")
    page.close()
    assert failures == []
