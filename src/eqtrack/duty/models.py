"""What a council last did under the specific duties (when it last published its equality
information, when it last set its equality objectives), and the duty warnings already e-mailed
(so that running `eqtrack duty-warnings` twice sends nothing twice).

The law: the Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017
(SI 2017/353), regulation 4 (equality information, at least once a year) and regulation 5
(equality objectives, at least every four years); eqtrack.duty.calendar works out the dates."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.organisations.models import Organisation


class DutyRecord(models.Model):
    """The council's last publication of its equality information and the day it last set its
    equality objectives, as an administrator recorded them (or, later, the annual publication
    recorded the first when it was published)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="duty_record"
    )
    information_published_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the council last published its equality information (regulation 4).",
    )
    objectives_set_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the council last published its equality objectives (regulation 5).",
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Duty record of {self.organisation}"


class DutyWarning(models.Model):
    """One warning e-mailed to a council's administrators: an item of the duty calendar
    (kind and key) that became due soon or overdue, for one due date. A new due date (the
    information published again, say) is a new warning; each state of each date goes once."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=50)
    due_on = models.DateField()
    state = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "key", "due_on", "state"], name="duty_warn_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} warning of {self.kind} {self.key} due {self.due_on}"
