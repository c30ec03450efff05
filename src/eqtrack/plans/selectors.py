"""Reads of plans. Every selector takes the organisation, so one council never sees another's."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.paginator import Paginator
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Value
from django.http import Http404
from django.urls import reverse

from eqtrack.accounts.models import Team
from eqtrack.accounts.permissions import can_read_unpublished, measure_checker_teams
from eqtrack.accounts.selectors import organisation_get_for_member
from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get

from .models import (
    Action,
    LeadTeam,
    Measure,
    MeasureValue,
    Period,
    Plan,
    StatusCategory,
    Theme,
    Update,
    lead_normalise,
)
from .planformat import (
    FORMAT,
    ActionDocument,
    IndicatorDocument,
    PlanDocument,
    StatusDocument,
    UpdateDocument,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    # The records as plan_outline and plan_with_contents load them, with the lists they attach.
    class _PlanShape(TypedDict):
        live_periods: list[Period]
        live_themes: list[Theme]

    class _UpdateValues(TypedDict):
        values: list[MeasureValue]

    class _ActionUpdates(TypedDict):
        live_updates: list[LoadedUpdate]
        evidence: list[Any]  # consultations, reached through the relation (an app above)
        from_assessments: list[Any]

    class _ThemeActions(TypedDict):
        live_actions: list[LoadedAction]

    class _PlanContents(TypedDict):
        live_periods: list[Period]
        live_themes: list[LoadedTheme]

    PlanOutline = WithAnnotations[Plan, _PlanShape]
    LoadedUpdate = WithAnnotations[Update, _UpdateValues]
    LoadedAction = WithAnnotations[Action, _ActionUpdates]
    LoadedTheme = WithAnnotations[Theme, _ThemeActions]
    LoadedPlan = WithAnnotations[Plan, _PlanContents]


def plan_list(
    *,
    organisation: Organisation | None,
    published_only: bool = False,
    unpublished_of: Collection[int] | None = None,
) -> QuerySet[Plan]:
    """Live plans; every organisation's when `organisation` is None (the public index).
    With `published_only`, unpublished plans are left out except those of the organisations
    in `unpublished_of` (the ones the reader belongs to)."""
    plans = Plan.objects.live().select_related("organisation")
    if organisation is not None:
        plans = plans.filter(organisation=organisation)
    if published_only:
        plans = plans.filter(Q(published=True) | Q(organisation_id__in=list(unpublished_of or ())))
    return plans.order_by("organisation__name", "title")


def with_period_labels(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """The plans with their live periods loaded for period_labels: all of them, and those the
    public may see (two queries whatever the number of plans)."""
    periods = Period.objects.live().order_by("position")
    return plans.prefetch_related(
        Prefetch("periods", queryset=periods, to_attr="all_periods"),
        Prefetch("periods", queryset=periods.filter(public_period_q()), to_attr="public_periods"),
    )


def period_labels(plan: Plan, *, member: bool) -> list[str]:
    """The labels of a plan loaded by with_period_labels, in order, as this reader may see
    them: a period whose round is still open is for the organisation's members only."""
    return [p.label for p in getattr(plan, "all_periods" if member else "public_periods")]


def plan_get(*, organisation: Organisation, slug: str) -> Plan | None:
    return Plan.objects.live().filter(organisation=organisation, slug=slug).first()


def plan_get_readable(
    *, user: Person | None, organisation_slug: str, plan_slug: str, with_assessments: bool = False
) -> tuple[Organisation, LoadedPlan]:
    """The organisation and the plan with its contents, as this person may read them: visitors
    get published plans and approved updates only, and no period whose reporting round is
    still open; members everything. Http404 otherwise."""
    organisation = organisation_get(slug=organisation_slug)
    member = organisation is not None and can_read_unpublished(user, organisation.pk)
    plan = (
        plan_with_contents(
            organisation=organisation,
            slug=plan_slug,
            published_only=not member,
            approved_only=not member,
            closed_rounds_only=not member,
            with_assessments=with_assessments,
        )
        if organisation
        else None
    )
    if organisation is None or plan is None:
        raise Http404("No such plan")
    return organisation, plan


def plan_organisation_readable(
    *, user: Person | None, organisation_slug: str, plan_slug: str
) -> Organisation:
    """The organisation, if this person may read its plan of that slug (without loading the
    plan: for pages that load what they need themselves). Http404 otherwise."""
    organisation = organisation_get(slug=organisation_slug)
    if organisation is None or not (
        plan_list(
            organisation=organisation,
            published_only=not can_read_unpublished(user, organisation.pk),
        )
        .filter(slug=plan_slug)
        .exists()
    ):
        raise Http404("No such plan")
    return organisation


def plan_get_for_member(*, user: Person | None, organisation_slug: str, plan_slug: str) -> Plan:
    """The live plan, for the organisation's members only (its rounds, publishing it)."""
    organisation = organisation_get_for_member(slug=organisation_slug, user=user)
    plan = plan_get(organisation=organisation, slug=plan_slug)
    if plan is None:
        raise Http404("No such plan")
    return plan


def action_get_readable(
    *, user: Person | None, organisation: Organisation, plan_slug: str, pk: int
) -> Action:
    """The action of the live plan with that slug (not of an archived plan that had the slug
    before); an archived action, or one held until its assessment is signed off, is for the
    organisation's members only. Http404 otherwise."""
    actions = Action.objects.filter(
        organisation=organisation, plan__slug=plan_slug, plan__archived_at__isnull=True
    )
    if not can_read_unpublished(user, organisation.pk):
        actions = actions.live()
    action = actions.filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    return action


def update_get_of_action(*, action: Action, pk: int) -> Update | None:
    """One of the action's live updates."""
    return action.updates.live().filter(pk=pk).first()


def proposals_waiting(*, organisation: Organisation) -> list[Update]:
    """Updates of the organisation's live plans with a restored text waiting for review, oldest
    first (for its reviewers' list on the council page; never public)."""
    return list(
        Update.objects.live()
        .filter(
            organisation=organisation,
            proposed__isnull=False,
            action__plan__archived_at__isnull=True,
        )
        .select_related("action__plan", "period")
        .order_by("proposed_at")
    )


def themes_open(*, organisation: Organisation) -> list[Theme]:
    """The live themes of the organisation's plans in use, by plan and position (where an
    assessment's mitigation can become an action)."""
    return list(
        Theme.objects.live()
        .filter(organisation=organisation, plan__archived_at__isnull=True)
        .select_related("plan")
        .order_by("plan__title", "position")
    )


def public_period_q(prefix: str = "") -> Q:
    """The periods the public may see: those with no reporting round (imported ones) and those
    whose round has closed; a round still open is the council's own until it closes. `prefix`
    reaches the period from another model ("period__" from an update)."""
    # The round is reached by its relation's name: the rounds app builds on this one.
    return Q(**{f"{prefix}round__isnull": True}) | Q(**{f"{prefix}round__closed_at__isnull": False})


def plan_outline(
    *,
    organisation: Organisation,
    slug: str,
    published_only: bool = False,
    closed_rounds_only: bool = False,
) -> PlanOutline | None:
    """The plan with its live periods and themes (as plan.live_periods, plan.live_themes),
    without its actions: for pages that only need its shape, such as search. With
    `closed_rounds_only` (what visitors see), a period whose round is still open is left out."""
    plans = Plan.objects.live().filter(organisation=organisation, slug=slug)
    if published_only:
        plans = plans.filter(published=True)
    periods = Period.objects.live().order_by("position")
    if closed_rounds_only:
        periods = periods.filter(public_period_q())
    return (
        plans.select_related("organisation")
        .prefetch_related(
            Prefetch("periods", queryset=periods, to_attr="live_periods"),
            Prefetch(
                "themes", queryset=Theme.objects.live().order_by("position"), to_attr="live_themes"
            ),
        )
        .first()
    )


def plan_with_contents(
    *,
    organisation: Organisation,
    slug: str,
    published_only: bool = False,
    approved_only: bool = False,
    closed_rounds_only: bool = False,
    with_assessments: bool = False,
    suggested_measures: bool = False,
) -> LoadedPlan | None:
    """The plan with its periods, themes, actions and updates loaded in a fixed number of queries.

    Reach them as plan.live_periods, theme.live_actions and action.live_updates; with
    `with_assessments` (the plan page), also action.from_assessments. Each period carries
    its reporting round's deadline and close time (period.round_deadline and
    period.round_closed_at, None without a round). With `closed_rounds_only` (what visitors
    see), a period whose round is still open is left out, and so are its updates, even those
    already approved: the period is public once its round closes. Each update's indicator
    values (update.values) are of confirmed measures only, what pages and reports show; with
    `suggested_measures` (the officers' export), of those still to check too.
    """
    updates = Update.objects.live().select_related("written_by").order_by("period__position")
    if approved_only:
        updates = updates.filter(state=Update.State.APPROVED)
    # The round is reached by its relation's name: the rounds app builds on this one.
    periods = (
        Period.objects.live()
        .annotate(round_deadline=F("round__deadline"), round_closed_at=F("round__closed_at"))
        .order_by("position")
    )
    if closed_rounds_only:
        updates = updates.filter(public_period_q("period__"))
        periods = periods.filter(public_period_q())
    actions = (
        Action.objects.live()
        .select_related("continues", "team")
        .prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="live_updates"),
            # The consultations that are this action's evidence (the consultations app).
            Prefetch("consultations", to_attr="evidence"),
        )
        .order_by("position")
    )
    if with_assessments:
        # The published impact assessments whose mitigation it is (the assessments app,
        # reached through the relation so this app need not import it).
        impacts = Action._meta.get_field("assessment_impacts").related_model._default_manager
        actions = actions.prefetch_related(
            Prefetch(
                "assessment_impacts",
                queryset=impacts.filter(assessment__published_at__isnull=False).select_related(
                    "assessment"
                ),
                to_attr="from_assessments",
            )
        )
    themes = (
        Theme.objects.live()
        .prefetch_related(Prefetch("actions", queryset=actions, to_attr="live_actions"))
        .order_by("position")
    )
    plans = Plan.objects.live().filter(organisation=organisation, slug=slug)
    if published_only:
        plans = plans.filter(published=True)
    plan: LoadedPlan | None = (
        plans.select_related("organisation", "predecessor")
        .prefetch_related(
            Prefetch("periods", queryset=periods, to_attr="live_periods"),
            Prefetch("themes", queryset=themes, to_attr="live_themes"),
        )
        .first()
    )
    if plan is not None:
        _attach_periods_and_values(plan, suggested_measures=suggested_measures)
    return plan


def _attach_periods_and_values(plan: LoadedPlan, *, suggested_measures: bool) -> None:
    """Give each update its period (one object per period, not one per update) and its
    indicator values (one query by plan, where a prefetch would list every update's id):
    never of rejected measures, of suggested ones only if asked."""
    periods = {p.pk: p for p in plan.live_periods}
    by_update: dict[int, list[MeasureValue]] = {}
    states = [Measure.State.CONFIRMED]
    if suggested_measures:
        states.append(Measure.State.SUGGESTED)
    values = (
        MeasureValue.objects.filter(measure__action__plan=plan, measure__state__in=states)
        .select_related("measure")
        .order_by("id")
    )
    for value in values:
        by_update.setdefault(value.update_id, []).append(value)
    for theme in plan.live_themes:
        for action in theme.live_actions:
            for update in action.live_updates:
                if update.period_id in periods:  # else (an archived period) it loads itself
                    update.period = periods[update.period_id]
                update.values = by_update.get(update.pk, [])


def _update_document(update: LoadedUpdate, action: Action) -> UpdateDocument:
    # A status chosen from the list with no words of its own (the usual case in a round) is
    # written as the category's name, so reports and exports show it rather than "no status".
    text = update.status_text
    if text is None and update.status_category:
        text = StatusCategory(update.status_category).label
    status: StatusDocument | None = (
        None if text is None else {"text": text, "category": update.status_category or None}
    )
    out: UpdateDocument = {
        "period": update.period.label,
        "progress": update.progress,
        "next_steps": update.next_steps,
        "status": status,
    }
    if update.action_text and update.action_text != action.text:
        out["action_text"] = update.action_text
    if update.values:
        out["indicators"] = [_indicator_document(v) for v in update.values]
    if update.late:
        out["late"] = True
    return out


def _indicator_document(value: MeasureValue) -> IndicatorDocument:
    out: IndicatorDocument = {
        "label": value.label,
        "value": value.value,
        "unit": value.measure.unit,
    }
    if value.target is not None:
        out["target"] = value.target
    out["text"] = value.text
    # Checked by the council's people: an import of this document keeps it confirmed, where
    # an indicator without it (as `eqtrack parse` writes them) comes in as a suggestion.
    if value.measure.state == Measure.State.CONFIRMED:
        out["confirmed"] = True
    return out


class _PlanOptional(TypedDict, total=False):
    predecessor: str
    introduction: list[str]


class _ActionOptional(TypedDict, total=False):
    partners: str
    tags: list[str]
    extra: dict[str, str]
    continues: str
    added_after: str


def _action_document(action: LoadedAction, *, added_after: str | None = None) -> ActionDocument:
    # Fields beyond the spec's example are written only when set, so that a document
    # without them comes back from import and export unchanged.
    optional: _ActionOptional = {}
    if action.partners:
        optional["partners"] = action.partners
    if action.tags:
        optional["tags"] = action.tags
    if action.extra:
        optional["extra"] = action.extra
    if action.continues is not None and action.continues.ref:
        optional["continues"] = action.continues.ref
    if added_after is not None:
        optional["added_after"] = added_after
    return {
        "ref": action.ref,
        "text": action.text,
        "lead": action.lead,
        "due": action.due,
        **optional,
        "updates": [_update_document(u, action) for u in action.live_updates],
    }


def actions_added_after(*, plan_id: int) -> dict[int, int]:
    """When each of a plan's actions joined it, as action_live's `added_after`: by action id,
    the position of the latest live period that had already been reported when the action was
    made. Actions there from the start are left out. One query.

    A period has been reported once its round closed; a period with no round (an imported
    report) once its first update was written. An imported plan's actions are made before
    their updates, so they are there from the start; an action added later, by editing the
    plan or after a round closed, is not a gap in the periods before it."""
    periods = Period.objects.filter(plan_id=plan_id, archived_at__isnull=True).order_by()
    # A period's round closes it (None while it is open): reached through the relation the
    # rounds app gives Period, so that this app need not import it.
    closed = periods.filter(round__isnull=False).values_list(
        Value(0), "position", "round__closed_at"
    )
    written = (
        Update.history.model.objects.filter(
            period__in=periods.filter(round__isnull=True).values("pk")
        )
        .order_by()
        .values("period__position")
        .annotate(kind=Value(1), at=Min("history_date"))
        .values_list("kind", "period__position", "at")
    )
    made = (
        Action.history.model.objects.filter(plan_id=plan_id)
        .order_by()
        .values("id")
        .annotate(kind=Value(2), at=Min("history_date"))
        .values_list("kind", "id", "at")
    )
    reported: list[tuple[int, Any]] = []
    made_at: list[tuple[int, Any]] = []
    for kind, key, at in closed.union(written, made, all=True):
        if kind == 2:
            made_at.append((key, at))
        elif at is not None:
            reported.append((key, at))
    out: dict[int, int] = {}
    for action_id, at in made_at:
        before = [position for position, reported_at in reported if reported_at < at]
        if before:
            out[action_id] = max(before)
    return out


def plan_document(
    *,
    organisation: Organisation,
    slug: str,
    approved_only: bool = False,
    closed_rounds_only: bool = False,
) -> PlanDocument | None:
    """The plan in the plan format, or None if the organisation has no live plan of that slug.
    With `approved_only`, updates still in a round's review (drafts, submitted, returned) and
    indicators nobody has confirmed are left out: what committee reports, open data and
    visitors get. Without it (the officers' export), suggested indicators are in too, told
    apart by the confirmed ones' `"confirmed": true`; rejected ones never are. With
    `closed_rounds_only` (what the public may download), a period whose round is still open is
    left out, as the plan page leaves it out."""
    plan = plan_with_contents(
        organisation=organisation,
        slug=slug,
        approved_only=approved_only,
        suggested_measures=not approved_only,
        closed_rounds_only=closed_rounds_only,
    )
    return None if plan is None else plan_document_of(plan)


def plan_document_of(plan: LoadedPlan) -> PlanDocument:
    """A plan already loaded by plan_with_contents in the plan format: what it was loaded with
    (approved updates only, open rounds left out, ...) is what the document holds."""
    optional: _PlanOptional = {}
    if plan.predecessor is not None:
        optional["predecessor"] = plan.predecessor.slug
    if plan.introduction:
        optional["introduction"] = list(plan.introduction)
    label = {p.position: p.label for p in plan.live_periods}
    added_after = {
        action_id: label[position]
        for action_id, position in actions_added_after(plan_id=plan.pk).items()
    }
    return {
        "format": FORMAT,
        "title": plan.title,
        "organisation": plan.organisation.name,
        "periods": [p.label for p in plan.live_periods],
        **optional,
        "themes": [
            {
                "title": theme.title,
                "objective": theme.objective,
                "actions": [
                    _action_document(a, added_after=added_after.get(a.pk))
                    for a in theme.live_actions
                ],
            }
            for theme in plan.live_themes
        ],
    }


def period_round_open(period: Period) -> bool:
    """Whether the period's reporting round is still open, for a period loaded by
    plan_with_contents (one loaded otherwise has no round figures, and counts as not open)."""
    return (
        getattr(period, "round_deadline", None) is not None
        and getattr(period, "round_closed_at", None) is None
    )


def latest_reported(action: LoadedAction) -> Update | None:
    """The newest update of an action loaded by plan_with_contents whose period is reported:
    not one of a round still open (which only the council's people are shown)."""
    reported = [u for u in action.live_updates if not period_round_open(u.period)]
    return reported[-1] if reported else None


def latest_update(action: LoadedAction) -> Update | None:
    """The newest update of an action loaded by plan_with_contents."""
    return action.live_updates[-1] if action.live_updates else None


def version_list(
    *, organisation: Organisation, obj: Plan | Period | Theme | Action | Update
) -> QuerySet:
    """Every saved version of a record, newest first, with who saved it and why."""
    if obj.organisation_id != organisation.pk:
        raise PermissionError("that record belongs to another organisation")
    return obj.history.select_related("history_user").order_by("-history_date", "-history_id")


@dataclass
class Trend:
    """One measure of an action across the periods it was reported in."""

    label: str
    unit: str
    points: list[tuple[str, float, float | None]]  # (period, value, target)

    @property
    def change(self) -> str:
        """Rose, fell or held between the first and last period, in words."""
        if len(self.points) < 2:
            return ""
        first, last = self.points[0][1], self.points[-1][1]
        return "rose" if last > first else "fell" if last < first else "held"


def action_trends(action: LoadedAction) -> list[Trend]:
    """An action's measures across periods, from an action loaded by plan_with_contents."""
    trends: dict[int, Trend] = {}
    for update in action.live_updates:
        for value in update.values:
            trend = trends.setdefault(
                value.measure_id, Trend(value.measure.label, value.measure.unit, [])
            )
            trend.points.append((update.period.label, value.value, value.target))
    return list(trends.values())


def plan_teams(*, plan: Plan) -> list[Any]:
    """The teams owning the plan's live actions, by name (for the search's team filter)."""
    return list(
        Team.objects.filter(actions__plan=plan, actions__archived_at__isnull=True)
        .distinct()
        .order_by("name")
    )


def plan_tags(*, plan: Plan) -> list[str]:
    """Every tag on the plan's live actions, sorted."""
    tags: set[str] = set()
    for action_tags in Action.objects.live().filter(plan=plan).values_list("tags", flat=True):
        tags.update(action_tags or [])
    return sorted(tags)


# How many actions a plan's public page shows at a time (plans.views.plan_detail).
PLAN_PAGE_ACTIONS = 50


@dataclass
class PlanPage:
    """One page of a plan's page: its actions grouped under their themes (`sections`), and
    the contents list of every theme with the page it starts on."""

    page: Any
    sections: list[dict[str, Any]]
    contents: list[dict[str, Any]]


def plan_page(*, plan: LoadedPlan, number: str | None) -> PlanPage:
    """The page `number` of a plan loaded by plan_with_contents, PLAN_PAGE_ACTIONS actions a
    page, each theme numbered (its counter) as in the contents."""
    everything = [
        (counter, theme, action)
        for counter, theme in enumerate(plan.live_themes, start=1)
        for action in theme.live_actions
    ]
    page = Paginator(everything, PLAN_PAGE_ACTIONS).get_page(number)
    sections: list[dict[str, Any]] = []
    for counter, theme, action in page.object_list:
        if not sections or sections[-1]["counter"] != counter:
            sections.append({"counter": counter, "theme": theme, "actions": []})
        sections[-1]["actions"].append(action)
    first_page: dict[int, int] = {}
    for index, (counter, _, _) in enumerate(everything):
        first_page.setdefault(counter, index // PLAN_PAGE_ACTIONS + 1)
    contents = [
        {"counter": counter, "theme": theme, "page": first_page.get(counter, 1)}
        for counter, theme in enumerate(plan.live_themes, start=1)
    ]
    return PlanPage(page=page, sections=sections, contents=contents)


def action_public_url(*, action: Action) -> str | None:
    """Where a visitor reads the action on its plan's page (the page of the plan it falls on,
    at its anchor), or None if visitors cannot: the plan is unpublished, or either is archived."""
    plan = action.plan
    if not plan.published or plan.archived_at or action.archived_at or action.theme.archived_at:
        return None
    # The plan page lists themes, then each theme's actions, in their order.
    before = (
        Action.objects.live()
        .filter(plan=plan, theme__archived_at__isnull=True)
        .filter(
            Q(theme__position__lt=action.theme.position)
            | Q(theme=action.theme, position__lt=action.position)
        )
        .count()
    )
    page = before // PLAN_PAGE_ACTIONS + 1
    url = reverse("plan-detail", args=[plan.organisation.slug, plan.slug])
    return f"{url}{f'?page={page}' if page > 1 else ''}#action-{action.pk}"


def lead_teams_remembered(*, organisation: Organisation) -> dict[str, Team]:
    """The council's remembered teams by lead (normalised, as plans.models.lead_normalise
    gives it), for its next import: answers of "no team", and archived teams, left out."""
    remembered = LeadTeam.objects.filter(
        organisation=organisation, team__isnull=False, team__archived_at__isnull=True
    ).select_related("team")
    return {row.lead: row.team for row in remembered if row.team is not None}  # (for mypy)


@dataclass
class PlanForEditing:
    """A plan as its "Edit the plan" page shows it: the live themes, each with its live
    actions (as theme.live_actions, with their teams), and what is archived, to restore."""

    themes: list[Any]
    archived_themes: list[Theme]
    archived_actions: list[Action]


def plan_for_editing(*, plan: Plan) -> PlanForEditing:
    """The plan's themes and actions for its administrators' editing page, in four queries
    however large the plan."""
    themes = list(
        Theme.objects.filter(plan=plan)
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.live().select_related("team").order_by("position", "pk"),
                to_attr="live_actions",
            )
        )
    )
    archived_actions = list(
        Action.objects.filter(plan=plan, archived_at__isnull=False)
        .select_related("theme", "team")
        .order_by("theme__position", "position", "pk")
    )
    return PlanForEditing(
        themes=[t for t in themes if t.archived_at is None],
        archived_themes=[t for t in themes if t.archived_at is not None],
        archived_actions=archived_actions,
    )


def theme_get_of_plan(*, plan: Plan, pk: int) -> Theme:
    """One of the plan's themes, archived or not; Http404 otherwise."""
    theme = Theme.objects.filter(plan=plan, pk=pk).first()
    if theme is None:
        raise Http404("No such theme")
    return theme


def action_get_of_plan(*, plan: Plan, pk: int) -> Action:
    """One of the plan's actions, archived or not; Http404 otherwise."""
    action = Action.objects.filter(plan=plan, pk=pk).select_related("team", "theme").first()
    if action is None:
        raise Http404("No such action")
    return action


@dataclass
class Lead:
    """One value of the plan's Lead column, as its actions spell it most often."""

    key: str  # as plans.models.lead_normalise gives it
    name: str
    actions: int = 0
    without_team: int = 0
    team_ids: set[int | None] = field(default_factory=set)
    remembered: Any = None  # the LeadTeam row, if the council has answered for this lead
    spellings: dict[str, int] = field(default_factory=dict)

    @property
    def suggested_team_id(self) -> int | None:
        """What the page offers first: the remembered team, else the one team its actions
        share already."""
        if self.remembered is not None:
            return self.remembered.team_id
        teams = self.team_ids - {None}
        return teams.pop() if len(teams) == 1 else None


def plan_leads(*, plan: Plan) -> list[Lead]:
    """The distinct values of the lead of the plan's live actions (case and spaces ignored),
    each once, by name, with how many actions have it and how many of those have no team."""
    leads: dict[str, Lead] = {}
    rows = (
        Action.objects.live()
        .filter(plan=plan)
        .exclude(lead=None)
        .order_by()  # the actions' own order would join their themes, for nothing
        .values_list("lead", "team_id")
    )
    for lead, team_id in rows:
        key = lead_normalise(lead)
        if not key:
            continue
        row = leads.setdefault(key, Lead(key=key, name=""))
        row.actions += 1
        row.without_team += team_id is None
        row.team_ids.add(team_id)
        spelling = " ".join(lead.split())
        row.spellings[spelling] = row.spellings.get(spelling, 0) + 1
    remembered = LeadTeam.objects.filter(organisation_id=plan.organisation_id, lead__in=leads)
    for answer in remembered:
        leads[answer.lead].remembered = answer
    for row in leads.values():
        row.name = max(row.spellings, key=lambda s: (row.spellings[s], s))
    return sorted(leads.values(), key=lambda row: row.key)


def plan_leads_without_team(*, plan: Plan) -> int:
    """How many of the plan's live actions name a lead but have no team (after an import,
    the cue to assign teams)."""
    return (
        Action.objects.live()
        .filter(plan=plan, team=None)
        .exclude(lead=None)
        .exclude(lead="")
        .count()
    )


def _measures_with_values() -> QuerySet[Measure]:
    """Measures with their action (and its theme), and their values of live updates by period
    as measure.period_values: two queries however many there are."""
    values = (
        MeasureValue.objects.filter(update__archived_at__isnull=True)
        .select_related("update__period")
        .order_by("update__period__position", "id")
    )
    return Measure.objects.select_related("action__theme", "reviewed_by").prefetch_related(
        Prefetch("values", queryset=values, to_attr="period_values")
    )


@dataclass
class MeasuresToCheck:
    """The indicators of a plan (or of one of its actions) that a person may check, by state,
    each with its action and its values by period (measure.period_values)."""

    suggested: list[Measure]
    confirmed: list[Measure]
    rejected: list[Measure]


def measures_for_checking(
    *, plan: Plan, user: Person | None, action: Action | None = None
) -> MeasuresToCheck:
    """The indicators of the plan's live actions (or of `action`, live or not) that this
    person may check: every action's for reviewers and administrators, their teams' for
    owners, none for the rest; in the plan's order, in two queries."""
    teams = measure_checker_teams(user, plan.organisation_id)
    measures = _measures_with_values().filter(
        organisation_id=plan.organisation_id, action__plan=plan
    )
    if action is not None:
        measures = measures.filter(action=action)
    else:
        measures = measures.filter(
            action__archived_at__isnull=True, action__theme__archived_at__isnull=True
        )
    if teams is not None:
        measures = measures.filter(action__team__in=teams)
    found = list(measures.order_by("action__theme__position", "action__position", "id"))
    return MeasuresToCheck(
        suggested=[m for m in found if m.state == Measure.State.SUGGESTED],
        confirmed=[m for m in found if m.state == Measure.State.CONFIRMED],
        rejected=[m for m in found if m.state == Measure.State.REJECTED],
    )


def measures_to_check_count(*, organisation: Organisation, user: Person | None) -> dict[int, int]:
    """How many suggested indicators of each live plan's live actions this person may check,
    by plan id (plans with none left out): one query, for the council page."""
    teams = measure_checker_teams(user, organisation.pk)
    if teams is not None and not teams:
        return {}
    measures = Measure.objects.filter(
        organisation=organisation,
        state=Measure.State.SUGGESTED,
        action__archived_at__isnull=True,
        action__theme__archived_at__isnull=True,
        action__plan__archived_at__isnull=True,
    )
    if teams is not None:
        measures = measures.filter(action__team__in=teams)
    rows = measures.order_by().values("action__plan_id").annotate(n=Count("pk"))
    return {row["action__plan_id"]: row["n"] for row in rows}


def measure_get_of_plan(*, plan: Plan, pk: Any) -> Measure:
    """One of the plan's measures, with its action; Http404 otherwise (a wrong or missing id
    included)."""
    measure = (
        Measure.objects.filter(organisation_id=plan.organisation_id, action__plan=plan, pk=pk)
        .select_related("action")
        .first()
        if str(pk).isdigit()
        else None
    )
    if measure is None:
        raise Http404("No such indicator")
    return measure
