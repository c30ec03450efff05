"""What the assessments app does when apps below it signal a change: a team merged into
another takes its policies with it."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from eqtrack.accounts.signals import team_merged
from eqtrack.core.history import change_record

from .models import Policy


@receiver(team_merged)
def _team_merged(sender: Any, team: Any, into: Any, user: Any, **kwargs: Any) -> None:
    # One by one, so each policy's history says who moved it and why.
    for policy in Policy.objects.filter(team=team):
        policy.team = into
        change_record(policy, user=user, reason=f"Team “{team.name}” merged into “{into.name}”")
        policy.save(update_fields=["team"])
