"""Population profiles: an area's population by age, sex, ethnic group, disability and other
variables, single or joint (age*sex), that consultation responses are compared and weighted to."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.core.models import Archivable
from eqtrack.organisations.models import Organisation


class PopulationProfile(Archivable):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="profiles"
    )
    name = models.CharField(max_length=200)
    area = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the figures come from.")
    licence = models.CharField(
        max_length=300,
        blank=True,
        help_text="The licence the figures are published under, and the attribution it asks for.",
    )
    illustrative = models.BooleanField(
        default=False, help_text="Made-up figures for trying eqtrack out, not census data."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=models.Q(archived_at__isnull=True),
                name="profile_name_unique_while_live",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}{' (illustrative)' if self.illustrative else ''}"


class ProfileCount(models.Model):
    """How many people of the area are in one category of one variable."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    profile = models.ForeignKey(PopulationProfile, on_delete=models.PROTECT, related_name="counts")
    variable = models.CharField(max_length=200)  # "age", or "age*sex" for a joint variable
    category = models.CharField(max_length=200)
    population = models.FloatField()

    class Meta:
        ordering = ["profile", "variable", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "variable", "category"], name="profile_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.variable} {self.category}: {self.population:g}"


class Consultation(Archivable):
    """A consultation's responses, weighted to a population profile, with who answered; it can
    be the evidence for an action of the plan."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="consultations"
    )
    title = models.CharField(max_length=300)
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        help_text="The action this consultation is evidence for.",
    )
    profile = models.ForeignKey(
        PopulationProfile, on_delete=models.PROTECT, related_name="consultations"
    )
    responses_filename = models.CharField(max_length=200)
    responses = models.BinaryField(help_text="The responses as uploaded.")
    mapping = models.BinaryField(blank=True, default=b"")
    questions = models.JSONField(
        default=list, blank=True, help_text="Columns whose answers are reported."
    )
    weighted = models.BinaryField(help_text="The responses with their weight column, as CSV.")
    # What the weighting found, kept so pages and reports need not weight again.
    diagnostics = models.JSONField(default=dict)
    shares = models.JSONField(default=list)  # representativeness, one entry a group
    results = models.JSONField(default=list)  # weighted answers, one entry a question's answer
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["responses", "weighted"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ConsultationDraft(Archivable):
    """A consultation on its way through the web journey (title, responses, profile, mapping),
    kept so that nothing is lost on the back button or between pages. A draft of a change to
    an existing consultation names it. Archived once the consultation is created or changed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, null=True, blank=True, related_name="drafts"
    )
    title = models.CharField(max_length=300)
    action = models.ForeignKey(
        "plans.Action", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responses_filename = models.CharField(max_length=200, blank=True)
    responses = models.BinaryField(blank=True, default=b"")
    columns = models.JSONField(default=list, blank=True)  # the responses' column headings
    respondents = models.PositiveIntegerField(default=0)
    profile = models.ForeignKey(
        PopulationProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # {characteristic: {"column": heading, "answers": {answer: category, or "" to exclude}}}
    mapping = models.JSONField(default=dict, blank=True)
    questions = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title
