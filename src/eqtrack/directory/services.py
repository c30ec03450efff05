"""Writes of the directory: its starting taxonomy and calendar, listings from sign-up to
approval, and erasing a contact's personal details on request."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from eqtrack.accounts.audit import audit_record
from eqtrack.accounts.models import Team
from eqtrack.accounts.permissions import can_administer, can_review
from eqtrack.assessments.models import Characteristic
from eqtrack.core.history import change_record
from eqtrack.core.link_secrets import link_refusal, link_secret_hash, link_secret_new
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation

from .links import listing_token
from .models import (
    CalendarEvent,
    Contact,
    EditLink,
    Group,
    ListingChange,
    Location,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .postcodes import PostcodeError, centroid, postcode_clean
from .seeds import MOVING, TAXONOMY, TERMS, YEARLY


@transaction.atomic
def taxonomy_seed(*, organisation: Organisation) -> Taxonomy:
    """The starting taxonomy, once (running again adds only terms it lacks)."""
    taxonomy, _ = Taxonomy.objects.get_or_create(
        organisation=organisation, name=TAXONOMY[0], defaults={"description": TAXONOMY[1]}
    )
    for code, name, description in TERMS:
        TaxonomyTerm.objects.get_or_create(
            organisation=organisation,
            taxonomy=taxonomy,
            code=code,
            defaults={"name": name, "description": description},
        )
    return taxonomy


@transaction.atomic
def calendar_seed(
    *, organisation: Organisation, year: int, user: User | None = None
) -> list[CalendarEvent]:
    """The awareness days, weeks and months the council marks, for `year`: those on the same
    date every year once, repeating yearly; those whose date moves as that year's one-off
    (each year seeded on its own, so no repeat rule carries one year's date into the next).
    Running it again adds only what is missing; an event the council removed (archived)
    stays removed. `user` is the person seeding from a page (an administrator of the
    council); None is the operator's command line or the demo."""
    if user is not None and not can_administer(user, organisation.pk):
        raise PermissionDenied("Only the council's administrators change its calendar.")
    events = []
    for title, month, day, description in YEARLY:
        starts = dt.date(year, month, day or 1)
        ends = dt.date(year, month, calendar.monthrange(year, month)[1]) if day is None else None
        event, _ = CalendarEvent.objects.get_or_create(
            organisation=organisation,
            title=title,
            defaults={
                "starts_on": starts,
                "ends_on": ends,
                "repeats": CalendarEvent.Repeats.YEARLY,
                "description": description,
            },
        )
        events.append(event)
    for title, dates, description in MOVING:
        found = dates(year)
        if found is None:
            continue  # no known date that year: left out rather than guessed
        starts, ends = found
        event, _ = CalendarEvent.objects.get_or_create(
            organisation=organisation,
            title=title,
            starts_on__year=year,
            repeats=CalendarEvent.Repeats.NEVER,
            defaults={"starts_on": starts, "ends_on": ends, "description": description},
        )
        events.append(event)
    if user is not None:
        audit_record(f"calendar: {year}'s standard events added at {organisation}", user=user)
    return sorted(
        (e for e in events if e.archived_at is None), key=lambda e: (e.starts_on, e.title)
    )


class CalendarEventError(ValueError):
    """An event that cannot be saved as given; the message says why, naming the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _calendar_event_check(
    *,
    organisation: Organisation,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    repeats: str,
    team: Team | None,
) -> str:
    title = " ".join(title.split())
    if not title:
        raise CalendarEventError("title", "Enter the event's name")
    if len(title) > 200:
        raise CalendarEventError("title", "The event's name must be 200 characters or fewer")
    if ends_on is not None and ends_on < starts_on:
        raise CalendarEventError("ends_on", "The end date must be the same as or after the start")
    if repeats not in CalendarEvent.Repeats.values:
        raise CalendarEventError("repeats", "Choose how often it happens")
    if team is not None and team.organisation_id != organisation.pk:
        raise CalendarEventError("team", "Choose one of the council's teams")
    return title


@transaction.atomic
def calendar_event_add(
    *,
    organisation: Organisation,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    repeats: str = CalendarEvent.Repeats.NEVER,
    description: str = "",
    team: Team | None = None,
    user: User,
) -> CalendarEvent:
    """An event in the council's diversity calendar (and so in its calendar feed)."""
    if not can_administer(user, organisation.pk):
        raise PermissionDenied("Only the council's administrators change its calendar.")
    event = CalendarEvent(
        organisation=organisation,
        title=_calendar_event_check(
            organisation=organisation,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            repeats=repeats,
            team=team,
        ),
        starts_on=starts_on,
        ends_on=ends_on,
        repeats=repeats,
        description=description.strip(),
        team=team,
    )
    change_record(event, user=user, reason="Added to the calendar")
    event.save()
    return event


@transaction.atomic
def calendar_event_change(
    *,
    event: CalendarEvent,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    repeats: str,
    description: str,
    team: Team | None,
    user: User,
) -> CalendarEvent:
    """New details for an event (the earlier ones stay in its history). The plan action it
    supports, if any, is kept."""
    if not can_administer(user, event.organisation_id):
        raise PermissionDenied("Only the council's administrators change its calendar.")
    if event.archived_at is not None:
        raise CalendarEventError("title", "This event was removed from the calendar")
    event.title = _calendar_event_check(
        organisation=event.organisation,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        repeats=repeats,
        team=team,
    )
    event.starts_on, event.ends_on, event.repeats = starts_on, ends_on, repeats
    event.description, event.team = description.strip(), team
    change_record(event, user=user, reason="Changed in the calendar")
    event.save()
    return event


@transaction.atomic
def calendar_event_archive(*, event: CalendarEvent, user: User) -> CalendarEvent:
    """Take an event out of the calendar and its feed; it is kept, with its history."""
    if not can_administer(user, event.organisation_id):
        raise PermissionDenied("Only the council's administrators change its calendar.")
    if event.archived_at is None:
        event.archived_at = timezone.now()
        change_record(event, user=user, reason="Removed from the calendar")
        event.save()
    return event


@transaction.atomic
def listing_create(
    *,
    organisation: Organisation,
    group_name: str,
    group_description: str,
    service_name: str,
    service_description: str,
    terms: list[TaxonomyTerm] = (),  # type: ignore[assignment]
    characteristics: list[Any] = (),  # type: ignore[assignment]
    address_1: str = "",
    city: str = "",
    postal_code: str = "",
    contact: dict[str, Any] | None = None,
    website: str = "",
    email: str = "",
    minimum_age: int | None = None,
    maximum_age: int | None = None,
) -> Service:
    """A new listing, as a group signs up: pending until a moderator approves it. Raises
    PostcodeError (a ValueError) for a postcode without a UK postcode's shape (the forms and the import say
    so first, in words for people)."""
    postcode = postcode_clean(postal_code) if postal_code.strip() else ""
    if postcode is None:
        raise PostcodeError(f"{postal_code!r} is not a UK postcode")
    group = Group.objects.create(
        organisation=organisation,
        name=group_name.strip(),
        description=group_description.strip(),
        website=website,
        email=email,
    )
    service = Service.objects.create(
        organisation=organisation,
        group=group,
        name=service_name.strip() or group.name,
        description=service_description.strip() or group.description,
        url=website,
        email=email,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
    )
    service.terms.set(terms)
    service.characteristics.set(characteristics)
    if address_1 and postcode:
        point = centroid(postcode)
        location = Location.objects.create(
            organisation=organisation,
            address_1=address_1.strip(),
            city=city.strip(),
            postal_code=postcode,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
        )
        ServiceAtLocation.objects.create(
            organisation=organisation, service=service, location=location
        )
    if contact:
        Contact.objects.create(organisation=organisation, service=service, **contact)
    return service


@transaction.atomic
def listing_approve(*, service: Service, user: User) -> Service:
    """A moderator (a reviewer or administrator of the council) makes the listing public."""
    if not can_review(user, service.organisation_id):
        raise PermissionDenied("only moderators approve listings")
    first_time = service.listing != Service.Listing.APPROVED
    service.listing = Service.Listing.APPROVED
    service.last_confirmed_at = timezone.now()
    service.stale_since = None
    change_record(service, user=user)
    service.save()
    if first_time:
        transaction.on_commit(lambda: listing_links_send(service=service, approved=True))
    return service


def listing_links_send(
    *, service: Service, approved: bool = False, after_change: bool = False
) -> bool:
    """E-mail the listing's contact their link to change the listing (no password; one change
    a link, so one is sent after each change too). Returns whether there was anyone to send
    it to."""
    contact = service.contacts.filter(erased_at__isnull=True).exclude(email="").first()
    if contact is None:
        return False
    base = settings.EQTRACK_BASE_URL.rstrip("/")
    slug = service.organisation.slug
    send_mail(
        subject=f"Your listing is live: {service.name}"
        if approved
        else f"Your listing: {service.name}",
        message=render_to_string(
            "directory/links_email.txt",
            {
                "contact": contact,
                "service": service,
                "approved": approved,
                "after_change": after_change,
                "listing_url": base + reverse("directory-listing", args=[slug, service.uid]),
                "edit_url": base
                + reverse(
                    "directory-edit",
                    args=[slug, edit_link_issue(service=service, contact=contact)],
                ),
            },
        ),
        from_email=None,
        recipient_list=[contact.email],
    )
    return True


@transaction.atomic
def contact_erase(*, contact: Contact) -> Contact:
    """Erase a contact's personal details on request: the listing, and the history of
    everything else, stay readable; the details are gone from the contact and its history."""
    contact.name = contact.title = contact.email = contact.phone = ""
    contact.publish_name = contact.publish_email = contact.publish_phone = False
    contact.erased_at = timezone.now()
    contact.save()
    # The links mailed to them go with their details.
    edit_links_revoke(service=contact.service, contact=contact)
    contact.history.exclude(history_id=contact.history.latest().history_id).update(
        name="", title="", email="", phone=""
    )
    return contact


# What a listing's owner may change through their link, and where each lives.
EDITABLE = {
    "group_name": ("group", "name"),
    "group_description": ("group", "description"),
    "service_name": ("service", "name"),
    "service_description": ("service", "description"),
    "website": ("service", "url"),
    "email": ("service", "email"),
}


def listing_values(service: Service) -> dict[str, str]:
    """The listing's editable fields as they stand (the approved text, for a live listing)."""
    return {
        field: getattr(service.group if where == "group" else service, attr)
        for field, (where, attr) in EDITABLE.items()
    }


@transaction.atomic
def listing_sign_up(*, organisation: Organisation, answers: dict[str, Any]) -> Service:
    """A listing from the public sign-up's answers: pending until a moderator approves it."""
    publish = set(answers.get("publish", []))
    return listing_create(
        organisation=organisation,
        group_name=answers["group_name"],
        group_description=answers["group_description"],
        service_name=answers["service_name"],
        service_description=answers["service_description"],
        terms=list(
            TaxonomyTerm.objects.filter(organisation=organisation, pk__in=answers.get("terms", []))
        ),
        characteristics=list(
            Characteristic.objects.filter(
                organisation=organisation, pk__in=answers.get("characteristics", [])
            )
        ),
        address_1=answers.get("address_1", ""),
        city=answers.get("city", ""),
        postal_code=answers.get("postal_code", ""),
        website=answers.get("website", ""),
        email=answers.get("email", ""),
        contact={
            "name": answers["name"],
            "email": answers["contact_email"],
            "phone": answers.get("phone", ""),
            "publish_name": "name" in publish,
            "publish_email": "email" in publish,
            "publish_phone": "phone" in publish,
        },
    )


@transaction.atomic
def listing_change_submit(*, service: Service, data: dict[str, str]) -> ListingChange:
    """The owner's edit: applied at once to a listing not yet public, else kept for a
    moderator, the public seeing the approved text meanwhile."""
    clean = {k: str(v).strip() for k, v in data.items() if k in EDITABLE}
    if service.listing != Service.Listing.APPROVED:
        _apply(service, clean)
        return ListingChange.objects.create(
            organisation=service.organisation,
            service=service,
            data=clean,
            decision=ListingChange.Decision.APPROVED,
            decided_at=timezone.now(),
        )
    ListingChange.objects.filter(service=service, decision=ListingChange.Decision.PENDING).update(
        decision=ListingChange.Decision.REJECTED, decided_at=timezone.now()
    )  # only the latest edit waits: it replaces one sent before
    return ListingChange.objects.create(
        organisation=service.organisation, service=service, data=clean
    )


def _apply(service: Service, data: dict[str, str]) -> None:
    for field, value in data.items():
        where, attr = EDITABLE[field]
        setattr(service.group if where == "group" else service, attr, value)
    service.group.save()
    service.save()


@transaction.atomic
def listing_decide(
    *,
    user: User,
    approve: bool,
    service: Service | None = None,
    change: ListingChange | None = None,
) -> None:
    """A moderator approves or rejects a new listing or a waiting change."""
    target = service or (change.service if change else None)
    if target is None:
        raise ValueError("decide on a listing or a change")
    if not can_review(user, target.organisation_id):
        raise PermissionDenied("only moderators decide on listings")

    # Logged once the decision is committed (a refused one below rolls back and is not).
    what = f"change {change.pk} to listing" if change is not None else "listing"
    decision = "approved" if approve else "rejected"
    audit_record(f"moderation: {what} {target.pk} {target} {decision}", user=user)
    if change is not None:
        if change.decision != ListingChange.Decision.PENDING:
            raise ValueError("that change has been decided already")
        change.decision = (
            ListingChange.Decision.APPROVED if approve else ListingChange.Decision.REJECTED
        )
        change.decided_at = timezone.now()
        change.save()
        if approve:
            _apply(target, change.data)
        return
    if approve:
        listing_approve(service=target, user=user)
    else:
        target.listing = Service.Listing.REJECTED
        change_record(target, user=user)
        target.save()


@transaction.atomic
def listing_confirm(*, service: Service) -> Service:
    """The owner says the listing is still correct: its review starts again."""
    service.last_confirmed_at = timezone.now()
    service.stale_since = None
    service.save(update_fields=["last_confirmed_at", "stale_since", "modified_at"])
    return service


def review_run(
    *, today: dt.date, interval_days: int = 91, grace_days: int = 28, dry_run: bool = False
) -> dict[str, list[Service]]:
    """The quarterly review: e-mail the contact of each approved listing not confirmed for
    `interval_days` (once per review), and flag as stale those still unconfirmed
    `grace_days` after that. Returns what was e-mailed and what turned stale."""
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    due = now - dt.timedelta(days=interval_days)
    stale_at = due - dt.timedelta(days=grace_days)
    approved = Service.objects.filter(listing=Service.Listing.APPROVED).select_related(
        "organisation", "group"
    )
    result: dict[str, list[Service]] = {"asked": [], "stale": []}
    for service in approved.filter(last_confirmed_at__lt=stale_at, stale_since__isnull=True):
        result["stale"].append(service)
        if not dry_run:
            Service.objects.filter(pk=service.pk).update(stale_since=now)
    for service in approved.filter(last_confirmed_at__lt=due, last_confirmed_at__gte=stale_at):
        contact = service.contacts.filter(erased_at__isnull=True).exclude(email="").first()
        asked_for = f"review:{service.last_confirmed_at:%Y-%m-%d}"
        if contact is None or service.review_asked == asked_for:
            continue
        result["asked"].append(service)
        if dry_run:
            continue
        base = settings.EQTRACK_BASE_URL.rstrip("/")
        slug = service.organisation.slug
        send_mail(
            subject=f"Is your listing still correct? {service.name}",
            message=render_to_string(
                "directory/review_email.txt",
                {
                    "contact": contact,
                    "service": service,
                    "confirm_url": base
                    + reverse("directory-confirm", args=[slug, listing_token(service, "confirm")]),
                    "edit_url": base
                    + reverse(
                        "directory-edit",
                        args=[slug, edit_link_issue(service=service, contact=contact)],
                    ),
                },
            ),
            from_email=None,
            recipient_list=[contact.email],
        )
        Service.objects.filter(pk=service.pk).update(review_asked=asked_for)
    return result


# Edit links (models.EditLink). An unopened link lasts this long, e-mails being read late; once
# opened, the session it was traded for lasts this long (and ends when the browser closes).
EDIT_LINK_DAYS = 30
EDIT_SESSION_HOURS = 2


class EditLinkRefused(Exception):
    """An edit link that grants nothing: `reason` is unknown, expired, used, revoked or erased."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the edit link is {reason}")
        self.reason = reason


@transaction.atomic
def edit_link_issue(*, service: Service, contact: Contact | None) -> str:
    """A new link for the listing's contact to make one change; returns its secret, for the
    e-mail (only a hash is kept). Links sent before and not opened stop working: the newest
    e-mail's link is the one that counts."""
    now = timezone.now()
    EditLink.objects.filter(
        service=service, opened_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    secret = link_secret_new()
    EditLink.objects.create(
        organisation=service.organisation,
        service=service,
        contact=contact,
        secret_hash=link_secret_hash(secret),
        expires_at=now + dt.timedelta(days=EDIT_LINK_DAYS),
    )
    return secret


def _refusal(link: EditLink | None, *, opened: bool) -> str | None:
    """Why the link grants nothing now (None if it grants a change). `opened` is whether the
    caller holds it through the session it was traded for, rather than as an address."""
    if link is None:
        return "unknown"
    if link.contact is not None and link.contact.erased_at is not None:
        return "erased"
    return link_refusal(link, opened=opened, session_hours=EDIT_SESSION_HOURS)


def _link(**lookup: Any) -> EditLink | None:
    return (
        EditLink.objects.select_for_update(of=("self",))
        .select_related("contact", "service__group", "service__organisation")
        .filter(**lookup)
        .first()
    )


def edit_link_check(*, organisation: Organisation, secret: str) -> EditLink:
    """The link an e-mailed address holds, if it can still be opened; else EditLinkRefused."""
    link = (
        EditLink.objects.select_related("contact", "service")
        .filter(organisation=organisation, secret_hash=link_secret_hash(secret))
        .first()
    )
    reason = _refusal(link, opened=False)
    if reason or link is None:
        raise EditLinkRefused(reason or "unknown")
    return link


@transaction.atomic
def edit_link_open(*, organisation: Organisation, secret: str) -> EditLink:
    """Trade the link's secret for the right to make one change (the caller keeps the link's
    id in the session): the secret is spent, so the address works once."""
    link = _link(organisation=organisation, secret_hash=link_secret_hash(secret))
    reason = _refusal(link, opened=False)
    if reason or link is None:
        raise EditLinkRefused(reason or "unknown")
    link.opened_at = timezone.now()
    link.save(update_fields=["opened_at"])
    return link


def edit_link_for_session(*, organisation: Organisation, pk: Any) -> EditLink:
    """The opened link a session holds, if it still grants a change; else EditLinkRefused."""
    link = (
        EditLink.objects.select_related("contact", "service__group", "service__organisation")
        .filter(organisation=organisation, pk=pk if str(pk).isdigit() else 0)
        .first()
    )
    reason = _refusal(link, opened=True)
    if reason or link is None:
        raise EditLinkRefused(reason or "unknown")
    return link


@transaction.atomic
def edit_link_change_submit(*, link: EditLink, data: dict[str, str]) -> ListingChange:
    """The change an opened link grants: sent (see listing_change_submit), the link spent, and
    a new link e-mailed for the next change."""
    locked = _link(pk=link.pk)
    reason = _refusal(locked, opened=True)
    if reason or locked is None:
        raise EditLinkRefused(reason or "unknown")
    change = listing_change_submit(service=locked.service, data=data)
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    service = locked.service
    transaction.on_commit(lambda: listing_links_send(service=service, after_change=True))
    return change


@transaction.atomic
def edit_links_revoke(
    *, service: Service, user: User | None = None, contact: Contact | None = None
) -> int:
    """Stop the listing's outstanding edit links working (a moderator's decision, or the
    contact's erasure with `contact`); returns how many were revoked."""
    if contact is None and not can_review(user, service.organisation_id):
        raise PermissionDenied("only moderators revoke a listing's links")
    links = EditLink.objects.filter(service=service, used_at__isnull=True, revoked_at__isnull=True)
    if contact is not None:
        links = links.filter(contact=contact)
    return links.update(revoked_at=timezone.now())
