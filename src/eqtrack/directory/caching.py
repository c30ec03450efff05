"""Public directory pages and Open Referral answers, cached in each worker under the
directory's version, which changes with every change to any listing (so nothing stale is
served and nothing needs clearing): a popular search is made once per change, not per visitor."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from eqtrack.web.caching import cached_response

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


def directory_version_bump() -> None:
    updated = DirectoryVersion.objects.filter(pk=1).update(version=time.time_ns())
    if not updated:
        DirectoryVersion.objects.create(pk=1, version=time.time_ns())


def directory_version() -> int:
    return DirectoryVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


@receiver([post_save, post_delete])
def _changed(sender: Any, raw: bool = False, **kwargs: Any) -> None:
    if sender in WATCHED and not raw:  # loaddata (raw) restores rows; nothing was edited
        directory_version_bump()


@receiver(m2m_changed, sender=Service.terms.through)
@receiver(m2m_changed, sender=Service.characteristics.through)
def _filed(sender: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        directory_version_bump()


@receiver([post_save, post_delete], sender="assessments.Characteristic")
def _characteristic_changed(sender: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    # Listings show the characteristics they serve by name and are found by it; the model is
    # the assessments app's, named by label so this module imports nothing of that app.
    directory_version_bump()


def cached_for_visitors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view's answer from the cache for a visitor's GET, made afresh after any change."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return cached_response(
            request,
            version_key=lambda: f"directory:{directory_version()}",
            render=lambda: view(request, *args, **kwargs),
        )

    return wrapper
