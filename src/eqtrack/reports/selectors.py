"""Reads for reports: which period a plan's report is of, and the glossary and Word template an
organisation's reports use."""

from __future__ import annotations

from eqtrack.organisations.models import Organisation
from eqtrack.plans.planformat import PlanDocument

from .data import ReportError
from .glossary import DEFAULT_GLOSSARY
from .models import GlossaryEntry, WordTemplate


def report_period(*, organisation: Organisation, plan_slug: str) -> str | None:
    """The period a plan's published report is of: the latest with an approved update, leaving
    out a period whose round is still open (what has been approved so far is not yet the
    report, and would show every other action as having no update). None if there is none."""
    from eqtrack.plans.models import Update
    from eqtrack.rounds.models import ReportingRound

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


def word_template_for(*, organisation: Organisation | None) -> bytes | None:
    if organisation is None:
        return None
    template = WordTemplate.objects.filter(organisation=organisation).first()
    return bytes(template.content) if template else None


def report_render(
    *,
    document: PlanDocument,
    period: str | None,
    format: str,
    glossary: dict[str, str],
    compare: str | None = None,
    word_template: bytes | None = None,
) -> bytes:
    """A plan-format document's report for one period, as the bytes of a `format` file."""
    from .data import report_data
    from .writers import WRITERS

    if format not in WRITERS:
        raise ReportError(f"no report format {format!r} (choose from {', '.join(WRITERS)})")
    data = report_data(document=document, period=period, glossary=glossary, compare=compare)
    data.word_template = word_template
    return WRITERS[format].write(data)
