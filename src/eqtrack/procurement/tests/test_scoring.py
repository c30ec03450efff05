"""The scoring formulas against a three-bidder example worked by hand (README, "Social value:
how tenders are scored", shows the same working)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from eqtrack.procurement.scoring import (
    BidScores,
    EvaluationModel,
    ScoringError,
    score_lot,
    shown,
)

# Price 50%, quality 35%, social value 15% (half from the qualitative answer, half from the
# commitments); scores out of 5. SV1: weeks of apprenticeship (£250 a week as its proxy value);
# SV2: hours volunteered (£15 an hour).
MEASURES = {"SV1": D("250"), "SV2": D("15")}
BIDS = [
    BidScores("Avon Ltd", D("400000"), D("4"), D("3"), {"SV1": D("104"), "SV2": D("300")}),
    BidScores("Brook Ltd", D("450000"), D("5"), D("4"), {"SV1": D("52"), "SV2": D("600")}),
    BidScores("Cam Ltd", D("380000"), D("3"), D("5"), {"SV1": D("78")}),
]


def _model(method: str, **changes) -> EvaluationModel:
    values: dict = {
        "price_weight": D("50"),
        "quality_weight": D("35"),
        "social_value_weight": D("15"),
        "quantitative_share": D("50"),
        "method": method,
        "scale_top": D("5"),
        "measures": MEASURES,
    } | changes
    return EvaluationModel(**values)


def _table(results):
    return {
        r.supplier: (
            shown(r.price_score),
            shown(r.quality_score),
            shown(r.qualitative_score),
            shown(r.quantitative_score),
            shown(r.total),
            r.rank,
        )
        for r in results
    }


def test_relative_to_the_best_bid_worked_by_hand():
    # Price: 50 × 380,000 ÷ 400,000 = 47.50; 50 × 380,000 ÷ 450,000 = 42.22; Cam 50.00.
    # Quality: 35 × 4/5 = 28; 35 × 5/5 = 35; 35 × 3/5 = 21.
    # Qualitative social value: 7.5 × 3/5 = 4.50; 7.5 × 4/5 = 6.00; 7.5 × 5/5 = 7.50.
    # Commitments: SV1 best 104 → 1, 0.5, 0.75; SV2 best 600 → 0.5, 1, 0; averages 0.75,
    # 0.75, 0.375; × 7.5 = 5.625 (5.63), 5.625 (5.63), 2.8125 (2.81).
    # Totals: 85.625 (85.63), 88.847… (88.85), 81.3125 (81.31).
    assert _table(score_lot(_model("relative"), BIDS)) == {
        "Brook Ltd": (D("42.22"), D("35.00"), D("6.00"), D("5.63"), D("88.85"), 1),
        "Avon Ltd": (D("47.50"), D("28.00"), D("4.50"), D("5.63"), D("85.63"), 2),
        "Cam Ltd": (D("50.00"), D("21.00"), D("7.50"), D("2.81"), D("81.31"), 3),
    }


def test_proxy_value_totals_worked_by_hand():
    # Commitments in pounds: Avon 104 × 250 + 300 × 15 = 30,500; Brook 13,000 + 9,000 =
    # 22,000; Cam 19,500. Best 30,500 → 7.5, 7.5 × 22,000 ÷ 30,500 = 5.4098… (5.41),
    # 7.5 × 19,500 ÷ 30,500 = 4.7950… (4.80).
    # Totals: 87.50; 42.2222 + 35 + 6 + 5.4098 = 88.632… (88.63); 50 + 21 + 7.5 + 4.7951 =
    # 83.295… (83.30).
    results = score_lot(_model("proxy"), BIDS)
    assert _table(results) == {
        "Brook Ltd": (D("42.22"), D("35.00"), D("6.00"), D("5.41"), D("88.63"), 1),
        "Avon Ltd": (D("47.50"), D("28.00"), D("4.50"), D("7.50"), D("87.50"), 2),
        "Cam Ltd": (D("50.00"), D("21.00"), D("7.50"), D("4.80"), D("83.30"), 3),
    }
    assert {r.supplier: r.proxy_total for r in results} == {
        "Avon Ltd": D("30500"),
        "Brook Ltd": D("22000"),
        "Cam Ltd": D("19500"),
    }


def test_the_shown_figures_round_halves_up():
    assert shown(D("85.625")) == D("85.63")
    assert shown(D("2.8125")) == D("2.81")
    assert shown(D("0.005")) == D("0.01")


def test_equal_totals_share_a_rank():
    bids = [
        BidScores("One", D("100"), D("5"), D("5")),
        BidScores("Two", D("100"), D("5"), D("5")),
        BidScores("Three", D("200"), D("5"), D("5")),
    ]
    results = score_lot(_model("relative", measures={}), bids)
    assert [(r.supplier, r.rank, r.tied) for r in results] == [
        ("One", 1, True),
        ("Two", 1, True),
        ("Three", 3, False),
    ]
    # With no measures asked for, the commitments score nothing for anyone.
    assert all(r.quantitative_score == 0 for r in results)


def test_no_commitment_to_a_measure_anyone_offers_scores_zero_not_an_error():
    bids = [BidScores("One", D("100"), D("5"), D("5")), BidScores("Two", D("90"), D("4"), D("4"))]
    for method in ("relative", "proxy"):
        results = score_lot(_model(method), bids)
        assert all(r.quantitative_ratio == 0 for r in results)


def test_a_qualitative_only_social_value_weight():
    results = score_lot(_model("relative", quantitative_share=D("0")), BIDS[:1])
    (only,) = results
    # 15 × 3/5 = 9 from the answer, nothing from the commitments; price 50, quality 28.
    assert (shown(only.qualitative_score), shown(only.quantitative_score)) == (D("9.00"), 0)
    assert shown(only.total) == D("87.00")


@pytest.mark.parametrize(
    ("bid", "model_changes", "message"),
    [
        (BidScores("Zero", D("0"), D("1"), D("1")), {}, "Zero: a price must be more than £0"),
        (BidScores("High", D("1"), D("6"), D("1")), {}, "High: the quality score 6 is not"),
        (
            BidScores("Less", D("1"), D("1"), D("1"), {"SV1": D("-1")}),
            {},
            "Less: a commitment to SV1 below 0",
        ),
        (
            BidScores("Any", D("1"), D("1"), D("1")),
            {"method": "proxy", "measures": {"SV1": None}},
            "needs a proxy value for every measure; none for SV1",
        ),
    ],
)
def test_what_cannot_be_scored_is_named(bid, model_changes, message):
    changes = dict(model_changes)
    model = _model(changes.pop("method", "relative"), **changes)
    with pytest.raises(ScoringError, match=message):
        score_lot(model, [bid])
