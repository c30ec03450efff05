"""Reads of contract delivery: contracts and their KPIs, how far each KPI has got (the flags in
kpi_status), suppliers' returns, ratings and their suggestion, and the social value delivered
for a plan action or flagged for the council's dashboard."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from eqtrack.organisations.models import Organisation

from ..models import (
    KPI,
    Contract,
    KPIRating,
    Rating,
    ReturnLine,
    ReturnLink,
    ReturnState,
    SupplierReturn,
)

# "Behind": accepted delivery below this share of what was expected by now (pro rata).
BEHIND_SHARE = Decimal("0.75")
# "Return overdue": a quarter that ended more than this many days ago with no return filed.
RETURN_GRACE_DAYS = 30
# The rating suggested for a contract year, from accepted delivery as a share of what was
# expected by the year's end: at least the first share, the first rating; and so on; below
# the last share, Inadequate. Only a suggestion: the Act leaves the judgement to the council.
SUGGESTION_THRESHOLDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal("1"), Rating.GOOD),
    (Decimal("0.75"), Rating.APPROACHING),
    (Decimal("0.5"), Rating.REQUIRES_IMPROVEMENT),
)

FLAG_LABELS = {
    "missed": "Missed",
    "behind": "Behind",
    "return_overdue": "Return overdue",
}

ZERO = Decimal("0")
# The models' default orderings (by related models) loop in some joins: lists of a contract's
# KPIs (or a bid's commitments) are ordered by the measure explicitly.
KPI_ORDER = ("measure__position", "measure__code", "pk")


# --- Dates: contract quarters and years ------------------------------------------------------


def months_add(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day if it has no such day (31 January
    plus one month is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contract_quarters(
    contract: Contract, *, until: dt.date | None = None
) -> list[tuple[dt.date, dt.date]]:
    """The contract's quarters, counted from its start (a contract starting on 1 April has
    April to June first), each (first day, last day); the last is cut at the contract's end.
    With `until`, only the quarters that have started by then."""
    quarters: list[tuple[dt.date, dt.date]] = []
    n = 0
    while True:
        start = months_add(contract.starts_on, 3 * n)
        if start > contract.ends_on or (until is not None and start > until):
            return quarters
        end = min(
            months_add(contract.starts_on, 3 * (n + 1)) - dt.timedelta(days=1), contract.ends_on
        )
        quarters.append((start, end))
        n += 1


def contract_year_ends(contract: Contract) -> list[dt.date]:
    """The last day of each contract year (the day before each anniversary of its start),
    the last cut at the contract's end."""
    ends: list[dt.date] = []
    n = 1
    while True:
        end = min(months_add(contract.starts_on, 12 * n) - dt.timedelta(days=1), contract.ends_on)
        ends.append(end)
        if end >= contract.ends_on:
            return ends
        n += 1


def quarter_default(contract: Contract, today: dt.date) -> tuple[dt.date, dt.date]:
    """The quarter a return link asks about unless told otherwise: the latest quarter of the
    contract that has ended by `today`, or its first quarter if none has."""
    quarters = contract_quarters(contract)
    ended = [q for q in quarters if q[1] < today]
    return ended[-1] if ended else quarters[0]


# --- How far a KPI has got -------------------------------------------------------------------


def expected_by(kpi: KPI, day: dt.date) -> Decimal:
    """What should have been delivered by `day`, pro rata: nothing at the contract's start,
    the whole target on the KPI's due date, in a straight line between (to 2 places)."""
    start = kpi.contract.starts_on
    if day >= kpi.due_on:
        return kpi.target
    if day <= start:
        return ZERO
    share = Decimal((day - start).days) / Decimal((kpi.due_on - start).days)
    return (kpi.target * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def kpi_delivered(kpi: KPI, *, until: dt.date | None = None) -> Decimal:
    """What the contract manager has accepted as delivered on the KPI (only accepted returns
    count), from returns for periods ending by `until` if given. Uses the `delivered`
    annotation of kpi_rows when there is one and no `until`."""
    if until is None and hasattr(kpi, "delivered"):
        return kpi.delivered  # type: ignore[no-any-return]
    lines = ReturnLine.objects.filter(kpi=kpi, supplier_return__state=ReturnState.ACCEPTED)
    if until is not None:
        lines = lines.filter(supplier_return__period_end__lte=until)
    return lines.aggregate(total=Sum("delivered"))["total"] or ZERO


def _filed(returns: Iterable[SupplierReturn], start: dt.date, end: dt.date) -> bool:
    """Whether a return waiting or accepted covers any of the quarter (a queried return waits
    for the one that replaces it, so it does not count)."""
    return any(
        r.state != ReturnState.QUERIED and r.period_start <= end and r.period_end >= start
        for r in returns
    )


@dataclass
class KPIStatus:
    delivered: Decimal
    expected: Decimal
    percent: Decimal | None  # accepted delivered as a percentage of the target
    flags: list[str] = field(default_factory=list)
    overdue_quarters: list[tuple[dt.date, dt.date]] = field(default_factory=list)

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS[f] for f in self.flags]


def kpi_status(kpi: KPI, today: dt.date) -> KPIStatus:
    """How far the KPI has got by `today`, and its flags (all the delivery rules are here):

    - delivered: the sum of the KPI's lines in ACCEPTED returns (waiting or queried returns
      count for nothing);
    - expected: what should have been delivered by today, pro rata between the contract's
      start and the KPI's due date (expected_by);
    - "missed": the due date has passed (today is after it) and delivered < target;
    - "behind": not missed, delivered < target, and delivered < 75% of expected;
    - "return overdue": delivered < target and a quarter of the contract that started on or
      before the due date ended more than 30 days before today (quarter end + 30 < today) with
      no return filed for it (waiting or accepted; a queried one waits to be replaced).

    Reads the contract's returns through `kpi.contract.returns.all()`, so a list prefetches
    them (kpi_rows does)."""
    delivered = kpi_delivered(kpi)
    expected = expected_by(kpi, today)
    percent = (
        (delivered * 100 / kpi.target).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        if kpi.target
        else None
    )
    status = KPIStatus(delivered=delivered, expected=expected, percent=percent)
    if delivered >= kpi.target:
        return status
    if today > kpi.due_on:
        status.flags.append("missed")
    elif delivered < expected * BEHIND_SHARE:
        status.flags.append("behind")
    returns = list(kpi.contract.returns.all())
    for start, end in contract_quarters(kpi.contract, until=kpi.due_on):
        if end + dt.timedelta(days=RETURN_GRACE_DAYS) < today and not _filed(returns, start, end):
            status.overdue_quarters.append((start, end))
    if status.overdue_quarters:
        status.flags.append("return_overdue")
    return status


def rating_suggest(kpi: KPI, year_ending: dt.date) -> tuple[str | None, Decimal, Decimal]:
    """The rating suggested for the contract year ending on `year_ending`, with what it rests
    on: (rating, accepted delivered in returns for periods ending by then, expected by then
    pro rata). At least 100% of expected: Good; at least 75%: Approaching target; at least
    50%: Requires improvement; below: Inadequate. None if nothing was expected yet."""
    delivered = kpi_delivered(kpi, until=year_ending)
    expected = expected_by(kpi, year_ending)
    if expected <= 0:
        return None, delivered, expected
    share = delivered / expected
    for threshold, rating in SUGGESTION_THRESHOLDS:
        if share >= threshold:
            return rating, delivered, expected
    return Rating.INADEQUATE, delivered, expected


# --- Contracts, KPIs, returns ----------------------------------------------------------------


def _delivered_subquery() -> Coalesce:
    accepted = (
        ReturnLine.objects.filter(kpi=OuterRef("pk"), supplier_return__state=ReturnState.ACCEPTED)
        .order_by()
        .values("kpi")
        .annotate(total=Sum("delivered"))
        .values("total")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    return Coalesce(Subquery(accepted, output_field=money), Value(ZERO), output_field=money)


def kpi_rows(*, organisation: Organisation) -> QuerySet[KPI]:
    """The council's KPIs, each with `delivered` (accepted), its measure, its contract with the
    contract's returns, and its ratings (latest last): what kpi_status needs, in four queries."""
    return (
        KPI.objects.filter(organisation=organisation, contract__archived_at__isnull=True)
        .select_related("measure", "contract")
        .annotate(delivered=_delivered_subquery())
        .prefetch_related(
            Prefetch("contract__returns", queryset=SupplierReturn.objects.order_by()),
            Prefetch("ratings", queryset=KPIRating.objects.order_by("year_ending")),
        )
        .order_by("contract_id", *KPI_ORDER)
    )


def contract_list(*, organisation: Organisation, today: dt.date) -> list[dict[str, Any]]:
    """The council's contracts, newest first, each with its KPIs' flags counted."""
    contracts = list(
        Contract.objects.live()
        .filter(organisation=organisation)
        .select_related("manager", "tender")
        .order_by("-starts_on", "pk")
    )
    flagged: dict[int, int] = {}
    kpis: dict[int, int] = {}
    for kpi in kpi_rows(organisation=organisation):
        kpis[kpi.contract_id] = kpis.get(kpi.contract_id, 0) + 1
        if kpi_status(kpi, today).flags:
            flagged[kpi.contract_id] = flagged.get(kpi.contract_id, 0) + 1
    return [
        {"contract": c, "kpis": kpis.get(c.pk, 0), "flagged": flagged.get(c.pk, 0)}
        for c in contracts
    ]


def contract_get(*, organisation: Organisation, pk: Any) -> Contract:
    contract = (
        Contract.objects.live()
        .filter(organisation=organisation, pk=pk)
        .select_related("manager", "tender", "bid")
        .first()
    )
    if contract is None:
        raise Http404("No such contract")
    return contract


def contract_kpis(
    *, organisation: Organisation, contract: Contract, today: dt.date
) -> list[dict[str, Any]]:
    """The contract's KPIs with how far each has got and its latest rating."""
    rows = []
    for kpi in kpi_rows(organisation=organisation).filter(contract=contract):
        ratings = list(kpi.ratings.all())
        rows.append(
            {
                "kpi": kpi,
                "status": kpi_status(kpi, today),
                "latest_rating": ratings[-1] if ratings else None,
                "ratings": ratings,
            }
        )
    return rows


def contract_returns(*, organisation: Organisation, contract: Contract) -> list[SupplierReturn]:
    """The contract's returns, latest period first, each marked `replaced` if a later return
    was filed for the same period (a queried return is answered by a new one)."""
    returns = list(
        SupplierReturn.objects.filter(organisation=organisation, contract=contract)
        .select_related("decided_by")
        .order_by("-period_end", "-period_start", "-pk")
    )
    seen: set[tuple[dt.date, dt.date]] = set()
    for r in returns:
        key = (r.period_start, r.period_end)
        r.replaced = key in seen  # type: ignore[attr-defined]
        seen.add(key)
    return returns


def contract_links(*, organisation: Organisation, contract: Contract) -> QuerySet[ReturnLink]:
    """The contract's return links, newest first."""
    return ReturnLink.objects.filter(organisation=organisation, contract=contract)


def return_get(*, organisation: Organisation, contract: Contract, pk: Any) -> SupplierReturn:
    found = (
        SupplierReturn.objects.filter(organisation=organisation, contract=contract, pk=pk)
        .select_related("decided_by")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=ReturnLine.objects.select_related("kpi__measure").order_by(
                    "kpi__measure__position", "kpi__measure__code", "pk"
                ),
            )
        )
        .first()
    )
    if found is None:
        raise Http404("No such return")
    return found


def kpi_get(*, organisation: Organisation, contract: Contract, pk: Any) -> KPI:
    kpi = (
        KPI.objects.filter(organisation=organisation, contract=contract, pk=pk)
        .select_related("measure", "contract")
        .first()
    )
    if kpi is None:
        raise Http404("No such KPI")
    return kpi


def kpi_ratings(*, organisation: Organisation, kpi: KPI) -> QuerySet[KPIRating]:
    """The KPI's ratings, latest year first, with who rated them."""
    return (
        KPIRating.objects.filter(organisation=organisation, kpi=kpi)
        .select_related("rated_by")
        .order_by("-year_ending")
    )


# --- Elsewhere: a plan action's social value, the dashboard's flags ---------------------------


@dataclass
class SocialValueRow:
    """One KPI serving a plan action, as the public may see it: no e-mail, no evidence."""

    action_id: int
    contract: str
    supplier: str
    measure: str
    unit: str
    target: Decimal
    delivered: Decimal
    due_on: dt.date
    flags: list[str]

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS[f] for f in self.flags]


def actions_social_value(
    *, organisation: Organisation, action_ids: Iterable[int], today: dt.date
) -> dict[int, list[SocialValueRow]]:
    """For each of these plan actions, the KPIs whose measure serves it, with only accepted
    delivery counted (a page of actions in four queries)."""
    rows: dict[int, list[SocialValueRow]] = {}
    kpis = kpi_rows(organisation=organisation).filter(measure__action_id__in=list(action_ids))
    for kpi in kpis.order_by("measure__code", "contract__title", "pk"):
        status = kpi_status(kpi, today)
        action_id = kpi.measure.action_id
        if action_id is None:  # filtered out above; this tells the type checker
            continue
        rows.setdefault(action_id, []).append(
            SocialValueRow(
                action_id=action_id,
                contract=kpi.contract.title,
                supplier=kpi.contract.supplier,
                measure=kpi.measure.name,
                unit=kpi.measure.unit,
                target=kpi.target,
                delivered=status.delivered,
                due_on=kpi.due_on,
                flags=status.flags,
            )
        )
    return rows


def action_social_value(
    *, organisation: Organisation, action: Any, today: dt.date
) -> list[SocialValueRow]:
    """The KPIs whose measure serves the plan action (contract, supplier, measure, target,
    accepted delivered, flags)."""
    return actions_social_value(organisation=organisation, action_ids=[action.pk], today=today).get(
        action.pk, []
    )


def delivery_flags(*, organisation: Organisation, today: dt.date) -> list[dict[str, Any]]:
    """The council's KPIs flagged missed, behind or with a return overdue, for the dashboard
    (for people who may read tenders: it names suppliers and contracts)."""
    flagged = []
    for kpi in kpi_rows(organisation=organisation).order_by("due_on", "pk"):
        status = kpi_status(kpi, today)
        if status.flags:
            flagged.append({"kpi": kpi, "contract": kpi.contract, "status": status})
    return flagged
