"""What importing remembers for an organisation: the categories its administrators chose for
status wordings eqtrack's vocabulary did not know."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import StatusCategory


class StatusWording(models.Model):
    """One status wording of an organisation's reports and the category it means, chosen on
    an import's check page and applied, before the built-in vocabulary, to the organisation's
    later imports. Choosing again for the same wording replaces the choice."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    # As `importing.statuses.wording_normalise` keys it: lower case, single spaces, no closing
    # punctuation; so "Behind schedule." and "behind  schedule" are one wording.
    wording = models.CharField(max_length=500)
    written = models.CharField(max_length=500)  # as the report first wrote it, for people
    category = models.CharField(max_length=30, choices=StatusCategory.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["wording"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "wording"], name="importing_status_wording_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.written} → {self.get_category_display()}"
