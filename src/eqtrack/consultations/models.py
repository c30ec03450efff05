"""Population profiles: an area's population by age, sex, ethnic group, disability and other
variables, single or joint (age*sex), that consultation responses are compared and weighted to."""

from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.organisations.models import Organisation


class PopulationProfile(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="profiles"
    )
    name = models.CharField(max_length=200)
    area = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the figures come from.")
    illustrative = models.BooleanField(
        default=False, help_text="Made-up figures for trying eqtrack out, not census data."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
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
