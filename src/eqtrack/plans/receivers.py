"""What the plans app does when apps below it signal a change: a team merged into another
takes its actions with it."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from eqtrack.accounts.signals import team_merged
from eqtrack.core.history import change_record

from .models import Action


@receiver(team_merged)
def _team_merged(sender: Any, team: Any, into: Any, user: Any, **kwargs: Any) -> None:
    # Saved one by one (not .update()), so each action's history says who moved it and why.
    for action in Action.objects.filter(team=team):
        action.team = into
        change_record(action, user=user, reason=f"Team “{team.name}” merged into “{into.name}”")
        action.save(update_fields=["team"])
