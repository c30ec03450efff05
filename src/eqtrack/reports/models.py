"""The organisation's glossary: the acronyms its reports expand at first use."""

from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.organisations.models import Organisation


class GlossaryEntry(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="glossary"
    )
    term = models.CharField(max_length=30, help_text="As it appears in the text, e.g. EqIA.")
    expansion = models.CharField(
        max_length=200, help_text="In full, e.g. Equality Impact Assessment."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["term"]
        verbose_name_plural = "glossary entries"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "term"], name="glossary_term_unique")
        ]

    def __str__(self) -> str:
        return f"{self.term}: {self.expansion}"


class WordTemplate(models.Model):
    """An organisation's own Word template for its reports: its styles, header and footer
    (a logo in the header, say) are kept; its body text is replaced by the report."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="word_template"
    )
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.organisation}: {self.filename}"
