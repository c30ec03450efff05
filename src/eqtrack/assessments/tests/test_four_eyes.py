"""The four-eyes rule on impact assessments, for every role: the author (or whoever submitted
it) never reviews or signs it off, administrators and the site operator included; the
reviewer does not sign it off too unless the council's setting allows it."""

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Membership, Role
from eqtrack.accounts.tests.factories import UserFactory, member_create
from eqtrack.assessments.models import Assessment
from eqtrack.assessments.services import (
    AssessmentError,
    assessment_review,
    assessment_screen,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
    policy_create,
)
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db

# Every role, and the site operator (a superuser with no membership).
ROLES = [*Role.values, "superuser"]
MAY_REVIEW = {"administrator", "reviewer", "superuser"}
MAY_SIGN = {"administrator", "manager", "superuser"}


def _person(org, role):
    if role == "superuser":
        return UserFactory.create(is_superuser=True)
    return member_create(org, role)


def _become(org, user, role):
    """The same person, now holding `role` (as after a change of job): the rule follows the
    person, not the role they wrote it under."""
    if role == "superuser":
        user.is_superuser = True
        user.save()
        Membership.objects.filter(user=user).delete()
    else:
        Membership.objects.filter(user=user, organisation=org).update(role=role)
    user.__dict__.pop("_eqtrack_memberships", None)
    return user


@pytest.fixture
def org():
    return Organisation.objects.create(name="Four Eyes Council", slug="four-eyes")


def _submitted(org, author):
    policy = policy_create(organisation=org, title="Allotments", user=author)
    assessment = assessment_start(policy=policy, user=author)
    assessment_screen(assessment=assessment, relevant=False, reason="No one affected.", user=author)
    return assessment_submit(assessment=assessment, user=author)


def _state(assessment):
    return Assessment.objects.get(pk=assessment.pk).state, assessment.history.count()


@pytest.mark.parametrize("role", ROLES)
def test_the_author_never_reviews_their_own_assessment_whatever_their_role(org, role):
    author = member_create(org, Role.OWNER)
    assessment = _submitted(org, author)
    before = _state(assessment)
    _become(org, author, role)
    refusal = AssessmentError if role in MAY_REVIEW else PermissionDenied
    for approve in (True, False):
        with pytest.raises(refusal) as refused:
            assessment_review(assessment=assessment, approve=approve, comment="Fine", user=author)
        if role in MAY_REVIEW:
            assert str(refused.value) == "you wrote this assessment, so someone else must review it"
    assert _state(assessment) == before
    # Someone else with the same role reviews it, if the role reviews at all.
    other = _person(org, role)
    if role in MAY_REVIEW:
        assessment_review(assessment=assessment, approve=True, user=other)
        assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.REVIEWED
    else:
        with pytest.raises(PermissionDenied):
            assessment_review(assessment=assessment, approve=True, user=other)


@pytest.mark.parametrize("role", ROLES)
def test_the_author_never_signs_off_their_own_assessment_whatever_their_role(org, role):
    author = member_create(org, Role.OWNER)
    assessment = _submitted(org, author)
    assessment_review(assessment=assessment, approve=True, user=member_create(org, Role.REVIEWER))
    before = _state(assessment)
    _become(org, author, role)
    refusal = AssessmentError if role in MAY_SIGN else PermissionDenied
    with pytest.raises(refusal) as refused:
        assessment_sign_off(assessment=assessment, user=author)
    if role in MAY_SIGN:
        assert str(refused.value) == "you wrote this assessment, so someone else must sign it off"
    assert _state(assessment) == before
    other = _person(org, role)
    if role in MAY_SIGN:
        assessment_sign_off(assessment=assessment, user=other)
        assessment.refresh_from_db()
        assert assessment.state == Assessment.State.SIGNED_OFF
        assert assessment.signed_off_by == other
    else:
        with pytest.raises(PermissionDenied):
            assessment_sign_off(assessment=assessment, user=other)


def test_whoever_submitted_an_authors_draft_does_not_review_it(org):
    author = member_create(org, Role.OWNER)
    administrator = member_create(org, Role.ADMINISTRATOR)
    policy = policy_create(organisation=org, title="Parks", user=author)
    assessment = assessment_start(policy=policy, user=author)
    assessment_screen(assessment=assessment, relevant=False, reason="None.", user=author)
    assessment_submit(assessment=assessment, user=administrator)
    with pytest.raises(AssessmentError, match="you submitted this assessment"):
        assessment_review(assessment=assessment, approve=True, user=administrator)


@pytest.mark.parametrize("separate", [True, False])
def test_the_reviewer_signs_off_only_where_the_council_allows_it(org, separate):
    org.separate_reviewer_and_signer = separate
    org.save()
    author = member_create(org, Role.OWNER)
    administrator = member_create(org, Role.ADMINISTRATOR)
    assessment = _submitted(org, author)
    assessment_review(assessment=assessment, approve=True, user=administrator)
    assessment = Assessment.objects.select_related("organisation").get(pk=assessment.pk)
    if separate:
        before = _state(assessment)
        with pytest.raises(AssessmentError) as refused:
            assessment_sign_off(assessment=assessment, user=administrator)
        assert str(refused.value) == (
            "you reviewed this assessment, so someone else must sign it off"
        )
        assert _state(assessment) == before
    else:
        assessment_sign_off(assessment=assessment, user=administrator)
        assert Assessment.objects.get(pk=assessment.pk).signed_off_by == administrator


def test_with_the_setting_off_the_author_still_never_reviews_or_signs(org):
    org.separate_reviewer_and_signer = False
    org.save()
    author = member_create(org, Role.ADMINISTRATOR)
    assessment = _submitted(org, author)
    with pytest.raises(AssessmentError, match="you wrote this assessment"):
        assessment_review(assessment=assessment, approve=True, user=author)
    assessment_review(assessment=assessment, approve=True, user=member_create(org, Role.REVIEWER))
    with pytest.raises(AssessmentError, match="you wrote this assessment"):
        assessment_sign_off(assessment=assessment, user=author)


def test_the_page_shows_the_refusal_as_the_forms_error_and_changes_nothing(client, org):
    author = member_create(org, Role.ADMINISTRATOR)
    assessment = _submitted(org, author)
    before = _state(assessment)
    client.force_login(author)
    response = client.post(f"/{org.slug}/assessments/{assessment.pk}/", {"step": "approve"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "so someone else must review it" in html
    assert _state(assessment) == before
