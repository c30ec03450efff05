"""Reads for the score sheets and debrief letters: a council's tender by its number or its
reference, and one of its bids. Who may have them is decided in accounts.permissions."""

from __future__ import annotations

from eqtrack.organisations.models import Organisation

from ..models import Bid, Tender


class TenderNotFound(LookupError):
    """No such tender (or bid) in the council: the message says which."""


def tender_for_documents(
    *, organisation: Organisation, pk: int | None = None, reference: str | None = None
) -> Tender:
    """The council's tender (not archived) by its number or its reference, with what its
    documents read of it (its measures; who recorded and confirmed the agreed scores)."""
    tenders = (
        Tender.objects.live()
        .filter(organisation=organisation)
        .select_related("organisation", "moderated_by", "moderation_confirmed_by")
        .prefetch_related("measures")
    )
    if pk is not None:
        tender = tenders.filter(pk=pk).first()
        if tender is None:
            raise TenderNotFound(f"no tender {pk} in {organisation.name}")
        return tender
    tender = tenders.filter(reference=reference).first()
    if tender is None:
        known = ", ".join(tenders.order_by("reference").values_list("reference", flat=True)[:20])
        raise TenderNotFound(
            f"no tender with the reference {reference!r} in {organisation.name} "
            f"(known: {known or 'none yet'})"
        )
    return tender


def bid_for_documents(*, organisation: Organisation, tender: Tender, pk: int) -> Bid:
    """One of the tender's bids (not archived) by its number."""
    bid = Bid.objects.live().filter(organisation=organisation, tender=tender, pk=pk).first()
    if bid is None:
        raise TenderNotFound(f"no bid {pk} for the tender {tender.reference}")
    return bid


def bid_by_supplier(*, organisation: Organisation, tender: Tender, supplier: str) -> Bid:
    """One of the tender's bids by its supplier's name (the first lot's, where a supplier bid
    for several lots and none is named)."""
    bids = Bid.objects.live().filter(organisation=organisation, tender=tender)
    bid = bids.filter(supplier=supplier).order_by("lot__position", "lot_id").first()
    if bid is None:
        known = ", ".join(sorted(set(bids.values_list("supplier", flat=True))))
        raise TenderNotFound(
            f"no bid from {supplier!r} for the tender {tender.reference} "
            f"(bidders: {known or 'none yet'})"
        )
    return bid
