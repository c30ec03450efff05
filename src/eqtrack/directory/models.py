"""The directory's records, after Open Referral UK: groups (HSDS organizations), their services,
locations, contacts and schedules, the taxonomy they are filed under; and the diversity
calendar. Every record carries the council it belongs to; ORUK ids are UUIDs."""

import uuid
from collections.abc import Iterable

from django.db import models
from simple_history.models import HistoricalRecords

from eqtrack.accounts.models import Team
from eqtrack.core.fts import stems
from eqtrack.core.models import Archivable
from eqtrack.organisations.models import Organisation


class Group(models.Model):
    """A community group, charity, faith group or place of worship (an HSDS organization)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=5000)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().save(*args, **kwargs)
        # Its services are found by the group's name and description too (Service.search_text),
        # so a group renamed anywhere (the admin included) is found by its new name at once.
        search_text_refresh(services=self.services.all())


class Taxonomy(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField()

    class Meta:
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(max_length=200)
    description = models.TextField()
    code = models.SlugField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "code"], name="term_code_once")]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """What a group offers, as listed. Only approved listings are public; an edit to an
    approved listing waits as a ListingChange while the public sees the approved text."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        INACTIVE = "inactive", "Inactive"
        DEFUNCT = "defunct", "Defunct"
        TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"

    class Listing(models.TextChoices):
        PENDING = "pending", "Waiting for a moderator"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=5000)
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    fees = models.CharField(max_length=500, blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services")
    characteristics = models.ManyToManyField(
        "assessments.Characteristic",
        blank=True,
        related_name="services",
        help_text="The protected (and local) characteristics of the people the group serves.",
    )
    listing = models.CharField(max_length=10, choices=Listing.choices, default=Listing.PENDING)
    last_confirmed_at = models.DateTimeField(null=True, blank=True)
    stale_since = models.DateTimeField(null=True, blank=True)
    possible_duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Found on import: the same name and postcode, or a very similar name. A "
        "moderator decides; nothing is merged by itself.",
    )
    review_asked = models.CharField(
        max_length=30,
        blank=True,
        editable=False,
        help_text="Which review its contact was last asked to confirm (each is asked once).",
    )
    modified_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(blank=True, editable=False)
    # The same words as stems, which SQLite's full-text index is made of (core/fts.py).
    search_stems = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[terms], excluded_fields=["search_text", "search_stems"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # The words search finds it by (full-text indexed: migrations 0006 and 0014): kept with
        # the record.
        self.search_text = self.words()
        self.search_stems = stems(self.search_text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_stems"}
        super().save(*args, **kwargs)

    @property
    def group_name_if_different(self) -> str:
        """The group's name beside the listing's own, or "" when they are the same: a group
        with one activity often lists it under its own name, and a name said twice reads as
        a mistake."""
        group_name = self.group.name
        if " ".join(group_name.split()).casefold() == " ".join(self.name.split()).casefold():
            return ""
        return group_name

    def words(self) -> str:
        """The words search finds it by: its own and its group's, and the names of its
        categories and of the characteristics it especially serves."""
        # A listing not saved yet has none: they are set once it has a key, and the
        # m2m_changed receivers (directory/signals.py) then add their names.
        filed = self.pk is not None
        return search_text_for(
            name=self.name,
            description=self.description,
            group_name=self.group.name,
            group_description=self.group.description,
            terms=[term.name for term in self.terms.all()] if filed else [],
            characteristics=[c.name for c in self.characteristics.all()] if filed else [],
        )


def search_text_for(
    *,
    name: str,
    description: str,
    group_name: str,
    group_description: str,
    terms: Iterable[str],
    characteristics: Iterable[str],
) -> str:
    """A listing's search_text from plain values, so that Service.words and the migrations
    that fill it in (historical models have no words()) make the same text."""
    return "\n".join([name, description, group_name, group_description, *terms, *characteristics])


def search_text_refresh(*, services: models.QuerySet[Service]) -> None:
    """Make these listings' search_text, and its stems, again. Saved with update(), so the
    full-text index's triggers (SQLite, migration 0014) index them, without a save's history
    entry."""
    found = services.select_related("group").prefetch_related("terms", "characteristics")
    for service in found:
        text = service.words()
        Service.objects.filter(pk=service.pk).update(search_text=text, search_stems=stems(text))


class Location(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    state_province = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=10)
    address_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name or self.address_1


class ServiceAtLocation(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="services")

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Contact(models.Model):
    """A person to contact about a service. Each detail is published only with its owner's
    consent; erasing a contact blanks the details and keeps the record."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    phone_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    publish_name = models.BooleanField(default=False)
    publish_email = models.BooleanField(default=False)
    publish_phone = models.BooleanField(default=False)
    erased_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name or "Contact"


class Schedule(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    freq = models.CharField(
        max_length=10, blank=True, choices=[("WEEKLY", "Weekly"), ("MONTHLY", "Monthly")]
    )
    byday = models.CharField(max_length=30, blank=True, help_text='e.g. "MO,WE"')
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.description or f"{self.freq} {self.byday}".strip()


class CalendarEvent(Archivable):
    """An event or awareness day in the diversity calendar: once, or every year or month.
    A removed event is archived: its history stays, and seeding the calendar again does not
    bring it back."""

    class Repeats(models.TextChoices):
        NEVER = "", "Once"
        YEARLY = "YEARLY", "Every year"
        MONTHLY = "MONTHLY", "Every month"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="For a week or month long event.")
    repeats = models.CharField(max_length=10, choices=Repeats.choices, blank=True, default="")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    action = models.ForeignKey(
        "plans.Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "title"]

    def __str__(self) -> str:
        return self.title


class ListingChange(models.Model):
    """An edit to an approved listing, sent through the owner's link: it waits for a moderator
    while the public keeps seeing the approved text."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting for a moderator"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    data = models.JSONField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Change to {self.service}"


class Postcode(models.Model):
    """A postcode's centroid, from the ONS Postcode Directory the council loads: public
    reference data, shared by every council. Without it, distance search is hidden."""

    postcode = models.CharField(max_length=8, primary_key=True)  # "ME141AA": no space, capitals
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self) -> str:
        return self.postcode


class DirectoryVersion(models.Model):
    """One row: changes (to a new clock reading) whenever anything in any directory changes,
    so cached directory pages and API answers are never served after a change."""

    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.version)


class EditLink(models.Model):
    """One e-mailed link for a listing's contact to change the listing, good for one change.

    Only a hash of the link's secret is kept. Opening the link (a button on its page, so that
    a mail scanner fetching it changes nothing) trades the secret for a session and spends
    it, so the secret in a logged address is no use afterwards; the change sent in that
    session ends the link, and a new one is e-mailed for the next change. A moderator can
    revoke a listing's links, and erasing the contact revokes theirs."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="edit_links")
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="edit_links", null=True, blank=True
    )
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Edit link for {self.service}"
