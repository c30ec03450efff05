"""What importing remembers for an organisation: the categories its administrators chose for
status wordings eqtrack's vocabulary did not know."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from eqtrack.core.models import Archivable
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import StatusCategory

# The longest normalised wording kept; `importing.statuses.wording_problem` refuses longer.
WORDING_LENGTH = 500


class StatusWording(Archivable):
    """One status wording of an organisation's reports and the category it means, chosen on
    an import's check page and applied, before the built-in vocabulary, to the organisation's
    later imports. Choosing again for the same wording changes the choice; forgetting it
    archives it (choosing it once more restores it). Each change is kept in its history, with
    who made it and why."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    # As `importing.statuses.wording_normalise` keys it: lower case, single spaces, no closing
    # punctuation; so "Behind schedule." and "behind  schedule" are one wording.
    wording = models.CharField(max_length=WORDING_LENGTH)
    written = models.CharField(max_length=WORDING_LENGTH)  # as the report first wrote it
    category = models.CharField(max_length=30, choices=StatusCategory.choices)
    # Who first chose a category for the wording, and who last changed or forgot it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["wording"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "wording"], name="importing_status_wording_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.written} → {self.get_category_display()}"
