"""Reads for notifications: what a person follows, and who still owes updates in a round."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import Http404

from eqtrack.accounts.models import Membership, Role
from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action, Theme
from eqtrack.rounds.models import ReportingRound
from eqtrack.rounds.selectors import round_outstanding

from .models import Follow


def follows_of(*, organisation: Organisation, user: Person | None) -> tuple[set[int], set[int]]:
    """The ids of the actions and of the themes this person follows in the organisation."""
    if not user or not user.is_authenticated:
        return set(), set()
    rows = Follow.objects.filter(organisation=organisation, user=user).values_list(
        "action_id", "theme_id"
    )
    return {a for a, _ in rows if a}, {t for _, t in rows if t}


def follow_target_get(*, organisation_slug: str, plan_slug: str, kind: str, pk: int) -> Any:
    """The live action or theme a follow button names (whether the person may follow it is
    the service's to say). Http404 otherwise."""
    model = {"action": Action, "theme": Theme}.get(kind)
    target = (
        model.objects.live()
        .filter(organisation__slug=organisation_slug, plan__slug=plan_slug, pk=pk)
        .select_related("plan")
        .first()
        if model
        else None
    )
    if target is None:
        raise Http404("No such action or theme")
    return target


def outstanding_by_owner(*, round: ReportingRound) -> dict[Any, list[Action]]:
    """Each action owner with the actions of their teams that have no submitted or approved
    update in the round yet. Actions with no team have no owner to remind."""
    by_team: dict[int, list[Action]] = defaultdict(list)
    for action in round_outstanding(round=round):
        if action.team_id is not None:
            by_team[action.team_id].append(action)
    owners: dict[Any, list[Action]] = {}
    members = (
        Membership.objects.live()
        .filter(organisation=round.organisation, role=Role.OWNER)
        .select_related("user")
        .prefetch_related("teams")
    )
    for member in members:
        actions = [a for team in member.teams.all() for a in by_team.get(team.pk, [])]
        if actions and member.user.is_active and member.user.email:
            owners[member.user] = actions
    return owners
