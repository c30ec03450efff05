"""Writes for reports: seeding and editing an organisation's glossary."""

from __future__ import annotations

from django.db import transaction

from eqtrack.organisations.models import Organisation

from .glossary import DEFAULT_GLOSSARY
from .models import GlossaryEntry


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
