"""Writes for reports: seeding and editing an organisation's glossary."""

from __future__ import annotations

from django.db import transaction

from eqtrack.organisations.models import Organisation

from .glossary import DEFAULT_GLOSSARY
from .models import GlossaryEntry, WordTemplate


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
    import io

    import docx

    from eqtrack.core.files import FileRefused, zip_check

    from .data import ReportError

    try:
        zip_check(content, source=source)
        docx.Document(io.BytesIO(content))
    except FileRefused as e:
        raise ReportError(str(e)) from None
    except Exception as e:  # python-docx raises many kinds on a file that is not a template
        raise ReportError(f"{source}: is not a Word document or template ({e})") from None
