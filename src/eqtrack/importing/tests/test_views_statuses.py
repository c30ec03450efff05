"""The web import's check page asks what each status wording eqtrack does not know means; the
choice is used for that import and remembered for the organisation's next one."""

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.importing.errors import ImportingError
from eqtrack.importing.models import StatusWording
from eqtrack.importing.services import plan_import_upload
from eqtrack.importing.staging import staging_save
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Plan, Update

from .test_status_wordings import report_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path):
        yield tmp_path


@pytest.fixture
def admin(client):
    organisation = Organisation.objects.create(name="Kent Borough Council", slug="kent")
    user = member_create(organisation, Role.ADMINISTRATOR)
    client.force_login(user)
    return user


def _upload(client, slug: str, name: str, page: str):
    sent = client.post(
        f"/{slug}/import/",
        {"files": [SimpleUploadedFile(name, page.encode())], "periods": "", "target": "new"},
    )
    assert sent.status_code == 302, sent.content.decode()[:2000]
    return sent["Location"]


def _select_name(html: str, wording: str) -> str:
    """The name of the select whose label asks what `wording` means."""
    label = re.search(rf'<label class="govuk-label[^"]*" for="id_([^"]+)">“{wording}” means', html)
    assert label, f"no choice for {wording!r} on the page"
    return label.group(1)


FIRST = [
    ("1.1", "Publish the ethnicity pay gap.", "Behind target"),
    ("1.2", "Train every manager.", "Awaiting HR sign-off"),
    ("1.3", "Run the staff survey.", "Achieved"),
]
SECOND = [
    ("2.1", "Set up a disabled staff network.", "behind target."),
    ("2.2", "Review the flexible working policy.", "Awaiting HR sign-off"),
]


def test_map_an_unknown_status_on_the_check_page_and_the_next_import_knows_it(client, admin):
    check = _upload(client, "kent", "progress-2024.html", report_page(FIRST))
    html = unescape(client.get(check).content.decode())
    assert "Statuses eqtrack does not know" in html
    assert "status not recognised (1.1, 2024): Behind target" in html
    behind = _select_name(html, "Behind target")
    awaiting = _select_name(html, "Awaiting HR sign-off")
    assert '<option value="off_track">Off track</option>' in html
    assert '<option value="">Leave without a category</option>' in html

    # Check again with a choice: this import reads it so; nothing is stored or remembered yet.
    again = client.post(check, {"check": "1", behind: "off_track", awaiting: ""})
    html = unescape(again.content.decode())
    assert "status not recognised (1.1, 2024)" not in html
    assert (
        "<li>progress-2024.html: status 'Behind target' (ref 1.1) read as off track, as chosen "
        "on the check page</li>"
    ) in html
    assert "status not recognised (1.2, 2024): Awaiting HR sign-off" in html
    assert re.search(r'<option value="off_track" selected>Off track</option>', html)
    assert not StatusWording.objects.exists() and not Plan.objects.exists()

    done = client.post(check, {"confirm": "1", behind: "off_track", awaiting: ""})
    assert done.status_code == 302
    first = Update.objects.get(action__ref="1.1")
    assert (first.status_text, first.status_category) == ("Behind target", "off_track")
    assert Update.objects.get(action__ref="1.2").status_category is None
    [remembered] = StatusWording.objects.all()
    assert (remembered.wording, remembered.category, remembered.created_by) == (
        "behind target",
        "off_track",
        admin,
    )
    assert remembered.organisation.slug == "kent"

    # The next import by the same council: known without asking; the other still asked.
    check = _upload(client, "kent", "progress-2025.html", report_page(SECOND, year="2025"))
    html = unescape(client.get(check).content.decode())
    assert "“behind target.” means" not in html
    assert "“Awaiting HR sign-off” means" in html
    assert "status 'behind target.' (ref 2.1) read as off track, as your organisation chose on" in (
        html
    )
    assert client.post(check, {"confirm": "1"}).status_code == 302
    second = Update.objects.get(action__ref="2.1")
    assert (second.status_text, second.status_category) == ("behind target.", "off_track")


def test_another_councils_choice_is_not_applied_on_the_web(client, admin):
    other = Organisation.objects.create(name="Other District Council", slug="other")
    StatusWording.objects.create(
        organisation=other, wording="behind target", written="Behind target", category="complete"
    )
    check = _upload(client, "kent", "progress-2024.html", report_page(FIRST))
    html = unescape(client.get(check).content.decode())
    assert "“Behind target” means" in html
    assert "status not recognised (1.1, 2024): Behind target" in html


def test_a_choice_the_page_did_not_offer_imports_nothing(client, admin):
    check = _upload(client, "kent", "progress-2024.html", report_page(FIRST))
    behind = _select_name(unescape(client.get(check).content.decode()), "Behind target")
    response = client.post(check, {"confirm": "1", behind: "late"})
    assert response.status_code == 200
    assert "Choose what ‘Behind target’ means" in unescape(response.content.decode())
    assert not Plan.objects.exists() and not StatusWording.objects.exists()


def test_the_organisations_wordings_can_be_seen_changed_and_forgotten(client, admin):
    kent = Organisation.objects.get(slug="kent")
    other = Organisation.objects.create(name="Other District Council", slug="other")
    StatusWording.objects.create(
        organisation=kent, wording="behind target", written="Behind target", category="at_risk"
    )
    StatusWording.objects.create(
        organisation=other, wording="theirs", written="Their wording", category="complete"
    )
    html = unescape(client.get("/kent/import/statuses/").content.decode())
    assert "Behind target" in html and "Their wording" not in html
    assert '<label class="govuk-label govuk-visually-hidden" for="category-' in html

    changed = client.post(
        "/kent/import/statuses/",
        {"wording": "Behind target", "category": "off_track", "change": "1"},
    )
    assert changed.status_code == 302
    assert StatusWording.objects.get(organisation=kent).category == "off_track"

    forgotten = client.post("/kent/import/statuses/", {"wording": "Behind target", "forget": "1"})
    assert forgotten.status_code == 302
    assert not StatusWording.objects.live().filter(organisation=kent).exists()
    assert StatusWording.objects.filter(organisation=other).exists()


def test_changing_a_wording_without_a_category_is_an_error_and_changes_nothing(client, admin):
    kent = Organisation.objects.get(slug="kent")
    StatusWording.objects.create(
        organisation=kent, wording="behind target", written="Behind target", category="at_risk"
    )
    response = client.post("/kent/import/statuses/", {"wording": "Behind target", "change": "1"})
    assert response.status_code == 200
    assert "Choose what the wording means, or forget it" in response.content.decode()
    assert StatusWording.objects.get().category == "at_risk"


@pytest.mark.parametrize(
    ("wording", "message"),
    [
        ("---", "The status wording has no words in it"),
        ("x – " * 120, "The status wording is longer than a status (140 characters)"),
    ],
)
def test_a_wording_that_cannot_be_remembered_is_an_error_not_a_crash(
    client, admin, wording, message
):
    response = client.post(
        "/kent/import/statuses/", {"wording": wording, "category": "off_track", "change": "1"}
    )
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not StatusWording.objects.exists()


LONG = (
    "Recruitment to the post was delayed by the restructure and the new officer started in "
    "March; the survey will now run in the autumn with the staff networks' help."
)


def test_a_status_longer_than_a_status_is_listed_not_offered_and_the_import_works(client, admin):
    assert len(LONG) > 140
    rows = [*FIRST, ("1.4", "Review the policy.", LONG)]
    check = _upload(client, "kent", "progress-2024.html", report_page(rows))
    html = unescape(client.get(check).content.decode())
    assert f"status not recognised (1.4, 2024): {LONG}" in html
    assert f"“{LONG}” means" not in html
    behind = _select_name(html, "Behind target")
    checked = unescape(client.post(check, {"check": "1", behind: "off_track"}).content.decode())
    assert "These files cannot be imported" not in checked
    assert client.post(check, {"confirm": "1", behind: "off_track"}).status_code == 302
    assert Update.objects.get(action__ref="1.4").status_category is None
    assert [w.wording for w in StatusWording.objects.all()] == ["behind target"]


def test_a_wrong_choice_keeps_the_other_choices_in_the_check(client, admin):
    check = _upload(client, "kent", "progress-2024.html", report_page(FIRST))
    html = unescape(client.get(check).content.decode())
    behind, awaiting = (
        _select_name(html, "Behind target"),
        _select_name(html, "Awaiting HR sign-off"),
    )
    response = client.post(check, {"confirm": "1", behind: "late", awaiting: "at_risk"})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Choose what ‘Behind target’ means" in html and "Select a valid choice" not in html
    assert (
        "status 'Awaiting HR sign-off' (ref 1.2) read as at risk, as chosen on the check page"
    ) in html
    assert not Plan.objects.exists() and not StatusWording.objects.exists()


def test_the_upload_service_refuses_a_category_that_is_not_one_before_reading(admin, tmp_path):
    kent = Organisation.objects.get(slug="kent")
    token = staging_save(
        files=[SimpleUploadedFile("progress-2024.html", report_page(FIRST).encode())]
    )
    for dry_run in (True, False):
        with pytest.raises(ImportingError, match="'late' is not a status category"):
            plan_import_upload(
                organisation=kent,
                user=admin,
                token=token,
                dry_run=dry_run,
                status_choices={"Behind target": "late"},
            )
        with pytest.raises(ImportingError, match="is longer than a status"):
            plan_import_upload(
                organisation=kent,
                user=admin,
                token=token,
                dry_run=dry_run,
                status_choices={LONG: "at_risk"},
            )
    assert not Plan.objects.exists() and not StatusWording.objects.exists()
