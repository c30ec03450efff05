"""Reads of the social value measures library: the live library as a tree (themes, their
outcomes, their measures), one entry of it, the plan actions a measure may serve, and whether
anything shown comes from PPN 002 (and so needs its licence's attribution)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action

from ..models import SocialValueMeasure, SocialValueOutcome, SocialValueTheme, Source


@dataclass
class OutcomeEntry:
    outcome: SocialValueOutcome
    measures: list[SocialValueMeasure] = field(default_factory=list)


@dataclass
class ThemeEntry:
    theme: SocialValueTheme
    outcomes: list[OutcomeEntry] = field(default_factory=list)


def library_tree(*, organisation: Organisation) -> list[ThemeEntry]:
    """The live library in its order, with each measure's plan action: three queries."""
    measures = (
        SocialValueMeasure.objects.live()
        .select_related("action__plan")
        .order_by("position", "code")
    )
    outcomes = (
        SocialValueOutcome.objects.live()
        .order_by("position", "name")
        .prefetch_related(Prefetch("measures", queryset=measures))
    )
    themes = (
        SocialValueTheme.objects.live()
        .filter(organisation=organisation)
        .order_by("position", "name")
        .prefetch_related(Prefetch("outcomes", queryset=outcomes))
    )
    return [
        ThemeEntry(
            theme=t,
            outcomes=[
                OutcomeEntry(outcome=o, measures=list(o.measures.all())) for o in t.outcomes.all()
            ],
        )
        for t in themes
    ]


def tree_from_ppn002(tree: list[ThemeEntry]) -> bool:
    """Whether any entry shown comes from PPN 002 (Crown copyright, OGL v3.0)."""
    return any(
        t.theme.source == Source.PPN002
        or any(
            o.outcome.source == Source.PPN002 or any(m.source == Source.PPN002 for m in o.measures)
            for o in t.outcomes
        )
        for t in tree
    )


def theme_list(*, organisation: Organisation) -> QuerySet[SocialValueTheme]:
    return (
        SocialValueTheme.objects.live()
        .filter(organisation=organisation)
        .order_by("position", "name")
    )


def outcome_list(*, organisation: Organisation) -> QuerySet[SocialValueOutcome]:
    """The live outcomes of live themes, in the library's order."""
    return (
        SocialValueOutcome.objects.live()
        .filter(organisation=organisation, theme__archived_at__isnull=True)
        .select_related("theme")
        .order_by("theme__position", "theme__name", "position", "name")
    )


def measure_list(*, organisation: Organisation) -> QuerySet[SocialValueMeasure]:
    """The live measures under live outcomes and themes, in the library's order."""
    return (
        SocialValueMeasure.objects.live()
        .filter(
            organisation=organisation,
            outcome__archived_at__isnull=True,
            outcome__theme__archived_at__isnull=True,
        )
        .select_related("outcome__theme")
        .order_by(
            "outcome__theme__position",
            "outcome__theme__name",
            "outcome__position",
            "outcome__name",
            "position",
            "code",
        )
    )


def theme_get(*, organisation: Organisation, pk: int) -> SocialValueTheme:
    """A live theme of the council; SocialValueTheme.DoesNotExist for anything else."""
    return SocialValueTheme.objects.live().get(organisation=organisation, pk=pk)


def outcome_get(*, organisation: Organisation, pk: int) -> SocialValueOutcome:
    return (
        SocialValueOutcome.objects.live()
        .select_related("theme")
        .get(organisation=organisation, pk=pk, theme__archived_at__isnull=True)
    )


def measure_get(*, organisation: Organisation, pk: int) -> SocialValueMeasure:
    return (
        SocialValueMeasure.objects.live()
        .select_related("outcome__theme", "action")
        .get(organisation=organisation, pk=pk)
    )


def action_choices(*, organisation: Organisation) -> list[Action]:
    """The council's live plan actions (of live plans) a measure may serve."""
    return list(
        Action.objects.live()
        .filter(organisation=organisation, plan__archived_at__isnull=True)
        .select_related("plan")
        .order_by("plan__created_at", "theme__position", "position", "pk")
    )


def library_has_ppn002(*, organisation: Organisation) -> bool:
    """Whether the live library holds any PPN 002 entry: pages offering the library's entries
    as choices then carry the Open Government Licence attribution."""
    return (
        SocialValueTheme.objects.live()
        .filter(organisation=organisation, source=Source.PPN002)
        .exists()
        or SocialValueOutcome.objects.live()
        .filter(organisation=organisation, source=Source.PPN002)
        .exists()
        or SocialValueMeasure.objects.live()
        .filter(organisation=organisation, source=Source.PPN002)
        .exists()
    )


def entries_from_ppn002(
    outcomes: list[SocialValueOutcome], measures: list[SocialValueMeasure]
) -> bool:
    """Whether any of these outcomes or measures, or what they sit under, is PPN 002's."""
    return any(
        o.source == Source.PPN002 or o.theme.source == Source.PPN002 for o in outcomes
    ) or any(
        m.source == Source.PPN002
        or m.outcome.source == Source.PPN002
        or m.outcome.theme.source == Source.PPN002
        for m in measures
    )
