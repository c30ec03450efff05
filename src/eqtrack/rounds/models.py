"""A reporting round: one period of a plan, open for updates until its deadline; and the
reviews its updates receive."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Period, Plan, Update


class ReportingRound(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="rounds")
    period = models.OneToOneField(Period, on_delete=models.PROTECT, related_name="round")
    deadline = models.DateField()
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.plan} – {self.period}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Review(models.Model):
    """A reviewer's decision on a submitted update, with their comment."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned for changes"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    update = models.ForeignKey(Update, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=10, choices=Decision.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.update}"


class LateOpening(models.Model):
    """A closed round taking one action's update after all: reopened for its owner to write
    and a reviewer to approve (until approved or closed again), or an update an administrator
    accepted straight into the closed period (text received by e-mail, say). Either way the
    update is approved as late, and reports say it was received after the round closed."""

    class Kind(models.TextChoices):
        REOPENED = "reopened", "Reopened for its owner"
        ACCEPTED = "accepted", "Late update accepted"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="late")
    action = models.ForeignKey("plans.Action", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REOPENED)
    reason = models.TextField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.action} ({self.round})"

    @property
    def is_open(self) -> bool:
        return self.kind == self.Kind.REOPENED and self.closed_at is None
