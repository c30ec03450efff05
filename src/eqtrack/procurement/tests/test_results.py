"""A tender's results read from the database agree with the example worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from eqtrack.procurement.models import ModeratedScore
from eqtrack.procurement.results import tender_results
from eqtrack.procurement.scoring import shown

from .worked_example import worked_tender

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "totals"),
    [
        ("relative", [("Brook Ltd", "88.85"), ("Avon Ltd", "85.63"), ("Cam Ltd", "81.31")]),
        ("proxy", [("Brook Ltd", "88.63"), ("Avon Ltd", "87.50"), ("Cam Ltd", "83.30")]),
    ],
)
def test_the_worked_example_from_the_database(method, totals, django_assert_max_num_queries):
    tender = worked_tender(method)
    with django_assert_max_num_queries(8):
        results = tender_results(tender)
        (lot,) = results.lots
        assert lot.complete and results.complete
        assert [(line.bid.supplier, str(shown(line.result.total))) for line in lot.lines] == [
            (s, t) for s, t in totals
        ]
    assert lot.lines[0].commitments == [
        ("SV1", "Weeks of apprenticeship", D("52.00"), "weeks"),
        ("SV2", "Hours volunteered", D("600.00"), "hours"),
    ]


def test_a_lot_waits_for_every_agreed_score():
    tender = worked_tender()
    ModeratedScore.objects.filter(bid__supplier="Cam Ltd", criterion="quality").delete()
    (lot,) = tender_results(tender).lots
    assert not lot.complete
    assert [line.result for line in lot.lines] == [None, None, None]
    assert [line.bid.supplier for line in lot.lines] == ["Avon Ltd", "Brook Ltd", "Cam Ltd"]
