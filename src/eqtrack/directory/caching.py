"""Public directory pages and Open Referral answers, cached for visitors under the
directory's version, which changes with every change to any listing (so nothing stale is
served and nothing needs clearing): a popular search is made once per change, not per visitor."""

from __future__ import annotations

import time
from typing import Any

from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.http import HttpRequest

from eqtrack.core.caching import cached_for_visitors as _cached_for_visitors
from eqtrack.core.caching import request_key, version_bump_on_change

from .models import (
    Contact,
    DirectoryVersion,
    Group,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

WATCHED = (Group, Service, Location, ServiceAtLocation, Contact, Schedule, Taxonomy, TaxonomyTerm)

# The query parameters the directory's pages and API read; any other is left out of the key.
PARAMETERS = (
    "page",
    "q",
    "category",
    "serves",
    "postcode",
    "within",
    "search",
    "per_page",
    "taxonomy_term_id",
    "taxonomy_id",
    "minimum_age",
    "maximum_age",
    "day",
    "start_time",
    "end_time",
    "proximity",
    "year",
)


def page_key(request: HttpRequest) -> str:
    return request_key(request, parameters=PARAMETERS)


def directory_version_bump() -> None:
    updated = DirectoryVersion.objects.filter(pk=1).update(version=time.time_ns())
    if not updated:
        DirectoryVersion.objects.create(pk=1, version=time.time_ns())


def directory_version() -> int:
    return DirectoryVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def page_version(*args: Any, **kwargs: Any) -> str:
    return f"directory:{directory_version()}"


# The view's answer from the cache for a visitor's GET, made afresh after any change.
cached_for_visitors = _cached_for_visitors(version=page_version, page_key=page_key)


@receiver(m2m_changed, sender=Service.terms.through)
@receiver(m2m_changed, sender=Service.characteristics.through)
def _filed(sender: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        directory_version_bump()


def signals_connect() -> None:
    version_bump_on_change(
        # Listings show the characteristics they serve by name and are found by it; the model
        # is the assessments app's, named by label so this module imports nothing of that app.
        senders=[*WATCHED, "assessments.Characteristic"],
        bump=lambda instance: directory_version_bump(),
        uid="directory.caching",
    )
