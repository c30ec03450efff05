"""Writes for reports (seeding and editing an organisation's glossary, setting its Word
template), and the one assembly of a plan's report that the report command and the download
view share. Edits by people check who may make them (accounts.permissions) first."""

from __future__ import annotations

import io

import docx
from django.core.exceptions import PermissionDenied
from django.db import transaction

from eqtrack.accounts.audit import audit_record
from eqtrack.accounts.permissions import can_administer
from eqtrack.core.files import FileRefused, zip_check
from eqtrack.core.history import change_record
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.plans.selectors import plan_document

from .data import ReportError
from .glossary import DEFAULT_GLOSSARY
from .models import GlossaryEntry, WordTemplate
from .selectors import (
    glossary_for,
    overdue_judged_on,
    report_render,
    reported_periods,
    word_template_for,
)


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


class GlossaryError(ValueError):
    """A glossary term that cannot be saved as given; the message says why, naming the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


TERM_MAX = GlossaryEntry._meta.get_field("term").max_length or 30
EXPANSION_MAX = GlossaryEntry._meta.get_field("expansion").max_length or 200


def _glossary_clean(
    *, organisation: Organisation, term: str, expansion: str, entry: GlossaryEntry | None
) -> tuple[str, str]:
    term, expansion = term.strip(), " ".join(expansion.split())
    if not term:
        raise GlossaryError("term", "Enter the term, as it appears in the text")
    if len(term) > TERM_MAX:
        raise GlossaryError("term", f"The term must be {TERM_MAX} characters or fewer")
    if not expansion:
        raise GlossaryError("expansion", "Enter what the term stands for")
    if len(expansion) > EXPANSION_MAX:
        raise GlossaryError(
            "expansion", f"What it stands for must be {EXPANSION_MAX} characters or fewer"
        )
    others = GlossaryEntry.objects.filter(organisation=organisation, term=term)
    if entry is not None:
        others = others.exclude(pk=entry.pk)
    if others.exists():
        raise GlossaryError("term", f"The glossary already has {term}: change that one instead")
    return term, expansion


def _administrator(user: User, organisation_id: int, doing: str) -> None:
    if not can_administer(user, organisation_id):
        raise PermissionDenied(f"Only the council's administrators {doing}.")


@transaction.atomic
def glossary_entry_add(
    *, organisation: Organisation, term: str, expansion: str, user: User
) -> GlossaryEntry:
    """A term the council's reports write out in full at its first use. A council without a
    glossary of its own has its reports use the standard one; its first term starts its own
    copy of the standard one, so adding a term never loses the others."""
    _administrator(user, organisation.pk, "change the glossary")
    term, expansion = _glossary_clean(
        organisation=organisation, term=term, expansion=expansion, entry=None
    )
    if not GlossaryEntry.objects.filter(organisation=organisation).exists():
        glossary_seed(
            organisation=organisation,
            entries={k: v for k, v in DEFAULT_GLOSSARY.items() if k != term},
        )
    entry = GlossaryEntry(organisation=organisation, term=term, expansion=expansion)
    change_record(entry, user=user, reason="Added to the glossary")
    entry.save()
    return entry


@transaction.atomic
def glossary_entry_change(
    *, entry: GlossaryEntry, term: str, expansion: str, user: User
) -> GlossaryEntry:
    """New wording for a term (its earlier wording stays in its history)."""
    _administrator(user, entry.organisation_id, "change the glossary")
    entry.term, entry.expansion = _glossary_clean(
        organisation=entry.organisation, term=term, expansion=expansion, entry=entry
    )
    change_record(entry, user=user, reason="Changed in the glossary")
    entry.save()
    return entry


@transaction.atomic
def glossary_entry_remove(*, entry: GlossaryEntry, user: User) -> None:
    """Take a term out of the glossary. A term is a setting, not a council record other
    records point to, so it goes; its history keeps every version and who removed it, and
    the security log says so too."""
    _administrator(user, entry.organisation_id, "change the glossary")
    change_record(entry, user=user, reason="Removed from the glossary")
    audit_record(f"glossary: {entry.term} removed at {entry.organisation}", user=user)
    entry.delete()


@transaction.atomic
def word_template_set(
    *, organisation: Organisation, filename: str, content: bytes, user: User
) -> WordTemplate:
    """Check a Word template opens and has what reports need, then make it the organisation's.
    Raises ReportError (saying what is wrong with the file) and changes nothing if not."""
    _administrator(user, organisation.pk, "change the Word template")
    word_template_check(content, source=filename)
    template = WordTemplate.objects.filter(organisation=organisation).first()
    if template is None:
        template = WordTemplate(organisation=organisation)
    template.filename, template.content = filename[:200], content
    change_record(template, user=user, reason="Word template uploaded")
    template.save()
    audit_record(f"word template: {filename!r} uploaded at {organisation}", user=user)
    return template


@transaction.atomic
def word_template_reset(*, organisation: Organisation, user: User) -> bool:
    """Back to the built-in template: the council's own is removed (its history keeps it).
    Returns whether there was one."""
    _administrator(user, organisation.pk, "change the Word template")
    template = WordTemplate.objects.filter(organisation=organisation).first()
    if template is None:
        return False
    change_record(template, user=user, reason="Back to the built-in template")
    template.delete()
    audit_record(f"word template: back to the built-in one at {organisation}", user=user)
    return True


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
    closed_rounds_only: bool = False,
) -> bytes:
    """A plan's report for one period (the latest reported, if None) as the bytes of a
    `format` file: built from approved updates only, with the organisation's glossary and its
    Word template unless another is given; with `closed_rounds_only` (the public's downloads),
    of the periods whose rounds have closed. Reads only; raises PlanNotFound or ReportError."""
    document = plan_document(
        organisation=organisation,
        slug=plan_slug,
        approved_only=True,
        closed_rounds_only=closed_rounds_only,
    )
    if document is None:
        raise PlanNotFound(f"{organisation.name} has no plan {plan_slug!r}")
    overdue = None
    if period is not None:
        overdue = overdue_judged_on(
            organisation=organisation,
            plan_slug=plan_slug,
            period=period,
            periods=reported_periods(organisation=organisation, plan_slug=plan_slug),
        )
    return report_render(
        document=document,
        period=period,
        format=format,
        overdue=overdue,
        glossary=glossary_for(organisation=organisation),
        compare=compare,
        word_template=word_template
        if word_template is not None
        else word_template_for(organisation=organisation),
    )
