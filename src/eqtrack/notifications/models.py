"""Follows, and the reminders already sent (so running `eqtrack remind` twice sends nothing twice)."""

from django.conf import settings
from django.db import models

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action, Theme


class Follow(models.Model):
    """Someone following one action, or every action of a theme."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__isnull=False, theme__isnull=True)
                | models.Q(action__isnull=True, theme__isnull=False),
                name="follow_one_thing",
            ),
            models.UniqueConstraint(fields=["user", "action"], name="follow_action_once"),
            models.UniqueConstraint(fields=["user", "theme"], name="follow_theme_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.action or self.theme}"


class ReminderSent(models.Model):
    """One reminder of one kind ("due-7", "late-1", …) for one round, sent to one person."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    round = models.ForeignKey("rounds.ReportingRound", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user", "kind"], name="remind_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder to {self.user} for {self.round}"
