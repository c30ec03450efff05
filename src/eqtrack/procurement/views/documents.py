"""The score sheet (award report) and debrief letter downloads of a tender: thin views that
find the tender, ask accounts.permissions who may have them, and hand the results to
procurement.documents."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from eqtrack.accounts.kept_forms import signed_in
from eqtrack.accounts.permissions import can_manage_procurement, can_read_tenders
from eqtrack.accounts.selectors import organisation_get_for_member
from eqtrack.core.context import organisation_context
from eqtrack.organisations.models import Organisation

from ..documents import CONTENT_TYPES, DocumentNotReady, debrief_letter, score_sheet
from ..models import Tender
from ..results import tender_results
from ..selectors.documents import TenderNotFound, bid_for_documents, tender_for_documents

# What the pages offer (the HTML is the PDF's source, made by the command and the tests).
SCORE_SHEET_DOWNLOADS = ("xlsx", "pdf", "docx")
DEBRIEF_DOWNLOADS = ("docx", "pdf")


def _tender(organisation: Organisation, pk: int) -> Tender:
    try:
        return tender_for_documents(organisation=organisation, pk=pk)
    except TenderNotFound:
        raise Http404("No such tender") from None


def _not_ready(
    request: HttpRequest, organisation: Organisation, tender: Tender, heading: str, why: str
) -> HttpResponse:
    """Not yet: the tender exists (for this person) but has not reached the stage the document
    needs; 409, as the request conflicts with the tender's state, not with who asks."""
    return render(
        request,
        "procurement/documents_not_ready.html",
        organisation_context(organisation, tender=tender, heading=heading, why=why),
        status=409,
    )


def _download(body: bytes, file_format: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@signed_in
def tender_score_sheet(
    request: HttpRequest, organisation_slug: str, pk: int, file_format: str
) -> HttpResponse:
    """The award report: for those who read tenders, once every bid has its agreed scores."""
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    if not can_read_tenders(request.user, organisation.pk):
        raise Http404("No such tender")
    if file_format not in SCORE_SHEET_DOWNLOADS:
        raise Http404("No such format")
    tender = _tender(organisation, pk)
    try:
        body = score_sheet(tender_results(tender), file_format=file_format)
    except DocumentNotReady as e:
        return _not_ready(request, organisation, tender, "The score sheet is not ready yet", str(e))
    return _download(body, file_format, f"score-sheet-{slugify(tender.reference) or tender.pk}")


@signed_in
def tender_debrief(
    request: HttpRequest, organisation_slug: str, pk: int, bid_pk: int, file_format: str
) -> HttpResponse:
    """One bidder's debrief letter: for procurement officers, once the tender is awarded."""
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    if not can_manage_procurement(request.user, organisation.pk):
        raise Http404("No such tender")
    if file_format not in DEBRIEF_DOWNLOADS:
        raise Http404("No such format")
    tender = _tender(organisation, pk)
    try:
        bid = bid_for_documents(organisation=organisation, tender=tender, pk=bid_pk)
    except TenderNotFound:
        raise Http404("No such bid") from None
    try:
        body = debrief_letter(tender_results(tender), bid, file_format=file_format)
    except DocumentNotReady as e:
        return _not_ready(
            request, organisation, tender, "The debrief letters are not ready yet", str(e)
        )
    name = f"debrief-{slugify(tender.reference) or tender.pk}-{slugify(bid.supplier) or bid.pk}"
    return _download(body, file_format, name)
