"""The policy register, equality impact assessments and the characteristics they assess.
Characteristics are data: the Equality Act's nine and each council's own."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.accounts.models import Team
from eqtrack.organisations.models import Organisation


class Characteristic(models.Model):
    """Something assessments consider: a protected characteristic of the Equality Act 2010, or
    one the council adds ("Poverty"). Retired ones stay on the assessments that used them."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    name = models.CharField(max_length=100)
    hint = models.CharField(max_length=300, blank=True)
    statutory = models.BooleanField(
        default=False, help_text="One of the nine protected characteristics of the Equality Act."
    )
    position = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="characteristic_once")
        ]

    def __str__(self) -> str:
        return self.name


class Policy(models.Model):
    """A strategy, policy or service change in the register."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", "Strategy"
        POLICY = "policy", "Policy"
        SERVICE_CHANGE = "service_change", "Service change"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.POLICY)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    equality_relevant = models.BooleanField(null=True, blank=True)
    relevance_reason = models.TextField(blank=True)
    review_reminded_for = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The review date its owners were last reminded of (so each is reminded once).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return self.title


class Outcome(models.TextChoices):
    """The four outcomes of the Equality and Human Rights Commission's guidance."""

    NO_MAJOR_CHANGE = "no_major_change", "No major change needed"
    ADJUST = "adjust", "Adjust the proposal"
    CONTINUE = "continue", "Continue despite adverse impact"
    STOP = "stop", "Stop and remove the proposal"


class Assessment(models.Model):
    """One version of a policy's equality impact assessment. Signed off, it is locked: a
    change is a new version."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Returned to the author"
        REVIEWED = "reviewed", "Reviewed, awaiting sign-off"
        SIGNED_OFF = "signed_off", "Signed off"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="assessments")
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=300, help_text="The proposal being assessed.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    relevant = models.BooleanField(null=True, blank=True)
    screening_reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    justification = models.TextField(blank=True)
    review_comment = models.TextField(blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "version"], name="assessment_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def locked(self) -> bool:
        return self.state == self.State.SIGNED_OFF


class Impact(models.Model):
    """The likely impact of the proposal on people with one characteristic, its evidence and
    what is done about it."""

    class Likely(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEUTRAL = "neutral", "Neutral"
        NEGATIVE = "negative", "Negative"
        NOT_KNOWN = "not_known", "Not known"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="impacts")
    characteristic = models.ForeignKey(Characteristic, on_delete=models.PROTECT)
    likely = models.CharField(max_length=10, choices=Likely.choices, blank=True)
    evidence = models.TextField(blank=True)
    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.SET_NULL, null=True, blank=True
    )
    mitigation = models.TextField(blank=True)
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_impacts",
        help_text="The plan action that carries out the mitigation.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["characteristic__position", "characteristic__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "characteristic"], name="impact_once_per_characteristic"
            )
        ]

    def __str__(self) -> str:
        return f"{self.characteristic}: {self.get_likely_display() or 'not assessed'}"
