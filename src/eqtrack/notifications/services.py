"""Writes for notifications: follow and unfollow, e-mail followers when an update is approved,
and send the reminders of a round's deadline (what `eqtrack remind` runs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from eqtrack.accounts.permissions import can_read_plan
from eqtrack.core.types import User
from eqtrack.plans.models import Action, Theme, Update
from eqtrack.rounds.models import ReportingRound

from .models import Follow, ReminderSent
from .selectors import outstanding_by_owner


def _link(path: str) -> str:
    return settings.EQTRACK_BASE_URL.rstrip("/") + path


@transaction.atomic
def follow_set(
    *, user: User, following: bool, action: Action | None = None, theme: Theme | None = None
) -> bool:
    """Follow (or stop following) an action or a theme; returns whether the person follows it now."""
    target = action or theme
    if target is None or (action is not None and theme is not None):
        raise ValueError("follow one action or one theme")
    if not user or not user.is_authenticated:
        raise PermissionDenied("sign in to follow an action")
    if not can_read_plan(user, target.plan):
        raise PermissionDenied("you cannot read that plan")
    lookup = {"action": action} if action else {"theme": theme}
    if not following:
        Follow.objects.filter(user=user, **lookup).delete()
        return False
    # Asking twice is not an error: the second time finds the first.
    Follow.objects.get_or_create(organisation=target.organisation, user=user, **lookup)
    return True


def approval_notify(*, update: Update) -> int:
    """E-mail everyone following the update's action or its theme that it has been approved.
    Followers who can no longer read the plan are skipped. Returns how many were sent."""
    action = update.action
    follows = (
        Follow.objects.filter(Q(action=action) | Q(theme_id=action.theme_id))
        .select_related("user")
        .order_by("user_id")
    )
    plan = action.plan
    url = _link(reverse("action-history", args=[plan.organisation.slug, plan.slug, action.pk]))
    sent, seen = 0, set()
    for follow in follows:
        user = follow.user
        if user.pk in seen or not user.email or not user.is_active:
            continue
        seen.add(user.pk)
        if not can_read_plan(user, plan):
            continue
        context = {"user": user, "update": update, "action": action, "plan": plan, "url": url}
        send_mail(
            subject=f"Update approved: {action.ref or action.text[:60]} ({update.period.label})",
            message=render_to_string("notifications/approved.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
        sent += 1
    return sent


@dataclass(frozen=True)
class Reminder:
    round: ReportingRound
    user: User
    kind: str
    actions: list[Action]


def _kind(round: ReportingRound, today: dt.date, days_before: tuple[int, ...]) -> str | None:
    """Which reminder is due today: "due-N" from N days before the deadline, then "late-W" in
    each week W after it; None when none is."""
    left = (round.deadline - today).days
    if left < 0:
        return f"late-{(-left - 1) // 7 + 1}"
    within = [n for n in days_before if left <= n]
    return f"due-{min(within)}" if within else None


def reminders_send(
    *, today: dt.date, days_before: tuple[int, ...] = (7, 1), dry_run: bool = False
) -> list[Reminder]:
    """E-mail each action owner who still owes updates in an open round: before the deadline
    (7 and 1 days ahead by default) and, once it has passed, once a week until they submit.
    Each reminder goes once, however often this runs."""
    reminders = []
    for round in ReportingRound.objects.filter(closed_at__isnull=True).select_related(
        "plan__organisation", "period"
    ):
        kind = _kind(round, today, days_before)
        if kind is None:
            continue
        already = set(
            ReminderSent.objects.filter(round=round, kind=kind).values_list("user_id", flat=True)
        )
        url = _link(reverse("round-detail", args=[round.plan.organisation.slug, round.pk]))
        for user, actions in outstanding_by_owner(round=round).items():
            if user.pk in already:
                continue
            reminders.append(Reminder(round, user, kind, actions))
            if dry_run:
                continue
            context = {
                "user": user,
                "round": round,
                "actions": actions,
                "late": kind.startswith("late"),
                "days_left": (round.deadline - today).days,
                "url": url,
            }
            with transaction.atomic():
                ReminderSent.objects.create(
                    organisation=round.organisation, round=round, user=user, kind=kind
                )
                send_mail(
                    subject=(
                        f"Late: your {round.period.label} updates for {round.plan.title}"
                        if context["late"]
                        else f"Due {round.deadline:%-d %B %Y}: your {round.period.label} updates"
                    ),
                    message=render_to_string("notifications/reminder.txt", context),
                    from_email=None,
                    recipient_list=[user.email],
                )
    return reminders
