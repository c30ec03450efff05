"""Writes of the policy register and of equality impact assessments: each checks the person's
role (accounts.permissions) and the assessment's state first, in a transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from eqtrack.accounts.audit import audit_record
from eqtrack.accounts.models import Team
from eqtrack.accounts.permissions import (
    assessment_authorship,
    can_administer,
    can_author_assessments,
    can_edit_assessment,
    can_make_mitigation_action,
    can_review,
    can_sign_off,
)
from eqtrack.core.history import change_record
from eqtrack.core.signals import send_on_commit
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action, Plan, Theme
from eqtrack.plans.search import search_refresh_for
from eqtrack.plans.services import action_create

from .characteristics import LOCAL, STATUTORY
from .models import Assessment, Characteristic, Impact, Outcome, Policy
from .signals import assessment_reviewed, assessment_signed_off, assessment_submitted

State = Assessment.State
Likely = Impact.Likely


class AssessmentError(ValueError):
    """A step that does not fit the assessment's state; the message says why."""


@transaction.atomic
def characteristics_seed(*, organisation: Organisation) -> list[Characteristic]:
    """Give the organisation the standard characteristics, once (running again adds nothing)."""
    if Characteristic.objects.filter(organisation=organisation).exists():
        return list(Characteristic.objects.filter(organisation=organisation))
    return [
        Characteristic.objects.create(
            organisation=organisation, name=name, hint=hint, statutory=statutory, position=i
        )
        for i, (name, hint, statutory) in enumerate(
            [(n, h, True) for n, h in STATUTORY] + [(n, h, False) for n, h in LOCAL]
        )
    ]


@transaction.atomic
def characteristic_add(
    *, organisation: Organisation, name: str, hint: str = "", user: User
) -> Characteristic:
    """A local characteristic, for new assessments from now on."""
    if not can_administer(user, organisation.pk):
        raise PermissionDenied("only an administrator adds a characteristic")
    name, hint = " ".join(name.split()), " ".join(hint.split())
    if not name:
        raise AssessmentError("give the characteristic a name")
    if len(name) > 100:
        raise AssessmentError("the characteristic's name must be 100 characters or fewer")
    if len(hint) > 300:
        raise AssessmentError("the description must be 300 characters or fewer")
    if Characteristic.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise AssessmentError(f"there is already a characteristic called {name!r}")
    last = Characteristic.objects.filter(organisation=organisation).aggregate(Max("position"))
    characteristic = Characteristic(
        organisation=organisation,
        name=name,
        hint=hint,
        position=(last["position__max"] or 0) + 1,
    )
    change_record(characteristic, user=user, reason="Characteristic added")
    characteristic.save()
    return characteristic


@transaction.atomic
def characteristic_retire(*, characteristic: Characteristic, user: User) -> Characteristic:
    """Left out of new assessments; kept, with what was written, on the ones that have it."""
    if not can_administer(user, characteristic.organisation_id):
        raise PermissionDenied("only an administrator retires a characteristic")
    if characteristic.statutory:
        raise AssessmentError(
            "the nine protected characteristics of the Equality Act 2010 stay in every "
            "assessment: the council must have due regard to each"
        )
    if characteristic.retired_at is not None:
        return characteristic  # retired already: its date stays the first one
    characteristic.retired_at = timezone.now()
    change_record(characteristic, user=user, reason="Characteristic retired")
    characteristic.save()
    return characteristic


@transaction.atomic
def characteristic_restore(*, characteristic: Characteristic, user: User) -> Characteristic:
    """A retired characteristic back in new assessments (one retired by mistake, say)."""
    if not can_administer(user, characteristic.organisation_id):
        raise PermissionDenied("only an administrator brings a characteristic back")
    if characteristic.retired_at is not None:
        characteristic.retired_at = None
        change_record(characteristic, user=user, reason="Characteristic back in use")
        characteristic.save()
    return characteristic


@transaction.atomic
def policy_create(
    *,
    organisation: Organisation,
    title: str,
    kind: str = Policy.Kind.POLICY,
    team: Team | None = None,
    adopted_on: dt.date | None = None,
    next_review_on: dt.date | None = None,
    equality_relevant: bool | None = None,
    relevance_reason: str = "",
    user: User,
) -> Policy:
    if not can_author_assessments(user, organisation.pk):
        raise PermissionDenied("viewers cannot add to the policy register")
    if team is not None and team.organisation_id != organisation.pk:
        raise AssessmentError("that team is not in this organisation")
    if equality_relevant is False and not relevance_reason.strip():
        raise AssessmentError("say why the policy has no equality relevance")
    policy = Policy(
        organisation=organisation,
        title=title.strip(),
        kind=kind,
        team=team,
        adopted_on=adopted_on,
        next_review_on=next_review_on,
        equality_relevant=equality_relevant,
        relevance_reason=relevance_reason.strip(),
    )
    change_record(policy, user=user, reason="Added to the register")
    policy.save()
    return policy


@transaction.atomic
def assessment_start(*, policy: Policy, title: str = "", user: User) -> Assessment:
    """A new draft assessment of the policy: version 1, or the next version, carrying over
    what the latest one said for every characteristic still assessed."""
    if not can_author_assessments(user, policy.organisation_id):
        raise PermissionDenied("viewers cannot start an assessment")
    latest = policy.assessments.order_by("-version").first()
    if latest is not None and not latest.locked:
        raise AssessmentError(
            f"version {latest.version} is still being written; finish or change that one"
        )
    characteristics_seed(organisation=policy.organisation)
    assessment = Assessment(
        organisation=policy.organisation,
        policy=policy,
        version=(latest.version + 1) if latest else 1,
        title=title.strip() or (latest.title if latest else policy.title),
        author=user,
        relevant=latest.relevant if latest else None,
        screening_reason=latest.screening_reason if latest else "",
        outcome=latest.outcome if latest else "",
        justification=latest.justification if latest else "",
    )
    change_record(
        assessment,
        user=user,
        reason="Started" if latest is None else f"Version {assessment.version}",
    )
    assessment.save()
    earlier = {i.characteristic_id: i for i in latest.impacts.all()} if latest else {}
    for characteristic in Characteristic.objects.filter(
        organisation=policy.organisation, retired_at__isnull=True
    ):
        before = earlier.get(characteristic.pk)
        Impact.objects.create(
            organisation=policy.organisation,
            assessment=assessment,
            characteristic=characteristic,
            likely=before.likely if before else "",
            evidence=before.evidence if before else "",
            consultation=before.consultation if before else None,
            mitigation=before.mitigation if before else "",
            action=before.action if before else None,
        )
    return assessment


def _editable(assessment: Assessment, user: User) -> None:
    if assessment.locked:
        raise AssessmentError(
            "a signed-off assessment cannot be changed; start a new version to change it"
        )
    if not can_edit_assessment(user, assessment):
        raise PermissionDenied("only the assessment's author and administrators change it")
    if assessment.state not in (State.DRAFT, State.RETURNED):
        raise AssessmentError(
            f"the assessment is {assessment.get_state_display().lower()}; it cannot be changed now"
        )


@transaction.atomic
def assessment_screen(
    *, assessment: Assessment, relevant: bool, reason: str, user: User
) -> Assessment:
    """Screening: is the proposal relevant to equality? A reason is recorded either way."""
    _editable(assessment, user)
    if not reason.strip():
        raise AssessmentError("say why the proposal is or is not relevant to equality")
    assessment.relevant, assessment.screening_reason = relevant, reason.strip()
    change_record(assessment, user=user, reason="Screened")
    assessment.save()
    return assessment


@transaction.atomic
def impact_save(
    *,
    impact: Impact,
    likely: str,
    evidence: str = "",
    mitigation: str = "",
    consultation: Any = None,
    user: User,
) -> Impact:
    _editable(impact.assessment, user)
    if likely and likely not in Likely.values:
        raise AssessmentError(
            f"{impact.characteristic}: choose positive, neutral, negative or not known"
        )
    if consultation is not None and consultation.organisation_id != impact.organisation_id:
        raise AssessmentError("that consultation is not this organisation's")
    impact.likely, impact.evidence = likely, evidence.strip()
    impact.mitigation, impact.consultation = mitigation.strip(), consultation
    change_record(impact, user=user, reason="Impact assessed")
    impact.save()
    return impact


@transaction.atomic
def assessment_conclude(
    *,
    assessment: Assessment,
    outcome: str,
    justification: str = "",
    review_on: dt.date | None = None,
    user: User,
) -> Assessment:
    """The overall outcome, in the EHRC's four outcomes, and when to look at it again."""
    _editable(assessment, user)
    if outcome not in Outcome.values:
        raise AssessmentError("choose one of the four outcomes")
    if outcome == Outcome.CONTINUE and not justification.strip():
        raise AssessmentError("continuing despite adverse impact needs its justification")
    assessment.outcome, assessment.justification = outcome, justification.strip()
    assessment.review_on = review_on
    change_record(assessment, user=user, reason="Outcome recorded")
    assessment.save()
    return assessment


def assessment_problems(assessment: Assessment) -> list[str]:
    """What the assessment still lacks, in words; empty when it is ready to submit."""
    problems = []
    if assessment.relevant is None or not assessment.screening_reason:
        return ["Screening: say whether the proposal is relevant to equality, and why"]
    if not assessment.relevant:
        return []
    justified = assessment.outcome == Outcome.CONTINUE and bool(assessment.justification)
    for impact in assessment.impacts.select_related("characteristic"):
        name = impact.characteristic.name
        if not impact.likely:
            problems.append(f"{name}: say what the likely impact is")
        elif impact.likely == Likely.NEGATIVE and not (
            impact.mitigation or impact.action_id or justified
        ):
            problems.append(
                f"{name}: a negative impact needs a mitigation, or the outcome "
                "'continue despite adverse impact' with its justification"
            )
        elif impact.likely == Likely.NOT_KNOWN and not (impact.evidence or impact.consultation_id):
            problems.append(
                f"{name}: the impact is not known, so say what evidence will be gathered"
            )
    if not assessment.outcome:
        problems.append("Outcome: choose one of the four outcomes")
    return problems


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user: User) -> Assessment:
    _editable(assessment, user)
    problems = assessment_problems(assessment)
    if problems:
        raise AssessmentError("not ready to submit: " + "; ".join(problems))
    assessment.state = State.SUBMITTED
    change_record(assessment, user=user, reason="Submitted for review")
    assessment.save()
    send_on_commit(assessment_submitted, sender=Assessment, assessment=assessment, user=user)
    return assessment


@transaction.atomic
def assessment_review(
    *, assessment: Assessment, approve: bool, comment: str = "", user: User
) -> Assessment:
    """The policy team's review: on to sign-off, or back to the author with a comment."""
    if not can_review(user, assessment.organisation_id):
        raise PermissionDenied("only reviewers and administrators review assessments")
    if assessment.state != State.SUBMITTED:
        raise AssessmentError("only a submitted assessment can be reviewed")
    _four_eyes(assessment, user, step="review it")
    if not approve and not comment.strip():
        raise AssessmentError("say what should change when returning an assessment")
    assessment.state = State.REVIEWED if approve else State.RETURNED
    assessment.review_comment = comment.strip()
    change_record(assessment, user=user, reason="Reviewed" if approve else "Returned")
    assessment.save()
    send_on_commit(assessment_reviewed, sender=Assessment, assessment=assessment, user=user)
    return assessment


def _four_eyes(assessment: Assessment, user: User, *, step: str) -> None:
    """The four-eyes rule: an assessment's reviewer and signer are not its author (nor whoever
    submitted it), and not each other unless the council's settings allow one person to do
    both (separate_reviewer_and_signer). No role is exempt, administrators included."""
    done = assessment_authorship(user, assessment)
    if done == "reviewed" and not assessment.organisation.separate_reviewer_and_signer:
        return
    if done is not None:
        raise AssessmentError(f"you {done} this assessment, so someone else must {step}")


@transaction.atomic
def assessment_sign_off(*, assessment: Assessment, user: User) -> Assessment:
    """A named manager signs the reviewed assessment off; from then on it is locked."""
    if not can_sign_off(user, assessment.organisation_id):
        raise PermissionDenied("only managers and administrators sign assessments off")
    if assessment.state != State.REVIEWED:
        raise AssessmentError("only a reviewed assessment can be signed off")
    _four_eyes(assessment, user, step="sign it off")
    assessment.state = State.SIGNED_OFF
    assessment.signed_off_by, assessment.signed_off_at = user, timezone.now()
    change_record(assessment, user=user, reason="Signed off")
    assessment.save()
    # Mitigations an administrator made plan actions before the sign-off join the plan now.
    for impact in assessment.impacts.filter(action__archived_at__isnull=False):
        action = impact.action
        if action is not None and _held(action):
            action.archived_at = None
            change_record(
                action, user=user, reason=f"The assessment of {assessment.title} was signed off"
            )
            action.save()
            search_refresh_for(action)

    audit_record(f"sign-off: assessment {assessment.pk} {assessment}", user=user)
    send_on_commit(assessment_signed_off, sender=Assessment, assessment=assessment, user=user)
    if assessment.review_on:
        policy = assessment.policy
        policy.next_review_on = assessment.review_on
        policy.equality_relevant = assessment.relevant
        change_record(policy, user=user, reason="Review date from the signed-off assessment")
        policy.save()
    return assessment


@transaction.atomic
def assessment_publish(*, assessment: Assessment, user: User) -> Assessment:
    if not can_sign_off(user, assessment.organisation_id):
        raise PermissionDenied("only managers and administrators publish assessments")
    if assessment.state != State.SIGNED_OFF:
        raise AssessmentError("only a signed-off assessment can be published")
    assessment.published_at = assessment.published_at or timezone.now()
    change_record(assessment, user=user, reason="Published")
    assessment.save()

    audit_record(f"publication: assessment {assessment.pk} {assessment} published", user=user)
    return assessment


@transaction.atomic
def mitigation_to_action(
    *,
    impact: Impact,
    plan: Plan,
    theme: Theme,
    text: str,
    team: Team | None,
    due: str | None,
    user: User,
) -> Action:
    """Make a mitigation that needs work an action of the equality action plan, so its progress
    is reported in the rounds like any other; the impact and the action point to each other.

    Only a signed-off assessment's mitigations become actions, so no unapproved commitment
    enters the plan; an administrator may add one before, and it is held out of the plan
    (archived, so on no page, export or round) until the sign-off brings it in."""
    assessment = impact.assessment
    if not can_make_mitigation_action(user, assessment):
        if not assessment.locked:
            raise AssessmentError(
                "a mitigation becomes a plan action once the assessment is signed off "
                "(or an administrator adds it)"
            )
        raise PermissionDenied(
            "only the assessment's author, managers and administrators make a mitigation an action"
        )
    if plan.organisation_id != impact.organisation_id:
        raise AssessmentError("that plan is not this organisation's")
    if impact.action_id:
        raise AssessmentError(f"{impact.characteristic}: the mitigation is already an action")
    action = action_create(
        plan=plan,
        theme=theme,
        text=text or impact.mitigation,
        team=team,
        due=due,
        tags=[impact.characteristic.name.lower()],
        user=user,
        reason=f"Mitigation from the assessment of {assessment.title}",
    )
    if not assessment.locked:
        action.archived_at = timezone.now()
        change_record(action, user=user, reason=HELD_UNTIL_SIGN_OFF)
        action.save()
        search_refresh_for(action)
    impact.action = action
    change_record(impact, user=user, reason="Mitigation became a plan action")
    impact.save()
    return action


HELD_UNTIL_SIGN_OFF = "Held out of the plan until the assessment is signed off"


def _held(action: Action) -> bool:
    """Archived only to wait for its assessment's sign-off (not archived by someone since)."""
    latest = action.history.order_by("-history_id").first()  # type: ignore[attr-defined]
    return latest is not None and latest.history_change_reason == HELD_UNTIL_SIGN_OFF
