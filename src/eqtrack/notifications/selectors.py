"""Reads for notifications: what a person follows, who still owes updates in a round, who
reviews a council's work, and how each person wants to hear of each kind of notice."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import Http404

from eqtrack.accounts.models import Membership, Role
from eqtrack.core.types import Person, User
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action, Theme
from eqtrack.rounds.models import ReportingRound
from eqtrack.rounds.selectors import actions_due, round_outstanding

from .models import Choice, Follow, Kind, NoticePreference


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
    return owners_of(round=round, actions=round_outstanding(round=round))


def due_by_owner(*, round: ReportingRound) -> dict[Any, list[Action]]:
    """Each action owner with the actions of their teams the round asks an update for."""
    actions = (
        actions_due(round=round).select_related("theme").order_by("theme__position", "position")
    )
    return owners_of(round=round, actions=list(actions))


def owners_of(*, round: ReportingRound, actions: list[Action]) -> dict[Any, list[Action]]:
    """Each action owner (an owner member of the action's team, active, with an e-mail
    address) with those of `actions` that are their teams'."""
    by_team: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
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


def reviewers_of(*, organisation: Organisation) -> list[User]:
    """Who reviews the council's updates and assessments: its reviewers, or, if it has none,
    its administrators (who may review too), so that nothing waits unseen."""
    members = (
        Membership.objects.live()
        .filter(organisation=organisation, user__is_active=True)
        .select_related("user")
    )
    reviewers = [m.user for m in members if m.role == Role.REVIEWER]
    return reviewers or [m.user for m in members if m.role == Role.ADMINISTRATOR]


def reviewers_and_owners_of(*, round: ReportingRound) -> list[User]:
    """The council's reviewers and the owners of the round's actions."""
    people = {u.pk: u for u in reviewers_of(organisation=round.organisation)}
    for user in due_by_owner(round=round):
        people.setdefault(user.pk, user)
    return list(people.values())


def notice_choices(*, user: User) -> dict[str, str]:
    """How the person hears of each kind of notice: what they chose, else straight away."""
    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "choice"))
    return {kind: chosen.get(kind, Choice.IMMEDIATELY) for kind in Kind.values}


def notice_choice(*, user: User, kind: str) -> str:
    """How the person hears of this kind of notice."""
    chosen = (
        NoticePreference.objects.filter(user=user, kind=kind)
        .values_list("choice", flat=True)
        .first()
    )
    return chosen or Choice.IMMEDIATELY
