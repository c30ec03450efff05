"""Writes of a reporting round: open it, write and submit updates, review them, close it.
Each checks the person's role (accounts.permissions) and the round's state first; the checks
are services of their own too, so that a page can ask beforehand whether a step is possible
(and show a form, a read-only page or a confirmation) by the very rule the step applies.

Messages start in lower case: the API puts them after a colon, and pages make them sentences
(rounds.forms.sentence)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from eqtrack.accounts.permissions import (
    can_administer,
    can_edit_action,
    can_review,
    update_authorship,
)
from eqtrack.core.history import change_record
from eqtrack.core.signals import send_on_commit
from eqtrack.core.types import User
from eqtrack.plans.models import Action, Plan, Update
from eqtrack.plans.search import search_refresh_for, search_text_refresh_period
from eqtrack.plans.services import period_create, update_write
from eqtrack.plans.signals import update_approved

from .models import LateOpening, ReportingRound, Review
from .selectors import late_opening_for
from .signals import round_closed, round_opened, update_returned, update_submitted


class RoundError(ValueError):
    """A step that does not fit the round's or the update's state; the message says why, and
    `field` names the form field it is about, if it is about one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class UpdateIncomplete(RoundError):
    """An update submitted without what a reviewer needs: `missing` names the fields, in the
    order the form shows them."""

    def __init__(self, message: str, *, missing: list[str]) -> None:
        super().__init__(message, field=missing[0])
        self.missing = missing


State = Update.State


@transaction.atomic
def round_open(*, plan: Plan, period_label: str, deadline: dt.date, user: User) -> ReportingRound:
    """Open a round for a period (added to the plan if new), with its deadline."""
    if not can_administer(user, plan.organisation_id):
        raise PermissionDenied("only an administrator opens a reporting round")
    # The plan's row is locked so that two administrators opening rounds at the same moment
    # cannot both find none open.
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    still_open = (
        ReportingRound.objects.filter(plan=plan, closed_at__isnull=True)
        .select_related("period")
        .first()
    )
    if still_open is not None:
        # Two open rounds would split the owners' updates and the reminders between them.
        raise RoundError(
            f"the {still_open.period.label} round is still open: close it before opening another"
        )
    period = plan.periods.live().filter(label=period_label).first() or period_create(
        plan=plan, label=period_label, user=user
    )
    if ReportingRound.objects.filter(period=period).exists():
        raise RoundError(f"there is already a round for {period_label}", field="period")
    round = ReportingRound.objects.create(
        organisation=plan.organisation, plan=plan, period=period, deadline=deadline, opened_by=user
    )
    # A period that had updates already (imported, say) is the council's own while its round
    # is open, so its text leaves search until the round closes.
    search_text_refresh_period(period_id=period.pk)
    send_on_commit(round_opened, sender=ReportingRound, round=round, user=user)
    return round


def _open(round: ReportingRound) -> None:
    if not round.is_open:
        raise RoundError(f"the {round.period.label} round is closed")


def _open_for(round: ReportingRound, action: Action) -> LateOpening | None:
    """Raise unless the round takes this action's update now: it is open, or an administrator
    has reopened it for the action (that late opening is returned; None for an open round)."""
    opening = late_opening_for(round=round, action=action)
    if opening is None:
        _open(round)
    return opening


@transaction.atomic
def update_edit_check(*, round: ReportingRound, action: Action, user: User) -> Update | None:
    """Raise unless this person may write the action's update in the round now; return the
    update so far (None before the first save). The update page shows its form only when this
    passes, and the update read-only when it raises RoundError."""
    if action.plan_id != round.plan_id:
        raise RoundError("that action is not in this round's plan")
    if not can_edit_action(user, action):
        raise PermissionDenied("only the action's owners and administrators write its update")
    _open_for(round, action)
    current = Update.objects.live().filter(action=action, period=round.period).first()
    if current is not None and current.state in (State.SUBMITTED, State.APPROVED):
        raise RoundError(
            f"the update is {current.get_state_display().lower()}; it cannot be edited now"
        )
    return current


@transaction.atomic
def update_save_draft(
    *,
    round: ReportingRound,
    action: Action,
    progress: list[Any],
    next_steps: list[Any],
    status_text: str | None,
    status_category: str | None,
    user: User,
    based_on: int | None = None,
) -> Update:
    """The action owner's update for the round, saved as a draft (a new version each time).
    A draft may be partial: what it must hold is checked when it is submitted."""
    update_edit_check(round=round, action=action, user=user)
    update, _ = update_write(
        action=action,
        period=round.period,
        progress=progress,
        next_steps=next_steps,
        status_text=status_text,
        status_category=status_category,
        user=user,
        reason="Draft saved",
        based_on=based_on,
        state_if_new=State.DRAFT,
    )
    if update.state != State.DRAFT and update.state != State.RETURNED:
        _set_state(update, State.DRAFT, user, "Draft started")
    return update


def _set_state(update: Update, state: str, user: User, reason: str) -> None:
    update.state = state
    change_record(update, user=user, reason=reason)
    update.save(update_fields=["state", "late"])
    # Search holds approved text only, so a change of state can change what it finds.
    search_refresh_for(update)


def _has_items(items: list[Any]) -> bool:
    return any(
        (item.get("text") or "").strip() or _has_items(item.get("items") or [])
        if isinstance(item, dict)
        else str(item).strip()
        for item in items
    )


def _complete_check(progress: list[Any], status_category: str | None, *, doing: str) -> None:
    """Raise UpdateIncomplete, naming what is missing, unless the update has progress and a
    status: what a reviewer, and the report, need of every update."""
    missing = [
        field
        for field, present in (
            ("progress", _has_items(progress)),
            ("status_category", bool(status_category)),
        )
        if not present
    ]
    if missing:
        wanted = {"progress": "add the progress made", "status_category": "choose a status"}
        raise UpdateIncomplete(
            f"{' and '.join(wanted[f] for f in missing)} before {doing} the update",
            missing=missing,
        )


@transaction.atomic
def update_submit(*, round: ReportingRound, update: Update, user: User) -> Update:
    """Send a draft or returned update to the reviewers. It must say what progress was made
    and choose a status: reviewers cannot approve an empty update, and the report has a
    progress and a status cell for every action."""
    _open_for(round, update.action)
    if not can_edit_action(user, update.action):
        raise PermissionDenied("only the action's owners and administrators submit its update")
    if update.state not in (State.DRAFT, State.RETURNED):
        raise RoundError(
            f"only a draft or a returned update can be submitted, not one {update.state}"
        )
    _complete_check(update.progress or [], update.status_category, doing="submitting")
    _set_state(update, State.SUBMITTED, user, "Submitted for review")
    send_on_commit(update_submitted, sender=Update, update=update, user=user)
    return update


@transaction.atomic
def update_save_and_submit(
    *,
    round: ReportingRound,
    action: Action,
    progress: list[Any],
    next_steps: list[Any],
    status_text: str | None,
    status_category: str | None,
    user: User,
    based_on: int | None = None,
) -> Update:
    """Save the update and submit it, all or nothing: a refused submission leaves the update
    as it was, so the revision the person's form holds is still the current one and they can
    put it right and send it again (their words are still in the form or request)."""
    update = update_save_draft(
        round=round,
        action=action,
        progress=progress,
        next_steps=next_steps,
        status_text=status_text,
        status_category=status_category,
        user=user,
        based_on=based_on,
    )
    return update_submit(round=round, update=update, user=user)


@transaction.atomic
def update_review(
    *, round: ReportingRound, update: Update, user: User, approve: bool, comment: str = ""
) -> Review:
    """Approve a submitted update, or return it with a comment saying what to change. Not by
    whoever wrote or submitted it (the four-eyes rule). In a round reopened for the action, an
    approval makes the update late and ends the late opening."""
    late = _open_for(round, update.action)
    if not can_review(user, update.organisation_id):
        raise PermissionDenied("only reviewers and administrators review updates")
    if update.state != State.SUBMITTED:
        raise RoundError("only a submitted update can be reviewed")
    authorship = update_authorship(user, update)
    if authorship is not None:
        raise RoundError(f"you {authorship} this update, so someone else must review it")
    if not approve and not comment.strip():
        raise RoundError("say what should change when returning an update")
    decision = Review.Decision.APPROVED if approve else Review.Decision.RETURNED
    if approve and late is not None:
        update.late = True
        _late_opening_end(late, user=user, reason="Its late update was approved")
    _set_state(update, State.APPROVED if approve else State.RETURNED, user, decision.label)
    if approve:
        # Only once the approval is saved: a rolled-back review must not have e-mailed anyone.
        send_on_commit(update_approved, sender=Update, update=update, user=user)
    else:
        send_on_commit(update_returned, sender=Update, update=update, comment=comment, user=user)
    return Review.objects.create(
        organisation=update.organisation,
        update=update,
        reviewer=user,
        decision=decision,
        comment=comment,
    )


@transaction.atomic
def round_close_check(*, round: ReportingRound, user: User) -> None:
    """Raise unless this person may close the round now (the confirmation page asks first)."""
    if not can_administer(user, round.organisation_id):
        raise PermissionDenied("only an administrator closes a reporting round")
    _open(round)


@transaction.atomic
def round_close(*, round: ReportingRound, user: User) -> ReportingRound:
    """Close the round for good: no update in it can be written, submitted or reviewed after."""
    round_close_check(round=round, user=user)
    round.closed_at = timezone.now()
    round.save(update_fields=["closed_at"])
    # The period is public now: its approved updates' words join search.
    search_text_refresh_period(period_id=round.period_id)
    send_on_commit(round_closed, sender=ReportingRound, round=round, user=user)
    return round


# Late updates: a closed round takes named actions' updates after all, recorded with who and
# why (LateOpening and the updates' history); reports mark them received after it closed.


def _late_opening_end(opening: LateOpening, *, user: User, reason: str) -> None:
    opening.closed_at = timezone.now()
    change_record(opening, user=user, reason=reason)
    opening.save(update_fields=["closed_at"])


@transaction.atomic
def late_check(*, round: ReportingRound, user: User) -> None:
    """Raise unless this person may take late updates into the round now: an administrator,
    once the round is closed (the late updates page shows its forms only then)."""
    if not can_administer(user, round.organisation_id):
        raise PermissionDenied("only an administrator takes late updates into a closed round")
    if round.is_open:
        raise RoundError(
            f"the {round.period.label} round is still open: its owners can write their updates now"
        )


def _late_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise RoundError("say why the update is taken after the round closed", field="reason")
    return reason


def _late_action(round: ReportingRound, action: Action) -> Update | None:
    """The action's update in the round so far; raise if it cannot take a late one."""
    name = action.ref or f"“{action.text[:40]}”"
    if action.plan_id != round.plan_id or action.archived_at is not None:
        raise RoundError(f"{name} is not an action of this round's plan", field="action")
    current = Update.objects.live().filter(action=action, period=round.period).first()
    if current is not None and current.state == State.APPROVED:
        raise RoundError(
            f"{name} already has an approved update for {round.period.label}", field="action"
        )
    return current


@transaction.atomic
def late_open(
    *, round: ReportingRound, actions: list[Action], reason: str, user: User
) -> list[LateOpening]:
    """Reopen a closed round for the named actions only: their owners may write and submit
    their updates through the usual update page, and reviewers approve them, which makes them
    late. Every other action stays closed. Each opening records who opened it and why."""
    late_check(round=round, user=user)
    if not actions:
        raise RoundError("choose the actions to reopen the round for", field="actions")
    reason = _late_reason(reason)
    openings = []
    for action in actions:
        try:
            _late_action(round, action)
        except RoundError as e:
            raise RoundError(str(e), field="actions") from None
        if late_opening_for(round=round, action=action) is not None:
            raise RoundError(
                f"the round is already reopened for {action.ref or 'one of those actions'}",
                field="actions",
            )
        opening = LateOpening(
            organisation=round.organisation,
            round=round,
            action=action,
            kind=LateOpening.Kind.REOPENED,
            reason=reason,
            opened_by=user,
        )
        change_record(opening, user=user, reason=f"Reopened: {reason}")
        opening.save()
        openings.append(opening)
    return openings


@transaction.atomic
def late_opening_close(*, opening: LateOpening, user: User) -> LateOpening:
    """End a late opening before its update is approved: the action is closed again."""
    if not can_administer(user, opening.organisation_id):
        raise PermissionDenied("only an administrator closes a late opening")
    if not opening.is_open:
        raise RoundError("the round is not reopened for that action now")
    _late_opening_end(opening, user=user, reason="Closed again by an administrator")
    return opening


@transaction.atomic
def late_update_accept(
    *,
    round: ReportingRound,
    action: Action,
    progress: list[Any],
    next_steps: list[Any],
    status_text: str | None,
    status_category: str | None,
    reason: str,
    user: User,
) -> Update:
    """An administrator writes an update received after the round closed (by e-mail, say)
    straight into the closed period, approved and late: the administrator records the
    owner's text rather than writing their own, so no second person approves it; the reason
    (whose text, received how) is kept on the update's history and on the round's list of
    late updates. A draft, submitted or returned update of the action is replaced by it."""
    late_check(round=round, user=user)
    reason = _late_reason(reason)
    existing = _late_action(round, action)
    # Four eyes: accepting is approving, so never over an update this administrator wrote or
    # submitted in the round (they would approve their own words).
    authorship = update_authorship(user, existing) if existing is not None else None
    if authorship is not None:
        raise RoundError(
            f"you {authorship} this action's update, so another administrator must accept it late"
        )
    _complete_check(progress, status_category, doing="accepting")
    update, _ = update_write(
        action=action,
        period=round.period,
        progress=progress,
        next_steps=next_steps,
        status_text=status_text,
        status_category=status_category,
        user=user,
        reason=f"Received late: {reason}",
        state_if_new=State.DRAFT,
    )
    update.late = True
    _set_state(update, State.APPROVED, user, f"Accepted late: {reason}")
    opening = late_opening_for(round=round, action=action)
    if opening is not None:
        _late_opening_end(opening, user=user, reason="A late update was accepted instead")
    accepted = LateOpening(
        organisation=round.organisation,
        round=round,
        action=action,
        kind=LateOpening.Kind.ACCEPTED,
        reason=reason,
        opened_by=user,
        closed_at=timezone.now(),
    )
    change_record(accepted, user=user, reason=f"Accepted late: {reason}")
    accepted.save()
    send_on_commit(update_approved, sender=Update, update=update, user=user)
    return update
