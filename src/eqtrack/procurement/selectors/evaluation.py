"""Reads for evaluating a tender: the tender as one may see it, its bids, its evaluators, the
scores each person may see (an evaluator sees no one else's before submitting their own; the
procurement officer sees none until everyone has submitted), the moderation sheet and results."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from eqtrack.accounts.models import Membership, Role
from eqtrack.accounts.permissions import can_read_tender_results, can_read_tenders
from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation

from ..models import (
    Bid,
    Contract,
    Criterion,
    Evaluator,
    EvaluatorScore,
    Lot,
    ModeratedScore,
    Tender,
    TenderStage,
)
from ..results import TenderResults, tender_results

CRITERIA = (Criterion.QUALITY, Criterion.SOCIAL_VALUE)
# The criteria as a sentence names them.
CRITERION_WORDS = {"quality": "quality", "social_value": "social value answer"}
# Who may be asked to score: never a viewer (or another role that reads no bids).
EVALUATOR_ROLES = (Role.EVALUATOR, Role.PROCUREMENT, Role.ADMINISTRATOR)


def evaluation_tender_for(*, organisation: Organisation, user: Person, pk: int) -> Tender:
    """The tender, for those who read tenders and for its own evaluators; anyone else is told
    it does not exist (Tender.DoesNotExist)."""
    tender = Tender.objects.live().filter(organisation=organisation, pk=pk).first()
    if tender is None:
        raise Tender.DoesNotExist("No such tender")
    if can_read_tenders(user, organisation.pk):
        return tender
    if evaluator_for(organisation=organisation, tender=tender, user=user) is not None:
        return tender
    raise Tender.DoesNotExist("No such tender")


def evaluator_for(*, organisation: Organisation, tender: Tender, user: Person) -> Evaluator | None:
    """The person's place among the tender's evaluators, if they are one (and still a member)."""
    if not user or not user.is_authenticated:
        return None
    if not Membership.objects.live().filter(organisation=organisation, user_id=user.pk).exists():
        return None
    return Evaluator.objects.filter(
        organisation=organisation, tender=tender, user_id=user.pk
    ).first()


def evaluator_get(*, organisation: Organisation, tender: Tender, pk: int) -> Evaluator:
    return Evaluator.objects.select_related("user", "tender").get(
        organisation=organisation, tender=tender, pk=pk
    )


def bid_get(*, organisation: Organisation, tender: Tender, pk: int) -> Bid:
    return (
        Bid.objects.live()
        .select_related("lot", "tender")
        .get(organisation=organisation, tender=tender, pk=pk)
    )


def lot_list(*, organisation: Organisation, tender: Tender) -> list[Lot]:
    """The tender's lots, each with how many live bids it has (`bid_count`)."""
    return list(
        Lot.objects.filter(organisation=organisation, tender=tender)
        .annotate(bid_count=Count("bids", filter=Q(bids__archived_at__isnull=True)))
        .order_by("position", "pk")
    )


def bid_list(*, organisation: Organisation, tender: Tender) -> QuerySet[Bid]:
    """The tender's live bids with their lots and commitments."""
    return (
        Bid.objects.live()
        .filter(organisation=organisation, tender=tender)
        .select_related("lot")
        .prefetch_related("commitments__measure")
        .order_by("lot__position", "lot__pk", "supplier")
    )


def evaluator_list(*, organisation: Organisation, tender: Tender) -> list[Evaluator]:
    """The tender's evaluators with their declarations and whether they have submitted."""
    return list(
        Evaluator.objects.filter(organisation=organisation, tender=tender)
        .select_related("user")
        .order_by("pk")
    )


def evaluator_candidates(*, organisation: Organisation, tender: Tender) -> list[Membership]:
    """Members who may be asked to score: evaluators, procurement officers, administrators,
    not already on the tender."""
    taken = Evaluator.objects.filter(tender=tender).values("user_id")
    return list(
        Membership.objects.live()
        .filter(organisation=organisation, role__in=EVALUATOR_ROLES)
        .exclude(user_id__in=taken)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def bids_for_evaluator(*, organisation: Organisation, evaluator: Evaluator) -> list[Bid]:
    """The bids an evaluator scores: only once they have declared no conflict of interest."""
    if evaluator.declared_at is None:
        raise PermissionDenied("declare any conflict of interest before you see the bids")
    if evaluator.has_conflict:
        raise PermissionDenied("you declared a conflict of interest, so you do not see the bids")
    return list(bid_list(organisation=organisation, tender=evaluator.tender))


def own_scores(
    *, organisation: Organisation, evaluator: Evaluator
) -> dict[tuple[int, str], EvaluatorScore]:
    """The evaluator's own scores, (bid pk, criterion) → score."""
    return {
        (s.bid_id, s.criterion): s
        for s in EvaluatorScore.objects.filter(organisation=organisation, evaluator=evaluator)
    }


def scores_visible(
    *, organisation: Organisation, tender: Tender, user: Person
) -> list[EvaluatorScore]:
    """Every evaluator's scores this person may see: an evaluator sees others' only once they
    have submitted their own (before, only their own); those who read tenders see them once
    every evaluator without a conflict has submitted; anyone else none."""
    rows = EvaluatorScore.objects.filter(
        organisation=organisation, bid__tender=tender, bid__archived_at__isnull=True
    ).select_related("evaluator__user", "bid")
    evaluator = evaluator_for(organisation=organisation, tender=tender, user=user)
    everyone_in = all_submitted(organisation=organisation, tender=tender)
    if evaluator is not None and evaluator.scores_submitted_at is None:
        return list(rows.filter(evaluator=evaluator))
    if evaluator is not None:
        # Once they have submitted: their own and those of the others who have submitted, never
        # a colleague's unsubmitted draft.
        return list(
            rows.filter(Q(evaluator=evaluator) | Q(evaluator__scores_submitted_at__isnull=False))
        )
    if can_read_tenders(user, organisation.pk) and everyone_in:
        return list(rows)
    return []


def all_submitted(*, organisation: Organisation, tender: Tender) -> bool:
    """Whether every evaluator without a conflict has submitted (and there are some)."""
    if tender.stage in (TenderStage.MODERATION, TenderStage.AWARDED):
        return True
    states = list(
        Evaluator.objects.filter(organisation=organisation, tender=tender).values_list(
            "has_conflict", "declared_at", "scores_submitted_at"
        )
    )
    scoring = [s for s in states if not s[0]]
    return bool(scoring) and all(d is not None and s is not None for _, d, s in scoring)


@dataclass
class SheetCell:
    """One bid on one criterion at moderation: every evaluator's own score and the agreed one."""

    bid: Bid
    criterion: str
    given: list[EvaluatorScore] = field(default_factory=list)
    agreed: ModeratedScore | None = None

    @property
    def criterion_label(self) -> str:
        return CRITERION_WORDS[self.criterion]

    @property
    def changed(self) -> bool:
        return self.agreed is not None and any(g.score != self.agreed.score for g in self.given)

    @property
    def spread(self) -> tuple[Decimal, Decimal] | None:
        scores = [g.score for g in self.given]
        return (min(scores), max(scores)) if scores else None


def moderation_sheet(*, organisation: Organisation, tender: Tender) -> list[SheetCell]:
    """Each bid × criterion with every evaluator's score and rationale side by side, and the
    agreed score if recorded. A fixed number of queries whatever the number of bids."""
    bids = list(
        Bid.objects.live()
        .filter(organisation=organisation, tender=tender)
        .select_related("lot")
        .order_by("lot__position", "lot__pk", "supplier")
    )
    given: dict[tuple[int, str], list[EvaluatorScore]] = defaultdict(list)
    for row in (
        EvaluatorScore.objects.filter(organisation=organisation, bid__in=bids)
        .select_related("evaluator__user")
        .order_by("evaluator_id")
    ):
        given[(row.bid_id, row.criterion)].append(row)
    agreed = {
        (m.bid_id, m.criterion): m
        for m in ModeratedScore.objects.filter(
            organisation=organisation, bid__in=bids
        ).select_related("recorded_by")
    }
    return [
        SheetCell(
            bid=bid,
            criterion=c,
            given=given.get((bid.pk, c), []),
            agreed=agreed.get((bid.pk, c)),
        )
        for bid in bids
        for c in CRITERIA
    ]


def moderation_cell(
    *, organisation: Organisation, tender: Tender, bid: Bid, criterion: str
) -> SheetCell:
    if criterion not in CRITERIA:
        raise Bid.DoesNotExist("No such criterion")
    return SheetCell(
        bid=bid,
        criterion=criterion,
        given=list(
            EvaluatorScore.objects.filter(organisation=organisation, bid=bid, criterion=criterion)
            .select_related("evaluator__user")
            .order_by("evaluator_id")
        ),
        agreed=ModeratedScore.objects.filter(
            organisation=organisation, bid=bid, criterion=criterion
        ).first(),
    )


def results_for(*, organisation: Organisation, tender: Tender, user: Person) -> TenderResults:
    """The tender's ranking, for those allowed to see it (accounts.permissions)."""
    if tender.organisation_id != organisation.pk or not can_read_tender_results(user, tender):
        raise PermissionDenied(
            "the results are for those who read tenders once moderation has started, and for "
            "the evaluators once the tender is awarded"
        )
    return tender_results(tender)


def winning_bids(*, organisation: Organisation, tender: Tender) -> list[tuple[Any, Bid, Any]]:
    """For an awarded tender, each lot with the bid it was awarded to (Lot.awarded_bid, kept at
    the award) and that bid's contract, if it has one yet; nothing before the award."""
    if tender.organisation_id != organisation.pk or tender.stage != TenderStage.AWARDED:
        return []
    contracts = {c.bid_id: c for c in Contract.objects.filter(tender=tender)}
    awarded = (
        Lot.objects.filter(tender=tender, awarded_bid__isnull=False)
        .select_related("awarded_bid")
        .order_by("position", "pk")
    )
    return [
        (lot, lot.awarded_bid, contracts.get(lot.awarded_bid.pk))
        for lot in awarded
        if lot.awarded_bid is not None
    ]


def contract_manager_candidates(*, organisation: Organisation) -> list[Membership]:
    """Who may be named a contract's manager: contract managers, procurement officers and
    administrators."""
    return list(
        Membership.objects.live()
        .filter(
            organisation=organisation,
            role__in=(Role.CONTRACT_MANAGER, Role.PROCUREMENT, Role.ADMINISTRATOR),
        )
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def tenders_to_score(*, organisation: Organisation, user: Person | None) -> list[Tender]:
    """The tenders being evaluated that wait for this person's declaration or scores."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Tender.objects.live()
        .filter(
            organisation=organisation,
            stage=TenderStage.EVALUATING,
            evaluators__user=user,
            evaluators__has_conflict=False,
            evaluators__scores_submitted_at__isnull=True,
        )
        .order_by("-created_at")
    )
