"""Late updates: a closed round reopened for named actions only (their owners write, a
reviewer approves, the update is late), or a late update accepted straight into the closed
period; recorded with who and why, shown on the round's page and marked in every report."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Update
from eqtrack.plans.planformat import LATE
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.models import LateOpening
from eqtrack.rounds.services import (
    RoundError,
    UpdateIncomplete,
    late_open,
    late_opening_close,
    late_update_accept,
    round_close,
    round_open,
    update_edit_check,
    update_review,
    update_save_and_submit,
    update_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed():
    """A closed 2031 round in which nobody wrote an update; HR owns the first two actions."""
    # Seed 3: none of the three ended before 2031 (a complete one would not be asked).
    plan = plan_create_from_document(document=document_generate(actions=3, periods=1, seed=3))
    org = plan.organisation
    hr = Team.objects.create(organisation=org, name="HR")
    first, second, third = Action.objects.filter(plan=plan).order_by("pk")
    Action.objects.filter(pk__in=[first.pk, second.pk]).update(team=hr)
    people = {
        "administrator": member_create(org, Role.ADMINISTRATOR),
        "owner": member_create(org, Role.OWNER, teams=[hr]),
        "reviewer": member_create(org, Role.REVIEWER),
        "manager": member_create(org, Role.MANAGER),
        "viewer": member_create(org, Role.VIEWER),
    }
    round = round_open(
        plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=people["administrator"]
    )
    round_close(round=round, user=people["administrator"])
    for action in (first, second, third):
        action.refresh_from_db()
    return {"plan": plan, "org": org, "round": round, "actions": [first, second, third], **people}


def _write(w, action, user):
    return update_save_and_submit(
        round=w["round"],
        action=action,
        progress=["Trained 12 managers."],
        next_steps=[],
        status_text="On track",
        status_category="on_track",
        user=user,
    )


def test_reopened_for_named_actions_only_and_the_approval_is_late(closed):
    w = closed
    first, second, _ = w["actions"]
    with pytest.raises(RoundError, match="the 2031 round is closed"):
        update_edit_check(round=w["round"], action=first, user=w["owner"])
    [opening] = late_open(
        round=w["round"], actions=[first], reason="HR was on leave", user=w["administrator"]
    )
    # Recorded with who and why, in the history too.
    assert opening.opened_by == w["administrator"] and opening.reason == "HR was on leave"
    version = opening.history.get()
    assert version.history_user == w["administrator"]
    assert version.history_change_reason == "Reopened: HR was on leave"
    # The named action takes its update; the other stays closed.
    update = _write(w, first, w["owner"])
    with pytest.raises(RoundError, match="the 2031 round is closed"):
        _write(w, second, w["owner"])
    assert not Update.objects.filter(action=second, period=w["round"].period).exists()
    assert update.state == Update.State.SUBMITTED and not update.late
    update_review(round=w["round"], update=update, user=w["reviewer"], approve=True)
    update.refresh_from_db()
    assert update.state == Update.State.APPROVED and update.late
    latest = update.history.order_by("-history_id").first()
    assert latest.late and latest.history_user == w["reviewer"]
    # The approval ends the late opening: the action is closed again.
    opening.refresh_from_db()
    assert opening.closed_at is not None and not opening.is_open
    with pytest.raises(RoundError):
        update_edit_check(round=w["round"], action=first, user=w["owner"])


def test_a_returned_late_update_stays_open_and_the_four_eyes_rule_holds(closed):
    w = closed
    first = w["actions"][0]
    late_open(round=w["round"], actions=[first], reason="Late", user=w["administrator"])
    update = _write(w, first, w["administrator"])
    with pytest.raises(RoundError, match="you wrote this update"):
        update_review(round=w["round"], update=update, user=w["administrator"], approve=True)
    update_review(
        round=w["round"], update=update, user=w["reviewer"], approve=False, comment="More"
    )
    update.refresh_from_db()
    assert update.state == Update.State.RETURNED and not update.late
    assert LateOpening.objects.get(action=first).is_open
    update_submit(round=w["round"], update=update, user=w["owner"])


@pytest.mark.parametrize("role", ["owner", "reviewer", "manager", "viewer"])
def test_only_an_administrator_reopens_or_accepts(closed, role):
    w = closed
    with pytest.raises(PermissionDenied):
        late_open(round=w["round"], actions=[w["actions"][0]], reason="x", user=w[role])
    with pytest.raises(PermissionDenied):
        late_update_accept(
            round=w["round"],
            action=w["actions"][0],
            progress=["x"],
            next_steps=[],
            status_text=None,
            status_category="on_track",
            reason="x",
            user=w[role],
        )
    assert not LateOpening.objects.exists()
    assert not Update.objects.filter(period=w["round"].period).exists()


def test_reopening_is_refused_with_a_reason_and_changes_nothing(closed):
    w = closed
    first = w["actions"][0]
    admin = w["administrator"]
    with pytest.raises(RoundError, match="choose the actions") as refused:
        late_open(round=w["round"], actions=[], reason="x", user=admin)
    assert refused.value.field == "actions"
    with pytest.raises(RoundError, match="say why") as refused:
        late_open(round=w["round"], actions=[first], reason="  ", user=admin)
    assert refused.value.field == "reason"
    late_open(round=w["round"], actions=[first], reason="Late", user=admin)
    with pytest.raises(RoundError, match="already reopened"):
        late_open(round=w["round"], actions=[first], reason="Again", user=admin)
    assert LateOpening.objects.count() == 1
    # An open round needs no late opening.
    other = plan_create_from_document(document=document_generate(actions=1, periods=1))
    member = member_create(other.organisation, Role.ADMINISTRATOR)
    still_open = round_open(
        plan=other, period_label="2031", deadline=dt.date(2031, 1, 1), user=member
    )
    with pytest.raises(RoundError, match="still open"):
        late_open(
            round=still_open, actions=[Action.objects.get(plan=other)], reason="x", user=member
        )
    # Closed again by an administrator, the action takes no update.
    opening = LateOpening.objects.get()
    late_opening_close(opening=opening, user=admin)
    with pytest.raises(RoundError):
        update_edit_check(round=w["round"], action=first, user=w["owner"])
    assert opening.history.order_by("-history_id").first().history_user == admin


def test_an_accepted_late_update_is_approved_late_with_who_and_why(closed):
    w = closed
    first, second, _ = w["actions"]
    admin = w["administrator"]
    with pytest.raises(UpdateIncomplete):
        late_update_accept(
            round=w["round"],
            action=first,
            progress=[],
            next_steps=[],
            status_text=None,
            status_category=None,
            reason="By e-mail",
            user=admin,
        )
    assert not Update.objects.filter(period=w["round"].period).exists()
    update = late_update_accept(
        round=w["round"],
        action=first,
        progress=["Sent on 3 February."],
        next_steps=["Repeat in spring."],
        status_text="Complete",
        status_category="complete",
        reason="E-mailed by Sam Jones on 3 February",
        user=admin,
    )
    update.refresh_from_db()
    assert update.state == Update.State.APPROVED and update.late
    assert update.written_by == admin
    latest = update.history.order_by("-history_id").first()
    assert latest.history_user == admin
    assert latest.history_change_reason == "Accepted late: E-mailed by Sam Jones on 3 February"
    accepted = LateOpening.objects.get(action=first)
    assert accepted.kind == LateOpening.Kind.ACCEPTED and accepted.opened_by == admin
    # An approved update is not replaced, nor reopened.
    with pytest.raises(RoundError, match="already has an approved update"):
        late_update_accept(
            round=w["round"],
            action=first,
            progress=["Again."],
            next_steps=[],
            status_text=None,
            status_category="complete",
            reason="x",
            user=admin,
        )
    with pytest.raises(RoundError, match="already has an approved update"):
        late_open(round=w["round"], actions=[first], reason="x", user=admin)
    assert not Update.objects.filter(action=second, period=w["round"].period).exists()


def _summary(html: str) -> str:
    if "govuk-error-summary" not in html:
        return ""
    return html.split('class="govuk-error-summary"')[1].split("</ul>")[0]


def test_the_late_page_end_to_end(client, closed):
    w = closed
    first, second, third = w["actions"]
    base = f"/{w['org'].slug}/rounds/{w['round'].pk}/"
    client.force_login(w["owner"])
    assert client.get(f"{base}late/").status_code == 403
    client.force_login(w["administrator"])
    assert 'href="' + base + 'late/"' in client.get(base).content.decode()
    page = client.get(f"{base}late/").content.decode()
    assert 'type="checkbox" value="' + str(first.pk) + '"' in page
    # Nothing chosen, no reason: the form back with both errors, nothing changed.
    response = client.post(f"{base}late/", {"step": "reopen", "reason": ""})
    assert response.status_code == 200
    summary = _summary(response.content.decode())
    assert "Choose the actions to reopen the round for" in summary
    assert "<title>Error:" in response.content.decode()
    assert not LateOpening.objects.exists()
    response = client.post(
        f"{base}late/",
        {"step": "reopen", "actions": [str(first.pk)], "reason": "HR was on leave"},
    )
    assert response.status_code == 302
    # The owner writes it through the usual update page, linked from the round's page.
    client.force_login(w["owner"])
    round_page = client.get(base).content.decode()
    assert f'href="{base}actions/{first.pk}/"' in round_page
    assert f'href="{base}actions/{second.pk}/"' not in round_page
    edit = client.get(f"{base}actions/{first.pk}/").content.decode()
    assert "reopened it for this action: HR was on leave" in edit
    response = client.post(
        f"{base}actions/{first.pk}/",
        {"progress": "Trained 12.", "status_category": "on_track", "revision": "0", "submit": "1"},
    )
    assert response.status_code == 302
    update = Update.objects.get(action=first, period=w["round"].period)
    client.force_login(w["reviewer"])
    response = client.post(f"{base}updates/{update.pk}/review/", {"decision": "approve"})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.late and update.state == Update.State.APPROVED
    # The administrator accepts another by e-mail; a missing status is the form's error.
    client.force_login(w["administrator"])
    accept = {
        "step": "accept",
        "accept-action": str(third.pk),
        "accept-progress": "Sent by e-mail.",
        "accept-reason": "E-mailed by the lead",
    }
    response = client.post(f"{base}late/", accept)
    assert response.status_code == 200
    assert "Choose a status before accepting the update" in _summary(response.content.decode())
    assert not Update.objects.filter(action=third, period=w["round"].period).exists()
    response = client.post(f"{base}late/", {**accept, "accept-status_category": "complete"})
    assert response.status_code == 302
    assert Update.objects.get(action=third, period=w["round"].period).late
    round_page = client.get(base).content.decode()
    assert "HR was on leave" in round_page and "E-mailed by the lead" in round_page
    assert round_page.count("– received after the round closed") == 2


def test_close_again_from_the_late_page(client, closed):
    w = closed
    first = w["actions"][0]
    [opening] = late_open(round=w["round"], actions=[first], reason="x", user=w["administrator"])
    client.force_login(w["administrator"])
    url = f"/{w['org'].slug}/rounds/{w['round'].pk}/late/"
    assert "Close again" in client.get(url).content.decode()
    assert client.post(url, {"step": "close", "opening": str(opening.pk)}).status_code == 302
    opening.refresh_from_db()
    assert opening.closed_at is not None
    assert client.post(url, {"step": "close", "opening": "nonsense"}).status_code == 404


def _text_of(format_: str, content: bytes) -> str:
    """Every format's text, as its reader gets it, whitespace made single spaces."""
    if format_ in ("html", "csv"):
        text = content.decode("utf-8-sig")
    elif format_ == "docx":
        import docx

        document = docx.Document(io.BytesIO(content))
        text = " ".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
    elif format_ == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content)).active
        text = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
    else:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(content)) as pdf:
            text = " ".join(
                cell or ""
                for page in pdf.pages
                for table in page.extract_tables()
                for row in table
                for cell in row
            )
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("format_", ["html", "pdf", "docx", "xlsx", "csv"])
def test_every_report_format_marks_a_late_update(closed, format_):
    from eqtrack.reports.services import report_for_plan

    w = closed
    first, second, _ = w["actions"]
    late_update_accept(
        round=w["round"],
        action=first,
        progress=["Late progress."],
        next_steps=[],
        status_text="On track",
        status_category="on_track",
        reason="By e-mail",
        user=w["administrator"],
    )
    late_open(round=w["round"], actions=[second], reason="x", user=w["administrator"])
    on_time = _write(w, second, w["owner"])
    # Approved through a late opening: late too. Then mark it on time by hand, to show that
    # only late updates get the marker.
    update_review(round=w["round"], update=on_time, user=w["reviewer"], approve=True)
    Update.objects.filter(pk=on_time.pk).update(late=False)
    content = report_for_plan(
        organisation=w["org"], plan_slug=w["plan"].slug, format=format_, period="2031"
    )
    text = _text_of(format_, content)
    if format_ in ("csv", "xlsx"):
        assert text.count(LATE) == 1
        assert re.search(r"Late progress\..*On track.*on_track.*" + LATE, text)
    else:
        assert text.count(f"On track ({LATE})") == 1
    assert "Trained 12 managers." in text


def test_an_administrator_cannot_accept_late_their_own_update(closed):
    """Accepting is approving: over an update the administrator wrote and submitted in the
    reopened round, it is refused and nothing changes; another administrator may."""
    w = closed
    first = w["actions"][0]
    admin = w["administrator"]
    late_open(round=w["round"], actions=[first], reason="Late", user=admin)
    update = _write(w, first, admin)
    words = dict(
        progress=["Trained 12 managers."],
        next_steps=[],
        status_text="On track",
        status_category="on_track",
        reason="As written",
    )
    with pytest.raises(RoundError, match="you wrote this action's update"):
        late_update_accept(round=w["round"], action=first, user=admin, **words)
    update.refresh_from_db()
    assert update.state == Update.State.SUBMITTED and not update.late
    other = member_create(w["org"], Role.ADMINISTRATOR)
    late_update_accept(round=w["round"], action=first, user=other, **words)
    update.refresh_from_db()
    assert update.state == Update.State.APPROVED and update.late
