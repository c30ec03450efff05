"""A published plan's public pages (page, dashboard, search), cached for visitors under the
plan's content version, which changes whenever the plan or anything in it is saved or
deleted, so a page cached under one version is never shown after a change."""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest

from eqtrack.core.caching import cached_for_visitors as _cached_for_visitors
from eqtrack.core.caching import request_key, version_bump_on_change

from .models import Action, Measure, MeasureValue, Period, Plan, Theme, Update

# The query parameters the plan pages read; any other is left out of the key.
PARAMETERS = ("page", "q", "theme", "status", "period", "team", "tag")


def page_key(request: HttpRequest) -> str:
    return request_key(request, parameters=PARAMETERS)


def published_version(*, organisation_slug: str, plan_slug: str) -> tuple[int, int] | None:
    """The published plan's id and content version, in one small query; None if it is not
    a live published plan."""
    return (
        Plan.objects.live()
        .filter(organisation__slug=organisation_slug, slug=plan_slug, published=True)
        .values_list("pk", "content_version")
        .first()
    )


def page_version(organisation_slug: str, plan_slug: str, **kwargs: Any) -> str | None:
    found = published_version(organisation_slug=organisation_slug, plan_slug=plan_slug)
    return f"page:{found[0]}:{found[1]}" if found else None


# A published plan's page, cached for visitors until the plan changes (the view takes
# organisation_slug and plan_slug).
cached_for_visitors = _cached_for_visitors(version=page_version, page_key=page_key)


def plan_version_bump(*, plan_id: int) -> None:
    # A clock reading, not a counter: a save of a Plan object loaded earlier writes back its
    # old version, and a counter would then return to a number a cached page already has.
    Plan.objects.filter(pk=plan_id).update(content_version=time.time_ns())


def _plan_id(instance: Any) -> int | None:
    if isinstance(instance, Plan):
        return instance.pk
    if getattr(instance, "plan_id", None):
        return instance.plan_id
    if isinstance(instance, Update | Measure):
        return (
            Action.objects.filter(pk=instance.action_id).values_list("plan_id", flat=True).first()
        )
    if isinstance(instance, MeasureValue):
        return (
            Update.objects.filter(pk=instance.update_id)
            .values_list("action__plan_id", flat=True)
            .first()
        )
    return None


def _changed(instance: Any) -> None:
    plan_id = _plan_id(instance)
    if plan_id:
        plan_version_bump(plan_id=plan_id)


def signals_connect() -> None:
    version_bump_on_change(
        senders=[
            Plan,
            Period,
            Theme,
            Action,
            Update,
            Measure,
            MeasureValue,
            # Rounds too: which period the public report is of depends on whether its round
            # is closed (reports.selectors.report_period). Named, not imported: the rounds
            # app builds on this one.
            "rounds.ReportingRound",
        ],
        bump=_changed,
        uid="plans.caching",
    )
