"""A reporting round walked through in a real browser, without JavaScript, as each person does it:
the administrator opens it, the owner updates and submits (an empty update is refused first),
the reviewer returns it, the owner resubmits, the reviewer approves, the administrator closes
it, after confirming, and downloads the report; and the conflict case, where the second save
is refused and nothing is lost."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.plans.models import Action, Update

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(seed_paths_root, django_user_model):
    from eqtrack.importing.services import plan_import

    plan = plan_import(paths=seed_paths_root, slug="eap", publish=True).plan
    hr = Team.objects.create(organisation=plan.organisation, name="HR")
    Action.objects.filter(plan=plan, theme__title="As an Employer").update(team=hr)
    people = {}
    for role in (Role.ADMINISTRATOR, Role.OWNER, Role.REVIEWER):
        user = django_user_model.objects.create_user(role.value, password="a long test password 1")
        member = Membership.objects.create(organisation=plan.organisation, user=user, role=role)
        if role == Role.OWNER:
            member.teams.add(hr)
        people[role.value] = user
    return plan, people


@pytest.fixture
def seed_paths_root():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "sample_data"
    return [
        root / "equalities-actions-update-2021.txt",
        root / "equalities-actions-update-2022.txt",
    ]


def _as(browser, live_server, client, user):
    """A browser signed in as that person (with JavaScript off: everything must work without)."""
    return signed_in_page(browser, live_server, user, javascript=False, timeout=10000)


def _no_violations(page):
    assert axe_failures(page, page.url) == []


def test_a_round_from_opening_to_the_report(browser, live_server, client, setting):
    plan, people = setting
    base = f"{live_server.url}/{plan.organisation.slug}"
    admin = _as(browser, live_server, client, people["administrator"])
    admin.goto(f"{base}/eap/rounds/")
    admin.fill("#id_period", "2023")
    admin.fill("#id_deadline", "31/12/2099")
    admin.click("text=Open the round")
    assert admin.locator("h1").inner_text() == "2023 round"
    round_url = admin.url
    _no_violations(admin)

    owner = _as(browser, live_server, client, people["owner"])
    owner.goto(round_url)
    owner.click("text=E3: We will look after the mental health")
    _no_violations(owner)
    owner.click("text=Save and submit for review")  # nothing written: refused, saying what
    expect(owner.locator(".govuk-error-summary")).to_contain_text(
        "Add the progress made and choose a status before submitting the update"
    )
    assert not Update.objects.filter(action__ref="E3", period__label="2023").exists()
    owner.fill("#id_progress", "16 first aiders trained.\n  12 of them active.")
    owner.fill("#id_status_text", "Ongoing")
    owner.click("text=Save and submit for review")
    assert "Choose the status that fits your words" in owner.content()  # words need a status
    _no_violations(owner)  # the form in its error state
    owner.select_option("#id_status_category", "ongoing")
    owner.click("text=Save and submit for review")
    assert "is submitted for review" in owner.content()
    # Submitted, it is shown as sent, not in a form that could only fail.
    owner.click("text=E3: We will look after the mental health")
    expect(owner.locator(".govuk-inset-text")).to_contain_text("This update is with the reviewers.")
    expect(owner.locator(".govuk-summary-list")).to_contain_text("12 of them active.")
    assert owner.locator("textarea").count() == 0

    reviewer = _as(browser, live_server, client, people["reviewer"])
    reviewer.goto(round_url)
    reviewer.click("text=Review E3")
    _no_violations(reviewer)
    reviewer.check("#id_decision_1")  # return it
    reviewer.fill("#id_comment", "Say where the first aiders work.")
    reviewer.click("text=Send the decision")
    assert "returned to its owner" in reviewer.content()

    owner.goto(round_url)
    owner.click("text=E3: We will look after the mental health")
    assert "Say where the first aiders work." in owner.content()
    assert "What was reported for 2022" in owner.content()
    _no_violations(owner)
    owner.fill(
        "#id_progress", "16 first aiders trained, in every directorate.\n  12 of them active."
    )
    owner.click("text=Save and submit for review")

    reviewer.goto(round_url)
    reviewer.click("text=Review E3")
    assert "Changed since it was returned" in reviewer.content()
    _no_violations(reviewer)
    reviewer.check("#id_decision_0")
    reviewer.click("text=Send the decision")

    admin.goto(round_url)
    admin.click("text=Close the round")  # asks first, saying what the round holds
    expect(admin.locator("h1")).to_have_text("Are you sure you want to close the 2023 round?")
    counts = admin.locator(".govuk-summary-list__row")
    expect(counts.filter(has_text="Approved")).to_contain_text("1")
    # 21 actions, less E3 (approved) and E2, CL1 and CL2, which ended in 2022 (superseded,
    # not carried forward, complete).
    expect(counts.filter(has_text="Missing")).to_contain_text("17")
    _no_violations(admin)
    admin.click("text=No, go back to the round")  # changes nothing
    expect(admin).to_have_url(round_url)
    admin.click("text=Close the round")
    admin.click("text=Yes, close the round")
    assert "round is closed" in admin.content()
    with admin.expect_download() as download:
        admin.click("text=Download the report (Word)")
    assert download.value.suggested_filename.endswith(".docx")
    # The report holds what was approved in the round, not only a file name.
    import docx

    report = docx.Document(download.value.path())
    cells = [cell.text for table in report.tables for row in table.rows for cell in row.cells]
    assert any("16 first aiders trained, in every directorate." in text for text in cells)
    update = Update.objects.get(action__plan=plan, action__ref="E3", period__label="2023")
    assert update.state == Update.State.APPROVED
    assert update.progress == [
        {"text": "16 first aiders trained, in every directorate.", "items": ["12 of them active."]}
    ]


def test_the_second_save_is_refused_and_nothing_is_lost(browser, live_server, client, setting):
    from eqtrack.rounds.services import round_open

    plan, people = setting
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2099, 12, 31), user=people["administrator"]
    )
    url = f"{live_server.url}/{plan.organisation.slug}/rounds/{round.pk}/actions/{Action.objects.get(plan=plan, ref='E1').pk}/"
    owner = _as(browser, live_server, client, people["owner"])
    admin = _as(browser, live_server, client, people["administrator"])
    owner.goto(url)
    admin.goto(url)  # both open the same update
    admin.fill("#id_progress", "The administrator's text.")
    admin.click("text=Save as draft")
    owner.fill("#id_progress", "The owner's text.")
    owner.click("text=Save as draft")
    shown = owner.locator("main").inner_text()
    assert "Not saved" in shown and "The administrator's text." in shown
    assert owner.locator("#id_progress").input_value() == "The owner's text."  # kept in the form
    _no_violations(owner)
    update = Update.objects.get(action__ref="E1", period=round.period)
    assert update.progress == ["The administrator's text."]
    owner.click("text=Save as draft")  # now based on the revision it was shown
    update.refresh_from_db()
    assert update.progress == ["The owner's text."]
