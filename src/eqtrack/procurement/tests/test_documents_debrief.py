"""Debrief letters (assessment summaries, Procurement Act 2023 s.50): a bidder sees its own
scores and rank and the winning bid's, with the reasons, and nothing of any other losing bid."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from eqtrack.organisations.models import Organisation
from eqtrack.procurement.documents import DocumentNotReady, debrief_letter
from eqtrack.procurement.models import Bid, Contract, ModeratedScore, TenderStage
from eqtrack.procurement.results import tender_results
from eqtrack.reports.tests.structure import pdf_structure, word_structure

from .documents_example import CHANGED_REASON, evaluated_tender
from .test_documents import _docx_text, _pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def results():
    return tender_results(evaluated_tender(stage=TenderStage.AWARDED))


def _letter_text(results, supplier: str, file_format: str) -> str:
    bid = Bid.objects.get(supplier=supplier)
    content = debrief_letter(results, bid, file_format=file_format)
    text = _docx_text(content) if file_format == "docx" else _pdf_text(content)
    return " ".join(text.split())


@pytest.mark.parametrize("file_format", ["docx", "pdf"])
def test_the_third_bidder_sees_its_scores_and_the_winners_and_no_one_elses(results, file_format):
    text = _letter_text(results, "Cam Ltd", file_format)
    # Its own: price score 50.00, quality 21.00, answer 7.50, commitments 2.81, total 81.31.
    for figure in ("£380,000.00", "50.00", "21.00", "7.50", "2.81", "81.31", "3rd of 3"):
        assert figure in text
    # The winner's: 42.22, 35.00, 6.00, 5.63, 88.85.
    for figure in ("Brook Ltd", "42.22", "35.00", "6.00", "5.63", "88.85"):
        assert figure in text
    # Nothing of Avon Ltd (2nd): its name, price, scores and total.
    for figure in ("Avon", "£400,000.00", "47.50", "28.00", "4.50", "85.63"):
        assert figure not in text
    # Nor the evaluators' names (the estimated contract value, £450,000, is the winner's
    # price by chance in this example, so that is not checked).
    for secret in ("Asha Patel", "Ben Jones", "Carys Evans"):
        assert secret not in text
    assert "section 50 of the Procurement Act 2023" in text
    assert "Cam Ltd: Quality scored 3.00." in text  # the evaluators' reasons
    assert "Brook Ltd: Quality scored 5.00." in text


def test_the_letters_pass_the_structure_checks(results):
    cam = Bid.objects.get(supplier="Cam Ltd")
    title = "Assessment summary for Cam Ltd: W-relative Worked example"
    headings = word_structure(debrief_letter(results, cam, file_format="docx"), title=title)
    assert [t for s, t in headings if s == "Heading 2"] == [
        "The outcome",
        "The scores",
        "Why your bid scored as it did",
        "Why Brook Ltd's bid scored as it did",
        "How the bids were scored",
        "Sources",
    ]
    pdf_structure(debrief_letter(results, cam, file_format="pdf"), title=title)


def test_a_changed_score_gives_the_moderations_reason(results):
    # Avon Ltd's letter: its quality score was changed at moderation.
    text = _letter_text(results, "Avon Ltd", "docx")
    assert CHANGED_REASON in text and "2nd of 3" in text
    assert "Cam" not in text and "81.31" not in text


def test_the_winner_hears_it_is_the_most_advantageous_tender(results):
    import docx

    content = debrief_letter(results, Bid.objects.get(supplier="Brook Ltd"), file_format="docx")
    text = " ".join(_docx_text(content).split())
    assert "ranked 1st of 3: it is the most advantageous tender" in text
    assert "Avon" not in text and "Cam" not in text
    scores = docx.Document(io.BytesIO(content)).tables[0]
    assert [c.text for c in scores.rows[0].cells] == ["Score", "Your bid"]
    assert [c.text for c in scores.rows[-1].cells] == ["Total (out of 100)", "88.85"]


def test_letters_wait_for_the_award(results):
    tender = results.tender
    tender.stage = TenderStage.MODERATION
    tender.save()
    with pytest.raises(DocumentNotReady, match="once the contract is awarded"):
        debrief_letter(
            tender_results(tender), Bid.objects.get(supplier="Cam Ltd"), file_format="pdf"
        )


def test_tied_top_bids_need_the_contract_to_name_the_winner(results):
    from decimal import Decimal as D

    avon = Bid.objects.get(supplier="Avon Ltd")
    Bid.objects.filter(pk=avon.pk).update(price=D("450000"))
    ModeratedScore.objects.filter(bid=avon, criterion="quality").update(score=D("5"))
    ModeratedScore.objects.filter(bid=avon, criterion="social_value").update(score=D("4"))
    cam = Bid.objects.get(supplier="Cam Ltd")
    with pytest.raises(DocumentNotReady, match="equal totals"):
        debrief_letter(tender_results(results.tender), cam, file_format="docx")
    Contract.objects.create(
        organisation=avon.organisation,
        tender=results.tender,
        bid=avon,
        title="Worked example",
        supplier="Avon Ltd",
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2028, 12, 31),
    )
    content = debrief_letter(tender_results(results.tender), cam, file_format="docx")
    text = " ".join(_docx_text(content).split())
    assert "was Avon Ltd's" in text and "Brook" not in text


def test_a_bid_of_another_tender_is_refused(results):
    elsewhere = Organisation.objects.create(name="Elsewhere", slug="elsewhere")
    other = tender_results(
        evaluated_tender("proxy", stage=TenderStage.AWARDED, organisation=elsewhere)
    )
    cam = Bid.objects.filter(supplier="Cam Ltd", tender=results.tender).get()
    with pytest.raises(DocumentNotReady, match="not a bid of W-proxy"):
        debrief_letter(other, cam, file_format="docx")
