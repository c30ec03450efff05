"""WCAG 2.2 AA on the signed-in pages and the pages around signing in, forms in their error
state included: sign-in, rounds, review, import, follow buttons, and the error pages."""

import datetime as dt
from pathlib import Path

import pytest

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import round_open, update_save_draft, update_submit

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)
SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"


@pytest.fixture
def world():
    plan = plan_create_from_document(document=document_generate(actions=4, periods=2))
    hr = Team.objects.create(organisation=plan.organisation, name="HR")
    action = Action.objects.filter(plan=plan).order_by("pk").first()
    Action.objects.filter(pk=action.pk).update(team=hr)
    people = {
        "admin": member_create(plan.organisation, Role.ADMINISTRATOR, username="admin"),
        "owner": member_create(plan.organisation, Role.OWNER, teams=[hr], username="owner"),
        "viewer": member_create(plan.organisation, Role.VIEWER, username="viewer"),
    }
    round = round_open(
        plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=people["admin"]
    )
    update = update_save_draft(
        round=round,
        action=Action.objects.get(pk=action.pk),
        progress=["Drafted."],
        next_steps=[],
        status_text=None,
        status_category="on_track",
        user=people["owner"],
    )
    update_submit(round=round, update=update, user=people["owner"])
    return plan, people, round, action, update


_signed_in = signed_in_page


def _restored_for_review(action, owner):
    """The owner restores a draft, never approved, over the action's first approved update."""
    from eqtrack.plans.models import Update
    from eqtrack.plans.services import version_restore

    update = Update.objects.filter(action=action, state=Update.State.APPROVED).first()
    update.progress, update.state = ["A draft never approved."], Update.State.DRAFT
    update.save()
    draft = update.history.order_by("-history_id").first()
    update.progress, update.state = ["Approved again."], Update.State.APPROVED
    update.save()
    version_restore(
        organisation=action.organisation, obj=update, history_id=draft.history_id, user=owner
    )


def _check(page, failures, label):
    failures += axe_failures(page, label)


def test_sign_in_sign_out_and_error_pages(browser, live_server, world):
    plan, people, round, action, _ = world
    failures = []
    page = browser.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    _check(page, failures, "sign-in")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "wrong")
    page.click("button:has-text('Sign in')")
    assert "Enter a correct user name and password" in page.content()
    _check(page, failures, "sign-in error")
    assert page.goto(f"{live_server.url}/{plan.organisation.slug}/{plan.slug}/").status == 404
    _check(page, failures, "404")
    page.close()

    viewer = _signed_in(browser, live_server, people["viewer"])
    url = f"{live_server.url}/{plan.organisation.slug}/rounds/{round.pk}/actions/{action.pk}/"
    assert viewer.goto(url).status == 403
    _check(viewer, failures, "403")
    viewer.goto(f"{live_server.url}/")
    viewer.click("button:has-text('Sign out')")
    assert "You are signed out" in viewer.content()
    _check(viewer, failures, "signed out")
    assert failures == []


def test_officers_pages_and_their_error_states(browser, live_server, world, tmp_path):
    plan, people, round, action, update = world
    org, failures = plan.organisation.slug, []
    admin = _signed_in(browser, live_server, people["admin"])
    admin.goto(f"{live_server.url}/")
    assert "Import a plan or its reports" in admin.content()
    _check(admin, failures, "home, signed in")
    admin.goto(f"{live_server.url}/{org}/{plan.slug}/")
    admin.click("#theme-1 ~ form button:has-text('Follow')")
    assert "You are following this theme" in admin.content()
    _check(admin, failures, "plan, signed in, following")
    _restored_for_review(action, people["owner"])
    admin.goto(f"{live_server.url}/{org}/{plan.slug}/actions/{action.pk}/history/")
    assert "Waiting for review: a restored text" in admin.content()
    _check(admin, failures, "history, signed in, a restored text waiting for review")
    admin.click("a:has-text('Review it')")
    _check(admin, failures, "restored text for review")
    admin.click("button:has-text('Send the decision')")
    assert "There is a problem" in admin.content()
    _check(admin, failures, "restored text for review, error")
    admin.goto(f"{live_server.url}/{org}/{plan.slug}/dashboard/")
    assert "Still to submit" in admin.content()
    _check(admin, failures, "dashboard, signed in, with the open round")

    admin.goto(f"{live_server.url}/{org}/{plan.slug}/rounds/")
    assert "Close it before opening another" in admin.content()
    _check(admin, failures, "rounds, one open")
    # A plan with no round open has the form: its error state.
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"title": "Second plan"}
    )
    admin.goto(f"{live_server.url}/{org}/{other.slug}/rounds/")
    _check(admin, failures, "rounds")
    admin.click("button:has-text('Open the round')")
    assert "There is a problem" in admin.content()
    _check(admin, failures, "rounds, error")
    admin.goto(f"{live_server.url}/{org}/rounds/{round.pk}/updates/{update.pk}/review/")
    admin.click("button:has-text('Send the decision')")
    assert "There is a problem" in admin.content()
    _check(admin, failures, "review, error")

    admin.goto(f"{live_server.url}/{org}/import/")
    _check(admin, failures, "import")
    admin.click("button:has-text('Upload and check')")
    assert "Choose the files to import" in admin.content()
    _check(admin, failures, "import, error")
    admin.set_input_files(
        "#id_files",
        [
            SAMPLE / "equalities-actions-update-2021.txt",
            SAMPLE / "equalities-actions-update-2022.txt",
        ],
    )
    admin.fill("#id_periods", "2021, 2022")
    admin.click("button:has-text('Upload and check')")
    assert "Check before importing" in admin.content() and "21 actions" in admin.content()
    _check(admin, failures, "import check")
    admin.click("button:has-text('Cancel and delete the files')")
    # A file that says it is a PDF and is not: refused, with the reason, on the same page.
    fake = tmp_path / "plan.pdf"
    fake.write_bytes(b"not a PDF at all")
    admin.goto(f"{live_server.url}/{org}/import/")
    admin.set_input_files("#id_files", [fake])
    admin.click("button:has-text('Upload and check')")
    assert "These files cannot be imported" in admin.content()
    _check(admin, failures, "import, a file that cannot be read")
    # A report with a status eqtrack does not know, and one it guesses: the page asks and says.
    from eqtrack.importing.tests.test_status_wordings import report_page

    unknown = tmp_path / "progress-2024.html"
    rows = [("1.1", "Publish the pay gap.", "Behind target"), ("1.2", "Train.", "Slipped - Q3")]
    unknown.write_text(report_page(rows), encoding="utf-8")
    admin.goto(f"{live_server.url}/{org}/import/")
    admin.set_input_files("#id_files", [unknown])
    admin.click("button:has-text('Upload and check')")
    assert "Statuses eqtrack does not know" in admin.content()
    assert "What eqtrack guessed" in admin.content()
    _check(admin, failures, "import check, a status to choose")
    admin.select_option("select[id^='id_status-']", "off_track")
    admin.click("button:has-text('Import the plan')")
    admin.goto(f"{live_server.url}/{org}/import/statuses/")
    assert "Behind target" in admin.content()
    _check(admin, failures, "status wordings chosen")

    owner = _signed_in(browser, live_server, people["owner"])
    owner.goto(f"{live_server.url}/{org}/rounds/{round.pk}/")
    _check(owner, failures, "round, owner")
    owner.goto(f"{live_server.url}/{org}/rounds/{round.pk}/actions/{action.pk}/")
    assert "This update is with the reviewers." in owner.content()
    _check(owner, failures, "update, submitted, read-only")
    admin.goto(f"{live_server.url}/{org}/rounds/{round.pk}/")
    _check(admin, failures, "round, administrator")
    admin.click("a:has-text('Close the round')")
    assert "Are you sure you want to close the 2031 round?" in admin.content()
    _check(admin, failures, "round, close confirmation")
    admin.click("button:has-text('Yes, close the round')")
    owner.goto(f"{live_server.url}/{org}/rounds/{round.pk}/")
    assert "closed" in owner.content().lower()
    _check(owner, failures, "round, closed")
    assert failures == []


def test_the_plan_introduction_page_and_its_error_state(browser, live_server, world):
    """Changing the plan's introduction, without JavaScript as with it: the page, its error
    state, and the editing page listing the saved introduction."""
    plan, people, *_ = world
    failures: list[tuple] = []
    url = f"{live_server.url}/{plan.organisation.slug}/{plan.slug}/edit/introduction/"
    for javascript in (True, False):
        admin = _signed_in(browser, live_server, people["admin"], javascript=javascript)
        admin.goto(url)
        _check(admin, failures, f"plan introduction (javascript {javascript})")
        admin.fill("#id_introduction", "The table below lists our actions.\n\nKey: G = on track")
        admin.click("button:has-text('Save the introduction')")
        assert "There is a problem" in admin.content()
        _check(admin, failures, f"plan introduction, error (javascript {javascript})")
        admin.fill("#id_reason", "Agreed at the June board")
        admin.click("button:has-text('Save the introduction')")
        assert "Introduction changed." in admin.content()
        _check(admin, failures, f"plan editing, with an introduction (javascript {javascript})")
    assert failures == []


@pytest.mark.parametrize("template", ["accounts/locked_out.html", "500.html"])
def test_the_pages_no_request_can_be_made_for_here(browser, live_server, template):
    """The lockout and server-error pages, rendered as the server would and checked on the
    site's origin (so its stylesheet applies)."""
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/sign-in/")
    request.user = AnonymousUser()
    html = render_to_string(template, request=request)
    page = browser.new_page()
    page.goto(f"{live_server.url}/healthz")
    page.set_content(html.replace('href="/static/', f'href="{live_server.url}/static/'))
    failures = []
    _check(page, failures, template)
    page.close()
    assert failures == []
