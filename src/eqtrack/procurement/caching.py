"""The plan pages show each action's social value from contracts (what suppliers committed to
and what the council accepted as delivered), and are cached for visitors under the plan's
content version: a change to what they show moves on the version of the council's plans, so a
cached page never shows old figures."""

from __future__ import annotations

import time
from typing import Any

from eqtrack.core.caching import version_bump_on_change
from eqtrack.plans.models import Plan

from .models import KPI, Contract, ReturnLine, SocialValueMeasure, SupplierReturn


def _council_plans_bump(instance: Any) -> None:
    # Every plan of the council: a measure may move from one plan's action to another's, and
    # a council has a few plans. A clock reading, as plans.caching.plan_version_bump.
    Plan.objects.filter(organisation_id=instance.organisation_id).update(
        content_version=time.time_ns()
    )


def signals_connect() -> None:
    version_bump_on_change(
        senders=[SocialValueMeasure, Contract, KPI, SupplierReturn, ReturnLine],
        bump=_council_plans_bump,
        uid="procurement-plan-pages",
    )
