"""How a tender's bids are scored and ranked: price, quality and social value, each weighted
as the tender's evaluation model says, worked in exact decimals.

The formulas (README, "Social value: how tenders are scored", works an example of each):

- Price: `price weight × lowest price in the lot ÷ the bid's price` (the cheapest bid gets the
  whole weight).
- Quality: `quality weight × the agreed score ÷ the top of the scale`.
- Social value, the qualitative answer: `social value weight × (1 − quantitative share) ×
  the agreed score ÷ the top of the scale`.
- Social value, the commitments (`social value weight × quantitative share × a ratio`), by the
  tender's method:
  - relative to the best bid: for each measure the tender asks for, the bid's quantity ÷ the
    largest quantity any bid in the lot offers (0 when no bid offers any), averaged over the
    measures with equal weight;
  - proxy-value totals: the bid's commitments in pounds (quantity × the measure's proxy value,
    summed) ÷ the largest such total in the lot (0 when every total is 0).

Nothing is rounded until it is shown: each figure is shown to two decimal places, halves
rounded up (`shown`), and bids are ranked on their unrounded totals, equal totals sharing a
rank. PPN 002 (Cabinet Office, 13 February 2025) asks that social value carry at least 10% of
the total score; the weights themselves are checked where a tender is set up
(services.tenders), not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


class ScoringError(ValueError):
    """A bid or model that cannot be scored, with a message naming what is wrong."""


def shown(value: Decimal) -> Decimal:
    """The figure as every output shows it: two decimal places, halves rounded up."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class EvaluationModel:
    """A tender's weights (percent of the total score, summing to 100), how much of the social
    value weight the commitments carry, how they are scored, and the scoring scale's top."""

    price_weight: Decimal
    quality_weight: Decimal
    social_value_weight: Decimal
    quantitative_share: Decimal  # percent of the social value weight
    method: str  # "relative" or "proxy" (models.QuantitativeMethod)
    scale_top: Decimal  # 100 or 5
    # The measures the tender asks for: code → proxy value in pounds per unit (None if none).
    measures: Mapping[str, Decimal | None] = field(default_factory=dict)

    @property
    def quantitative_weight(self) -> Decimal:
        return self.social_value_weight * self.quantitative_share / HUNDRED

    @property
    def qualitative_weight(self) -> Decimal:
        return self.social_value_weight - self.quantitative_weight


@dataclass(frozen=True)
class BidScores:
    """What one bid brings to scoring: its price, the agreed (moderated) scores on the
    tender's scale, and its commitments (measure code → quantity)."""

    supplier: str
    price: Decimal
    quality: Decimal
    social_value: Decimal
    commitments: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class BidResult:
    supplier: str
    price: Decimal
    price_score: Decimal
    quality_score: Decimal
    qualitative_score: Decimal
    quantitative_score: Decimal
    # The commitments' ratio before weighting (0 to 1), and for the proxy method their total.
    quantitative_ratio: Decimal
    proxy_total: Decimal | None
    total: Decimal
    rank: int
    tied: bool

    @property
    def social_value_score(self) -> Decimal:
        return self.qualitative_score + self.quantitative_score


def _check(model: EvaluationModel, bids: list[BidScores]) -> None:
    if model.scale_top <= 0:
        raise ScoringError("the scoring scale's top must be more than 0")
    if model.method not in ("relative", "proxy"):
        raise ScoringError(f"{model.method!r} is not a way of scoring commitments")
    if model.method == "proxy" and model.quantitative_share > 0:
        missing = sorted(code for code, proxy in model.measures.items() if proxy is None)
        if missing:
            raise ScoringError(
                "the proxy-value method needs a proxy value for every measure; "
                f"none for {', '.join(missing)}"
            )
    seen: set[str] = set()
    for bid in bids:
        if bid.supplier in seen:
            raise ScoringError(f"{bid.supplier}: two bids from one supplier in one lot")
        seen.add(bid.supplier)
        if bid.price <= 0:
            raise ScoringError(f"{bid.supplier}: a price must be more than £0")
        for name, score in (("quality", bid.quality), ("social value", bid.social_value)):
            if not 0 <= score <= model.scale_top:
                raise ScoringError(
                    f"{bid.supplier}: the {name} score {score} is not on the scale 0 to "
                    f"{model.scale_top}"
                )
        for code, quantity in bid.commitments.items():
            if quantity < 0:
                raise ScoringError(f"{bid.supplier}: a commitment to {code} below 0")


def _ratio(value: Decimal, best: Decimal) -> Decimal:
    return value / best if best > 0 else Decimal(0)


def score_lot(model: EvaluationModel, bids: Iterable[BidScores]) -> list[BidResult]:
    """Every bid of one lot scored and ranked, best first."""
    bids = list(bids)
    _check(model, bids)
    if not bids:
        return []
    with localcontext() as context:
        context.prec = 40
        lowest = min(bid.price for bid in bids)
        codes = list(model.measures)

        def quantity(bid: BidScores, code: str) -> Decimal:
            return bid.commitments.get(code, Decimal(0))

        if model.method == "relative":
            best = {code: max(quantity(bid, code) for bid in bids) for code in codes}
            ratios = {
                bid.supplier: (
                    sum((_ratio(quantity(bid, c), best[c]) for c in codes), Decimal(0)) / len(codes)
                    if codes
                    else Decimal(0)
                )
                for bid in bids
            }
            totals: dict[str, Decimal | None] = dict.fromkeys(ratios)
        else:
            totals = {
                bid.supplier: sum(
                    (quantity(bid, c) * (model.measures[c] or Decimal(0)) for c in codes),
                    Decimal(0),
                )
                for bid in bids
            }
            best_total = max(t or Decimal(0) for t in totals.values())
            ratios = {s: _ratio(t or Decimal(0), best_total) for s, t in totals.items()}

        unranked = []
        for bid in bids:
            price_score = model.price_weight * lowest / bid.price
            quality_score = model.quality_weight * bid.quality / model.scale_top
            qualitative = model.qualitative_weight * bid.social_value / model.scale_top
            quantitative = model.quantitative_weight * ratios[bid.supplier]
            unranked.append(
                (
                    price_score + quality_score + qualitative + quantitative,
                    bid,
                    price_score,
                    quality_score,
                    qualitative,
                    quantitative,
                )
            )
    unranked.sort(key=lambda row: (-row[0], row[1].supplier))
    results = []
    for total, bid, price_score, quality_score, qualitative, quantitative in unranked:
        rank = 1 + sum(1 for other, *_ in unranked if other > total)
        tied = sum(1 for other, *_ in unranked if other == total) > 1
        results.append(
            BidResult(
                supplier=bid.supplier,
                price=bid.price,
                price_score=price_score,
                quality_score=quality_score,
                qualitative_score=qualitative,
                quantitative_score=quantitative,
                quantitative_ratio=ratios[bid.supplier],
                proxy_total=totals[bid.supplier],
                total=total,
                rank=rank,
                tied=tied,
            )
        )
    return results
