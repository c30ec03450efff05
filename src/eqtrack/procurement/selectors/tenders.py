"""Reads of tenders, for those who may read them: bids are commercially confidential, so
procurement officers, administrators, contract managers and viewers read every tender
(accounts.permissions.can_read_tenders), an evaluator only the tenders they are asked to score,
and anyone else none: to them the tender does not exist."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from eqtrack.accounts.permissions import can_read_tenders, membership
from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation

from ..models import Evaluator, Lot, SocialValueMeasure, Tender


def tenders_readable(*, organisation: Organisation, user: Person | None) -> QuerySet[Tender]:
    """The council's live tenders this person may read, newest first."""
    tenders = Tender.objects.live().filter(organisation=organisation)
    if can_read_tenders(user, organisation.pk):
        return tenders
    if user is None or user.pk is None or membership(user, organisation.pk) is None:
        return tenders.none()
    asked = Evaluator.objects.filter(organisation=organisation, user_id=user.pk).values("tender_id")
    return tenders.filter(pk__in=asked)


def tender_for(*, organisation: Organisation, user: Person | None, pk: int) -> Tender:
    """One tender this person may read; Tender.DoesNotExist for any other (show a 404)."""
    return tenders_readable(organisation=organisation, user=user).get(pk=pk)


def tender_list(*, organisation: Organisation, user: Person | None) -> list[Tender]:
    """The tenders page's list: each with its lots, in two queries."""
    return list(
        tenders_readable(organisation=organisation, user=user)
        .order_by("-created_at", "-pk")
        .prefetch_related(Prefetch("lots", queryset=Lot.objects.order_by("position", "pk")))
    )


def tender_overview(*, tender: Tender) -> dict:
    """What a tender's overview shows beside the tender: its lots and chosen measures (with
    their outcomes and themes) and chosen outcomes, in the library's order."""
    return {
        "lots": list(tender.lots.order_by("position", "pk")),
        "outcomes": list(
            tender.outcomes.select_related("theme").order_by("theme__position", "position", "name")
        ),
        "measures": list(
            SocialValueMeasure.objects.filter(pk__in=tender.measures.values("pk"))
            .select_related("outcome__theme")
            .order_by("outcome__theme__position", "outcome__position", "position", "code")
        ),
    }
