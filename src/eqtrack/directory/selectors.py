"""Reads of one council's directory: the listings the public and the Open Referral UK API may
see, found by words, category, age, opening times and distance."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import OrganisationNotFound, organisation_get

from .models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm


def openreferral_organisation(*, slug: str | None) -> Organisation:
    """Whose directory an Open Referral request means: the council in the address
    (/<council>/openreferral/), else EQTRACK_OPENREFERRAL_ORGANISATION, else the only council
    on this site. Raises OrganisationNotFound, saying what to ask for, when it cannot tell."""
    chosen = slug or getattr(settings, "EQTRACK_OPENREFERRAL_ORGANISATION", "")
    if chosen:
        found = organisation_get(slug=chosen)
        if found is None:
            raise OrganisationNotFound(f"no council '{chosen}' on this site")
        return found
    councils = list(Organisation.objects.order_by("slug")[:21])
    if len(councils) == 1:
        return councils[0]
    if not councils:
        raise OrganisationNotFound("this site has no council's directory yet")
    raise OrganisationNotFound(
        "this site holds several councils' directories: ask for one at /<council>/openreferral/"
        f" (one of: {', '.join(c.slug for c in councils[:20])})"
    )


def hide_stale() -> bool:
    """Whether listings not confirmed in time leave the public pages and the API."""
    return getattr(settings, "EQTRACK_DIRECTORY_HIDE_STALE", False)


def _matching(words: list[str]) -> Any:
    """The ids of services with words starting with every one of these (SQLite's FTS5 table, or
    PostgreSQL's full-text index, of migration 0006): a subquery, so counting and paging both
    use the index."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(
            " & ".join(f"{w}:*" for w in words), search_type="raw", config="english"
        )
        return (
            Service.objects.annotate(document=SearchVector("search_text", config="english"))
            .filter(document=query)
            .values("pk")
        )
    from eqtrack.core.fts import fts5_match

    match = fts5_match(words)
    return RawSQL(
        "SELECT rowid FROM directory_service_search WHERE directory_service_search MATCH %s",
        [match],
    )


def approved_services(
    *,
    organisation: Organisation,
    search: str = "",
    taxonomy_term_id: str = "",
    taxonomy_id: str = "",
    minimum_age: int | None = None,
    maximum_age: int | None = None,
    day: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
) -> QuerySet[Service]:
    """This council's approved listings, filtered as the profile's /services describes; stale
    ones are left out too when EQTRACK_DIRECTORY_HIDE_STALE is on."""
    services = Service.objects.filter(
        organisation=organisation, listing=Service.Listing.APPROVED
    ).select_related("group")
    if hide_stale():
        services = services.filter(stale_since__isnull=True)
    words = re.findall(r"\w+", search.lower())[:8]
    if words:
        services = services.filter(pk__in=_matching(words))
    if taxonomy_term_id:
        services = services.filter(terms__uid=taxonomy_term_id)
    if taxonomy_id:
        services = services.filter(terms__taxonomy__uid=taxonomy_id)
    # As the profile's OpenAPI words them: a minimum age of at least, a maximum age of at most.
    if minimum_age is not None:
        services = services.filter(minimum_age__gte=minimum_age)
    if maximum_age is not None:
        services = services.filter(maximum_age__lte=maximum_age)
    # A schedule that is on that day, starts at or after start_time and ends by end_time.
    when: dict[str, Any] = {}
    if day:
        when["schedules__byday__icontains"] = day
    if start_time is not None:
        when["schedules__opens_at__gte"] = start_time
    if end_time is not None:
        when["schedules__closes_at__lte"] = end_time
    if when:
        services = services.filter(**when).distinct()
    if taxonomy_term_id or taxonomy_id:
        services = services.distinct()  # a service filed under several matching terms, once
    return services.order_by("name", "pk")


def approved_service_get(*, organisation: Organisation, uid: str) -> Service | None:
    """One approved listing with everything its full Open Referral record shows."""
    return (
        approved_services(organisation=organisation)
        .filter(uid=uid)
        .prefetch_related("at_locations__location", "contacts", "schedules", "terms__taxonomy")
        .first()
    )


def approved_services_at_locations(
    *,
    organisation: Organisation,
    services: QuerySet[Service] | None = None,
    location_ids: list[int] | None = None,
) -> QuerySet[ServiceAtLocation]:
    """Where this council's approved listings are offered, of these services and locations."""
    found = ServiceAtLocation.objects.filter(
        organisation=organisation,
        service__in=services
        if services is not None
        else approved_services(organisation=organisation),
    )
    if location_ids is not None:
        found = found.filter(location_id__in=location_ids)
    return found.select_related("service", "location").order_by("pk")


def taxonomy_list(*, organisation: Organisation) -> QuerySet[Taxonomy]:
    return Taxonomy.objects.filter(organisation=organisation).order_by("name", "pk")


def taxonomy_get(*, organisation: Organisation, uid: str) -> Taxonomy | None:
    return (
        taxonomy_list(organisation=organisation)
        .filter(uid=uid)
        .prefetch_related("terms__taxonomy")
        .first()
    )


def taxonomy_term_list(*, organisation: Organisation) -> QuerySet[TaxonomyTerm]:
    return (
        TaxonomyTerm.objects.filter(organisation=organisation)
        .select_related("taxonomy")
        .order_by("name", "pk")
    )


def taxonomy_term_get(*, organisation: Organisation, uid: str) -> TaxonomyTerm | None:
    return taxonomy_term_list(organisation=organisation).filter(uid=uid).first()


def service_distances(
    *, organisation: Organisation, point: tuple[float, float], within_m: float
) -> dict[int, float]:
    """The council's services offered within `within_m` metres of the point: each service's id
    with the distance to its nearest place, in two queries whatever the number of places."""
    from .postcodes import locations_near

    nearby = {
        location.pk: metres
        for metres, location in locations_near(point, within_m, organisation=organisation)
    }
    distances: dict[int, float] = {}
    at = ServiceAtLocation.objects.filter(organisation=organisation, location_id__in=nearby)
    for service_id, location_id in at.values_list("service_id", "location_id"):
        metres = nearby[location_id]
        distances[service_id] = min(distances.get(service_id, metres), metres)
    return distances
