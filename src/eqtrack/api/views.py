"""Thin API views: published plans, read without a key, in the plan format."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from eqtrack.organisations.selectors import organisation_get
from eqtrack.plans.selectors import plan_document, plan_list

from .openapi import openapi


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Open data: other councils' and researchers' pages may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def plans(request: HttpRequest) -> JsonResponse:
    found = plan_list(organisation=None, published_only=True).prefetch_related("periods")
    return _json(
        {
            "plans": [
                {
                    "organisation": plan.organisation.name,
                    "title": plan.title,
                    "url": request.build_absolute_uri(
                        reverse("api-plan", args=[plan.organisation.slug, plan.slug])
                    ),
                    "page": request.build_absolute_uri(
                        reverse("plan-detail", args=[plan.organisation.slug, plan.slug])
                    ),
                    "periods": [p.label for p in plan.periods.all() if p.archived_at is None],
                }
                for plan in found
            ]
        }
    )


@require_GET
def plan(request: HttpRequest, organisation_slug: str, plan_slug: str) -> JsonResponse:
    organisation = organisation_get(slug=organisation_slug)
    published = organisation is not None and (
        plan_list(organisation=organisation, published_only=True).filter(slug=plan_slug).exists()
    )
    if not published:
        raise Http404("No published plan there")
    return _json(plan_document(organisation=organisation, slug=plan_slug, approved_only=True))


@require_GET
def openapi_json(request: HttpRequest) -> JsonResponse:
    return _json(openapi())
