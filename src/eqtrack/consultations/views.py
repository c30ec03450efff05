"""The consultation page: who answered, the weighting's diagnostics and weighted answers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from eqtrack.accounts.kept_forms import signed_in
from eqtrack.core.context import organisation_context

from .chart import representativeness_svg
from .evidence import GroupShare
from .selectors import consultation_get_for_member


@signed_in
def consultation_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation = consultation_get_for_member(
        user=request.user, organisation_slug=organisation_slug, pk=pk
    )
    organisation = consultation.organisation
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
    consultation = consultation_get_for_member(
        user=request.user, organisation_slug=organisation_slug, pk=pk
    )
    response = HttpResponse(bytes(consultation.weighted), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="weighted-{consultation.pk}.csv"'
    return response
