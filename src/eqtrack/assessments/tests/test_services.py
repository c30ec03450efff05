"""The assessment workflow through its services: screening, impacts, outcome, review,
sign-off and publication; locking; characteristics as data; mitigations as plan actions."""

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Assessment, Characteristic, Impact, Outcome
from eqtrack.assessments.services import (
    AssessmentError,
    assessment_conclude,
    assessment_problems,
    assessment_publish,
    assessment_review,
    assessment_screen,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
    characteristic_add,
    characteristic_retire,
    impact_save,
    mitigation_to_action,
    policy_create,
)
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    plan = plan_create_from_document(document=document_generate(actions=3, periods=1))
    org = plan.organisation
    team = Team.objects.create(organisation=org, name="Housing")
    people = {
        "author": member_create(org, Role.OWNER, teams=[team]),
        "reviewer": member_create(org, Role.REVIEWER),
        "manager": member_create(org, Role.MANAGER),
        "admin": member_create(org, Role.ADMINISTRATOR),
        "viewer": member_create(org, Role.VIEWER),
    }
    policy = policy_create(
        organisation=org, title="Housing allocations policy", team=team, user=people["author"]
    )
    return plan, policy, people


def _impact(assessment, name):
    return assessment.impacts.get(characteristic__name=name)


def _fill(assessment, author, negative_on="Poverty and socio-economic disadvantage"):
    assessment_screen(assessment=assessment, relevant=True, reason="Who gets a home.", user=author)
    for impact in assessment.impacts.all():
        impact_save(impact=impact, likely=Impact.Likely.NEUTRAL, user=author)
    impact_save(
        impact=_impact(assessment, negative_on),
        likely=Impact.Likely.NEGATIVE,
        evidence="Bidding online needs data.",
        user=author,
    )


def test_from_screening_to_publication_with_a_mitigation_as_a_plan_action(world):
    plan, policy, people = world
    author = people["author"]
    assessment = assessment_start(policy=policy, user=author)
    names = [i.characteristic.name for i in assessment.impacts.all()]
    assert names[:2] == ["Age", "Disability"] and "Poverty and socio-economic disadvantage" in names
    assert len(names) == 13  # the nine of the Act and four local ones
    _fill(assessment, author)
    assessment_conclude(assessment=assessment, outcome=Outcome.ADJUST, user=author)
    assert assessment_problems(assessment) == [
        "Poverty and socio-economic disadvantage: a negative impact needs a mitigation, or the "
        "outcome 'continue despite adverse impact' with its justification"
    ]
    with pytest.raises(AssessmentError, match="not ready to submit"):
        assessment_submit(assessment=assessment, user=author)
    poverty = _impact(assessment, "Poverty and socio-economic disadvantage")
    impact_save(
        impact=poverty,
        likely=Impact.Likely.NEGATIVE,
        evidence="Bidding online needs data.",
        mitigation="Offer assisted bidding in every library.",
        user=author,
    )
    assert assessment_problems(assessment) == []
    assessment_submit(assessment=assessment, user=author)
    assessment_review(assessment=assessment, approve=True, user=people["reviewer"])
    with pytest.raises(PermissionDenied):
        assessment_sign_off(assessment=assessment, user=people["reviewer"])
    assessment_sign_off(assessment=assessment, user=people["manager"])
    assert assessment.signed_off_by == people["manager"] and assessment.locked
    # Signed off: its author makes the mitigation a plan action.
    action = mitigation_to_action(
        impact=poverty,
        plan=plan,
        theme=plan.themes.first(),
        text="",
        team=policy.team,
        due="March 2027",
        user=author,
    )
    assert action.plan == plan and action.team == policy.team and action.due == "March 2027"
    assert action.text == "Offer assisted bidding in every library." and action.archived_at is None
    assert list(action.assessment_impacts.all()) == [poverty]  # linked both ways
    assessment_publish(assessment=assessment, user=people["manager"])
    assert assessment.published_at is not None


def test_a_mitigation_is_a_plan_action_only_once_signed_off_or_held_till_then(client, world):
    """Before sign-off the author cannot make a mitigation an action; an administrator can,
    and the action stays out of the published plan until the sign-off."""
    plan, policy, people = world
    plan.published = True
    plan.save()
    author = people["author"]
    assessment = assessment_start(policy=policy, user=author)
    _fill(assessment, author)
    poverty = _impact(assessment, "Poverty and socio-economic disadvantage")
    arguments = {
        "impact": poverty,
        "plan": plan,
        "theme": plan.themes.first(),
        "text": "Hold bidding clinics.",
        "team": None,
        "due": None,
    }
    with pytest.raises(AssessmentError, match="once the assessment is signed off"):
        mitigation_to_action(**arguments, user=author)
    assert not Action.objects.filter(text="Hold bidding clinics.").exists()

    action = mitigation_to_action(**arguments, user=people["admin"])
    page = f"/{plan.organisation.slug}/{plan.slug}/"
    assert "Hold bidding clinics." not in client.get(page).content.decode()
    history = f"{page}actions/{action.pk}/history/"
    assert client.get(history).status_code == 404
    assert action not in Action.objects.live()

    poverty.refresh_from_db()
    impact_save(
        impact=poverty, likely=Impact.Likely.NEGATIVE, mitigation="Bidding clinics.", user=author
    )
    assessment_conclude(assessment=assessment, outcome=Outcome.ADJUST, user=author)
    assessment_submit(assessment=assessment, user=author)
    assessment_review(assessment=assessment, approve=True, user=people["reviewer"])
    assert "Hold bidding clinics." not in client.get(page).content.decode()
    assessment_sign_off(assessment=assessment, user=people["manager"])
    action.refresh_from_db()
    assert action.archived_at is None
    assert "Hold bidding clinics." in client.get(page).content.decode()
    assert client.get(history).status_code == 200


def test_a_signed_off_assessment_is_locked_and_changes_need_a_new_version(world):
    _, policy, people = world
    author = people["author"]
    assessment = assessment_start(policy=policy, user=author)
    assessment_screen(assessment=assessment, relevant=False, reason="A typo fix.", user=author)
    assessment_submit(assessment=assessment, user=author)
    assessment_review(assessment=assessment, approve=True, user=people["reviewer"])
    assessment_sign_off(assessment=assessment, user=people["manager"])
    with pytest.raises(AssessmentError, match="start a new version"):
        assessment_screen(assessment=assessment, relevant=True, reason="Changed", user=author)
    with pytest.raises(AssessmentError, match="start a new version"):
        impact_save(impact=assessment.impacts.first(), likely="negative", user=people["admin"])
    assessment.refresh_from_db()
    assert assessment.relevant is False
    second = assessment_start(policy=policy, user=author)
    assert second.version == 2 and second.screening_reason == "A typo fix."
    assert second.state == Assessment.State.DRAFT
    with pytest.raises(AssessmentError, match="still being written"):
        assessment_start(policy=policy, user=author)


def test_a_local_characteristic_appears_in_new_assessments_only_and_a_retired_one_stays(world):
    _, policy, people = world
    first = assessment_start(policy=policy, user=people["author"])
    assessment_screen(assessment=first, relevant=False, reason="None", user=people["author"])
    assessment_submit(assessment=first, user=people["author"])
    assessment_review(assessment=first, approve=True, user=people["reviewer"])
    assessment_sign_off(assessment=first, user=people["manager"])
    rural = characteristic_add(
        organisation=policy.organisation, name="Rural isolation", user=people["admin"]
    )
    carers = Characteristic.objects.get(organisation=policy.organisation, name="Carers")
    characteristic_retire(characteristic=carers, user=people["admin"])
    second = assessment_start(policy=policy, user=people["author"])
    assert not first.impacts.filter(characteristic=rural).exists()
    assert first.impacts.filter(characteristic=carers).exists()  # the old one keeps it
    assert second.impacts.filter(characteristic=rural).exists()
    assert not second.impacts.filter(characteristic=carers).exists()
    with pytest.raises(PermissionDenied):
        characteristic_add(organisation=policy.organisation, name="X", user=people["author"])
    with pytest.raises(AssessmentError, match="already a characteristic"):
        characteristic_add(
            organisation=policy.organisation, name="rural isolation", user=people["admin"]
        )


def test_the_form_flags_gaps(world):
    _, policy, people = world
    author = people["author"]
    assessment = assessment_start(policy=policy, user=author)
    assert assessment_problems(assessment)[0].startswith("Screening")
    _fill(assessment, author)
    impact_save(impact=_impact(assessment, "Race"), likely="not_known", user=author)
    problems = assessment_problems(assessment)
    assert "Race: the impact is not known, so say what evidence will be gathered" in problems
    assert "Outcome: choose one of the four outcomes" in problems
    # Continuing despite the adverse impact, with a justification, answers the negative impact.
    with pytest.raises(AssessmentError, match="needs its justification"):
        assessment_conclude(assessment=assessment, outcome=Outcome.CONTINUE, user=author)
    assessment_conclude(
        assessment=assessment, outcome=Outcome.CONTINUE, justification="Legal duty.", user=author
    )
    assert assessment_problems(assessment) == [
        "Race: the impact is not known, so say what evidence will be gathered"
    ]


def test_roles(world):
    _, policy, people = world
    with pytest.raises(PermissionDenied):
        assessment_start(policy=policy, user=people["viewer"])
    assessment = assessment_start(policy=policy, user=people["author"])
    other_author = member_create(policy.organisation, Role.OWNER)
    with pytest.raises(PermissionDenied):
        assessment_screen(assessment=assessment, relevant=True, reason="x", user=other_author)
    assessment_screen(assessment=assessment, relevant=False, reason="x", user=people["admin"])
    assessment_submit(assessment=assessment, user=people["author"])
    with pytest.raises(PermissionDenied):
        assessment_review(assessment=assessment, approve=True, user=people["author"])
    with pytest.raises(AssessmentError, match="say what should change"):
        assessment_review(assessment=assessment, approve=False, user=people["reviewer"])
    assessment_review(assessment=assessment, approve=False, comment="More", user=people["reviewer"])
    assert assessment.state == Assessment.State.RETURNED
    with pytest.raises(PermissionDenied):
        policy_create(organisation=policy.organisation, title="X", user=people["viewer"])
