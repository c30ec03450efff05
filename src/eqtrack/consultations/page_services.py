"""Writes for a consultation's public page: starting a page with no responses yet, its details
(summary, dates, contact, whether it is on the public list), its documents, its questions and
answers, and the "we asked, you said, we did" results page. Each takes the person acting and
checks `can_manage_consultations`; each checks everything it is given before it keeps any of
it, and records the change in the consultation's history."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.core.files import max_bytes
from eqtrack.core.history import change_record
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation

from .models import Consultation, ConsultationDocument, ConsultationFAQ, PopulationProfile
from .page_selectors import chart_choices

# Files a consultation page offers, with the type they are served as and how each starts, so a
# renamed web page or program is not served from the council's address.
DOCUMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    ".csv": ("text/csv; charset=utf-8", ()),
    ".txt": ("text/plain; charset=utf-8", ()),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


class PageError(ValueError):
    """A change to a consultation's page that cannot be made as given; the message says why,
    and `field` names the form field it is about (or is empty)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _may_manage(user: User, organisation_id: int) -> None:
    if not can_manage_consultations(user, organisation_id):
        raise PermissionDenied("Only an administrator changes consultations.")


def _live(consultation: Consultation) -> None:
    if consultation.archived_at:
        raise PageError("this consultation is archived")


def _details_check(
    *,
    title: str,
    summary: str,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    contact_email: str,
    is_public: bool,
) -> None:
    if not title.strip():
        raise PageError("enter the consultation's title", "title")
    if opens_on and closes_on and closes_on < opens_on:
        raise PageError("the closing date must be on or after the opening date", "closes_on")
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            raise PageError(
                "enter an e-mail address in the correct format, like name@example.org",
                "contact_email",
            ) from None
    if is_public:
        # What a resident needs to know before the page is on the public list.
        if not summary.strip():
            raise PageError("enter a summary before showing the consultation publicly", "summary")
        if opens_on is None:
            raise PageError("enter the opening date before showing it publicly", "opens_on")
        if closes_on is None:
            raise PageError("enter the closing date before showing it publicly", "closes_on")


@transaction.atomic
def consultation_page_create(
    *,
    organisation: Organisation,
    user: User,
    title: str,
    summary: str = "",
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    action: Any = None,
) -> Consultation:
    """A consultation with its page and no responses yet (they will come from its survey, or
    be uploaded later). It is not on the public list until an officer says so."""
    _may_manage(user, organisation.pk)
    if action is not None and action.organisation_id != organisation.pk:
        raise PageError("that action belongs to another organisation", "action")
    _details_check(
        title=title,
        summary=summary,
        opens_on=opens_on,
        closes_on=closes_on,
        contact_email="",
        is_public=False,
    )
    consultation = Consultation(
        organisation=organisation,
        title=title.strip(),
        summary=summary.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        action=action,
    )
    change_record(consultation, user=user, reason="page started")
    consultation.save()
    return consultation


PAGE_FIELDS = (
    "title",
    "summary",
    "opens_on",
    "closes_on",
    "contact_name",
    "contact_email",
    "contact_phone",
    "is_public",
)


@transaction.atomic
def consultation_page_change(
    *,
    consultation: Consultation,
    user: User,
    title: str,
    summary: str,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    is_public: bool = False,
) -> Consultation:
    """Change the page's details; the history says which changed."""
    _may_manage(user, consultation.organisation_id)
    _live(consultation)
    contact_email = contact_email.strip()
    _details_check(
        title=title,
        summary=summary,
        opens_on=opens_on,
        closes_on=closes_on,
        contact_email=contact_email,
        is_public=is_public,
    )
    new = {
        "title": title.strip(),
        "summary": summary.strip(),
        "opens_on": opens_on,
        "closes_on": closes_on,
        "contact_name": contact_name.strip(),
        "contact_email": contact_email,
        "contact_phone": contact_phone.strip(),
        "is_public": is_public,
    }
    changed = [name for name in PAGE_FIELDS if getattr(consultation, name) != new[name]]
    if not changed:
        return consultation
    for name, value in new.items():
        setattr(consultation, name, value)
    words = {
        "is_public": "shown publicly" if is_public else "taken off the public list",
        "opens_on": "dates changed",
        "closes_on": "dates changed",
    }
    reasons = list(dict.fromkeys(words.get(n, n.replace("_", " ") + " changed") for n in changed))
    change_record(consultation, user=user, reason="page: " + "; ".join(reasons))
    consultation.save()
    return consultation


@transaction.atomic
def consultation_profile_set(
    *, consultation: Consultation, user: User, profile: PopulationProfile
) -> Consultation:
    """The population a consultation's survey answers are compared with and weighted to. A
    consultation with uploaded responses changes its profile through its change journey
    instead, which weights them again."""
    _may_manage(user, consultation.organisation_id)
    _live(consultation)
    # A survey's responses are weighted again when it next closes; uploaded ones only through
    # the change journey.
    if consultation.responses_filename and getattr(consultation, "survey", None) is None:
        raise PageError(
            "its uploaded responses were weighted to their profile: upload them again to change it",
            "profile",
        )
    if profile.organisation_id != consultation.organisation_id or profile.archived_at:
        raise PageError("choose one of the council's population profiles", "profile")
    if consultation.profile_id == profile.pk:
        return consultation
    consultation.profile = profile
    change_record(consultation, user=user, reason=f"compared with {profile.name}")
    consultation.save()
    return consultation


def _touch(consultation: Consultation, user: User, reason: str) -> None:
    """Record a change to the page's documents or questions in the consultation's history."""
    change_record(consultation, user=user, reason=reason)
    # A version of the consultation names the change; its row is written unchanged (an empty
    # update_fields would save nothing, and no version).
    consultation.save(update_fields=["title"])


def _document_file_check(filename: str, data: bytes) -> tuple[str, str]:
    """The file's name as kept and the type it is served as, or PageError saying what is wrong."""
    name = os.path.basename(filename.replace("\\", "/")).strip() or "document"
    stem, extension = os.path.splitext(name)
    # Kept to the 200 characters the record holds (a browser may send up to 255).
    name = stem[: 200 - len(extension)] + extension
    limit = max_bytes()
    if len(data) > limit:
        raise PageError(
            f"{name}: is {len(data) / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit",
            "upload",
        )
    if not data:
        raise PageError(f"{name}: is empty", "upload")
    extension = os.path.splitext(name)[1].lower()
    known = DOCUMENT_TYPES.get(extension)
    if known is None:
        kinds = ", ".join(sorted({e.lstrip(".").upper() for e in DOCUMENT_TYPES}))
        raise PageError(f"{name}: must be one of {kinds}", "upload")
    content_type, starts = known
    if starts and not data.startswith(starts):
        raise PageError(f"{name}: is not a {extension.lstrip('.').upper()} file", "upload")
    if not starts:
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PageError(f"{name}: is not UTF-8 text; save it as UTF-8", "upload") from None
    return name, content_type


@transaction.atomic
def document_add(
    *,
    consultation: Consultation,
    user: User,
    title: str,
    url: str = "",
    filename: str = "",
    data: bytes = b"",
) -> ConsultationDocument:
    """A document of the page: a link to it, an uploaded file kept in the database, or both."""
    _may_manage(user, consultation.organisation_id)
    _live(consultation)
    title, url = title.strip(), url.strip()
    if not title:
        raise PageError("enter the document's title", "title")
    if not url and not filename:
        raise PageError("enter the document's web address, or choose its file", "url")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise PageError(
                "enter a web address in the correct format, like https://www.example.org/plan.pdf",
                "url",
            ) from None
    content_type = ""
    if filename:
        filename, content_type = _document_file_check(filename, data)
    document = ConsultationDocument.objects.create(
        organisation=consultation.organisation,
        consultation=consultation,
        title=title,
        url=url,
        filename=filename,
        content_type=content_type,
        content=data if filename else b"",
        size=len(data) if filename else 0,
    )
    _touch(consultation, user, f"document added: {title}")
    return document


@transaction.atomic
def document_remove(*, document: ConsultationDocument, user: User) -> None:
    consultation = document.consultation
    _may_manage(user, consultation.organisation_id)
    _live(consultation)
    title = document.title
    document.delete()
    _touch(consultation, user, f"document removed: {title}")


def _faq_check(question: str, answer: str) -> tuple[str, str]:
    question, answer = question.strip(), answer.strip()
    if not question:
        raise PageError("enter the question", "question")
    if not answer:
        raise PageError("enter the answer", "answer")
    return question, answer


@transaction.atomic
def faq_add(
    *, consultation: Consultation, user: User, question: str, answer: str
) -> ConsultationFAQ:
    """A question and its answer, after the page's others."""
    _may_manage(user, consultation.organisation_id)
    _live(consultation)
    question, answer = _faq_check(question, answer)
    last = consultation.faqs.aggregate(last=Max("position"))["last"]
    faq = ConsultationFAQ(
        organisation=consultation.organisation,
        consultation=consultation,
        question=question,
        answer=answer,
        position=0 if last is None else last + 1,
    )
    change_record(faq, user=user, reason="added")
    faq.save()
    return faq


@transaction.atomic
def faq_change(*, faq: ConsultationFAQ, user: User, question: str, answer: str) -> ConsultationFAQ:
    _may_manage(user, faq.organisation_id)
    _live(faq.consultation)
    faq.question, faq.answer = _faq_check(question, answer)
    change_record(faq, user=user, reason="changed")
    faq.save()
    return faq


@transaction.atomic
def faq_remove(*, faq: ConsultationFAQ, user: User) -> None:
    _may_manage(user, faq.organisation_id)
    consultation = faq.consultation
    _live(consultation)
    question = faq.question
    change_record(faq, user=user, reason="removed")
    faq.delete()
    _touch(consultation, user, f"question removed: {question[:60]}")


@transaction.atomic
def faq_move(*, faq: ConsultationFAQ, user: User, direction: str) -> None:
    """Move a question one place "up" or "down"; at the top (or bottom) it stays."""
    _may_manage(user, faq.organisation_id)
    _live(faq.consultation)
    if direction not in ("up", "down"):
        raise PageError("choose up or down")
    faqs = list(ConsultationFAQ.objects.filter(consultation_id=faq.consultation_id))
    index = next(i for i, f in enumerate(faqs) if f.pk == faq.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(faqs):
        return
    faqs[index], faqs[other] = faqs[other], faqs[index]
    for position, each in enumerate(faqs):  # renumbered, so equal positions cannot stick
        if each.position != position:
            each.position = position
            change_record(each, user=user, reason="moved")
            each.save(update_fields=["position"])


@transaction.atomic
def results_page_change(
    *,
    consultation: Consultation,
    user: User,
    we_asked: str,
    you_said: str,
    we_did: str,
    charts: list[str],
) -> Consultation:
    """Write (or rewrite) the results page; a published page changes at once."""
    _may_manage(user, consultation.organisation_id)
    _live(consultation)
    known = {key for key, _ in chart_choices(consultation)}
    unknown = [c for c in charts if c not in known]
    if unknown:
        raise PageError(f"there is no chart {unknown[0]!r} for this consultation", "charts")
    consultation.we_asked, consultation.you_said = we_asked.strip(), you_said.strip()
    consultation.we_did = we_did.strip()
    consultation.results_charts = list(dict.fromkeys(charts))
    change_record(consultation, user=user, reason="results page written")
    consultation.save()
    return consultation


@transaction.atomic
def results_page_publish(*, consultation: Consultation, user: User) -> Consultation:
    """Publish the results page: only once the consultation has closed, is on the public list,
    and all three parts are written."""
    _may_manage(user, consultation.organisation_id)
    _live(consultation)
    if consultation.status != Consultation.Status.CLOSED:
        raise PageError("the results can be published once the consultation has closed")
    # The survey (surveys app) through the relation: closing it weights and keeps its answers.
    survey = getattr(consultation, "survey", None)
    if survey is not None and survey.status != "closed":
        raise PageError("close the consultation's survey first: its answers are weighted then")
    if not consultation.is_public:
        raise PageError("show the consultation publicly before publishing its results")
    for name, words in (
        ("we_asked", "we asked"),
        ("you_said", "you said"),
        ("we_did", "we did"),
    ):
        if not getattr(consultation, name).strip():
            raise PageError(f"write what {words} before publishing the results", name)
    if consultation.results_published_at is None:
        consultation.results_published_at = timezone.now()
        change_record(consultation, user=user, reason="results published")
        consultation.save()
    return consultation


@transaction.atomic
def results_page_unpublish(*, consultation: Consultation, user: User) -> Consultation:
    _may_manage(user, consultation.organisation_id)
    if consultation.results_published_at is not None:
        consultation.results_published_at = None
        change_record(consultation, user=user, reason="results taken down")
        consultation.save()
    return consultation
