"""The four-eyes rule on updates, for every role: whoever wrote or submitted an update never
approves or returns it, administrators and the site operator included, through the page, the
API and the service alike; someone else with a reviewing role does."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.accounts.tests.factories import UserFactory, member_create
from eqtrack.api.services import token_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Update
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.models import Review
from eqtrack.rounds.services import (
    RoundError,
    round_open,
    update_review,
    update_save_and_submit,
    update_save_draft,
    update_submit,
)

pytestmark = pytest.mark.django_db

ROLES = [*Role.values, "superuser"]
MAY_REVIEW = {"administrator", "reviewer", "superuser"}


@pytest.fixture
def world():
    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    org = plan.organisation
    team = Team.objects.create(organisation=org, name="HR")
    action = Action.objects.filter(plan=plan).order_by("pk").first()
    Action.objects.filter(pk=action.pk).update(team=team)
    action.refresh_from_db()
    administrator = member_create(org, Role.ADMINISTRATOR)
    round = round_open(
        plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=administrator
    )
    return {"org": org, "team": team, "action": action, "round": round, "admin": administrator}


def _submit(world, user):
    return update_save_and_submit(
        round=world["round"],
        action=world["action"],
        progress=["Done."],
        next_steps=[],
        status_text=None,
        status_category="on_track",
        user=user,
    )


def _person(world, role):
    if role == "superuser":
        return UserFactory.create(is_superuser=True)
    return member_create(world["org"], role, teams=[world["team"]])


def _become(world, user, role):
    """The same person, now holding `role` (a change of job): the rule follows the person."""
    if role == "superuser":
        user.is_superuser = True
        user.save()
        Membership.objects.filter(user=user).delete()
    else:
        Membership.objects.filter(user=user).update(role=role)
    user.__dict__.pop("_eqtrack_memberships", None)


def _state(update):
    return (
        Update.objects.get(pk=update.pk).state,
        update.history.count(),
        Review.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("approve", [True, False])
def test_the_author_never_reviews_their_own_update_whatever_their_role(world, role, approve):
    author = member_create(world["org"], Role.OWNER, teams=[world["team"]])
    update = _submit(world, author)
    before = _state(update)
    _become(world, author, role)
    refusal = RoundError if role in MAY_REVIEW else PermissionDenied
    with pytest.raises(refusal) as refused:
        update_review(
            round=world["round"], update=update, user=author, approve=approve, comment="Hm"
        )
    if role in MAY_REVIEW:
        assert str(refused.value) == "you wrote this update, so someone else must review it"
    assert _state(update) == before
    other = _person(world, role)
    if role in MAY_REVIEW:
        update_review(
            round=world["round"], update=update, user=other, approve=approve, comment="Hm"
        )
        expected = Update.State.APPROVED if approve else Update.State.RETURNED
        assert Update.objects.get(pk=update.pk).state == expected
        assert Review.objects.get(update=update).reviewer == other
    else:
        with pytest.raises(PermissionDenied):
            update_review(
                round=world["round"], update=update, user=other, approve=approve, comment="Hm"
            )


def test_whoever_submitted_an_owners_draft_does_not_review_it(world):
    owner = member_create(world["org"], Role.OWNER, teams=[world["team"]])
    update = update_save_draft(
        round=world["round"],
        action=world["action"],
        progress=["Done."],
        next_steps=[],
        status_text=None,
        status_category="on_track",
        user=owner,
    )
    update_submit(round=world["round"], update=update, user=world["admin"])
    with pytest.raises(RoundError, match="you submitted this update, so someone else"):
        update_review(round=world["round"], update=update, user=world["admin"], approve=True)
    # The owner, since made a reviewer, wrote it: refused too.
    _become(world, owner, Role.REVIEWER)
    with pytest.raises(RoundError, match="you wrote this update"):
        update_review(round=world["round"], update=update, user=owner, approve=True)
    update_review(
        round=world["round"],
        update=update,
        user=member_create(world["org"], Role.REVIEWER),
        approve=True,
    )
    assert Update.objects.get(pk=update.pk).state == Update.State.APPROVED


def test_the_review_page_shows_the_refusal_as_the_forms_error(client, world):
    update = _submit(world, world["admin"])
    before = _state(update)
    client.force_login(world["admin"])
    url = f"/{world['org'].slug}/rounds/{world['round'].pk}/updates/{update.pk}/review/"
    assert (
        "You wrote this update, so someone else must review it." in client.get(url).content.decode()
    )
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 200
    html = response.content.decode()
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert "You wrote this update, so someone else must review it</li>" in summary
    assert _state(update) == before


def test_the_api_refuses_the_author_through_the_same_service(client, world):
    update = _submit(world, world["admin"])
    before = _state(update)
    token = token_create(user=world["admin"], name="test")[1]
    response = client.post(
        f"/api/v1/{world['org'].slug}/rounds/{world['round'].pk}/updates/{update.pk}/review",
        json.dumps({"decision": "approve"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 409
    assert "you wrote this update, so someone else must review it" in response.json()["error"]
    assert _state(update) == before
