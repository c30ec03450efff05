"""Writes of a reporting round: open it, write and submit updates, review them, close it.
Each checks the person's role (accounts.permissions) and the round's state first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from eqtrack.accounts.permissions import can_administer, can_edit_action, can_review
from eqtrack.plans.models import Action, Plan, Update
from eqtrack.plans.search import search_refresh_for
from eqtrack.plans.services import period_create, update_write

from .models import ReportingRound, Review


class RoundError(ValueError):
    """A step that does not fit the round's or the update's state; the message says why."""


State = Update.State


@transaction.atomic
def round_open(*, plan: Plan, period_label: str, deadline: dt.date, user: Any) -> ReportingRound:
    """Open a round for a period (added to the plan if new), with its deadline."""
    if not can_administer(user, plan.organisation_id):
        raise PermissionDenied("only an administrator opens a reporting round")
    period = plan.periods.live().filter(label=period_label).first() or period_create(
        plan=plan, label=period_label, user=user
    )
    if ReportingRound.objects.filter(period=period).exists():
        raise RoundError(f"there is already a round for {period_label}")
    return ReportingRound.objects.create(
        organisation=plan.organisation, plan=plan, period=period, deadline=deadline, opened_by=user
    )


def _open(round: ReportingRound) -> None:
    if not round.is_open:
        raise RoundError(f"the {round.period.label} round is closed")


@transaction.atomic
def update_save_draft(
    *,
    round: ReportingRound,
    action: Action,
    progress: list[Any],
    next_steps: list[Any],
    status_text: str | None,
    status_category: str | None,
    user: Any,
    based_on: int | None = None,
) -> Update:
    """The action owner's update for the round, saved as a draft (a new version each time)."""
    _open(round)
    if action.plan_id != round.plan_id:
        raise RoundError("that action is not in this round's plan")
    if not can_edit_action(user, action):
        raise PermissionDenied("only the action's owners and administrators write its update")
    current = Update.objects.live().filter(action=action, period=round.period).first()
    if current is not None and current.state in (State.SUBMITTED, State.APPROVED):
        raise RoundError(
            f"the update is {current.get_state_display().lower()}; it cannot be edited now"
        )
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


def _set_state(update: Update, state: str, user: Any, reason: str) -> None:
    update.state = state
    update._history_user = user  # type: ignore[attr-defined]
    update._change_reason = reason  # type: ignore[attr-defined]
    update.save(update_fields=["state"])
    # Search holds approved text only, so a change of state can change what it finds.
    search_refresh_for(update)


@transaction.atomic
def update_submit(*, round: ReportingRound, update: Update, user: Any) -> Update:
    _open(round)
    if not can_edit_action(user, update.action):
        raise PermissionDenied("only the action's owners and administrators submit its update")
    if update.state not in (State.DRAFT, State.RETURNED):
        raise RoundError(
            f"only a draft or a returned update can be submitted, not one {update.state}"
        )
    _set_state(update, State.SUBMITTED, user, "Submitted for review")
    return update


@transaction.atomic
def update_review(
    *, round: ReportingRound, update: Update, user: Any, approve: bool, comment: str = ""
) -> Review:
    """Approve a submitted update, or return it with a comment saying what to change."""
    _open(round)
    if not can_review(user, update.organisation_id):
        raise PermissionDenied("only reviewers and administrators review updates")
    if update.state != State.SUBMITTED:
        raise RoundError("only a submitted update can be reviewed")
    if not approve and not comment.strip():
        raise RoundError("say what should change when returning an update")
    decision = Review.Decision.APPROVED if approve else Review.Decision.RETURNED
    _set_state(update, State.APPROVED if approve else State.RETURNED, user, decision.label)
    if approve:
        from eqtrack.notifications.services import approval_notify

        # Only once the approval is saved: a rolled-back review must not have e-mailed anyone.
        transaction.on_commit(lambda: approval_notify(update=update))
    return Review.objects.create(
        organisation=update.organisation,
        update=update,
        reviewer=user,
        decision=decision,
        comment=comment,
    )


@transaction.atomic
def round_close(*, round: ReportingRound, user: Any) -> ReportingRound:
    if not can_administer(user, round.organisation_id):
        raise PermissionDenied("only an administrator closes a reporting round")
    _open(round)
    round.closed_at = timezone.now()
    round.save(update_fields=["closed_at"])
    return round
