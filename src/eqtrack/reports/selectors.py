"""Reads for reports: which period a plan's report is of, and the glossary and Word template an
organisation's reports use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Update
from eqtrack.plans.planformat import PlanDocument
from eqtrack.plans.selectors import action_trends, plan_document
from eqtrack.rounds.models import ReportingRound

from .chart import summary_chart_svg
from .data import ReportError, report_data
from .glossary import DEFAULT_GLOSSARY
from .models import GlossaryEntry, WordTemplate
from .writers import WRITERS

if TYPE_CHECKING:
    from eqtrack.plans.selectors import LoadedPlan, Trend

    from .data import ReportData


def report_period(*, organisation: Organisation, plan_slug: str) -> str | None:
    """The period a plan's published report is of: the latest with an approved update, leaving
    out a period whose round is still open (what has been approved so far is not yet the
    report, and would show every other action as having no update). None if there is none."""
    still_open = ReportingRound.objects.filter(
        organisation=organisation, plan__slug=plan_slug, closed_at__isnull=True
    ).values("period_id")
    label: str | None = (
        Update.objects.live()
        .filter(
            organisation=organisation,
            action__plan__slug=plan_slug,
            action__plan__archived_at__isnull=True,
            action__archived_at__isnull=True,
            period__archived_at__isnull=True,
            state=Update.State.APPROVED,
        )
        .exclude(period_id__in=still_open)
        .order_by("-period__position")
        .values_list("period__label", flat=True)
        .first()
    )
    return label


def glossary_for(*, organisation: Organisation | None) -> dict[str, str]:
    """The organisation's glossary; the default one for a plan from a file, or before the
    organisation has one of its own."""
    if organisation is None:
        return dict(DEFAULT_GLOSSARY)
    entries = dict(
        GlossaryEntry.objects.filter(organisation=organisation).values_list("term", "expansion")
    )
    return entries or dict(DEFAULT_GLOSSARY)


def glossary_entries(*, organisation: Organisation) -> QuerySet[GlossaryEntry]:
    """The organisation's own glossary, by term."""
    return GlossaryEntry.objects.filter(organisation=organisation).order_by("term")


def glossary_entry_get(*, organisation: Organisation, pk: str | int) -> GlossaryEntry:
    """One of the organisation's terms; another council's is missing (404)."""
    found = (
        GlossaryEntry.objects.filter(organisation=organisation, pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if found is None:
        raise Http404("No such term")
    return found


@dataclass(frozen=True)
class WordTemplateShown:
    filename: str
    uploaded_at: dt.datetime
    uploaded_by: str | None


def word_template_about(*, organisation: Organisation) -> WordTemplateShown | None:
    """The council's own Word template's name, when it was uploaded and by whom (from its
    history); None while its reports use the built-in one. Leaves the file itself unread."""
    template = (
        WordTemplate.objects.filter(organisation=organisation)
        .only("pk", "filename", "uploaded_at")
        .first()
    )
    if template is None:
        return None
    latest = template.history.select_related("history_user").order_by("-history_id").first()
    who = latest.history_user if latest is not None else None
    return WordTemplateShown(
        filename=template.filename,
        uploaded_at=template.uploaded_at,
        uploaded_by=(who.get_full_name() or who.get_username()) if who is not None else None,
    )


def word_template_for(*, organisation: Organisation | None) -> bytes | None:
    if organisation is None:
        return None
    template = WordTemplate.objects.filter(organisation=organisation).first()
    return bytes(template.content) if template else None


def report_render(
    *,
    document: PlanDocument,
    period: str | None,
    format: str,  # noqa: A002  (the format's name, as --format and the URLs say it; callers pass it by name)
    glossary: dict[str, str],
    compare: str | None = None,
    word_template: bytes | None = None,
) -> bytes:
    """A plan-format document's report for one period, as the bytes of a `format` file."""
    if format not in WRITERS:
        raise ReportError(f"no report format {format!r} (choose from {', '.join(WRITERS)})")
    data = report_data(document=document, period=period, glossary=glossary, compare=compare)
    data.word_template = word_template
    return WRITERS[format].write(data)


@dataclass
class DashboardFigures:
    """A plan's dashboard, as its public report counts it: the report's data (None for a plan
    with no periods), each team's actions by status category, and every indicator's trend."""

    data: ReportData | None
    chart: str
    teams: list[tuple[str, list[int], int]]
    trends: list[tuple[Any, Trend]]


def dashboard_figures(*, organisation: Organisation, plan: LoadedPlan) -> DashboardFigures | None:
    """The figures of a plan loaded by plan_with_contents, of the same period as the public
    report (approved updates only); None if the plan was archived meanwhile."""
    document = plan_document(organisation=organisation, slug=plan.slug, approved_only=True)
    if document is None:
        return None
    period = report_period(organisation=organisation, plan_slug=plan.slug)
    data = (
        report_data(document=document, period=period, glossary={}) if document["periods"] else None
    )
    actions = [a for theme in plan.live_themes for a in theme.live_actions]
    teams: dict[str, dict[str, int]] = {}
    if data:
        category_of = {row.ref: row.category for row in data.rows}
        for action in actions:
            counts = teams.setdefault(action.team.name if action.team else "No team yet", {})
            category = category_of.get(action.ref, "no_status")
            counts[category] = counts.get(category, 0) + 1
    return DashboardFigures(
        data=data,
        # Every text in the chart is escaped as it is built.
        chart=summary_chart_svg(data) if data else "",
        teams=[
            (name, [counts.get(c, 0) for c, _ in data.categories], sum(counts.values()))
            for name, counts in sorted(teams.items())
        ]
        if data
        else [],
        trends=[(action, trend) for action in actions for trend in action_trends(action)],
    )
