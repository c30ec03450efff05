"""Reads of a reporting round: what each person has to do, and how far the round has got."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Prefetch, QuerySet

from eqtrack.accounts.models import Role
from eqtrack.accounts.permissions import membership
from eqtrack.plans.models import Action, Update

from .models import ReportingRound

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _RoundUpdates(TypedDict):
        round_updates: list[Update]

    ActionWithRoundUpdates = WithAnnotations[Action, _RoundUpdates]


def my_actions(*, round: ReportingRound, user: Any) -> QuerySet[ActionWithRoundUpdates]:
    """The actions this person writes updates for in the round, each with its update for the
    round (as action.round_updates) — all of them for an administrator."""
    actions = Action.objects.live().filter(plan=round.plan).select_related("theme", "team")
    member = membership(user, round.organisation_id)
    if not (user.is_superuser or (member and member.role == Role.ADMINISTRATOR)):
        teams = member.teams.all() if member else []
        actions = actions.filter(team__in=teams)
    return actions.prefetch_related(
        Prefetch(
            "updates",
            queryset=Update.objects.live().filter(period=round.period),
            to_attr="round_updates",
        )
    ).order_by("theme__position", "position")


def round_progress(*, round: ReportingRound) -> dict[str, int]:
    """How many of the plan's actions are at each state in the round ("missing" for none yet)."""
    from django.db.models import Count

    states = dict.fromkeys([*Update.State.values, "missing"], 0)
    actions = Action.objects.live().filter(plan=round.plan_id).count()
    for row in (
        Update.objects.live().filter(period=round.period_id).values("state").annotate(n=Count("pk"))
    ):
        states[row["state"]] += row["n"]
    states["missing"] = actions - sum(v for k, v in states.items() if k != "missing")
    return states


def round_outstanding(*, round: ReportingRound) -> list[Action]:
    """The plan's live actions with no submitted or approved update in the round yet, in plan
    order, with their team (these are what reminders and the dashboard chase)."""
    done = Update.objects.live().filter(
        period=round.period, state__in=[Update.State.SUBMITTED, Update.State.APPROVED]
    )
    return list(
        Action.objects.live()
        .filter(plan=round.plan)
        .exclude(pk__in=done.values("action_id"))
        .select_related("team", "theme")
        .order_by("theme__position", "position")
    )


def round_open_for(*, plan: Any) -> ReportingRound | None:
    """The plan's open round, if it has one (the newest, should there be several)."""
    return (
        ReportingRound.objects.filter(plan=plan, closed_at__isnull=True)
        .select_related("period")
        .order_by("-opened_at")
        .first()
    )
