"""The archive flag every council record shares: nothing is deleted through the CLI or the web,
it is archived (`archived_at`), and `.live()` leaves archived records out."""

from django.db import models


class ArchivableQuerySet(models.QuerySet):
    def live(self) -> "ArchivableQuerySet":
        return self.filter(archived_at__isnull=True)


class Archivable(models.Model):
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
