"""Writes of contract delivery: a contract from the winning bid (its commitments become KPIs,
Procurement Act 2023 s.52), the supplier's quarterly return by an e-mailed link, the contract
manager's acceptance or query, and the yearly rating of each KPI (s.71; Procurement
Regulations 2024 reg 39(5))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from eqtrack.accounts.permissions import can_manage_contract, can_manage_procurement
from eqtrack.core.history import change_record
from eqtrack.core.link_secrets import link_refusal, link_secret_hash, link_secret_new
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation

from ..models import (
    KPI,
    Bid,
    Contract,
    KPIRating,
    Lot,
    Rating,
    ReturnLine,
    ReturnLink,
    ReturnState,
    SupplierReturn,
    Tender,
    TenderStage,
)
from ..selectors.delivery import (
    KPI_ORDER,
    contract_year_ends,
    months_add,
    quarter_default,
    rating_suggest,
)

# An unopened return link lasts this long (a quarter's return may wait for month-end figures);
# once opened, the session it was traded for lasts this long.
RETURN_LINK_DAYS = 60
RETURN_SESSION_HOURS = 4
MAX_DELIVERED = Decimal("999999999999.99")
# Longer than any public contract runs (and short of the calendar's end, year 9999).
MAX_CONTRACT_YEARS = 25


class DeliveryError(ValueError):
    """A change refused as asked; the message says why and `field` names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ReturnLinkRefused(Exception):
    """A return link that grants nothing: `reason` is unknown, used, expired or revoked."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the return link is {reason}")
        self.reason = reason


def _manage(user: User, contract: Contract) -> None:
    if not can_manage_contract(user, contract):
        raise PermissionDenied(
            "only procurement officers, administrators and the contract's manager do this"
        )


# --- The contract -----------------------------------------------------------------------------


@transaction.atomic
def contract_create_from_award(
    *,
    tender: Tender,
    bid: Bid,
    user: User,
    starts_on: dt.date,
    ends_on: dt.date,
    manager: User | None = None,
) -> Contract:
    """The contract for an awarded tender's winning bid: each of the bid's commitments becomes
    a KPI (target = the quantity committed, due on its date). One contract a bid."""
    if not can_manage_procurement(user, tender.organisation_id):
        raise PermissionDenied("only procurement officers and administrators award contracts")
    # Read afresh: the caller may hold the tender as it was before the award.
    tender = Tender.objects.get(pk=tender.pk)
    if tender.stage != TenderStage.AWARDED:
        raise DeliveryError("tender", "the tender has not been awarded")
    if bid.tender_id != tender.pk or bid.organisation_id != tender.organisation_id:
        raise DeliveryError("bid", "that bid is not one of the tender's")
    if not Lot.objects.filter(tender=tender, awarded_bid=bid).exists():
        raise DeliveryError("bid", f"{bid.supplier}'s bid is not the one its lot was awarded to")
    if ends_on < starts_on:
        raise DeliveryError("ends_on", "the contract must end on or after the day it starts")
    if ends_on > months_add(starts_on, 12 * MAX_CONTRACT_YEARS):
        raise DeliveryError(
            "ends_on", f"a contract of more than {MAX_CONTRACT_YEARS} years is not taken"
        )
    if Contract.objects.filter(bid=bid).exists():
        raise DeliveryError("bid", "that bid already has a contract")
    contract = Contract(
        organisation_id=tender.organisation_id,
        tender=tender,
        bid=bid,
        title=tender.title,
        supplier=bid.supplier,
        supplier_email=bid.supplier_email,
        starts_on=starts_on,
        ends_on=ends_on,
        manager=manager,
    )
    change_record(contract, user=user, reason="Awarded")
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError:  # a second award of the same bid at the same moment
        raise DeliveryError("bid", "that bid already has a contract") from None
    for commitment in bid.commitments.select_related("measure").order_by(*KPI_ORDER):
        kpi = KPI(
            organisation_id=tender.organisation_id,
            contract=contract,
            commitment=commitment,
            measure=commitment.measure,
            target=commitment.quantity,
            due_on=commitment.due_on,
        )
        change_record(kpi, user=user)
        kpi.save()
    return contract


# --- Return links -----------------------------------------------------------------------------


def _return_link_email(*, contract: Contract, link: ReturnLink, secret: str, sender: User) -> None:
    base = settings.EQTRACK_BASE_URL.rstrip("/")
    slug = contract.organisation.slug
    send_mail(
        subject=f"{contract.organisation.name}: your social value return for {contract.title}",
        message=render_to_string(
            "procurement/return_link_email.txt",
            {
                "contract": contract,
                "link": link,
                "sender": sender.get_full_name() or sender.get_username(),
                "organisation": contract.organisation,
                "url": base + reverse("procurement-return-open", args=[slug, secret]),
                "days": RETURN_LINK_DAYS,
            },
        ),
        from_email=None,
        recipient_list=[contract.supplier_email],
    )


@transaction.atomic
def return_link_send(
    *,
    contract: Contract,
    user: User,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    today: dt.date | None = None,
) -> ReturnLink:
    """A link for the supplier to file its return for a period (by default the latest quarter
    of the contract that has ended), e-mailed to the contract's supplier address once the
    change is saved. Earlier unopened links for the same period stop working. Refused while a
    return for the period waits for a decision or has been accepted."""
    link, secret = return_link_issue(
        contract=contract,
        user=user,
        period_start=period_start,
        period_end=period_end,
        today=today,
    )
    transaction.on_commit(
        lambda: _return_link_email(contract=contract, link=link, secret=secret, sender=user)
    )
    return link


@transaction.atomic
def return_link_issue(
    *,
    contract: Contract,
    user: User,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[ReturnLink, str]:
    """The link return_link_send e-mails, and its secret (only a hash is kept), for a caller
    that hands it over itself: the demo's illustrative supplier."""
    _manage(user, contract)
    if not contract.supplier_email:
        raise DeliveryError("supplier_email", "the contract has no supplier e-mail address")
    if period_start is None or period_end is None:
        period_start, period_end = quarter_default(contract, today or timezone.localdate())
    if period_end < period_start:
        raise DeliveryError("period_end", "the period must end on or after the day it starts")
    if period_start < contract.starts_on or period_end > contract.ends_on:
        raise DeliveryError("period_start", "the period must be within the contract's dates")
    decided = (
        SupplierReturn.objects.filter(
            contract=contract, period_start=period_start, period_end=period_end
        )
        .exclude(state=ReturnState.QUERIED)
        .first()
    )
    if decided is not None:
        raise DeliveryError(
            "period_start",
            "the supplier's return for that period has been accepted"
            if decided.state == ReturnState.ACCEPTED
            else "the supplier's return for that period is waiting: accept or query it first",
        )
    now = timezone.now()
    # The newest link is the one that counts: earlier ones for the period stop working, opened
    # or not, unless a return was filed through them.
    ReturnLink.objects.filter(
        contract=contract,
        period_start=period_start,
        period_end=period_end,
        used_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=now)
    secret = link_secret_new()
    link = ReturnLink.objects.create(
        organisation_id=contract.organisation_id,
        contract=contract,
        period_start=period_start,
        period_end=period_end,
        secret_hash=link_secret_hash(secret),
        expires_at=now + dt.timedelta(days=RETURN_LINK_DAYS),
    )
    return link, secret


@transaction.atomic
def return_link_revoke(*, link: ReturnLink, user: User) -> ReturnLink:
    """Stop a link working (sent to the wrong person, say). A used link stays as it was."""
    _manage(user, link.contract)
    if link.used_at is None and link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def _refusal(link: ReturnLink | None, *, opened: bool) -> str | None:
    """Why the link grants nothing now (None if it grants a return). `opened` is whether the
    caller holds it through the session it was traded for, rather than as an address."""
    if link is None or link.contract.archived_at is not None:
        return "unknown"
    return link_refusal(link, opened=opened, session_hours=RETURN_SESSION_HOURS)


def _link(**lookup: Any) -> ReturnLink | None:
    return (
        ReturnLink.objects.select_for_update(of=("self",))
        .select_related("contract__organisation")
        .filter(**lookup)
        .first()
    )


def return_link_check(*, organisation: Organisation, secret: str) -> ReturnLink:
    """The link an e-mailed address holds, if it can still be opened; else ReturnLinkRefused."""
    link = (
        ReturnLink.objects.select_related("contract")
        .filter(organisation=organisation, secret_hash=link_secret_hash(secret))
        .first()
    )
    reason = _refusal(link, opened=False)
    if reason or link is None:
        raise ReturnLinkRefused(reason or "unknown")
    return link


@transaction.atomic
def return_link_open(*, organisation: Organisation, secret: str) -> ReturnLink:
    """Trade the link's secret for the right to file one return (the caller keeps the link's
    id in the session): the secret is spent, so the address works once."""
    link = _link(organisation=organisation, secret_hash=link_secret_hash(secret))
    reason = _refusal(link, opened=False)
    if reason or link is None:
        raise ReturnLinkRefused(reason or "unknown")
    link.opened_at = timezone.now()
    link.save(update_fields=["opened_at"])
    return link


def return_link_for_session(*, organisation: Organisation, pk: Any) -> ReturnLink:
    """The opened link a session holds, if it still grants a return; else ReturnLinkRefused."""
    link = (
        ReturnLink.objects.select_related("contract__organisation")
        .filter(organisation=organisation, pk=pk if str(pk).isdigit() else 0)
        .first()
    )
    reason = _refusal(link, opened=True)
    if reason or link is None:
        raise ReturnLinkRefused(reason or "unknown")
    return link


def _amount(value: Any, field: str, measure: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise DeliveryError(field, f"enter what was delivered on {measure} as a number") from None
    if not amount.is_finite():
        raise DeliveryError(field, f"enter what was delivered on {measure} as a number")
    if amount < 0:
        raise DeliveryError(field, f"what was delivered on {measure} must be 0 or more")
    if amount > MAX_DELIVERED or amount != amount.quantize(Decimal("0.01")):
        raise DeliveryError(
            field, f"what was delivered on {measure} must have at most 2 decimal places"
        )
    return amount


@transaction.atomic
def return_submit(
    *, link: ReturnLink, name: str, lines: dict[int, tuple[Any, str]]
) -> SupplierReturn:
    """The supplier's return through an opened link: for every KPI of the contract, what was
    delivered in the period (a number, 0 or more) and its evidence, and who is filing it. Saved
    all together or not at all (DeliveryError names the field: "delivered_<kpi id>"), and the
    link is spent. It waits for the contract manager to accept or query it."""
    locked = _link(pk=link.pk)
    reason = _refusal(locked, opened=True)
    if reason or locked is None:
        raise ReturnLinkRefused(reason or "unknown")
    contract = Contract.objects.select_for_update().get(pk=locked.contract_id)
    # One return a quarter counts: another waiting or accepted one for the period refuses this
    # (a second link opened before the first was spent would otherwise count it twice).
    if (
        SupplierReturn.objects.filter(
            contract=contract, period_start=locked.period_start, period_end=locked.period_end
        )
        .exclude(state=ReturnState.QUERIED)
        .exists()
    ):
        raise ReturnLinkRefused("used")
    name = name.strip()
    if not name:
        raise DeliveryError("name", "enter your name")
    if len(name) > 200:
        raise DeliveryError("name", "your name must be 200 characters or fewer")
    amounts = []
    for kpi in KPI.objects.filter(contract=contract).select_related("measure").order_by(*KPI_ORDER):
        delivered, evidence = lines.get(kpi.pk, ("", ""))
        field = f"delivered_{kpi.pk}"
        if delivered is None or str(delivered).strip() == "":
            raise DeliveryError(field, f"enter what was delivered on {kpi.measure.name}, or 0")
        amounts.append((kpi, _amount(delivered, field, kpi.measure.name), evidence.strip()))
    supplier_return = SupplierReturn.objects.create(
        organisation_id=contract.organisation_id,
        contract=contract,
        period_start=locked.period_start,
        period_end=locked.period_end,
        state=ReturnState.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by_name=name,
    )
    for kpi, amount, evidence in amounts:
        ReturnLine.objects.create(
            organisation_id=contract.organisation_id,
            supplier_return=supplier_return,
            kpi=kpi,
            delivered=amount,
            evidence=evidence,
        )
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    return supplier_return


# --- The contract manager's decision ---------------------------------------------------------


def _decide(supplier_return: SupplierReturn, user: User, state: str, note: str) -> SupplierReturn:
    _manage(user, supplier_return.contract)
    locked = SupplierReturn.objects.select_for_update().get(pk=supplier_return.pk)
    if locked.state != ReturnState.SUBMITTED:
        raise DeliveryError(
            "decision", f"this return has been {locked.get_state_display().lower()} already"
        )
    locked.state = state
    locked.decision_note = note.strip()
    locked.decided_by = user
    locked.decided_at = timezone.now()
    change_record(locked, user=user)
    locked.save()
    return locked


@transaction.atomic
def return_accept(*, supplier_return: SupplierReturn, user: User, note: str = "") -> SupplierReturn:
    """Accept a waiting return: its lines now count as delivered."""
    return _decide(supplier_return, user, ReturnState.ACCEPTED, note)


@transaction.atomic
def return_query(*, supplier_return: SupplierReturn, user: User, note: str) -> SupplierReturn:
    """Query a waiting return, saying what is wrong (the note is required). Nothing in it
    counts; a new link for the same period lets the supplier send one that replaces it."""
    if not note.strip():
        raise DeliveryError("note", "say what is wrong with the return")
    return _decide(supplier_return, user, ReturnState.QUERIED, note)


# --- The yearly rating -----------------------------------------------------------------------


@transaction.atomic
def kpi_rate(*, kpi: KPI, user: User, year_ending: dt.date, rating: str, note: str) -> KPIRating:
    """Rate the KPI for a contract year (Procurement Act 2023 s.71; the five ratings of
    Procurement Regulations 2024 reg 39(5)). A rating other than the suggested one (see
    selectors.delivery.rating_suggest) needs a note saying why. Rating a year again replaces
    the rating; its history keeps the earlier one."""
    contract = kpi.contract
    _manage(user, contract)
    if year_ending not in contract_year_ends(contract):
        raise DeliveryError("year_ending", "choose one of the contract's years")
    if rating not in Rating.values:
        raise DeliveryError("rating", "choose a rating")
    suggested, _, _ = rating_suggest(kpi, year_ending)
    note = note.strip()
    if rating != suggested and not note:
        raise DeliveryError("note", "say why you chose a rating other than the suggested one")
    found = KPIRating.objects.select_for_update().filter(kpi=kpi, year_ending=year_ending).first()
    rated = found or KPIRating(
        organisation_id=kpi.organisation_id, kpi=kpi, year_ending=year_ending
    )
    rated.rating = rating
    rated.note = note
    rated.rated_by = user
    change_record(rated, user=user)
    rated.save()
    return rated
