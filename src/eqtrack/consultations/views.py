"""The consultation page: who answered, the weighting's diagnostics and weighted answers."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from eqtrack.organisations.selectors import organisation_get

from .chart import representativeness_svg
from .evidence import GroupShare
from .selectors import consultation_get


def _consultation(organisation_slug: str, pk: int):
    organisation = organisation_get(slug=organisation_slug)
    consultation = consultation_get(organisation=organisation, pk=pk) if organisation else None
    if consultation is None:
        raise Http404("No such consultation")
    return organisation, consultation


@staff_member_required
def consultation_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation, consultation = _consultation(organisation_slug, pk)
    shares = [
        GroupShare(**{k: v for k, v in s.items() if k != "ratio"}) for s in consultation.shares
    ]
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "organisation_name": organisation.name,
            "shares": shares,
            # Every text in the chart is escaped as it is built.
            "chart": mark_safe(representativeness_svg(shares)),  # noqa: S308
        },
    )


@staff_member_required
def consultation_weighted_csv(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    _, consultation = _consultation(organisation_slug, pk)
    response = HttpResponse(bytes(consultation.weighted), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="weighted-{consultation.pk}.csv"'
    return response
