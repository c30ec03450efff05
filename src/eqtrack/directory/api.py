"""Thin views of the Open Referral UK API under /openreferral/: read-only, open to everyone
(Access-Control-Allow-Origin: *), approved listings only."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from . import openreferral as oruk
from .caching import cached_for_visitors
from .models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm


def _json(data: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _int(request: HttpRequest, name: str, default: int | None) -> int | None:
    value = request.GET.get(name, "")
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name}: a whole number, not {value[:20]!r}") from None


def _paged(request: HttpRequest, queryset, render: Callable[[Any], dict]) -> JsonResponse:
    try:
        page = max(1, _int(request, "page", 1) or 1)
        per_page = min(oruk.MAX_PER_PAGE, max(1, _int(request, "per_page", 50) or 50))
    except ValueError as e:
        return _json({"error": str(e)}, status=400)
    total = queryset.count()
    items = [render(x) for x in queryset[(page - 1) * per_page : page * per_page]]
    return _json(oruk.page_json(items, total=total, page=page, per_page=per_page))


DAYS = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}


def _day(value: str) -> str:
    """A day as iCalendar's two letters ("MO"), given those or its name ("Monday")."""
    value = value.strip()
    if not value:
        return ""
    code = DAYS.get(value.lower(), value.upper())
    if code not in DAYS.values():
        raise ValueError(f"day: a day such as MO or Monday, not {value[:20]!r}")
    return code


def _time(request: HttpRequest, name: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: a time such as 09:30, not {value[:20]!r}") from None


def _uid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise Http404("No such record") from None


@require_GET
@cached_for_visitors
def index(request: HttpRequest) -> JsonResponse:
    return _json(
        {
            "version": oruk.VERSION,
            "profile": oruk.PROFILE,
            "openapi_url": "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json",
        }
    )


@require_GET
@cached_for_visitors
def services(request: HttpRequest) -> JsonResponse:
    try:
        found = oruk.approved_services(
            search=request.GET.get("search", "")[:200],
            taxonomy_term_id=_uid(request.GET["taxonomy_term_id"])
            if request.GET.get("taxonomy_term_id")
            else "",
            taxonomy_id=_uid(request.GET["taxonomy_id"]) if request.GET.get("taxonomy_id") else "",
            minimum_age=_int(request, "minimum_age", None),
            maximum_age=_int(request, "maximum_age", None),
            day=_day(request.GET.get("day", "")),
            start_time=_time(request, "start_time"),
            end_time=_time(request, "end_time"),
        )
    except ValueError as e:
        return _json({"error": str(e)}, status=400)
    return _paged(request, found, oruk.service_list_json)


def _service(uid: str) -> Service:
    service = (
        Service.objects.filter(uid=_uid(uid), listing=Service.Listing.APPROVED)
        .select_related("group")
        .prefetch_related("at_locations__location", "contacts", "schedules", "terms__taxonomy")
        .first()
    )
    if service is None:
        raise Http404("No such service")
    return service


@require_GET
@cached_for_visitors
def service(request: HttpRequest, uid: str) -> JsonResponse:
    return _json(oruk.service_full_json(_service(uid)))


@require_GET
@cached_for_visitors
def taxonomies(request: HttpRequest) -> JsonResponse:
    return _paged(request, Taxonomy.objects.order_by("name", "pk"), oruk.taxonomy_json)


@require_GET
@cached_for_visitors
def taxonomy(request: HttpRequest, uid: str) -> JsonResponse:
    found = Taxonomy.objects.filter(uid=_uid(uid)).prefetch_related("terms__taxonomy").first()
    if found is None:
        raise Http404("No such taxonomy")
    return _json(oruk.taxonomy_json(found, with_terms=True))


@require_GET
@cached_for_visitors
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "pk")
    return _paged(request, terms, oruk.term_json)


@require_GET
@cached_for_visitors
def taxonomy_term(request: HttpRequest, uid: str) -> JsonResponse:
    found = TaxonomyTerm.objects.filter(uid=_uid(uid)).select_related("taxonomy").first()
    if found is None:
        raise Http404("No such taxonomy term")
    return _json(oruk.term_json(found))


@require_GET
@cached_for_visitors
def service_at_locations(request: HttpRequest) -> JsonResponse:
    found = (
        ServiceAtLocation.objects.filter(service__listing=Service.Listing.APPROVED)
        .select_related("service", "location")
        .order_by("pk")
    )
    search = request.GET.get("search", "")[:200]
    if search:
        found = found.filter(service__in=oruk.approved_services(search=search))
    postcode = request.GET.get("postcode", "").strip()[:10]
    if postcode:
        from .postcodes import centroid, distance_search_available, locations_near

        if not distance_search_available():
            return _json(
                {"error": "postcode: this directory has no postcode data loaded"}, status=400
            )
        point = centroid(postcode)
        if point is None:
            return _json({"error": f"postcode: {postcode!r} is not a known postcode"}, status=400)
        try:
            proximity = float(request.GET.get("proximity") or 5000)
        except ValueError:
            return _json({"error": "proximity: a distance in metres"}, status=400)
        near = [location.pk for _, location in locations_near(point, proximity)]
        found = found.filter(location_id__in=near)
    return _paged(request, found, oruk.service_at_location_list_json)


@require_GET
@cached_for_visitors
def service_at_location(request: HttpRequest, uid: str) -> JsonResponse:
    # The profile's OpenAPI gives this the fully nested service the location belongs to.
    sal = ServiceAtLocation.objects.filter(
        uid=_uid(uid), service__listing=Service.Listing.APPROVED
    ).first()
    if sal is None:
        raise Http404("No such service at location")
    return _json(oruk.service_full_json(_service(str(sal.service.uid))))
