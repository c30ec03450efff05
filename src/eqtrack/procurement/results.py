"""A tender's results as every output shows them (the ranking page, the score sheets, the award
report and debrief letters): each lot's bids scored by `scoring` from the agreed (moderated)
scores, with what the evaluators each gave and why the agreed score differs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .models import SCALE_TOP, Bid, Criterion, EvaluatorScore, Lot, ModeratedScore, Tender
from .scoring import BidResult, BidScores, EvaluationModel, score_lot


@dataclass(frozen=True)
class ScoreGiven:
    """One evaluator's own score of one bid on one criterion."""

    evaluator: str
    score: Decimal
    rationale: str


@dataclass(frozen=True)
class Agreed:
    """The moderation's agreed score of one bid on one criterion, and the reason for any change
    from what the evaluators gave."""

    score: Decimal
    reason: str
    given: list[ScoreGiven]

    @property
    def changed(self) -> bool:
        return any(g.score != self.score for g in self.given)


@dataclass(frozen=True)
class BidLine:
    bid: Bid
    result: BidResult | None  # None until every agreed score is in
    agreed: dict[str, Agreed]  # criterion → agreed score
    commitments: list[tuple[str, str, Decimal, str]]  # code, measure name, quantity, unit


@dataclass(frozen=True)
class LotResults:
    lot: Lot
    lines: list[BidLine]

    @property
    def complete(self) -> bool:
        return bool(self.lines) and all(line.result is not None for line in self.lines)


@dataclass(frozen=True)
class TenderResults:
    tender: Tender
    model: EvaluationModel
    lots: list[LotResults] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.lots) and all(lot.complete for lot in self.lots)


def evaluation_model(tender: Tender) -> EvaluationModel:
    measures = {m.code: m.proxy_value for m in tender.measures.all()}
    return EvaluationModel(
        price_weight=tender.price_weight,
        quality_weight=tender.quality_weight,
        social_value_weight=tender.social_value_weight,
        quantitative_share=tender.quantitative_share,
        method=tender.quantitative_method,
        scale_top=SCALE_TOP[tender.scale],
        measures=measures,
    )


def tender_results(tender: Tender) -> TenderResults:
    """The tender's lots, each with its live bids ranked best first once every bid in the lot
    has its agreed scores (until then in supplier order, unscored). A fixed number of queries
    whatever the number of bids."""
    model = evaluation_model(tender)
    bids = list(
        Bid.objects.live()
        .filter(tender=tender)
        .select_related("lot")
        .prefetch_related("commitments__measure")
        .order_by("lot__position", "lot__pk", "supplier")
    )
    agreed_rows = ModeratedScore.objects.filter(bid__tender=tender)
    given_rows = EvaluatorScore.objects.filter(bid__tender=tender).select_related("evaluator__user")
    given: dict[tuple[int, str], list[ScoreGiven]] = defaultdict(list)
    for row in given_rows:
        name = row.evaluator.user.get_full_name() or row.evaluator.user.get_username()
        given[(row.bid_id, row.criterion)].append(ScoreGiven(name, row.score, row.rationale))
    agreed: dict[int, dict[str, Agreed]] = defaultdict(dict)
    for moderated in agreed_rows:
        agreed[moderated.bid_id][moderated.criterion] = Agreed(
            moderated.score,
            moderated.reason,
            given.get((moderated.bid_id, moderated.criterion), []),
        )
    by_lot: dict[int, list[Bid]] = defaultdict(list)
    for bid in bids:
        by_lot[bid.lot_id].append(bid)
    lots = []
    for lot in Lot.objects.filter(tender=tender).order_by("position", "pk"):
        lot_bids = by_lot.get(lot.pk, [])
        criteria = (Criterion.QUALITY, Criterion.SOCIAL_VALUE)
        scored = all(c in agreed[b.pk] for b in lot_bids for c in criteria)
        results: dict[int, BidResult] = {}
        if lot_bids and scored:
            inputs = [
                BidScores(
                    supplier=str(b.pk),
                    price=b.price,
                    quality=agreed[b.pk][Criterion.QUALITY].score,
                    social_value=agreed[b.pk][Criterion.SOCIAL_VALUE].score,
                    commitments={c.measure.code: c.quantity for c in b.commitments.all()},
                )
                for b in lot_bids
            ]
            results = {int(r.supplier): r for r in score_lot(model, inputs)}
            lot_bids = sorted(lot_bids, key=lambda b: (results[b.pk].rank, b.supplier))
        lines = [
            BidLine(
                bid=b,
                result=results.get(b.pk),
                agreed=agreed.get(b.pk, {}),
                commitments=[
                    (c.measure.code, c.measure.name, c.quantity, c.measure.unit)
                    for c in b.commitments.all()
                ],
            )
            for b in lot_bids
        ]
        lots.append(LotResults(lot=lot, lines=lines))
    return TenderResults(tender=tender, model=model, lots=lots)
