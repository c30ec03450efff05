"""A reporting round walked through its services, with each role's limits."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.plans.models import Action, Update
from eqtrack.plans.selectors import plan_document
from eqtrack.rounds.selectors import my_actions, round_missing_teams, round_progress, rounds_open
from eqtrack.rounds.services import (
    RoundError,
    UpdateIncomplete,
    round_close,
    round_close_check,
    round_open,
    update_edit_check,
    update_review,
    update_save_and_submit,
    update_save_draft,
    update_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(seed_paths, django_user_model):
    from eqtrack.importing.services import plan_import

    plan = plan_import(paths=seed_paths, slug="eap").plan
    hr = Team.objects.create(organisation=plan.organisation, name="HR")
    Action.objects.filter(plan=plan, theme__title="As an Employer").update(team=hr)
    users = {}
    for role in Role:
        user = django_user_model.objects.create_user(f"{role.value}-user")
        member = Membership.objects.create(organisation=plan.organisation, user=user, role=role)
        if role == Role.OWNER:
            member.teams.add(hr)
        users[role.value] = user
    return plan, users


def test_a_round_from_opening_to_the_report(people):
    plan, users = people
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    mine = list(my_actions(round=round, user=users["owner"]))
    # E2 was superseded in 2022: the round asks for no update on it.
    assert [a.ref for a in mine] == ["E1", "E3", "E4", "E5"]
    e3 = next(a for a in mine if a.ref == "E3")
    update = update_save_draft(
        round=round,
        action=e3,
        progress=["16 Mental Health First Aiders trained."],
        next_steps=[],
        status_text="Ongoing",
        status_category="ongoing",
        user=users["owner"],
    )
    assert update.state == Update.State.DRAFT
    update_submit(round=round, update=update, user=users["owner"])
    review = update_review(
        round=round,
        update=update,
        user=users["reviewer"],
        approve=False,
        comment="Say how many are active.",
    )
    assert update.state == Update.State.RETURNED and review.comment == "Say how many are active."
    update = update_save_draft(
        round=round,
        action=e3,
        progress=["16 first aiders trained; 12 active."],
        next_steps=[],
        status_text="Ongoing",
        status_category="ongoing",
        user=users["owner"],
        based_on=update.revision,
    )
    update_submit(round=round, update=update, user=users["owner"])
    update_review(round=round, update=update, user=users["reviewer"], approve=True)
    # Another owner's draft is not approved: it must not reach the report.
    e4 = Action.objects.get(plan=plan, ref="E4")
    update_save_draft(
        round=round,
        action=e4,
        progress=["Not ready."],
        next_steps=[],
        status_text=None,
        status_category=None,
        user=users["administrator"],
    )
    assert round_progress(round=round) == {
        "draft": 1,
        "submitted": 0,
        "returned": 0,
        "approved": 1,
        "missing": 16,  # 21, less the two above and E2, CL1 and CL2, which ended in 2022
    }
    round_close(round=round, user=users["administrator"])
    document = plan_document(organisation=plan.organisation, slug="eap", approved_only=True)
    updates = {
        a["ref"]: [u for u in a["updates"] if u["period"] == "2023"]
        for t in document["themes"]
        for a in t["actions"]
    }
    assert updates["E3"][0]["progress"] == ["16 first aiders trained; 12 active."]
    assert updates["E4"] == []
    with pytest.raises(RoundError, match="the 2023 round is closed"):
        update_save_draft(
            round=round,
            action=e3,
            progress=[],
            next_steps=[],
            status_text=None,
            status_category=None,
            user=users["owner"],
        )


def test_each_role_does_only_its_part(people):
    plan, users = people
    with pytest.raises(PermissionDenied):
        round_open(
            plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["owner"]
        )
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    cl1 = Action.objects.get(plan=plan, ref="CL1")  # no team: the HR owner may not write it
    with pytest.raises(PermissionDenied):
        update_save_draft(
            round=round,
            action=cl1,
            progress=["x"],
            next_steps=[],
            status_text=None,
            status_category=None,
            user=users["owner"],
        )
    e1 = Action.objects.get(plan=plan, ref="E1")
    update = update_save_draft(
        round=round,
        action=e1,
        progress=["x"],
        next_steps=[],
        status_text=None,
        status_category="ongoing",
        user=users["owner"],
    )
    with pytest.raises(RoundError, match="only a submitted update can be reviewed"):
        update_review(round=round, update=update, user=users["reviewer"], approve=True)
    update_submit(round=round, update=update, user=users["owner"])
    with pytest.raises(PermissionDenied):
        update_review(round=round, update=update, user=users["viewer"], approve=True)
    with pytest.raises(RoundError, match="say what should change"):
        update_review(
            round=round, update=update, user=users["reviewer"], approve=False, comment=" "
        )
    with pytest.raises(
        RoundError, match="the update is submitted for review; it cannot be edited now"
    ):
        update_save_draft(
            round=round,
            action=e1,
            progress=["y"],
            next_steps=[],
            status_text=None,
            status_category=None,
            user=users["owner"],
        )
    with pytest.raises(PermissionDenied):
        round_close(round=round, user=users["reviewer"])


def test_visitors_and_reports_see_approved_updates_only(people, client):
    plan, users = people
    plan.published = True
    plan.save()
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    e1 = Action.objects.get(plan=plan, ref="E1")
    update_save_draft(
        round=round,
        action=e1,
        progress=["A draft nobody approved."],
        next_steps=[],
        status_text=None,
        status_category=None,
        user=users["owner"],
    )
    url = f"/{plan.organisation.slug}/eap/"
    assert "A draft nobody approved." not in client.get(url).content.decode()
    from eqtrack.plans.search import search_actions

    assert search_actions(organisation=plan.organisation, query="nobody approved") == []
    assert b"A draft nobody approved." not in client.get(f"{url}download.csv").content
    assert (
        "A draft nobody approved."
        not in client.get(f"/api/v1/plans/{plan.organisation.slug}/eap/").content.decode()
    )
    client.force_login(_officer(users))
    assert "A draft nobody approved." in client.get(url).content.decode()


def _draft(round, action, user, *, progress=(), status_category=None):
    return update_save_draft(
        round=round,
        action=action,
        progress=list(progress),
        next_steps=[],
        status_text=None,
        status_category=status_category,
        user=user,
    )


@pytest.mark.parametrize(
    "progress, status_category, message, missing",
    [
        (
            [],
            None,
            "add the progress made and choose a status before submitting the update",
            ["progress", "status_category"],
        ),
        (
            ["Trained 16."],
            None,
            "choose a status before submitting the update",
            ["status_category"],
        ),
        ([], "ongoing", "add the progress made before submitting the update", ["progress"]),
        # Blank items are no progress, at any depth.
        (
            ["  ", {"text": " ", "items": [""]}],
            "ongoing",
            "add the progress made before submitting the update",
            ["progress"],
        ),
    ],
)
def test_an_update_without_progress_or_a_status_is_not_submitted(
    people, progress, status_category, message, missing
):
    plan, users = people
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    e1 = Action.objects.get(plan=plan, ref="E1")
    # A draft may be partial, or empty ...
    update = _draft(round, e1, users["owner"], progress=progress, status_category=status_category)
    assert update.state == Update.State.DRAFT
    # ... but not sent to the reviewers so.
    with pytest.raises(UpdateIncomplete) as refused:
        update_submit(round=round, update=update, user=users["owner"])
    assert str(refused.value) == message and refused.value.missing == missing
    assert refused.value.field == missing[0]
    update.refresh_from_db()
    assert update.state == Update.State.DRAFT


def test_a_complete_update_is_submitted_and_a_nested_item_counts_as_progress(people):
    plan, users = people
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    e1 = Action.objects.get(plan=plan, ref="E1")
    update = _draft(
        round,
        e1,
        users["owner"],
        progress=[{"text": "", "items": ["Venue booked."]}],
        status_category="on_track",
    )
    assert update_submit(round=round, update=update, user=users["owner"]).state == "submitted"


def test_a_refused_save_and_submit_keeps_nothing(people):
    plan, users = people
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    e1 = Action.objects.get(plan=plan, ref="E1")
    first = _draft(round, e1, users["owner"], progress=["Started."])
    with pytest.raises(UpdateIncomplete, match="choose a status"):
        update_save_and_submit(
            round=round,
            action=e1,
            progress=["Started.", "Finished."],
            next_steps=[],
            status_text=None,
            status_category=None,
            user=users["owner"],
            based_on=first.revision,
        )
    # Nothing saved, so the revision the person's form holds is still the current one.
    first.refresh_from_db()
    assert first.progress == ["Started."] and first.state == Update.State.DRAFT
    update = update_save_and_submit(
        round=round,
        action=e1,
        progress=["Started.", "Finished."],
        next_steps=[],
        status_text=None,
        status_category="complete",
        user=users["owner"],
        based_on=first.revision,
    )
    assert update.state == Update.State.SUBMITTED and update.progress[1] == "Finished."


def test_a_plan_has_one_open_round_at_a_time(people):
    plan, users = people
    admin = users["administrator"]
    round_open(plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=admin)
    with pytest.raises(RoundError) as refused:
        round_open(plan=plan, period_label="2024", deadline=dt.date(2024, 11, 30), user=admin)
    assert str(refused.value) == "the 2023 round is still open: close it before opening another"
    assert not plan.periods.filter(label="2024").exists()  # refused before adding the period
    round_close(round=plan.rounds.get(period__label="2023"), user=admin)
    opened = round_open(plan=plan, period_label="2024", deadline=dt.date(2024, 11, 30), user=admin)
    assert opened.is_open and opened.period.label == "2024"
    assert list(rounds_open(organisation=plan.organisation)) == [opened]
    with pytest.raises(RoundError, match="still open") as again:
        round_open(plan=plan, period_label="2023", deadline=dt.date(2024, 11, 30), user=admin)
    assert again.value.field is None


def test_the_checks_pages_ask_before_showing_a_form_or_a_confirmation(people):
    plan, users = people
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    e1 = Action.objects.get(plan=plan, ref="E1")
    assert update_edit_check(round=round, action=e1, user=users["owner"]) is None
    update = _draft(round, e1, users["owner"], progress=["x"], status_category="ongoing")
    update_submit(round=round, update=update, user=users["owner"])
    with pytest.raises(RoundError, match="submitted for review; it cannot be edited now"):
        update_edit_check(round=round, action=e1, user=users["owner"])
    update_review(round=round, update=update, user=users["reviewer"], approve=False, comment="?")
    assert update_edit_check(round=round, action=e1, user=users["owner"]) == update  # returned
    with pytest.raises(PermissionDenied):
        update_edit_check(round=round, action=e1, user=users["reviewer"])
    with pytest.raises(PermissionDenied):
        round_close_check(round=round, user=users["reviewer"])
    round_close_check(round=round, user=users["administrator"])
    assert round.is_open  # asking closes nothing
    round_close(round=round, user=users["administrator"])
    with pytest.raises(RoundError, match="the 2023 round is closed"):
        round_close_check(round=round, user=users["administrator"])
    with pytest.raises(RoundError, match="the 2023 round is closed"):
        update_edit_check(round=round, action=e1, user=users["owner"])


def test_the_missing_updates_teams(people):
    plan, users = people
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    # Less E2 (superseded in 2022), CL1 (not carried forward) and CL2 (complete): ended, not
    # chased.
    assert round_missing_teams(round=round) == [("HR", 4), (None, 14)]
    _draft(round, Action.objects.get(plan=plan, ref="E1"), users["owner"])  # a draft is started
    assert round_missing_teams(round=round) == [("HR", 3), (None, 14)]
    assert round_progress(round=round)["missing"] == 17


def _officer(users):
    officer = users["administrator"]
    officer.is_staff = True
    officer.save()
    return officer


def test_a_round_asks_nothing_of_actions_that_ended_before_it(people):  # noqa: F811
    """CL1 was "Incomplete/cannot be carried forward" in 2022, E2 superseded and CL2 complete:
    the 2023 round leaves them out; E1, with no status at all, and everything else are due."""
    from eqtrack.rounds.selectors import actions_due

    plan, users = people
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2099, 1, 1), user=users["administrator"]
    )
    due = {a.ref for a in actions_due(round=round)}
    assert "CL1" not in due and "E2" not in due and "CL2" not in due
    assert "E1" in due and len(due) == 18
    # Someone writes an update for an ended one all the same: it is in the round then.
    _draft(round, Action.objects.get(plan=plan, ref="E2"), users["administrator"])
    assert "E2" in {a.ref for a in actions_due(round=round)}


def test_search_finds_an_update_approved_early_only_once_its_round_closes(people):
    """Search is open to visitors, so an update approved while its round is open is not
    found by its words until the round closes (issue 15)."""
    from eqtrack.plans.search import search_actions

    plan, users = people
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    e3 = Action.objects.get(plan=plan, ref="E3")
    update = update_save_and_submit(
        round=round,
        action=e3,
        progress=["Quillwort training for every first aider."],
        next_steps=[],
        status_text="Ongoing",
        status_category="ongoing",
        user=users["owner"],
    )
    update_review(round=round, update=update, user=users["reviewer"], approve=True)
    assert search_actions(organisation=plan.organisation, query="quillwort") == []

    round_close(round=round, user=users["administrator"])
    hits = search_actions(organisation=plan.organisation, query="quillwort")
    assert [h.action.ref for h in hits] == ["E3"]
    assert "Quillwort training" in hits[0].snippet


def test_a_round_opened_for_a_period_with_updates_takes_them_out_of_search(
    people, django_assert_max_num_queries
):
    """A period imported with its updates, then given a round, is the council's own until the
    round closes; the search text of its actions is refreshed in a few queries, not one per
    action."""
    from eqtrack.plans.search import search_actions

    plan, users = people

    # "repository" is in CL8's 2022 progress only (and in CL3's and SP5's 2021 progress too).
    def found():
        return sorted(
            h.action.ref for h in search_actions(organisation=plan.organisation, query="repository")
        )

    assert found() == ["CL3", "CL8", "SP5"]
    round = round_open(
        plan=plan, period_label="2022", deadline=dt.date(2023, 11, 30), user=users["administrator"]
    )
    assert found() == ["CL3", "SP5"]
    assert Update.objects.filter(period=round.period).values("action").distinct().count() > 5
    with django_assert_max_num_queries(12):
        round_close(round=round, user=users["administrator"])
    assert found() == ["CL3", "CL8", "SP5"]
