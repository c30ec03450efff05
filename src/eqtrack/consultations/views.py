"""The consultation page: who answered, the weighting's diagnostics and weighted answers."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from eqtrack.accounts.keeping import signed_in
from eqtrack.accounts.permissions import can_read_unpublished
from eqtrack.core.context import organisation_context
from eqtrack.organisations.selectors import organisation_get

from .chart import representativeness_svg
from .evidence import GroupShare
from .selectors import consultation_get


def _consultation(request: HttpRequest, organisation_slug: str, pk: int):
    """Consultation evidence is for the organisation's members; others get a 404."""
    organisation = organisation_get(slug=organisation_slug)
    if organisation is None or not can_read_unpublished(request.user, organisation.pk):
        raise Http404("No such consultation")
    consultation = consultation_get(organisation=organisation, pk=pk)
    if consultation is None:
        raise Http404("No such consultation")
    return organisation, consultation


@signed_in
def consultation_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation, consultation = _consultation(request, organisation_slug, pk)
    shares = [
        GroupShare(**{k: v for k, v in s.items() if k != "ratio"}) for s in consultation.shares
    ]
    return render(
        request,
        "consultations/consultation_detail.html",
        organisation_context(
            organisation,
            consultation=consultation,
            shares=shares,
            # Every text in the chart is escaped as it is built.
            chart=mark_safe(representativeness_svg(shares)),  # noqa: S308
        ),
    )


@signed_in
def consultation_weighted_csv(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    _, consultation = _consultation(request, organisation_slug, pk)
    response = HttpResponse(bytes(consultation.weighted), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="weighted-{consultation.pk}.csv"'
    return response
