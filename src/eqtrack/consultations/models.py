"""Population profiles: an area's population by age, sex, ethnic group, disability and other
variables, single or joint (age*sex), that consultation responses are compared and weighted to;
consultations (responses weighted to a profile, and the public page that asks for them, with
its documents, questions and answers, and "we asked, you said, we did" results page)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
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
    """A consultation: its public page (summary, dates, documents, questions and answers, who
    to contact, and the results page written after it closes) and its responses, weighted to a
    population profile, with who answered; it can be the evidence for an action of the plan.
    Its responses are uploaded, or come from its survey (the surveys app): until then the
    response fields are empty and it has no profile."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

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
        PopulationProfile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    responses_filename = models.CharField(max_length=200, blank=True)
    responses = models.BinaryField(blank=True, default=b"", help_text="The responses as uploaded.")
    mapping = models.BinaryField(blank=True, default=b"")
    questions = models.JSONField(
        default=list, blank=True, help_text="Columns whose answers are reported."
    )
    weighted = models.BinaryField(
        blank=True, default=b"", help_text="The responses with their weight column, as CSV."
    )
    # What the weighting found, kept so pages and reports need not weight again.
    diagnostics = models.JSONField(default=dict, blank=True)
    shares = models.JSONField(default=list, blank=True)  # representativeness, one entry a group
    results = models.JSONField(default=list, blank=True)  # weighted answers, one an answer
    # The public page.
    summary = models.TextField(blank=True, help_text="What the consultation is about and why.")
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    is_public = models.BooleanField(
        default=False, help_text="Shown on the council's public list of consultations."
    )
    # "We asked, you said, we did", written by an officer once it has closed.
    we_asked = models.TextField(blank=True)
    you_said = models.TextField(blank=True)
    we_did = models.TextField(blank=True)
    # The charts the results page shows: "representativeness", or "question:<question>" for
    # one question's weighted answers.
    results_charts = models.JSONField(default=list, blank=True)
    results_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["responses", "weighted"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def status_on(self, today: dt.date) -> str:
        """Upcoming before its opening date, open from then until its closing date (both
        days included), closed after. Without an opening date it is upcoming, unless it closed
        already or has its responses uploaded (a consultation run elsewhere, before eqtrack).
        One whose survey an officer has closed has closed, whatever its closing date said: it
        closed early, and its results can be published."""
        if self.closes_on and today > self.closes_on:
            return self.Status.CLOSED
        # The survey (surveys app) through the relation, not an import: the surveys app sits
        # above this one. Lists select it with the consultation.
        survey = getattr(self, "survey", None)
        if survey is not None and survey.status == "closed":
            return self.Status.CLOSED
        if self.opens_on and today >= self.opens_on:
            return self.Status.OPEN
        if self.opens_on is None and self.responses_filename:
            return self.Status.CLOSED
        return self.Status.UPCOMING

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label

    @property
    def has_responses(self) -> bool:
        """Whether responses have been weighted (uploaded, or from its survey)."""
        return bool(self.diagnostics)


class ConsultationDocument(models.Model):
    """A document of a consultation's page: a link, and or a file kept in the database."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=1000, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(blank=True, default=b"", editable=False)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


class ConsultationFAQ(models.Model):
    """A question people ask about a consultation, with its answer, in the page's order."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=500)
    answer = models.TextField()
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "position", "id"]

    def __str__(self) -> str:
        return self.question


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
