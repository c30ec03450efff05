"""Reads of one council's directory: the listings the public and the Open Referral UK API may
see, found by words, category, age, opening times and distance."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from eqtrack.assessments.selectors import characteristic_list
from eqtrack.core.fts import fts5_match, query_words, tsquery
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import OrganisationNotFound, organisation_get

from .models import CalendarEvent, ListingChange, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from .postcodes import (
    POSTCODE_ERROR,
    centroid,
    distance_search_available,
    locations_near,
    postcode_clean,
)
from .services import listing_values


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
    """The ids of services with every one of these words, in any of its forms (core/fts.py;
    PostgreSQL's full-text index of migration 0006, SQLite's FTS5 table of migration 0014): a
    subquery, so counting and paging both use the index."""
    if connection.vendor == "postgresql":
        query = SearchQuery(tsquery(words), search_type="raw", config="english")
        return (
            Service.objects.annotate(document=SearchVector("search_text", config="english"))
            .filter(document=query)
            .values("pk")
        )

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
    words = query_words(search, limit=8)
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


def listing_get_public(*, organisation: Organisation, uid: str) -> Service:
    """An approved listing's public page, with everything it shows (not one gone stale, where
    stale listings are hidden). Http404 otherwise."""
    try:
        key = uuid.UUID(uid)
    except ValueError:
        raise Http404("No such listing") from None
    service = (
        Service.objects.filter(organisation=organisation, uid=key, listing=Service.Listing.APPROVED)
        .select_related("group")
        .prefetch_related(
            "terms", "characteristics", "at_locations__location", "contacts", "schedules"
        )
        .first()
    )
    if service is None or (hide_stale() and service.stale_since):
        raise Http404("No such listing")
    return service


def _by_posted_id(records: QuerySet[Any], pk: str, missing: str) -> Any:
    """The record of the id a moderator's form sends (any text: only digits can match)."""
    found = records.filter(pk=pk if pk.isdigit() else 0).first()
    if found is None:
        raise Http404(missing)
    return found


def listing_get(*, organisation: Organisation, pk: str) -> Service:
    """Any of the council's listings, by the id a moderator's form sends. Http404 otherwise."""
    services = Service.objects.filter(organisation=organisation)
    return _by_posted_id(services, pk, "No such listing")


def listing_change_get(*, organisation: Organisation, pk: str) -> ListingChange:
    """A change an owner sent, by the id a moderator's form sends. Http404 otherwise."""
    changes = ListingChange.objects.filter(organisation=organisation)
    return _by_posted_id(changes, pk, "No such change")


def moderation_queue(*, organisation: Organisation) -> dict[str, Any]:
    """What the moderators' page shows: new listings (whole: what each says, where, who to
    contact and what they agreed to publish, so the moderator decides on all of it), owners'
    changes with what each changes, stale and possibly duplicate listings, the latest
    approved, and those whose contact holds a change link that still works."""
    services = Service.objects.filter(organisation=organisation).select_related("group")
    changes = []
    for change in ListingChange.objects.filter(
        organisation=organisation, decision=ListingChange.Decision.PENDING
    ).select_related("service__group"):
        current = listing_values(change.service)
        changes.append(
            (
                change,
                [
                    (field, current.get(field, ""), new)
                    for field, new in change.data.items()
                    if current.get(field, "") != new
                ],
            )
        )
    return {
        "pending": services.filter(listing=Service.Listing.PENDING).prefetch_related(
            "terms", "characteristics", "at_locations__location", "contacts"
        ),
        "changes": changes,
        "stale": services.filter(listing=Service.Listing.APPROVED, stale_since__isnull=False),
        "duplicates": services.filter(possible_duplicate_of__isnull=False).select_related(
            "possible_duplicate_of__group"
        ),
        "recent": services.filter(listing=Service.Listing.APPROVED).order_by("-modified_at")[:10],
        "with_links": services.filter(
            edit_links__revoked_at__isnull=True,
            edit_links__used_at__isnull=True,
            edit_links__expires_at__gt=timezone.now(),
        ).distinct(),
    }


def signup_choices(*, organisation: Organisation, answers: dict[str, Any]) -> dict[str, Any]:
    """The categories and the people served that a sign-up's answers chose, by name."""
    return {
        "terms": TaxonomyTerm.objects.filter(
            organisation=organisation, pk__in=answers.get("terms", [])
        ),
        "served": characteristic_list(organisation=organisation).filter(
            pk__in=answers.get("characteristics", [])
        ),
    }


# Distances a search near a postcode may be within, in miles (the first is the default).
WITHIN_MILES = ("3", "1", "5", "10")
METRES_A_MILE = 1609.344


@dataclass
class DirectorySearch:
    """The public directory's search as asked (its GET form) and found: one page of listings,
    each with `miles_away` when searched near a postcode."""

    query: str
    category: str
    serves: str
    postcode: str
    within: str
    page: Any
    postcode_error: str
    by_distance: bool

    @property
    def filtered(self) -> bool:
        """Whether filters narrowed it (for a search that finds nothing)."""
        return bool(self.category or self.serves or self.by_distance)

    @property
    def query_string(self) -> str:
        """The search for the next page's link, encoded so words with "&" or "#" survive."""
        return urlencode(
            [
                (k, v)
                for k, v in (
                    ("q", self.query),
                    ("category", self.category),
                    ("serves", self.serves),
                    ("postcode", self.postcode),
                    ("within", self.within if self.postcode else ""),
                )
                if v
            ]
        )

    @property
    def words_only(self) -> str:
        """The same words without the filters."""
        return urlencode({"q": self.query}) if self.query else ""


def directory_search(*, organisation: Organisation, params: Any) -> DirectorySearch:
    """Search the approved listings by words, category, the people a group serves and, where
    postcodes are loaded, distance from a postcode (nearest first); twenty a page."""
    query = params.get("q", "").strip()[:200]
    term = params.get("category", "")
    served = params.get("serves", "")
    services = approved_services(organisation=organisation, search=query)
    if term.isdigit():
        services = services.filter(terms__pk=int(term))
    if served.isdigit():
        services = services.filter(characteristics__pk=int(served))
    near = params.get("postcode", "").strip()[:10]
    within = params.get("within", WITHIN_MILES[0])
    within = within if within in WITHIN_MILES else WITHIN_MILES[0]
    distances: dict[int, float] = {}
    postcode_error = ""
    by_distance = False
    listed: QuerySet[Service] | list[Service] = services.prefetch_related("terms")
    if near and distance_search_available():
        if postcode_clean(near) is None:
            postcode_error = POSTCODE_ERROR
        elif (point := centroid(near)) is None:
            postcode_error = f"We do not know the postcode {near}: check it and try again"
        else:
            by_distance = True
            distances = service_distances(
                organisation=organisation, point=point, within_m=int(within) * METRES_A_MILE
            )
            listed = sorted(
                services.filter(pk__in=distances).prefetch_related("terms"),
                key=lambda s: distances[s.pk],
            )
    # Of Any: each service on the page gains miles_away, an attribute only the template reads.
    page: Page[Any] = Paginator(listed, 20).get_page(params.get("page"))
    for service in page.object_list:
        service.miles_away = (
            round(distances[service.pk] / METRES_A_MILE, 1) if service.pk in distances else None
        )
    return DirectorySearch(
        query=query,
        category=term,
        serves=served,
        postcode=near,
        within=within,
        page=page,
        postcode_error=postcode_error,
        by_distance=by_distance,
    )


def calendar_events(*, organisation: Organisation) -> QuerySet[CalendarEvent]:
    """The council's diversity calendar as entered (not removed), by date, with their teams."""
    return (
        CalendarEvent.objects.live()
        .filter(organisation=organisation)
        .select_related("team")
        .order_by("starts_on", "title")
    )


def calendar_event_get(*, organisation: Organisation, pk: str | int) -> CalendarEvent:
    """One of the council's calendar events still in the calendar; else missing (404)."""
    found = (
        calendar_events(organisation=organisation).filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if found is None:
        raise Http404("No such event")
    return found
