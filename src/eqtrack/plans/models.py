"""The plan model: Plan → Theme → Action, and one Update per Action per Period.

Every model keeps its versions through django-simple-history, and nothing is
deleted through the CLI or the web: records are archived (`archived_at`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from eqtrack.core.models import Archivable
from eqtrack.organisations.models import Organisation


class StatusCategory(models.TextChoices):
    """The plan format's status categories (shared/spec/plan-format.md)."""

    COMPLETE = "complete", "Complete"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    NOT_STARTED = "not_started", "Not started"
    ONGOING = "ongoing", "Ongoing"
    NOT_CARRIED_FORWARD = "not_carried_forward", "Not carried forward"
    WATCHING_BRIEF = "watching_brief", "Watching brief"
    SUPERSEDED = "superseded", "Superseded"


class Plan(Archivable):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="plans")
    slug = models.SlugField(max_length=100)
    title = models.CharField(max_length=300)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        help_text="The plan this one follows on from.",
    )
    published = models.BooleanField(
        default=False, help_text="Published plans can be read by anyone, without signing in."
    )
    # The plan format's `introduction`: a list of paragraphs (strings), shown above the themes.
    introduction = models.JSONField(
        default=list,
        blank=True,
        help_text="The plan's own text before its themes, paragraph by paragraph: what its "
        "report says about the plan as a whole, and the notes and keys around its tables.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    content_version = models.BigIntegerField(
        default=0,
        editable=False,
        help_text="Changes with every change to the plan or its contents (to a new clock "
        "reading, never one used before); cached pages name it.",
    )
    history = HistoricalRecords(excluded_fields=["content_version"])

    class Meta:
        ordering = ["organisation", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"],
                condition=Q(archived_at__isnull=True),
                name="plan_slug_unique_while_live",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Period(Archivable):
    """A reporting period of a plan, labelled as the organisation labels it ("2022", "Q2 2024/25")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="periods")
    label = models.CharField(max_length=100)
    position = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "label"],
                condition=Q(archived_at__isnull=True),
                name="period_label_unique_while_live",
            )
        ]

    def __str__(self) -> str:
        return self.label


class Theme(Archivable):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="themes")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    objective = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.title


class Action(Archivable):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="actions")
    position = models.PositiveIntegerField()
    ref = models.CharField(max_length=50, blank=True, null=True)
    text = models.TextField(help_text="The agreed action, as the plan words it.")
    lead = models.CharField(max_length=300, blank=True, null=True)
    due = models.CharField(
        max_length=200, blank=True, null=True, help_text="Due date or timescale, as written."
    )
    partners = models.TextField(blank=True)
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        help_text="The team that owns the action and writes its updates.",
    )
    tags = models.JSONField(default=list, blank=True)
    # The action's words and every live update's, for search (plans/search.py keeps it), and
    # the same words as stems, which SQLite's full-text index is made of (core/fts.py).
    search_text = models.TextField(blank=True, editable=False)
    search_stems = models.TextField(blank=True, editable=False)
    # Columns of an imported report that eqtrack does not recognise, by their heading.
    extra = models.JSONField(default=dict, blank=True)
    continues = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continued_by",
        help_text="The action of an earlier plan that this one carries forward.",
    )
    # The stems are made again from search_text whenever it is: no history of their own.
    history = HistoricalRecords(excluded_fields=["search_stems"])

    class Meta:
        ordering = ["theme__position", "position"]

    def __str__(self) -> str:
        return f"{self.ref or ''} {self.text[:80]}".strip()


class Update(Archivable):
    """What was reported on one action for one period."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="updates")
    # Lists of plan-format items: a string, or {"text": ..., "items": [...]} for nested bullets.
    progress = models.JSONField(default=list, blank=True)
    next_steps = models.JSONField(default=list, blank=True)
    status_text = models.TextField(blank=True, null=True)
    status_category = models.CharField(
        max_length=30, choices=StatusCategory.choices, blank=True, null=True
    )
    # The action's wording in this period's report, kept when it differs from today's.
    action_text = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    written_at = models.DateTimeField(null=True, blank=True)
    # Accepted by an administrator after its round had closed; reports mark it
    # "received after the round closed".
    late = models.BooleanField(default=False, editable=False)

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Returned for changes"
        APPROVED = "approved", "Approved"

    # Where the update is in its reporting round; imported updates are the published record,
    # so approved.
    state = models.CharField(max_length=10, choices=State.choices, default=State.APPROVED)
    # Counts saves, so that a save based on an older revision is refused, not lost over.
    revision = models.PositiveIntegerField(default=0, editable=False)
    # A restored text waiting for review beside the approved one, which stays public until a
    # reviewer approves it: the words of plans.services.UPDATE_WORDS, by name. Never public.
    proposed = models.JSONField(null=True, blank=True, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    proposed_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "period__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "period"],
                condition=Q(archived_at__isnull=True),
                name="update_one_per_period_while_live",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} – {self.period}"


class Measure(models.Model):
    """Something an action's progress counts ("mental health first aiders"), followed across
    periods so its trend can be shown."""

    class Unit(models.TextChoices):
        COUNT = "count", "Number"
        PERCENT = "percent", "Per cent"
        GBP = "gbp", "Pounds (£)"

    class State(models.TextChoices):
        # Read from progress text by the importer: shown only to the action's owner and
        # reviewers until one of them confirms it (issue 15: the extractor can be wrong).
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="measures")
    label = models.CharField(max_length=200)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["action", "id"]

    def __str__(self) -> str:
        return self.label


class MeasureValue(models.Model):
    """A measure's value in one period's update, as the progress text stated it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    update = models.ForeignKey(Update, on_delete=models.PROTECT, related_name="measure_values")
    # What this period's text called it; the measure's label is the first period's.
    label = models.CharField(max_length=200)
    value = models.FloatField()
    target = models.FloatField(null=True, blank=True)
    text = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["update__period__position", "id"]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value:g}"


def lead_normalise(lead: str | None) -> str:
    """A Lead column's value as remembered and compared: spaces trimmed and collapsed, case
    ignored, so "HR ", "hr" and "HR" are one lead."""
    return " ".join((lead or "").split()).casefold()


class LeadTeam(models.Model):
    """A council's remembered answer to "which team is this Lead?": set on the plan's "Assign
    teams" page, and applied to actions of that lead when a plan is next imported."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    # As lead_normalise gives it.
    lead = models.CharField(max_length=300)
    # None: remembered as having no team.
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "lead"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "lead"], name="lead_team_unique")
        ]

    def __str__(self) -> str:
        return f"{self.lead} → {self.team or 'no team'}"
