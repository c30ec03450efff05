"""A reporting round walked through its services, with each role's limits."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.plans.models import Action, Update
from eqtrack.plans.selectors import plan_document
from eqtrack.rounds.selectors import my_actions, round_progress
from eqtrack.rounds.services import (
    RoundError,
    round_close,
    round_open,
    update_review,
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
    assert [a.ref for a in mine] == ["E1", "E2", "E3", "E4", "E5"]
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
        "missing": 19,
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
        status_category=None,
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


def _officer(users):
    officer = users["administrator"]
    officer.is_staff = True
    officer.save()
    return officer
