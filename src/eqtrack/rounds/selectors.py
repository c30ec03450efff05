"""Reads of a reporting round: what each person has to do, and how far the round has got."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from eqtrack.accounts.models import Role
from eqtrack.accounts.permissions import (
    can_administer,
    can_read_unpublished,
    can_review,
    membership,
)
from eqtrack.core.types import Person
from eqtrack.plans.history import UPDATE_FIELDS, changes_between
from eqtrack.plans.models import Action, Update
from eqtrack.plans.planformat import action_live
from eqtrack.plans.selectors import actions_added_after

from .models import LateOpening, ReportingRound

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _RoundUpdates(TypedDict):
        round_updates: list[Update]

    ActionWithRoundUpdates = WithAnnotations[Action, _RoundUpdates]


def round_get_for_member(*, user: Person | None, organisation_slug: str, pk: int) -> ReportingRound:
    """The round with its plan, period and organisation, in one query, for the organisation's
    members only (the web's pages and the API alike). Http404 otherwise."""
    found = (
        ReportingRound.objects.select_related("plan", "period", "organisation")
        .filter(organisation__slug=organisation_slug, pk=pk)
        .first()
    )
    if found is None or not can_read_unpublished(user, found.organisation_id):
        raise Http404("No such round")
    return found


def round_list(*, plan: Any) -> QuerySet[ReportingRound]:
    """The plan's rounds, with their period."""
    return ReportingRound.objects.filter(plan=plan).select_related("period")


def round_action_get(*, round: ReportingRound, pk: int) -> Action:
    """A live action of the round's plan, with its theme. Http404 otherwise."""
    action = Action.objects.live().filter(plan=round.plan_id, pk=pk).select_related("theme").first()
    if action is None:
        raise Http404("No such action in this round's plan")
    return action


def round_update_get(*, round: ReportingRound, pk: int) -> Update:
    """An update written in the round, with its action. Http404 otherwise."""
    update = (
        Update.objects.live().filter(period=round.period_id, pk=pk).select_related("action").first()
    )
    if update is None:
        raise Http404("No such update in this round")
    return update


def round_update_of(*, round: ReportingRound, action: Action) -> Update | None:
    """The action's update in the round, if it has one yet."""
    return Update.objects.live().filter(action=action, period=round.period_id).first()


def round_to_review(*, round: ReportingRound) -> QuerySet[Update]:
    """The round's submitted updates, waiting for a reviewer."""
    return (
        Update.objects.live()
        .filter(period=round.period_id, state=Update.State.SUBMITTED)
        .select_related("action")
    )


def actions_due(*, round: ReportingRound) -> QuerySet[Action]:
    """The plan's live actions the round asks an update for: those live in its period by
    plans.planformat.action_live, the rule reports and the dashboard count gaps by. An action
    with an update in the round is due; one whose latest approved update before the round's
    period ended it (complete, superseded, not carried forward), or one added to the plan
    after the period had been reported, is not. Two queries to decide, then the one returned.
    """
    reported: dict[int, list[tuple[int, str | None]]] = {}
    # Approved updates tell what happened; any update in the round makes its action due.
    for action_id, position, category in (
        Update.objects.live()
        .filter(action__plan=round.plan_id, period__archived_at__isnull=True)
        .filter(Q(state=Update.State.APPROVED) | Q(period=round.period_id))
        .values_list("action_id", "period__position", "status_category")
    ):
        reported.setdefault(action_id, []).append((position, category))
    added_after = actions_added_after(plan_id=round.plan_id)
    # An action with neither updates nor a later start is live: only the others are checked.
    not_live = [
        pk
        for pk in reported.keys() | added_after.keys()
        if not action_live(
            period=round.period.position,
            reported=reported.get(pk, []),
            added_after=added_after.get(pk),
        )
    ]
    actions: QuerySet[Action] = Action.objects.live()
    return actions.filter(plan=round.plan_id).exclude(pk__in=not_live)


def my_actions(*, round: ReportingRound, user: Person | None) -> QuerySet[ActionWithRoundUpdates]:
    """The actions this person writes updates for in the round, each with its update for the
    round (as action.round_updates) — all of them for an administrator."""
    actions = actions_due(round=round).select_related("theme", "team")
    # The people who may write every action's update (accounts.permissions) see every action.
    if not can_administer(user, round.organisation_id):
        member = membership(user, round.organisation_id)
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
    actions = actions_due(round=round).count()
    for row in (
        Update.objects.live().filter(period=round.period_id).values("state").annotate(n=Count("pk"))
    ):
        states[row["state"]] += row["n"]
    states["missing"] = actions - sum(v for k, v in states.items() if k != "missing")
    return states


def round_missing_teams(*, round: ReportingRound) -> list[tuple[str | None, int]]:
    """The teams of the actions with no update at all in the round yet, with how many each,
    by name (None, for actions with no team, last): whom to chase for the "missing" count."""
    started = Update.objects.live().filter(period=round.period_id).values("action_id")
    rows = (
        actions_due(round=round)
        .exclude(pk__in=started)
        .values("team__name")
        .annotate(n=Count("pk"))
        .order_by("team__name")
    )
    counts = [(row["team__name"], row["n"]) for row in rows]
    return sorted(counts, key=lambda row: (row[0] is None, row[0] or ""))


def round_outstanding(*, round: ReportingRound) -> list[Action]:
    """The plan's live actions with no submitted or approved update in the round yet, in plan
    order, with their team (these are what reminders and the dashboard chase)."""
    done = Update.objects.live().filter(
        period=round.period, state__in=[Update.State.SUBMITTED, Update.State.APPROVED]
    )
    return list(
        actions_due(round=round)
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


def rounds_open(*, organisation: Any) -> QuerySet[ReportingRound]:
    """The organisation's open rounds, of its plans in use (not archived), soonest deadline
    first, with their plan and period."""
    return (
        ReportingRound.objects.filter(
            organisation=organisation, closed_at__isnull=True, plan__archived_at__isnull=True
        )
        .select_related("plan", "period")
        .order_by("deadline", "plan__title")
    )


def update_last_time(*, round: ReportingRound, action: Action) -> Update | None:
    """The action's approved update for the period before the round's: what the owner wrote
    last time, to start from."""
    return (
        Update.objects.live()
        .filter(
            action=action,
            state=Update.State.APPROVED,
            period__plan=round.plan,
            period__archived_at__isnull=True,
            period__position__lt=round.period.position,
        )
        .select_related("period")
        .order_by("-period__position")
        .first()
    )


def update_changes_since_returned(*, update: Update) -> list[Any] | None:
    """What the owner changed since a reviewer last returned the update (as plans.history's
    Changes), for the reviewer looking at it again; None if it was never returned."""
    returned = update.reviews.filter(decision="returned").order_by("-at").first()
    if returned is None:
        return None
    as_returned = update.history.filter(history_date__lte=returned.at).order_by("-history_id")
    before = as_returned.first()
    return changes_between(new=update, old=before, fields=UPDATE_FIELDS) if before else None


def update_reviews(*, update: Update | None) -> list[Any]:
    """An update's reviews so far, with their reviewers (none for no update yet)."""
    return list(update.reviews.select_related("reviewer")) if update else []


def round_work_for(*, round: ReportingRound, user: Person | None) -> dict[str, int]:
    """This person's work in the round, for their council page: how many of the actions they
    write updates for have no submitted or approved update yet ("to_update"), and, for a
    reviewer, how many submitted updates wait for review ("to_review"). Two queries at most,
    however many actions the round has; the round needs its period loaded."""
    member = membership(user, round.organisation_id)
    to_update = 0
    if can_administer(user, round.organisation_id) or (
        member is not None and member.role == Role.OWNER and member.teams.all()
    ):
        done = Update.objects.live().filter(
            period=round.period_id, state__in=[Update.State.SUBMITTED, Update.State.APPROVED]
        )
        due = actions_due(round=round).exclude(pk__in=done.values("action_id"))
        if not can_administer(user, round.organisation_id) and member is not None:
            due = due.filter(team__in=[team.pk for team in member.teams.all()])
        to_update = due.count()
    to_review = (
        round_to_review(round=round).count() if can_review(user, round.organisation_id) else 0
    )
    return {"to_update": to_update, "to_review": to_review}


def late_openings(*, round: ReportingRound) -> list[LateOpening]:
    """The round's late openings and accepted late updates, newest first, with their action
    and who opened them."""
    return list(LateOpening.objects.filter(round=round).select_related("action", "opened_by"))


def late_opening_get(*, round: ReportingRound, pk: int) -> LateOpening:
    """One of the round's late openings. Http404 otherwise."""
    opening = LateOpening.objects.filter(round=round, pk=pk).select_related("action").first()
    if opening is None:
        raise Http404("No such late opening in this round")
    return opening


def late_opening_for(*, round: ReportingRound, action: Action) -> LateOpening | None:
    """The action's late opening in the closed round, while it lasts."""
    if round.is_open:
        return None
    return LateOpening.objects.filter(
        round=round, action=action, kind=LateOpening.Kind.REOPENED, closed_at__isnull=True
    ).first()


def late_open_action_ids(*, round: ReportingRound) -> list[int]:
    """The actions a closed round is reopened for now, by id (in order, for a cache key)."""
    if round.is_open:
        return []
    return list(
        LateOpening.objects.filter(
            round=round, kind=LateOpening.Kind.REOPENED, closed_at__isnull=True
        )
        .order_by("action_id")
        .values_list("action_id", flat=True)
    )


def late_updates(*, round: ReportingRound) -> QuerySet[Update]:
    """The round's updates approved after it closed, with their action."""
    return (
        Update.objects.live()
        .filter(period=round.period_id, late=True)
        .select_related("action", "written_by")
        .order_by("action__theme__position", "action__position")
    )


def late_candidates(*, round: ReportingRound) -> list[Action]:
    """The actions a closed round can still take a late update for: those it asked an update
    for that has not been approved, in plan order."""
    approved = Update.objects.live().filter(period=round.period_id, state=Update.State.APPROVED)
    return list(
        actions_due(round=round)
        .exclude(pk__in=approved.values("action_id"))
        .order_by("theme__position", "position")
    )
