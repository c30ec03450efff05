"""Writes for the duty calendar: an administrator records when the council last published its
equality information or set its equality objectives (and the annual publication, once built,
records the first by calling `duty_information_published`); and `eqtrack duty-warnings` e-mails
each council's administrators each duty that has come within 30 days or passed, once per due
date and state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from eqtrack.accounts.models import Membership, Role
from eqtrack.accounts.permissions import can_administer
from eqtrack.core.types import User
from eqtrack.notifications.models import Kind
from eqtrack.notifications.services import notice_send
from eqtrack.organisations.models import Organisation

from .calendar import STATUTORY, DutyItem, duty_calendar
from .models import DutyRecord, DutyWarning

REFUSAL = "Only the council's administrators record when its duties were met."


def _record_set(
    *, organisation: Organisation, field: str, what: str, on: dt.date, user: User
) -> DutyRecord:
    if not can_administer(user, organisation.pk):
        raise PermissionDenied(REFUSAL)
    if on > timezone.localdate():
        # The date a thing was done cannot be still to come: a warning would then be silenced.
        raise ValidationError({field: f"The date {what} must be today or in the past"})
    with transaction.atomic():
        record = DutyRecord.objects.select_for_update().filter(
            organisation=organisation
        ).first() or DutyRecord(organisation=organisation)
        setattr(record, field, on)
        # Who recorded it, in the record's history (outside a request too: the publication).
        record._history_user = user  # type: ignore[attr-defined]
        record.save()
    return record


def duty_information_published(
    *, organisation: Organisation, on: dt.date, user: User
) -> DutyRecord:
    """Record that the council published its equality information (regulation 4) on `on`:
    the next is due a year later."""
    return _record_set(
        organisation=organisation,
        field="information_published_on",
        what="the equality information was published",
        on=on,
        user=user,
    )


def duty_objectives_set(*, organisation: Organisation, on: dt.date, user: User) -> DutyRecord:
    """Record that the council published its equality objectives (regulation 5) on `on`: the
    next are due four years later."""
    return _record_set(
        organisation=organisation,
        field="objectives_set_on",
        what="the equality objectives were set",
        on=on,
        user=user,
    )


@dataclass(frozen=True)
class WarningSent:
    organisation: Organisation
    item: DutyItem
    people: list[User]


def _administrators(organisation: Organisation) -> list[User]:
    members = (
        Membership.objects.live()
        .filter(organisation=organisation, role=Role.ADMINISTRATOR)
        .select_related("user")
        .order_by("user__username")
    )
    return [m.user for m in members if m.user.email and m.user.is_active]


def _subject(item: DutyItem, due_on: dt.date) -> str:
    when = f"{due_on.day} {due_on:%B %Y}"
    return f"{'Overdue since' if item.state == 'overdue' else 'Due'} {when}: {item.title}"


def duty_warnings_send(*, today: dt.date, dry_run: bool = False) -> list[WarningSent]:
    """For every council, e-mail its administrators each statutory duty due within 30 days
    or passed that they have not yet been warned of, for that due date and that state: the
    warning 30 days ahead goes once, the overdue one once. Returns what went (or, with
    `dry_run`, what would go, recording nothing)."""
    sent: list[WarningSent] = []
    for organisation in Organisation.objects.order_by("name"):
        for item in duty_calendar(organisation=organisation, today=today):
            if item.kind not in STATUTORY or not item.warns or item.due_on is None:
                continue
            warned = DutyWarning.objects.filter(
                organisation=organisation,
                kind=item.kind,
                key=item.key,
                due_on=item.due_on,
                state=item.state,
            )
            if warned.exists():
                continue
            people = _administrators(organisation)
            sent.append(WarningSent(organisation=organisation, item=item, people=people))
            if dry_run:
                continue
            # Recorded first, as the reminders are: a second run at the same time sends nothing.
            try:
                with transaction.atomic():
                    DutyWarning.objects.create(
                        organisation=organisation,
                        kind=item.kind,
                        key=item.key,
                        due_on=item.due_on,
                        state=item.state,
                    )
            except IntegrityError:
                sent.pop()
                continue
            url = settings.EQTRACK_BASE_URL.rstrip("/") + item.url
            for person in people:
                notice_send(
                    kind=Kind.DUTY_DUE,
                    organisation=organisation,
                    user=person,
                    subject=_subject(item, item.due_on),
                    template="duty/duty_due.txt",
                    context={"item": item, "organisation": organisation},
                    url=url,
                )
    return sent
