"""A council's staff snapshots: the employees on a snapshot date (personal data, kept only as
long as the council sets) and the figures worked out from them (kept for good, so the reports
and the year-on-year trend outlive the rows)."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.core.models import Archivable
from eqtrack.organisations.models import Organisation

# How long a snapshot's personal rows are kept when the council has not said: two years after
# the snapshot date, long enough to check and republish a year's figures with the next year's.
DEFAULT_KEEP_MONTHS = 24


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class WorkforceSettings(models.Model):
    """What a council sets once for its workforce figures: how long personal rows are kept,
    and its HR extract's column names (remembered from its last upload)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="workforce_settings"
    )
    keep_personal_months = models.PositiveSmallIntegerField(
        default=DEFAULT_KEEP_MONTHS,
        help_text="Months after the snapshot date that employees' rows are deleted; the "
        "figures worked out from them are kept.",
    )
    # {FIELD: COLUMN} for the fields the council's extract names otherwise (staff.FIELDS).
    column_mapping = models.JSONField(default=dict, blank=True)
    reference_ethnic_group = models.CharField(
        max_length=100,
        blank=True,
        help_text="The group the ethnicity pay gaps compare each group with (one of the 19 "
        "Census 2021 groups or a broad group); blank for White British.",
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Workforce settings of {self.organisation}"


class StaffSnapshot(Archivable):
    """One staff file for one snapshot date, with the figures worked out from it. Replaced
    by a new upload for the same date, it is archived (its figures kept, its rows deleted)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff_snapshots"
    )
    snapshot = models.DateField(help_text="The snapshot date: 31 March for public authorities.")
    source = models.CharField(max_length=200, help_text="The file's name as uploaded.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    employees = models.PositiveIntegerField(default=0)
    keep_personal_until = models.DateField(
        help_text="The day after which the employees' rows are deleted (the figures stay)."
    )
    personal_deleted_at = models.DateTimeField(null=True, blank=True)
    profile = models.ForeignKey(
        "consultations.PopulationProfile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The borough's population the staff are compared with.",
    )
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    # PayGap / GroupPayGaps .as_dict() under "sex", "ethnicity" and "disability".
    figures = models.JSONField(default=dict)
    # {"all" | "starters" | "leavers": {variable: {category: count}}} and "grades":
    # {grade: {variable: {category: count}}}; every count, small ones too: pages suppress.
    characteristics = models.JSONField(default=dict)
    history = HistoricalRecords(excluded_fields=["figures", "characteristics"])

    class Meta:
        ordering = ["organisation", "-snapshot"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "snapshot"],
                condition=models.Q(archived_at__isnull=True),
                name="staff_snapshot_unique_while_live",
            )
        ]

    def __str__(self) -> str:
        return f"Staff at {self.snapshot.isoformat()}"

    @property
    def has_personal_rows(self) -> bool:
        return self.personal_deleted_at is None


class StaffMember(models.Model):
    """One employee at the snapshot date, as the staff file gave them: personal data, deleted
    when the snapshot's keep_personal_until has passed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    snapshot = models.ForeignKey(StaffSnapshot, on_delete=models.PROTECT, related_name="members")
    employee_id = models.CharField(max_length=100)
    sex = models.CharField(max_length=10, blank=True)
    ethnic_group = models.CharField(max_length=100, blank=True)
    disability = models.CharField(max_length=20, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    grade = models.CharField(max_length=100, blank=True)
    full_time = models.BooleanField(null=True, blank=True)
    hourly_pay = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    bonus_pay = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    relevant_employee = models.BooleanField()
    full_pay_relevant_employee = models.BooleanField()
    starter = models.BooleanField(null=True, blank=True)
    leaver = models.BooleanField(null=True, blank=True)
    promoted = models.BooleanField(null=True, blank=True)
    grievance = models.BooleanField(null=True, blank=True)
    line = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["snapshot", "line"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "employee_id"], name="staff_member_unique_in_snapshot"
            )
        ]

    def __str__(self) -> str:
        return self.employee_id


class StaffUpload(models.Model):
    """A staff file waiting for its columns to be mapped on the web (personal data, so it is
    deleted once imported or cancelled, and by `workforce-expire` after a day)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=200)
    data = models.BinaryField()
    columns = models.JSONField(default=list)
    snapshot = models.DateField()
    replace = models.BooleanField(default=False)
    profile = models.ForeignKey(
        "consultations.PopulationProfile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return self.source
