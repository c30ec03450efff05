"""Reads for reports: the glossary an organisation's reports use."""

from __future__ import annotations

from eqtrack.organisations.models import Organisation

from .data import ReportError
from .glossary import DEFAULT_GLOSSARY
from .models import GlossaryEntry, WordTemplate


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
    document: dict,
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
