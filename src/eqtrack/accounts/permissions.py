"""What each role may do: the one place such rules live, for the web, the API and the CLI."""

from __future__ import annotations

from typing import Any

from eqtrack.core.types import Person

from .models import Membership, Role


def membership(user: Person | None, organisation_id: int) -> Membership | None:
    """The person's membership of the organisation, with its teams; None for a deactivated
    (archived) one, which grants nothing. Remembered on the user object, which lives for one
    request (or one command), as the rules ask for it often."""
    if not user or not user.is_authenticated:
        return None
    known = user.__dict__.setdefault("_eqtrack_memberships", {})
    if organisation_id not in known:
        known[organisation_id] = (
            Membership.objects.live()
            .filter(user=user, organisation_id=organisation_id)
            .prefetch_related("teams")
            .first()
        )
    return known[organisation_id]


def membership_forget(user: Person | None) -> None:
    """Forget what `membership` remembered for this person, after their role changed."""
    if user is not None:
        user.__dict__.pop("_eqtrack_memberships", None)
        user.__dict__.pop("_eqtrack_administered", None)


def _superuser(user: Person | None) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def can_read_unpublished(user: Person | None, organisation_id: int) -> bool:
    """Every member of an organisation, whatever their role, reads all of its plans, drafts
    and updates in review included; visitors and other councils' people read published ones."""
    return _superuser(user) or membership(user, organisation_id) is not None


def readable_organisation_ids(user: Person | None) -> set[int] | None:
    """The organisations whose unpublished work this person may read; None means all of them."""
    if _superuser(user):
        return None
    if not user or not user.is_authenticated:
        return set()
    return set(
        Membership.objects.live().filter(user=user).values_list("organisation_id", flat=True)
    )


def can_read_plan(user: Person | None, plan: Any) -> bool:
    """Published plans are for everyone; the rest for the organisation's members."""
    return bool(plan.published) or can_read_unpublished(user, plan.organisation_id)


def can_edit_action(user: Person | None, action: Any) -> bool:
    """Administrators edit every action; owners only those of the teams they belong to."""
    if user and user.is_authenticated and user.is_superuser:
        return True
    member = membership(user, action.organisation_id)
    if member is None:
        return False
    if member.role == Role.ADMINISTRATOR:
        return True
    if member.role == Role.OWNER and action.team_id is not None:
        return any(team.pk == action.team_id for team in member.teams.all())
    return False


def can_edit_any_action(user: Person | None, organisation_id: int) -> bool:
    """Whether this person writes updates for some of the organisation's actions: an
    administrator, or an owner with a team (whose actions may still be to come)."""
    if _superuser(user):
        return True
    member = membership(user, organisation_id)
    if member is None:
        return False
    return member.role == Role.ADMINISTRATOR or (
        member.role == Role.OWNER and bool(member.teams.all())
    )


def can_check_measures(user: Person | None, action: Any) -> bool:
    """Who confirms, renames or rejects the indicators read from an action's progress: those
    who may edit the action (its team's owners, administrators) and reviewers."""
    return can_edit_action(user, action) or can_review(user, action.organisation_id)


def measure_checker_teams(user: Person | None, organisation_id: int) -> set[int] | None:
    """The teams whose actions' indicators this person checks (can_check_measures, for a list):
    None for every action (reviewers, administrators), else an owner's teams; empty for the
    rest."""
    if can_review(user, organisation_id):
        return None
    member = membership(user, organisation_id)
    if member is None or member.role != Role.OWNER:
        return set()
    return {team.pk for team in member.teams.all()}


def can_review(user: Person | None, organisation_id: int) -> bool:
    if user and user.is_authenticated and user.is_superuser:
        return True
    member = membership(user, organisation_id)
    return member is not None and member.role in (Role.ADMINISTRATOR, Role.REVIEWER)


def _signed_in_as(user: Person | None, user_id: int | None) -> bool:
    return bool(user and user.is_authenticated and user_id is not None and user_id == user.pk)


def update_authorship(user: Person | None, update: Any) -> str | None:
    """ "wrote" if this person wrote the update's words as they stand, "submitted" if they sent
    it for review, else None. The four-eyes rule: neither may approve or return it, whatever
    their role (administrators and the site operator included). Who submitted it is the person
    its history names on its latest version in the submitted state."""
    if not user or not user.is_authenticated:
        return None
    if _signed_in_as(user, update.written_by_id):
        return "wrote"
    submitted = update.history.filter(state="submitted").order_by("-history_id").first()
    if submitted is not None and _signed_in_as(user, submitted.history_user_id):
        return "submitted"
    return None


def assessment_authorship(user: Person | None, assessment: Any) -> str | None:
    """ "wrote" for an impact assessment's author, "submitted" for whoever sent it for review
    (an administrator may submit an author's draft), "reviewed" for whoever passed it on to
    sign-off; else None. The four-eyes rule is built on these (assessments.services)."""
    if not user or not user.is_authenticated:
        return None
    if _signed_in_as(user, assessment.author_id):
        return "wrote"
    versions = assessment.history.order_by("-history_id")
    submitted = versions.filter(state="submitted").first()
    if submitted is not None and _signed_in_as(user, submitted.history_user_id):
        return "submitted"
    reviewed = versions.filter(state="reviewed").first()
    if reviewed is not None and _signed_in_as(user, reviewed.history_user_id):
        return "reviewed"
    return None


def _proposer(user: Person | None, update: Any) -> bool:
    return bool(user and user.is_authenticated and update.proposed_by_id == user.pk)


def can_approve_proposal(user: Person | None, update: Any) -> bool:
    """Reviewers and administrators approve a restored text waiting for review, except the
    person who restored it: a restore must not be able to approve itself."""
    return can_review(user, update.organisation_id) and not _proposer(user, update)


def can_reject_proposal(user: Person | None, update: Any) -> bool:
    """Reviewers and administrators reject a restored text; whoever restored it may withdraw
    it while they may still edit the action."""
    return can_review(user, update.organisation_id) or (
        _proposer(user, update) and can_edit_action(user, update.action)
    )


def can_administer(user: Person | None, organisation_id: int) -> bool:
    if user and user.is_authenticated and user.is_superuser:
        return True
    member = membership(user, organisation_id)
    return member is not None and member.role == Role.ADMINISTRATOR


def can_manage_consultations(user: Person | None, organisation_id: int) -> bool:
    """Who starts consultations, replaces their responses and changes population profiles:
    the council's administrators for now (the one place to widen it, to a policy officer say)."""
    return can_administer(user, organisation_id)


def can_manage_workforce(user: Person | None, organisation_id: int) -> bool:
    """Who uploads staff files, reads the workforce figures before they are published and
    publishes them: the council's administrators (the roles have no HR role yet; this is the
    one place to add it). Staff rows are personal data, so other members are refused."""
    return can_administer(user, organisation_id)


def can_manage_procurement(user: Person | None, organisation_id: int) -> bool:
    """Who keeps the social value measures library, sets tenders up, records bids, chairs
    moderation and awards: procurement officers and administrators."""
    if _superuser(user):
        return True
    member = membership(user, organisation_id)
    return member is not None and member.role in (Role.ADMINISTRATOR, Role.PROCUREMENT)


def can_read_tenders(user: Person | None, organisation_id: int) -> bool:
    """Bids are commercially confidential: procurement officers, administrators, contract
    managers and viewers read every tender; an evaluator reads only the tenders they are asked
    to score (procurement.selectors), and other members none."""
    if _superuser(user):
        return True
    member = membership(user, organisation_id)
    return member is not None and member.role in (
        Role.ADMINISTRATOR,
        Role.PROCUREMENT,
        Role.CONTRACT_MANAGER,
        Role.VIEWER,
    )


def can_manage_contract(user: Person | None, contract: Any) -> bool:
    """Who sends a contract's return links, accepts or queries its returns and rates its KPIs:
    procurement officers and administrators, and the contract manager named on it."""
    if can_manage_procurement(user, contract.organisation_id):
        return True
    member = membership(user, contract.organisation_id)
    return (
        member is not None
        and member.role == Role.CONTRACT_MANAGER
        and _signed_in_as(user, contract.manager_id)
    )


def can_confirm_moderation(user: Person | None, tender: Any) -> bool:
    """The four-eyes rule of a tender's moderation: a procurement officer or administrator
    confirms the agreed scores, but never one who recorded any of them (the tender's history
    names every recorder) nor one of the tender's evaluators."""
    if not user or not user.is_authenticated:
        return False
    if not can_manage_procurement(user, tender.organisation_id):
        return False
    if _signed_in_as(user, tender.moderated_by_id):
        return False
    if tender.history.filter(moderated_by_id=user.pk).exists():
        return False
    if tender.bids.filter(moderated_scores__recorded_by_id=user.pk).exists():
        return False
    return not was_evaluator(user, tender)


def was_evaluator(user: Person | None, tender: Any) -> bool:
    """Whether this person is, or ever was, one of the tender's evaluators: one taken off (after
    declaring a conflict, say) stays out of its moderation. Their rows' history remembers."""
    if not user or not user.is_authenticated:
        return False
    # The evaluators' model reached through the tender: accounts imports no app above it.
    history = tender.evaluators.model.history
    return bool(history.filter(tender_id=tender.pk, user_id=user.pk).exists())


def can_record_moderation(user: Person | None, tender: Any) -> bool:
    """Who records a tender's agreed scores: a procurement officer or administrator who is not,
    and never was, one of its evaluators."""
    return can_manage_procurement(user, tender.organisation_id) and not was_evaluator(user, tender)


def can_read_tender_results(user: Person | None, tender: Any) -> bool:
    """A tender's weighted totals and ranking: those who read tenders once moderation has
    opened, its evaluators once it is awarded (until then they must not see others' views)."""
    if tender.stage not in ("moderation", "awarded"):
        return False
    if can_read_tenders(user, tender.organisation_id):
        return True
    if user is None or not user.is_authenticated or tender.stage != "awarded":
        return False
    return (
        membership(user, tender.organisation_id) is not None
        and tender.evaluators.filter(user_id=user.pk).exists()
    )


def can_author_assessments(user: Person | None, organisation_id: int) -> bool:
    """Everyone in the organisation but viewers writes policies and assessments."""
    if _superuser(user):
        return True
    member = membership(user, organisation_id)
    return member is not None and member.role != Role.VIEWER


def can_edit_assessment(user: Person | None, assessment: Any) -> bool:
    """An assessment's author edits it, and administrators; never once it is signed off."""
    if assessment.locked:
        return False
    if _superuser(user) or can_administer(user, assessment.organisation_id):
        return True
    return bool(user and user.is_authenticated and assessment.author_id == user.pk) and (
        can_author_assessments(user, assessment.organisation_id)
    )


def can_make_mitigation_action(user: Person | None, assessment: Any) -> bool:
    """A mitigation becomes a plan action once its assessment is signed off (by its author, a
    manager or an administrator); before that, only an administrator adds one (and it stays
    out of the published plan until the sign-off)."""
    if can_administer(user, assessment.organisation_id):
        return True
    if not assessment.locked:
        return False
    if can_sign_off(user, assessment.organisation_id):
        return True
    return bool(user and user.is_authenticated and assessment.author_id == user.pk) and (
        can_author_assessments(user, assessment.organisation_id)
    )


def can_sign_off(user: Person | None, organisation_id: int) -> bool:
    """Managers (and administrators) sign assessments off."""
    if _superuser(user):
        return True
    member = membership(user, organisation_id)
    return member is not None and member.role in (Role.ADMINISTRATOR, Role.MANAGER)


def administered_organisation_ids(user: Person | None) -> set[int] | None:
    """The organisations whose records this person may change in the Django admin: those they
    hold the administrator role in; None means every one (a superuser, the site operator).
    Remembered on the user object, as every admin page asks for it many times."""
    if _superuser(user):
        return None
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    if "_eqtrack_administered" not in user.__dict__:
        user.__dict__["_eqtrack_administered"] = set(
            Membership.objects.live()
            .filter(user=user, role=Role.ADMINISTRATOR)
            .values_list("organisation_id", flat=True)
        )
    return set(user.__dict__["_eqtrack_administered"])
