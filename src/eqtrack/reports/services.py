"""Writes for reports (seeding and editing an organisation's glossary), and the one assembly
of a plan's report that the report command and the download view share."""

from __future__ import annotations

import io

import docx
from django.db import transaction

from eqtrack.core.files import FileRefused, zip_check
from eqtrack.organisations.models import Organisation
from eqtrack.plans.selectors import plan_document

from .data import ReportError
from .glossary import DEFAULT_GLOSSARY
from .models import GlossaryEntry, WordTemplate
from .selectors import glossary_for, report_render, word_template_for


@transaction.atomic
def glossary_seed(*, organisation: Organisation, entries: dict[str, str] | None = None) -> int:
    """Add the glossary terms the organisation does not have yet; returns how many were added.
    Terms it already has keep its own wording."""
    entries = DEFAULT_GLOSSARY if entries is None else entries
    have = set(
        GlossaryEntry.objects.filter(organisation=organisation).values_list("term", flat=True)
    )
    new = [
        GlossaryEntry(organisation=organisation, term=term, expansion=expansion)
        for term, expansion in entries.items()
        if term not in have
    ]
    for entry in new:
        entry.save()  # one by one, so each has its first version in the history
    return len(new)


@transaction.atomic
def word_template_set(*, organisation: Organisation, filename: str, content: bytes) -> WordTemplate:
    """Check a Word template opens and has what reports need, then make it the organisation's."""
    word_template_check(content, source=filename)
    template, _ = WordTemplate.objects.get_or_create(
        organisation=organisation, defaults={"filename": filename, "content": content}
    )
    template.filename, template.content = filename, content
    template.save()
    return template


def word_template_check(content: bytes, *, source: str) -> None:
    try:
        zip_check(content, source=source)
        docx.Document(io.BytesIO(content))
    except FileRefused as e:
        raise ReportError(str(e)) from None
    except Exception as e:  # python-docx raises many kinds on a file that is not a template
        raise ReportError(f"{source}: is not a Word document or template ({e})") from None


class PlanNotFound(ReportError):
    """The organisation has no live plan of that slug (the caller says so in its own words)."""


def report_for_plan(
    *,
    organisation: Organisation,
    plan_slug: str,
    format: str,  # noqa: A002  (the format's name, as --format and the URLs say it; callers pass it by name)
    period: str | None = None,
    compare: str | None = None,
    word_template: bytes | None = None,
) -> bytes:
    """A plan's report for one period (the latest reported, if None) as the bytes of a
    `format` file: built from approved updates only, with the organisation's glossary and its
    Word template unless another is given. Reads only; raises PlanNotFound or ReportError."""
    document = plan_document(organisation=organisation, slug=plan_slug, approved_only=True)
    if document is None:
        raise PlanNotFound(f"{organisation.name} has no plan {plan_slug!r}")
    return report_render(
        document=document,
        period=period,
        format=format,
        glossary=glossary_for(organisation=organisation),
        compare=compare,
        word_template=word_template
        if word_template is not None
        else word_template_for(organisation=organisation),
    )
