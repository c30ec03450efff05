"""An organisation is a council or public body; everything it owns points to it."""

from django.db import models
from simple_history.models import HistoricalRecords


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The council's details, set by its administrators on its settings page.
    contact_email = models.EmailField(
        blank=True, help_text="Where residents and staff can write about equality work."
    )
    website = models.URLField(blank=True, help_text="The council's own website.")
    # Kept in the database, not on disk, so one backup holds everything (a logo is small).
    logo = models.BinaryField(null=True, blank=True, editable=False)
    logo_content_type = models.CharField(max_length=50, blank=True, editable=False)
    # Four eyes: an impact assessment's reviewer and signer are always different from its
    # author; they must also differ from each other unless the council turns this off.
    separate_reviewer_and_signer = models.BooleanField(
        default=True,
        help_text=(
            "The person who reviews an equality impact assessment cannot also sign it off. "
            "Turn off only if the council has too few managers."
        ),
    )
    # The logo is left out of its versions: each would copy up to 1 MB; a new logo still makes
    # a version, with who changed it (its content type is kept).
    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
