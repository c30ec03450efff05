"""A plan's content version: it changes whenever the plan or anything in it is saved or
deleted, so a page cached under one version is never shown after a change."""

from __future__ import annotations

import time
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Action, Measure, MeasureValue, Period, Plan, Theme, Update


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


# Rounds too: which period the public report is of depends on whether its round is closed
# (reports.selectors.report_period). Named, not imported: the rounds app builds on this one.
_OTHER_APPS = {"rounds.ReportingRound"}


@receiver([post_save, post_delete])
def _changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loaddata: rows arrive with their own versions, their plans perhaps not yet
        return
    watched = (Plan, Period, Theme, Action, Update, Measure, MeasureValue)
    if sender in watched or getattr(sender, "_meta", None) and sender._meta.label in _OTHER_APPS:
        plan_id = _plan_id(instance)
        if plan_id:
            plan_version_bump(plan_id=plan_id)
