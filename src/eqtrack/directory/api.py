"""Thin views of the Open Referral UK API: read-only, open to everyone
(Access-Control-Allow-Origin: *), approved listings only, one council's directory at a time:
/<council>/openreferral/…, and /openreferral/… for the site's own council (see
selectors.openreferral_organisation)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import OrganisationNotFound

from . import openreferral as oruk
from . import selectors
from .caching import cached_for_visitors
from .postcodes import centroid, distance_search_available, locations_near


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


def _time(request: HttpRequest, name: str) -> dt.time | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: a time such as 09:30, not {value[:20]!r}") from None


class _NoDirectory(Exception):
    """The address names no council's directory; carries the answer to give."""

    def __init__(self, response: JsonResponse) -> None:
        self.response = response


def _organisation(slug: str | None) -> Organisation:
    try:
        return selectors.openreferral_organisation(slug=slug)
    except OrganisationNotFound as e:
        raise _NoDirectory(_json({"error": str(e)}, status=404)) from None


def openreferral_view(
    view: Callable[..., JsonResponse],
) -> Callable[..., HttpResponse]:
    """A GET-only, cached API view given the council whose directory the address means
    (an HttpResponse: a method other than GET is answered 405 by require_GET)."""

    @require_GET
    @cached_for_visitors
    @wraps(view)
    def wrapper(
        request: HttpRequest, *args: Any, organisation_slug: str | None = None, **kwargs: Any
    ) -> JsonResponse:
        try:
            organisation = _organisation(organisation_slug)
        except _NoDirectory as e:
            return e.response
        return view(request, organisation, *args, **kwargs)

    return wrapper


def _filters(request: HttpRequest) -> dict[str, Any]:
    """The profile's listing filters, shared by /services and /service_at_locations; a
    ValueError names the parameter that is wrong."""
    return {
        "search": request.GET.get("search", "")[:200],
        "taxonomy_term_id": _uid(request.GET["taxonomy_term_id"])
        if request.GET.get("taxonomy_term_id")
        else "",
        "taxonomy_id": _uid(request.GET["taxonomy_id"]) if request.GET.get("taxonomy_id") else "",
        "minimum_age": _int(request, "minimum_age", None),
        "maximum_age": _int(request, "maximum_age", None),
        "day": _day(request.GET.get("day", "")),
        "start_time": _time(request, "start_time"),
        "end_time": _time(request, "end_time"),
    }


def _uid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise Http404("No such record") from None


@openreferral_view
def index(request: HttpRequest, organisation: Organisation) -> JsonResponse:
    return _json(
        {
            "version": oruk.VERSION,
            "profile": oruk.PROFILE,
            "openapi_url": "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json",
        }
    )


@openreferral_view
def services(request: HttpRequest, organisation: Organisation) -> JsonResponse:
    try:
        found = selectors.approved_services(organisation=organisation, **_filters(request))
    except ValueError as e:
        return _json({"error": str(e)}, status=400)
    return _paged(request, found, oruk.service_list_json)


@openreferral_view
def service(request: HttpRequest, organisation: Organisation, uid: str) -> JsonResponse:
    found = selectors.approved_service_get(organisation=organisation, uid=_uid(uid))
    if found is None:
        raise Http404("No such service")
    return _json(oruk.service_full_json(found))


@openreferral_view
def taxonomies(request: HttpRequest, organisation: Organisation) -> JsonResponse:
    return _paged(request, selectors.taxonomy_list(organisation=organisation), oruk.taxonomy_json)


@openreferral_view
def taxonomy(request: HttpRequest, organisation: Organisation, uid: str) -> JsonResponse:
    found = selectors.taxonomy_get(organisation=organisation, uid=_uid(uid))
    if found is None:
        raise Http404("No such taxonomy")
    return _json(oruk.taxonomy_json(found, with_terms=True))


@openreferral_view
def taxonomy_terms(request: HttpRequest, organisation: Organisation) -> JsonResponse:
    return _paged(request, selectors.taxonomy_term_list(organisation=organisation), oruk.term_json)


@openreferral_view
def taxonomy_term(request: HttpRequest, organisation: Organisation, uid: str) -> JsonResponse:
    found = selectors.taxonomy_term_get(organisation=organisation, uid=_uid(uid))
    if found is None:
        raise Http404("No such taxonomy term")
    return _json(oruk.term_json(found))


@openreferral_view
def service_at_locations(request: HttpRequest, organisation: Organisation) -> JsonResponse:
    try:
        services = selectors.approved_services(organisation=organisation, **_filters(request))
    except ValueError as e:
        return _json({"error": str(e)}, status=400)
    near: list[int] | None = None
    postcode = request.GET.get("postcode", "").strip()[:10]
    if postcode:
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
        near = [
            location.pk
            for _, location in locations_near(point, proximity, organisation=organisation)
        ]
    found = selectors.approved_services_at_locations(
        organisation=organisation, services=services, location_ids=near
    )
    return _paged(request, found, oruk.service_at_location_list_json)


@openreferral_view
def service_at_location(request: HttpRequest, organisation: Organisation, uid: str) -> JsonResponse:
    # The profile's OpenAPI gives this the fully nested service the location belongs to.
    sal = (
        selectors.approved_services_at_locations(organisation=organisation)
        .filter(uid=_uid(uid))
        .first()
    )
    if sal is None:
        raise Http404("No such service at location")
    found = selectors.approved_service_get(organisation=organisation, uid=str(sal.service.uid))
    if found is None:  # withdrawn since the line above found it
        raise Http404("No such service at location")
    return _json(oruk.service_full_json(found))
