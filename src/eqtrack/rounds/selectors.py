"""Reads of a reporting round: what each person has to do, and how far the round has got."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from eqtrack.accounts.models import Membership, Role
from eqtrack.plans.models import Action, Update

from .models import ReportingRound


def my_actions(*, round: ReportingRound, user: Any) -> QuerySet[Action]:
    """The actions this person writes updates for in the round, each with its update for the
    round (as action.round_updates) — all of them for an administrator."""
    actions = Action.objects.live().filter(plan=round.plan).select_related("theme", "team")
    member = Membership.objects.filter(organisation=round.organisation, user=user).first()
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
    states = dict.fromkeys([*Update.State.values, "missing"], 0)
    actions = Action.objects.live().filter(plan=round.plan).count()
    for state in Update.objects.live().filter(period=round.period).values_list("state", flat=True):
        states[state] += 1
    states["missing"] = actions - sum(v for k, v in states.items() if k != "missing")
    return states
