"""Reads for reports: which period a plan's report is of, and the glossary and Word template an
organisation's reports use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Update
from eqtrack.plans.planformat import PlanDocument
from eqtrack.plans.selectors import (
    PLAN_PAGE_ACTIONS,
    action_trends,
    plan_document,
    plan_document_of,
    plan_with_contents,
    public_period_q,
)
from eqtrack.rounds.models import ReportingRound

from .chart import status_change_chart_svg, summary_chart_svg
from .committee import ActionFacts, CommitteeSummary, committee_summary, row_positions
from .data import ReportError, report_data
from .glossary import DEFAULT_GLOSSARY
from .models import GlossaryEntry, WordTemplate
from .writers import WRITERS

if TYPE_CHECKING:
    from eqtrack.plans.selectors import LoadedPlan, Trend

    from .data import ReportData


def _reported(*, organisation: Organisation, plan_slug: str) -> QuerySet[Update]:
    """The approved updates a plan's public reports are made of: leaving out a period whose
    round is still open (what has been approved so far is not yet the report, and would show
    every other action as having no update)."""
    return Update.objects.live().filter(
        public_period_q("period__"),
        organisation=organisation,
        action__plan__slug=plan_slug,
        action__plan__archived_at__isnull=True,
        action__archived_at__isnull=True,
        period__archived_at__isnull=True,
        state=Update.State.APPROVED,
    )


def report_period(*, organisation: Organisation, plan_slug: str) -> str | None:
    """The period a plan's published report is of: the latest with an approved update, out
    of a closed round or imported. None if there is none."""
    label: str | None = (
        _reported(organisation=organisation, plan_slug=plan_slug)
        .order_by("-period__position")
        .values_list("period__label", flat=True)
        .first()
    )
    return label


def reported_periods(*, organisation: Organisation, plan_slug: str) -> list[str]:
    """Every period the public may see a report of (as report_period chooses), in order."""
    return list(
        _reported(organisation=organisation, plan_slug=plan_slug)
        .order_by("period__position")
        .values_list("period__label", flat=True)
        .distinct()
    )


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
    overdue: OverdueJudgement | None = None,
) -> bytes:
    """A plan-format document's report for one period, as the bytes of a `format` file;
    `overdue` says how its overdue actions are judged (against today if None)."""
    if format not in WRITERS:
        raise ReportError(f"no report format {format!r} (choose from {', '.join(WRITERS)})")
    overdue = overdue or OverdueJudgement()
    data = report_data(
        document=document,
        period=period,
        glossary=glossary,
        compare=compare,
        today=overdue.today,
        judge_overdue=overdue.judged,
    )
    data.word_template = word_template
    return WRITERS[format].write(data)


def action_facts(plan: LoadedPlan) -> dict[tuple[int, int], ActionFacts]:
    """Each action's team and place on the plan page, by its (theme, action) position in the
    plan's document (plan_document lists themes and actions in the same order)."""
    facts: dict[tuple[int, int], ActionFacts] = {}
    index = 0
    for t, theme in enumerate(plan.live_themes):
        for a, action in enumerate(theme.live_actions):
            facts[(t, a)] = ActionFacts(
                team=action.team.name if action.team else None,
                pk=action.pk,
                page=index // PLAN_PAGE_ACTIONS + 1,
            )
            index += 1
    return facts


class PeriodRefused(ReportError):
    """A period that is not one the public may see a report of; the message names them."""


def _chosen(periods: list[str], period: str | None) -> tuple[str, str | None]:
    """The period asked for (the latest if None) and the reported period before it."""
    if not periods:
        raise PeriodRefused("the plan has no reported period yet")
    chosen = period or periods[-1]
    if chosen not in periods:
        raise PeriodRefused(
            f"the plan has no reported period {chosen!r} (choose from {', '.join(periods)})"
        )
    index = periods.index(chosen)
    return chosen, periods[index - 1] if index else None


@dataclass(frozen=True)
class OverdueJudgement:
    """The day a period's overdue actions are judged on (None: today), or none judged."""

    today: dt.date | None = None
    judged: bool = True


def overdue_judged_on(
    *, organisation: Organisation, plan_slug: str, period: str, periods: list[str]
) -> OverdueJudgement:
    """How an action is judged overdue in `period`, one of the plan's reported `periods`.

    The latest reported period: against today, as its report is read now. An earlier one:
    against the day its reporting round closed (its deadline, if somehow not closed), what
    the committee saw then; an action due in 2023 was not overdue in the 2021 report. An
    earlier period with no round (imported from a file) has no date to judge by, and the day
    it was imported says nothing of when it was reported, so no action is listed overdue in
    it rather than one judged against a date that is not its own."""
    if period not in periods[:-1]:
        return OverdueJudgement()  # the latest, or one not yet reported to the public
    found = (
        ReportingRound.objects.filter(
            organisation=organisation,
            plan__slug=plan_slug,
            plan__archived_at__isnull=True,
            period__label=period,
            period__archived_at__isnull=True,
        )
        .values_list("closed_at", "deadline")
        .first()
    )
    if found is None:
        return OverdueJudgement(judged=False)
    closed_at, deadline = found
    return OverdueJudgement(today=timezone.localdate(closed_at) if closed_at else deadline)


def _summary_of(
    *,
    organisation: Organisation,
    plan_slug: str,
    document: PlanDocument,
    facts: dict[tuple[int, int], ActionFacts],
    periods: list[str],
    period: str | None,
) -> CommitteeSummary:
    """The committee summary of the chosen one of a plan's reported `periods` (the latest if
    None) against the one before it, its overdue actions judged as overdue_judged_on says:
    what the dashboard and the summary documents share."""
    chosen, previous = _chosen(periods, period)
    judgement = overdue_judged_on(
        organisation=organisation, plan_slug=plan_slug, period=chosen, periods=periods
    )
    return committee_summary(
        document=document,
        period=chosen,
        previous=previous,
        facts=facts,
        today=judgement.today,
        judge_overdue=judgement.judged,
    )


def committee_summary_for(
    *, organisation: Organisation, plan_slug: str, period: str | None = None
) -> CommitteeSummary:
    """The committee summary of a plan's reported period (the latest if None), against the
    reported period before it, from approved updates only: what the committee summary
    documents and the `committee-summary` command show. Raises PeriodRefused, or
    ReportError if the organisation has no such plan."""
    periods = reported_periods(organisation=organisation, plan_slug=plan_slug)
    # Only what the public may see: nothing of a period whose round is still open.
    plan = plan_with_contents(
        organisation=organisation, slug=plan_slug, approved_only=True, closed_rounds_only=True
    )
    if plan is None:
        raise ReportError(f"{organisation.name} has no plan {plan_slug!r}")
    summary = _summary_of(
        organisation=organisation,
        plan_slug=plan_slug,
        document=plan_document_of(plan),  # the plan as loaded: loaded once
        facts=action_facts(plan),
        periods=periods,
        period=period,
    )
    summary.data.word_template = word_template_for(organisation=organisation)
    return summary


@dataclass
class DashboardFigures:
    """A plan's dashboard, as its public report counts it: the committee summary of the
    period (None for a plan with nothing reported), the periods one may choose, each team's
    actions by status category, and every indicator's trend."""

    summary: CommitteeSummary | None
    periods: list[str]
    chart: str
    change_chart: str
    teams: list[tuple[str, list[int], int]]
    trends: list[tuple[Any, Trend]]

    @property
    def data(self) -> ReportData | None:
        return self.summary.data if self.summary else None


def dashboard_figures(
    *, organisation: Organisation, plan: LoadedPlan, period: str | None = None
) -> DashboardFigures | None:
    """The figures of a plan loaded by plan_with_contents for one reported period (the latest
    if None), as the public report counts them (approved updates only); None if the plan was
    archived meanwhile. Raises PeriodRefused for a period the public may not see."""
    document = plan_document(
        organisation=organisation, slug=plan.slug, approved_only=True, closed_rounds_only=True
    )
    if document is None:
        return None
    periods = reported_periods(organisation=organisation, plan_slug=plan.slug)
    facts = action_facts(plan)
    summary = None
    if periods:
        summary = _summary_of(
            organisation=organisation,
            plan_slug=plan.slug,
            document=document,
            facts=facts,
            periods=periods,
            period=period,
        )
    elif period:
        _chosen(periods, period)  # says there is none to choose
    data = summary.data if summary else None
    actions = [a for theme in plan.live_themes for a in theme.live_actions]
    teams: dict[str, dict[str, int]] = {}
    if data:
        # The report's own rows, each found in the document as the committee summary finds
        # it: an action that had ended or not yet begun is not counted, one with no or a
        # repeated reference is counted once in its own category, and each team's cells add
        # up to its total.
        for row, position in zip(data.rows, row_positions(document, data.rows), strict=True):
            fact = facts.get(position)
            team = fact.team if fact is not None and fact.team else "No team yet"
            counts = teams.setdefault(team, {})
            counts[row.category] = counts.get(row.category, 0) + 1
    return DashboardFigures(
        summary=summary,
        periods=periods,
        # Every text in the charts is escaped as it is built.
        chart=summary_chart_svg(data) if data else "",
        change_chart=status_change_chart_svg(summary) if summary and summary.previous else "",
        teams=[
            (name, [counts.get(c, 0) for c, _ in data.categories], sum(counts.values()))
            for name, counts in sorted(teams.items())
        ]
        if data
        else [],
        trends=[(action, trend) for action in actions for trend in action_trends(action)],
    )
