"""Social value in procurement: a council's measures library (themes, outcomes, measures), its
tenders and how they are evaluated (weights, bids, commitments, evaluators' scores, moderation),
and the contracts that follow (commitments kept as KPIs, suppliers' returns, yearly ratings).

Every table carries its organisation, and everything a decision rests on keeps its history."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.core.models import Archivable
from eqtrack.organisations.models import Organisation

# PPN 002 (Cabinet Office, 2025), paragraph on weighting: social value carries at least 10% of
# the total score; less is refused unless a reason is recorded (and shown in every output).
MINIMUM_SOCIAL_VALUE_WEIGHT = Decimal("10")


class Source(models.TextChoices):
    """Where a library entry came from: the council's own, or the published PPN 002 model
    (Crown copyright, Open Government Licence v3.0, which every page showing it must say)."""

    COUNCIL = "council", "The council's own"
    PPN002 = "ppn002", "PPN 002 Social Value Model (Crown copyright, Open Government Licence v3.0)"


# --- The measures library -------------------------------------------------------------------


class SocialValueTheme(Archivable):
    """A theme of the library ("Tackling economic inequality")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.COUNCIL)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="social_value_theme_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SocialValueOutcome(Archivable):
    """A policy outcome under a theme, with the model award criteria a tender may quote."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    theme = models.ForeignKey(SocialValueTheme, on_delete=models.PROTECT, related_name="outcomes")
    name = models.CharField(max_length=300)
    award_criteria = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.COUNCIL)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "theme__position", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "name"], name="social_value_outcome_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SocialValueMeasure(Archivable):
    """Something a supplier can commit to and report on, in a unit ("apprenticeships started",
    "number of people"), with an optional proxy value in pounds per unit and the equality
    characteristic or plan action it serves."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    outcome = models.ForeignKey(
        SocialValueOutcome, on_delete=models.PROTECT, related_name="measures"
    )
    code = models.CharField(
        max_length=30, help_text="The council's short reference, e.g. SV1 (unique in the council)."
    )
    name = models.CharField(max_length=500)
    unit = models.CharField(max_length=100, help_text='What is counted, e.g. "weeks", "people".')
    proxy_value = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Pounds of social value per unit, if the council uses proxy values.",
    )
    characteristic = models.CharField(
        max_length=100,
        blank=True,
        help_text="The protected (or local) characteristic it serves, if any.",
    )
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_value_measures",
        help_text="The equality plan action it serves, if any.",
    )
    position = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.COUNCIL)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="social_value_measure_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# --- Tenders and their evaluation -------------------------------------------------------------


class Scale(models.TextChoices):
    HUNDRED = "0-100", "0 to 100"
    FIVE = "0-5", "0 to 5"


# The top score of each scale: what the scoring divides by and what descriptors may reach.
SCALE_TOP: dict[str, Decimal] = {Scale.HUNDRED: Decimal(100), Scale.FIVE: Decimal(5)}


class QuantitativeMethod(models.TextChoices):
    """How the commitments a bid makes are scored (README, "Social value: how tenders are
    scored", has a worked example of each)."""

    RELATIVE_TO_BEST = "relative", "Relative to the best bid, measure by measure"
    PROXY_VALUE = "proxy", "Proxy-value totals, relative to the highest total"


class TenderStage(models.TextChoices):
    DRAFT = "draft", "Being set up"
    EVALUATING = "evaluating", "Bids in, evaluators scoring"
    MODERATION = "moderation", "Moderation"
    AWARDED = "awarded", "Awarded"
    CANCELLED = "cancelled", "Cancelled"


class Tender(Archivable):
    """One procurement: its evaluation model (price, quality and social value weights that
    sum to 100), the social value outcomes and measures it asks for, and its scoring scheme."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300)
    reference = models.CharField(max_length=100)
    value = models.DecimalField(
        max_digits=14, decimal_places=2, help_text="Estimated contract value in pounds."
    )
    price_weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("50"))
    quality_weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("40"))
    social_value_weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("10"))
    # Required (and shown in every output) when social_value_weight < 10 (PPN 002).
    low_weighting_reason = models.TextField(blank=True)
    # The share of the social value weight scored from commitments (the rest from the
    # qualitative answer), in percent: 0 scores the qualitative answer alone.
    quantitative_share = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("50"))
    quantitative_method = models.CharField(
        max_length=20,
        choices=QuantitativeMethod.choices,
        default=QuantitativeMethod.RELATIVE_TO_BEST,
    )
    scale = models.CharField(max_length=10, choices=Scale.choices, default=Scale.HUNDRED)
    # [{"score": 0, "descriptor": "..."}, ...]: the words each score on the scale means.
    descriptors = models.JSONField(default=list, blank=True)
    outcomes = models.ManyToManyField(SocialValueOutcome, blank=True, related_name="+")
    measures = models.ManyToManyField(SocialValueMeasure, blank=True, related_name="+")
    stage = models.CharField(max_length=20, choices=TenderStage.choices, default=TenderStage.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Moderation's four eyes: who recorded the agreed scores, and who (someone else) confirmed.
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderation_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    awarded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[outcomes, measures])

    class Meta:
        ordering = ["organisation_id", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="tender_reference_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Lot(models.Model):
    """A lot of a tender; bids are ranked within their lot. A tender of one lot has one."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="lots")
    name = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)
    # The bid the lot was awarded to, kept at the award: the contract and the debrief letters
    # follow the decision made, not a ranking worked out again later.
    awarded_bid = models.ForeignKey(
        "Bid", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["tender_id", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["tender", "name"], name="lot_name_unique")]

    def __str__(self) -> str:
        return self.name


class Bid(Archivable):
    """One supplier's bid for one lot: its price, its qualitative social value answer (the
    quality answer is scored but kept in the council's own tender papers), and its
    commitments."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    tender = models.ForeignKey(Tender, on_delete=models.PROTECT, related_name="bids")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="bids")
    supplier = models.CharField(max_length=300)
    supplier_email = models.EmailField(blank=True)
    price = models.DecimalField(max_digits=14, decimal_places=2)
    social_value_answer = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tender_id", "lot__position", "lot_id", "supplier"]
        constraints = [
            # A withdrawn bid leaves the way open for the supplier's new one.
            models.UniqueConstraint(
                fields=["lot", "supplier"],
                condition=models.Q(archived_at__isnull=True),
                name="bid_supplier_unique_live",
            )
        ]

    def __str__(self) -> str:
        return self.supplier


class Commitment(models.Model):
    """What a bid promises on one measure: a quantity by a date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="commitments")
    measure = models.ForeignKey(SocialValueMeasure, on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(max_digits=14, decimal_places=2)
    due_on = models.DateField(help_text="The date by which the supplier will have delivered it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid_id", "measure__position", "measure__code"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "measure"], name="commitment_measure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.measure.unit} ({self.measure.code})"


class Criterion(models.TextChoices):
    QUALITY = "quality", "Quality"
    SOCIAL_VALUE = "social_value", "Social value (qualitative answer)"


class Evaluator(models.Model):
    """A member of the council asked to score a tender. They declare any conflict of interest
    before they see the bids; one who declares a conflict scores nothing."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="evaluators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    declared_at = models.DateTimeField(null=True, blank=True)
    has_conflict = models.BooleanField(default=False)
    conflict_details = models.TextField(blank=True)
    scores_submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tender_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tender", "user"], name="evaluator_once_per_tender")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.tender}"


class EvaluatorScore(models.Model):
    """One evaluator's own score of one bid on one criterion, on the tender's scale, with why.
    Other evaluators do not see it until moderation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    evaluator = models.ForeignKey(Evaluator, on_delete=models.CASCADE, related_name="scores")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="evaluator_scores")
    criterion = models.CharField(max_length=20, choices=Criterion.choices)
    score = models.DecimalField(max_digits=6, decimal_places=2)
    rationale = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid_id", "criterion", "evaluator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "bid", "criterion"], name="evaluator_score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()} {self.score} for bid {self.bid_id}"


class ModeratedScore(models.Model):
    """The score the moderation meeting agreed for one bid on one criterion. Where it differs
    from any evaluator's own score, the reason is required (the record of every change)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="moderated_scores")
    criterion = models.CharField(max_length=20, choices=Criterion.choices)
    score = models.DecimalField(max_digits=6, decimal_places=2)
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid_id", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="moderated_score_once")
        ]

    def __str__(self) -> str:
        return f"Agreed {self.get_criterion_display()} {self.score} for bid {self.bid_id}"


# --- Contracts and delivery -------------------------------------------------------------------


class Contract(Archivable):
    """The contract awarded from a tender's winning bid: its commitments become its KPIs."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    tender = models.ForeignKey(Tender, on_delete=models.PROTECT, related_name="contracts")
    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="contract")
    title = models.CharField(max_length=300)
    supplier = models.CharField(max_length=300)
    supplier_email = models.EmailField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The contract manager who checks the supplier's returns.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "-starts_on"]

    def __str__(self) -> str:
        return self.title


class KPI(models.Model):
    """One commitment of the winning bid, kept as a key performance indicator of the contract
    (Procurement Act 2023, section 52), with its target and due date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="kpis")
    commitment = models.OneToOneField(Commitment, on_delete=models.PROTECT, related_name="kpi")
    measure = models.ForeignKey(SocialValueMeasure, on_delete=models.PROTECT, related_name="kpis")
    target = models.DecimalField(max_digits=14, decimal_places=2)
    due_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract_id", "measure__position", "measure__code"]

    def __str__(self) -> str:
        return f"{self.measure} by {self.due_on:%d %B %Y}"


class ReturnState(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for the contract manager"
    ACCEPTED = "accepted", "Accepted"
    QUERIED = "queried", "Queried"


class SupplierReturn(models.Model):
    """A supplier's progress report for one quarter, filed through its e-mailed link."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="returns")
    period_start = models.DateField()
    period_end = models.DateField()
    state = models.CharField(
        max_length=20, choices=ReturnState.choices, default=ReturnState.SUBMITTED
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by_name = models.CharField(max_length=200, blank=True)
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract_id", "-period_end", "-pk"]

    def __str__(self) -> str:
        return f"{self.contract} {self.period_start:%d %b %Y} to {self.period_end:%d %b %Y}"


class ReturnLine(models.Model):
    """What the supplier says it delivered on one KPI in the quarter, with its evidence."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    supplier_return = models.ForeignKey(
        SupplierReturn, on_delete=models.CASCADE, related_name="lines"
    )
    kpi = models.ForeignKey(KPI, on_delete=models.PROTECT, related_name="return_lines")
    delivered = models.DecimalField(
        max_digits=14, decimal_places=2, help_text="Delivered in this quarter, in the unit."
    )
    evidence = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["supplier_return_id", "kpi_id"]
        constraints = [
            models.UniqueConstraint(fields=["supplier_return", "kpi"], name="return_line_once")
        ]

    def __str__(self) -> str:
        return f"{self.delivered} on KPI {self.kpi_id}"


class ReturnLink(models.Model):
    """One e-mailed link for the supplier to file a return, as the directory's edit links: only
    a hash of its secret is kept, opening it (a button) spends the secret for a session, and
    filing the return ends it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="return_links")
    period_start = models.DateField()
    period_end = models.DateField()
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Return link for {self.contract}"


class Rating(models.TextChoices):
    """The ratings a contract performance notice gives a KPI (Procurement Act 2023, section
    71(2); the Procurement Regulations 2024, regulation 39(5), which defines the five)."""

    GOOD = "good", "Good"
    APPROACHING = "approaching", "Approaching target"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"
    OTHER = "other", "Other"


class KPIRating(models.Model):
    """The contract manager's rating of one KPI for one contract year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="ratings")
    year_ending = models.DateField(help_text="The last day of the contract year rated.")
    rating = models.CharField(max_length=30, choices=Rating.choices)
    note = models.TextField(blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi_id", "year_ending"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "year_ending"], name="kpi_rating_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} for the year to {self.year_ending:%d %B %Y}"
