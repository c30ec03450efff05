"""A listing's life: sign-up (question pages, check your answers, honeypot, rate limit),
moderation, the owner's edit link (the public keeps the approved text), the quarterly review
(the "still correct" link renews; silence turns stale), and erasing a contact."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.directory.models import Contact, ListingChange, Service
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return Organisation.objects.create(name="Borough", slug="borough")


ANSWERS = {
    "group": {"group_name": "St Mary's <Church>", "group_description": "A parish church."},
    "service": {"service_name": "Warm space", "service_description": "Tea, Mondays."},
    "place": {"address_1": "1 Church Street", "city": "Maidstone", "postal_code": "ME14 1AA"},
    "contact": {
        "name": "Jo Bloggs",
        "email": "jo@example.org",
        "phone": "01622 000000",
        "publish": ["phone"],
        "privacy": "on",
    },
}


def _sign_up(client, answers=ANSWERS):
    for step, data in answers.items():
        response = client.post(f"/borough/directory/join/{step}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
    return client.post("/borough/directory/join/check/")


def test_sign_up_moderate_and_find_it(client, council, django_capture_on_commit_callbacks):
    html = client.post("/borough/directory/join/group/", {}).content.decode()
    assert "There is a problem" in html and "<title>Error:" in html  # each page checks its answers
    for step, data in ANSWERS.items():
        client.post(f"/borough/directory/join/{step}/", data)
    check = client.get("/borough/directory/join/check/").content.decode()
    assert "St Mary&#x27;s &lt;Church&gt;" in check  # shown as text, never markup
    assert "Shown publicly: phone" in check
    assert (
        client.post("/borough/directory/join/check/")["Location"] == "/borough/directory/join/sent/"
    )
    service = Service.objects.get()
    assert service.listing == Service.Listing.PENDING
    contact = Contact.objects.get()
    assert (contact.publish_name, contact.publish_email, contact.publish_phone) == (
        False,
        False,
        True,
    )
    assert "Warm space" not in client.get("/borough/directory/").content.decode()
    assert client.get("/openreferral/services").json()["total_items"] == 0

    reviewer = member_create(council, Role.REVIEWER)
    client.force_login(reviewer)
    assert "Warm space" in client.get("/borough/directory/moderation/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/borough/directory/moderation/",
            {"kind": "listing", "id": service.pk, "decision": "approve"},
        )
    client.logout()
    # The contact is e-mailed the link to keep the listing up to date (no password).
    [live] = [m for m in mail.outbox if m.subject.startswith("Your listing is live")]
    assert live.to == ["jo@example.org"] and "/borough/directory/change/" in live.body
    assert "Warm space" in client.get("/borough/directory/?q=warm").content.decode()
    page = client.get(f"/borough/directory/{service.uid}/").content.decode()
    assert "01622 000000" in page and "jo@example.org" not in page and "Jo Bloggs" not in page
    assert client.get("/openreferral/services?search=warm").json()["total_items"] == 1


def test_the_honeypot_keeps_nothing(client, council):
    client.post("/borough/directory/join/group/", {**ANSWERS["group"], "nickname": "bot"})
    assert not Service.objects.exists() and "eqtrack_directory_signup" not in client.session


def test_a_sixth_sign_up_in_an_hour_from_one_address_is_refused(client, council, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d"}
    }
    for _ in range(5):
        assert _sign_up(client).status_code == 302
    refused = _sign_up(client)
    assert refused.status_code == 429 and "Too many listings" in refused.content.decode()
    assert Service.objects.count() == 5


def test_fields_have_size_limits(client, council):
    html = client.post(
        "/borough/directory/join/group/", {"group_name": "x" * 201, "group_description": "y"}
    ).content.decode()
    assert "Ensure this value has at most 200 characters" in html


def _approved(client, council):
    _sign_up(client)
    service = Service.objects.get()
    from eqtrack.directory.services import listing_approve

    listing_approve(service=service, user=member_create(council, Role.ADMINISTRATOR))
    return service


CHANGE = {
    "group_name": "St Mary's Church",
    "group_description": "A parish church.",
    "service_name": "Warm space and lunch",
    "service_description": "Tea and soup, Mondays.",
    "website": "",
    "email": "",
}


def _link_in(message) -> str:
    """The change link's path in an e-mail."""
    found = re.search(r"http://\S+?(/borough/directory/change/\S+/)", message.body)
    assert found is not None
    return found.group(1)


def _mailed_link(service) -> str:
    from eqtrack.directory.services import listing_links_send

    listing_links_send(service=service)
    return _link_in(mail.outbox[-1])


def _open(client, url):
    """Open an e-mailed link: its page, then its button; returns the form's response."""
    landing = client.get(url)
    assert landing.status_code == 200 and "Continue" in landing.content.decode()
    opened = client.post(url)
    assert opened.status_code == 302 and opened["Location"] == "/borough/directory/change/"
    return client.get("/borough/directory/change/")


def test_the_owner_edits_through_a_link_and_the_public_sees_the_old_text_until_approval(
    client, council, django_capture_on_commit_callbacks
):
    service = _approved(client, council)
    url = _mailed_link(service)
    form = _open(client, url).content.decode()
    assert "Warm space" in form
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/borough/directory/change/", CHANGE)
    assert "Change sent" in done.content.decode()
    assert ListingChange.objects.get().decision == "pending"
    # A new link is e-mailed for the next change; the one used works no more.
    assert "we have your change" in mail.outbox[-1].body and _link_in(mail.outbox[-1]) != url
    public = client.get(f"/borough/directory/{service.uid}/").content.decode()
    assert "Warm space and lunch" not in public and "Tea, Mondays." in public
    client.force_login(member_create(council, Role.REVIEWER))
    moderation = client.get("/borough/directory/moderation/").content.decode()
    assert "<del>Warm space</del>" in moderation and "<ins>Warm space and lunch</ins>" in moderation
    change = ListingChange.objects.get()
    client.post(
        "/borough/directory/moderation/", {"kind": "change", "id": change.pk, "decision": "approve"}
    )
    client.logout()
    assert (
        "Warm space and lunch" in client.get(f"/borough/directory/{service.uid}/").content.decode()
    )
    # A forged or expired link changes nothing.
    assert client.get("/borough/directory/change/forged/").status_code == 404


def test_a_link_is_good_for_one_change_and_a_logged_address_is_spent(client, council):
    """The address (which lands in access logs) is spent once opened; the change it grants is
    spent once sent; neither can be replayed."""
    from django.test import Client

    service = _approved(client, council)
    url = _mailed_link(service)
    # A mail scanner fetching the link spends nothing.
    assert Client().get(url).status_code == 200
    _open(client, url)
    # Someone replaying the address from a log, in another browser: refused, clearly.
    other = Client()
    for replay in (other.get(url), other.post(url)):
        assert replay.status_code == 410 and "This link has been used" in replay.content.decode()
    assert other.get("/borough/directory/change/").status_code == 404
    assert client.post("/borough/directory/change/", CHANGE).status_code == 200
    # The change is sent: the same browser cannot send another with that link.
    again = client.post("/borough/directory/change/", {**CHANGE, "service_name": "Second"})
    assert again.status_code == 404 and "Open the link in our e-mail" in again.content.decode()
    used = client.get(url)
    assert used.status_code == 410 and "This link has been used" in used.content.decode()
    assert ListingChange.objects.count() == 1


def test_a_moderator_revokes_a_listings_links(client, council):
    service = _approved(client, council)
    url = _mailed_link(service)
    opened_elsewhere = _mailed_link(service)
    # A newer link replaces one not yet opened.
    assert client.get(url).status_code == 410
    from django.test import Client

    owner = Client()
    _open(owner, opened_elsewhere)
    moderator = member_create(council, Role.REVIEWER)
    client.force_login(moderator)
    page = client.get("/borough/directory/moderation/").content.decode()
    assert "Revoke the change link" in page
    client.post("/borough/directory/moderation/", {"kind": "revoke", "id": service.pk})
    assert (
        "Revoke the change link"
        not in client.get("/borough/directory/moderation/").content.decode()
    )
    refused = owner.post("/borough/directory/change/", CHANGE)
    assert refused.status_code == 410 and "withdrawn" in refused.content.decode()
    assert not ListingChange.objects.exists()


def test_erasing_the_contact_stops_their_links(client, council):
    service = _approved(client, council)
    url = _mailed_link(service)
    call_command("directory-erase", "jo@example.org", "--erase")
    refused = client.get(url)
    assert refused.status_code == 410 and "erased" in refused.content.decode()
    assert client.post(url).status_code == 410
    assert not ListingChange.objects.exists()


def test_the_review_asks_once_renews_on_confirmation_and_turns_silence_stale(client, council):
    service = _approved(client, council)
    Service.objects.filter(pk=service.pk).update(
        last_confirmed_at=timezone.make_aware(dt.datetime(2031, 1, 1, 12))
    )
    call_command("directory-review", "--date", "2031-04-10")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jo@example.org"]
    call_command("directory-review", "--date", "2031-04-11")
    assert len(mail.outbox) == 1  # asked once per review
    confirm = re.search(r"http://\S+/confirm/\S+/", mail.outbox[0].body).group(0)
    path = confirm.split("8000", 1)[1]
    assert "Yes, it is still correct" in client.get(path).content.decode()
    client.post(path)
    service.refresh_from_db()
    assert service.last_confirmed_at.date() == timezone.now().date()

    # Another listing that never answers turns stale after the grace period.
    Service.objects.filter(pk=service.pk).update(
        last_confirmed_at=timezone.make_aware(dt.datetime(2031, 1, 1, 12))
    )
    call_command("directory-review", "--date", "2031-05-20")
    service.refresh_from_db()
    assert service.stale_since is not None
    client.force_login(member_create(council, Role.REVIEWER))
    assert "stale since" in client.get("/borough/directory/moderation/").content.decode()


def test_a_contacts_details_are_exported_and_erased_and_the_listing_stays(client, council, capsys):
    service = _approved(client, council)
    call_command("directory-erase", "jo@example.org", "--export")
    assert '"phone": "01622 000000"' in capsys.readouterr().out
    call_command("directory-erase", "jo@example.org", "--erase")
    contact = Contact.objects.get()
    assert (contact.name, contact.email, contact.phone) == ("", "", "")
    assert all(h.email == "" and h.phone == "" for h in contact.history.all())
    page = client.get(f"/borough/directory/{service.uid}/").content.decode()
    assert "Warm space" in page and "01622" not in page


def test_cached_searches_show_a_change_at_once(client, council, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "c"}
    }
    assert "Warm space" not in client.get("/borough/directory/?q=warm").content.decode()
    assert client.get("/openreferral/services?search=warm").json()["total_items"] == 0
    _approved(client, council)  # signs up and is approved
    assert "Warm space" in client.get("/borough/directory/?q=warm").content.decode()
    assert client.get("/openreferral/services?search=warm").json()["total_items"] == 1
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    visitor = Client()  # no session: only the directory's version is read
    with CaptureQueriesContext(connection) as queries:
        visitor.get("/openreferral/services?search=warm")
    assert len(queries) == 1  # the answer came from the cache


def test_a_group_renamed_anywhere_is_found_by_its_new_name(client, council):
    """The admin edits a Group alone; its services' search words must follow."""
    _approved(client, council)
    group = Service.objects.get().group
    group.name = "Riverside Lighthouse Trust"
    group.save()
    page = client.get("/borough/directory/?q=lighthouse").content.decode()
    assert "Warm space" in page
    assert client.get("/openreferral/services?search=lighthouse").json()["total_items"] == 1


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _results(html: str) -> list[str]:
    """The search's results as read: each one's first line (its name, and its group's)."""
    import lxml.html

    return [
        " ".join((link.text_content() + (link.tail or "")).split())
        for link in lxml.html.fromstring(html).xpath('//ol[@aria-labelledby="results"]/li/a')
    ]


def test_a_group_listed_under_its_own_name_is_named_once(client, council):
    from eqtrack.directory.services import listing_approve, listing_create

    admin = member_create(council, Role.ADMINISTRATOR)
    for group, activity in (("Carers' café", "Carers' café"), ("St Mary's", "Warm space")):
        listing_approve(
            service=listing_create(
                organisation=council,
                group_name=group,
                group_description="A group.",
                service_name=activity,
                service_description="A place to meet.",
            ),
            user=admin,
        )
    html = client.get("/borough/directory/").content.decode()
    assert _results(html) == ["Carers' café", "Warm space – St Mary's"]
    import lxml.html

    cafe = Service.objects.get(name="Carers' café")
    page = lxml.html.fromstring(client.get(f"/borough/directory/{cafe.uid}/").content)
    assert page.xpath('//*[contains(@class, "govuk-caption-l")]') == []
    assert _text(page.xpath("//h1")[0]) == "Carers' café"
    warm = Service.objects.get(name="Warm space")
    page = lxml.html.fromstring(client.get(f"/borough/directory/{warm.uid}/").content)
    assert _text(page.xpath('//*[contains(@class, "govuk-caption-l")]')[0]) == "St Mary's"


def test_a_postcode_must_have_a_postcodes_shape_and_is_kept_in_capitals(client, council):
    for step in ("group", "service"):
        client.post(f"/borough/directory/join/{step}/", ANSWERS[step])
    place = {"address_1": "1 Church Street", "city": "Maidstone"}
    for wrong in ("ME14 1PLX", "ME14", "12345", "ME14 1A"):
        response = client.post("/borough/directory/join/place/", {**place, "postal_code": wrong})
        assert response.status_code == 200
        html = response.content.decode()
        # Once in the summary at the top, once by the field; and only that message.
        assert html.count("Enter a real postcode, like ME14 1XX") == 2, wrong
        assert "Enter the postcode of the address" not in html
    assert "postal_code" not in client.session.get("eqtrack_directory_signup", {})
    client.post("/borough/directory/join/place/", {**place, "postal_code": " me141aa "})
    client.post("/borough/directory/join/contact/", ANSWERS["contact"])
    assert "Maidstone ME14 1AA" in client.get("/borough/directory/join/check/").content.decode()
    client.post("/borough/directory/join/check/")
    from eqtrack.directory.models import Location

    assert [loc.postal_code for loc in Location.objects.all()] == ["ME14 1AA"]


def _summary_lists(html: str) -> dict[str, dict[str, list[str]]]:
    """Each summary card's title, and its summary list: key -> the values, as read."""
    import lxml.html

    cards = {}
    for card in lxml.html.fromstring(html).xpath('//div[@class="govuk-summary-card"]'):
        title = _text(card.xpath('.//*[@class="govuk-summary-card__title"]')[0])
        rows: dict[str, list[str]] = {}
        for row in card.xpath('.//div[@class="govuk-summary-list__row"]'):
            value = row.xpath('./dd[@class="govuk-summary-list__value"]')[0]
            lines = [" ".join(t.split()) for t in value.itertext() if t.strip()]
            rows.setdefault(_text(row.xpath("./dt")[0]), []).extend(lines)
        cards[title] = rows
    return cards


def test_the_moderator_sees_all_of_a_new_listing_before_deciding(client, council):
    from eqtrack.assessments.models import Characteristic
    from eqtrack.directory.models import TaxonomyTerm

    client.get("/borough/directory/join/service/")  # the question page seeds the choices
    faith = TaxonomyTerm.objects.get(organisation=council, code="faith")
    older = TaxonomyTerm.objects.get(organisation=council, code="older-people")
    age = Characteristic.objects.get(organisation=council, name="Age")
    _sign_up(
        client,
        {
            "group": {
                **ANSWERS["group"],
                "website": "https://stmarys.example.org",
                "email": "office@stmarys.example.org",
            },
            "service": {
                **ANSWERS["service"],
                "terms": [faith.pk, older.pk],
                "characteristics": [age.pk],
            },
            "place": ANSWERS["place"],
            "contact": {**ANSWERS["contact"], "publish": ["name", "phone"]},
        },
    )
    client.force_login(member_create(council, Role.REVIEWER))
    cards = _summary_lists(client.get("/borough/directory/moderation/").content.decode())
    assert cards == {
        "Warm space – St Mary's <Church>": {
            "Group": ["St Mary's <Church>"],
            "What the group does": ["A parish church."],
            "Activity or service": ["Warm space"],
            "Description": ["Tea, Mondays."],
            "Address": ["1 Church Street, Maidstone ME14 1AA"],
            "Website": ["https://stmarys.example.org"],
            "Public e-mail address": ["office@stmarys.example.org"],
            "Kind of group": ["Faith groups and places of worship, Older people"],
            "Especially for": ["Age"],
            "Contact": [
                "Jo Bloggs (published, with their consent)",
                "jo@example.org (not published)",
                "01622 000000 (published, with their consent)",
            ],
        }
    }
    # Nothing the group typed is markup, and the approve and reject buttons are still there.
    html = client.get("/borough/directory/moderation/").content.decode()
    assert "St Mary&#x27;s &lt;Church&gt;" in html and "<Church>" not in html
    assert 'name="decision" value="approve"' in html and 'name="decision" value="reject"' in html


def test_a_listing_with_no_address_website_or_contact_says_so(client, council):
    from eqtrack.directory.services import listing_create

    listing_create(
        organisation=council,
        group_name="Online group",
        group_description="Meets online.",
        service_name="Online group",
        service_description="Video calls.",
    )
    client.force_login(member_create(council, Role.REVIEWER))
    cards = _summary_lists(client.get("/borough/directory/moderation/").content.decode())
    details = cards["Online group"]
    assert details["Address"] == ["No address (online or in many places)"]
    assert details["Website"] == details["Public e-mail address"] == ["Not given"]
    assert details["Kind of group"] == ["None chosen"] and details["Contact"] == ["None given"]


def test_a_search_that_finds_nothing_suggests_what_to_try(client, council):
    import lxml.html

    assert "No groups are listed yet" in client.get("/borough/directory/?q=knit").content.decode()
    _approved(client, council)
    found = client.get("/borough/directory/?q=warm").content.decode()
    assert "No groups match" not in found
    nothing = lxml.html.fromstring(client.get("/borough/directory/?q=knitting+circle").content)
    hint = _text(nothing.xpath('//p[contains(., "No groups match")]/following-sibling::ul[1]')[0])
    assert "check the spelling" in hint and "try fewer words" in hint
    assert "clear the filters" not in hint  # there were none
    assert nothing.xpath('//a[. = "see all 1 group and activity"]/@href') == ["/borough/directory/"]

    category = Service.objects.get().terms.model.objects.get(code="carers").pk
    filtered = lxml.html.fromstring(
        client.get(f"/borough/directory/?q=warm+%26+tea&category={category}").content
    )
    assert _text(filtered.xpath('//h2[@id="results"]')[0]) == "0 found"
    [clear] = filtered.xpath('//a[. = "clear the filters"]')
    assert clear.get("href") == "/borough/directory/?q=warm+%26+tea"
    assert "search again for “warm & tea”" in _text(clear.getparent())
    assert "Warm space" in client.get(clear.get("href")).content.decode()


def test_other_forms_of_a_word_find_a_listing(client, council):
    _approved(client, council)  # "Warm space"
    assert client.get("/openreferral/services?search=warm+spaces").json()["total_items"] == 1
    assert "Warm space" in client.get("/borough/directory/?q=spaces").content.decode()


def test_answers_kept_from_before_postcodes_were_checked_go_back_to_that_question(client, council):
    from eqtrack.directory.views import SIGNUP

    for step, data in ANSWERS.items():
        client.post(f"/borough/directory/join/{step}/", data)
    session = client.session
    session[SIGNUP]["postal_code"] = "ME14 1PLX"  # as a sign-up begun before the check kept it
    session.save()
    response = client.post("/borough/directory/join/check/")
    assert response.status_code == 302 and response["Location"].endswith("/join/place/")
    assert not Service.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Enter a real postcode, like ME14 1XX" in page
    assert client.session[SIGNUP]["group_name"] == "St Mary's <Church>"  # the rest kept


def test_the_count_of_groups_listed_leaves_out_hidden_stale_ones(client, council, settings):
    _approved(client, council)
    assert "1 group and activity listed" in client.get("/borough/directory/").content.decode()
    Service.objects.update(stale_since=timezone.now())
    settings.EQTRACK_DIRECTORY_HIDE_STALE = True
    assert "0 groups and activities listed" in client.get("/borough/directory/").content.decode()


def test_the_sign_up_pages_write_nothing_on_a_get(client, council):
    """The categories and characteristics a group chooses from were seeded when the council
    was set up: showing the questions (a public GET) writes nothing to the database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        pages = [client.get(f"/borough/directory/join/{step}/") for step in ANSWERS]
    assert [p.status_code for p in pages] == [200] * len(ANSWERS)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    service_page = pages[list(ANSWERS).index("service")].content.decode()
    assert "Faith groups" in service_page and "Disability" in service_page
