"""The score sheet (award report) in every format against the worked example: the figures
worked by hand, the evaluation model, the evaluators' declarations, the moderation record, the
reason for a low social value weighting, and the structure checks every eqtrack document
passes (tagged PDF with its language and title, Word headings and repeating header rows, a
spreadsheet's header row, frozen panes and numbers kept as numbers)."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pdfplumber
import pytest

from eqtrack.procurement.documents import (
    DocumentNotReady,
    score_sheet,
)
from eqtrack.procurement.models import Bid, Lot, ModeratedScore
from eqtrack.procurement.results import tender_results
from eqtrack.procurement.scoring import shown
from eqtrack.reports.tests.structure import pdf_structure, word_structure

from .documents_example import CHANGED_REASON, CONFLICT, evaluated_tender

pytestmark = pytest.mark.django_db

TITLE = "Score sheet: W-relative Worked example"
TOTALS = [("Brook Ltd", "88.85"), ("Avon Ltd", "85.63"), ("Cam Ltd", "81.31")]
LOW_REASON = "An emergency repair of low value: <the only> local suppliers bid."


@pytest.fixture
def results():
    return tender_results(evaluated_tender())


@pytest.fixture
def low_results():
    """The worked example weighted 55/35/10 → 55/40/5, with the reason recorded."""
    tender = evaluated_tender()
    tender.price_weight, tender.quality_weight, tender.social_value_weight = D(55), D(40), D(5)
    tender.low_weighting_reason = LOW_REASON
    tender.save()
    tender.refresh_from_db()
    return tender_results(tender)


def _pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_the_spreadsheet_keeps_numbers_as_numbers_with_a_header_row_and_frozen_panes(results):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(score_sheet(results, file_format="xlsx")))
    assert workbook.sheetnames == ["Model", "Evaluators", "Lot 1", "Commitments", "Moderation"]
    assert workbook.properties.title == TITLE
    assert workbook.properties.language == "en-GB"
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
    lot = workbook["Lot 1"]
    header = [cell.value for cell in lot[1]]
    assert header == [
        "Supplier",
        "Price",
        "Price score (out of 50)",
        "Quality (out of 35)",
        "Social value (answer) (out of 7.5)",
        "Social value (commitments) (out of 7.5)",
        "Total (out of 100)",
        "Rank",
        "Tied with another bid",
    ]
    rows = [[cell for cell in row] for row in lot.iter_rows(min_row=2)]
    (lot_results,) = results.lots
    for row, line, (supplier, total) in zip(rows, lot_results.lines, TOTALS, strict=True):
        assert row[0].value == supplier
        assert line.result is not None
        # A number equal to the unrounded total rounded to 2 dp, shown with two places.
        assert isinstance(row[6].value, float)
        assert row[6].value == float(shown(line.result.total)) == float(total)
        assert row[6].number_format == "0.00"
        assert isinstance(row[1].value, int | float) and row[1].number_format == '"£"#,##0.00'
        assert all(isinstance(cell.value, int | float) for cell in row[1:8])
        assert row[8].value == "No"
    assert [row[7].value for row in rows] == [1, 2, 3]
    # Brook Ltd: 42.22 + 35.00 + 6.00 + 5.63 (README's working).
    assert [cell.value for cell in rows[0][2:6]] == [42.22, 35.0, 6.0, 5.63]
    assert lot.column_dimensions["A"].width >= 20

    model = {row[0].value: row[1].value for row in workbook["Model"].iter_rows(min_row=2)}
    assert model["Estimated contract value"] == 450000
    assert model["Social value weight (%)"] == 15
    assert model["Of which, the commitments (%)"] == 7.5
    assert model["Scoring scale for quality and the social value answer"] == "0 to 5"
    assert model["Score sheet"] == TITLE and model["Council"] == "Worked Council"
    assert "Why social value weighs less than 10%" not in model
    sources = [row[1].value for row in workbook["Model"].iter_rows() if row[0].value == "Source"]
    assert any("Procurement Act 2023, s.19(2)" in s and "s.23" in s for s in sources)
    assert any("Public Services (Social Value) Act 2012, s.1(3)" in s for s in sources)
    assert any("PPN 002" in s for s in sources)

    evaluators = [[c.value for c in row] for row in workbook["Evaluators"].iter_rows(min_row=2)]
    assert [e[0] for e in evaluators] == ["Asha Patel", "Ben Jones", "Carys Evans"]
    assert evaluators[2][2:] == ["Declared a conflict of interest, so scored nothing", CONFLICT]
    assert evaluators[0][2] == "No conflict of interest"

    moderation = [[c.value for c in row] for row in workbook["Moderation"].iter_rows(min_row=2)]
    avon_quality = [r for r in moderation if r[1] == "Avon Ltd" and r[2] == "Quality"]
    assert [(r[3], r[4], r[6], r[7]) for r in avon_quality] == [
        ("Asha Patel", 3.0, 4.0, "Yes"),
        ("Ben Jones", 4.0, 4.0, "Yes"),
    ]
    assert avon_quality[0][8] == CHANGED_REASON
    unchanged = [r for r in moderation if r[1] == "Cam Ltd" and r[2] == "Quality"]
    assert unchanged[0][7] == "No" and unchanged[0][8].startswith("Not changed")

    commitments = [[c.value for c in row] for row in workbook["Commitments"].iter_rows(min_row=2)]
    cam = commitments[-1]
    assert cam[:6] == ["Lot 1", "Cam Ltd", "SV1", "Weeks of apprenticeship", 78, "weeks"]
    assert commitments[-1][6].year == 2028  # a date, not text


def test_the_spreadsheet_keeps_a_formula_looking_supplier_as_text(results):
    from openpyxl import load_workbook

    Bid.objects.filter(supplier="Cam Ltd").update(supplier='=HYPERLINK("x")')
    fresh = tender_results(results.tender)
    lot = load_workbook(io.BytesIO(score_sheet(fresh, file_format="xlsx")))["Lot 1"]
    cell = lot["A4"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s" and cell.quotePrefix


def test_the_word_document_passes_the_structure_checks(results):
    import docx
    from docx.enum.section import WD_ORIENT

    content = score_sheet(results, file_format="docx")
    headings = word_structure(content, title=TITLE)
    assert [t for s, t in headings if s == "Heading 2"] == [
        "The tender and its evaluation model",
        "Evaluators and their declarations",
        "Lot 1",
        "Sources",
    ]
    assert [t for s, t in headings if s == "Heading 3"] == [
        "The scoring scale",
        "How each score is worked out",
        "Bids ranked by total score",
        "Commitments",
        "Moderation record",
    ]
    document = docx.Document(io.BytesIO(content))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    ranking = next(
        t for t in document.tables if t.rows[0].cells[0].text == "Supplier" and len(t.columns) == 8
    )
    rows = [[c.text for c in row.cells] for row in ranking.rows]
    assert rows[0][-1] == "Rank"
    assert [(r[0], r[6], r[7]) for r in rows[1:]] == [
        ("Brook Ltd", "88.85", "1"),
        ("Avon Ltd", "85.63", "2"),
        ("Cam Ltd", "81.31", "3"),
    ]
    assert rows[1][1:6] == ["£450,000.00", "42.22", "35.00", "6.00", "5.63"]
    text = _docx_text(content)
    assert CHANGED_REASON in text and CONFLICT in text
    assert "Asha Patel: 3.00 (Avon Ltd: Quality scored 3.)" in text
    assert "Procurement Act 2023, s.19(2)" in text and "PPN 002" in text


def test_the_pdf_is_tagged_with_its_language_title_and_figures(results):
    content = score_sheet(results, file_format="pdf")
    pdf_structure(content, title=TITLE)
    text = _pdf_text(content)
    for supplier, total in TOTALS:
        assert supplier in text and total in text
    for figure in ("42.22", "47.50", "50.00", "2.81", "£450,000.00"):
        assert figure in text
    assert "Carys Evans" in text and "Moderation record" in text
    assert "Public Services (Social Value) Act 2012, s.1(3)" in text


def test_the_html_has_header_cells_and_escapes_text(results):
    Bid.objects.filter(supplier="Cam Ltd").update(supplier="Cam <Ltd>")
    html = score_sheet(tender_results(results.tender), file_format="html").decode()
    assert '<html lang="en-GB">' in html and f"<title>{TITLE}</title>" in html
    assert "<h1>" in html and "<h2>Lot 1</h2>" in html
    assert '<th scope="col"' in html and '<th scope="row">Brook Ltd</th>' in html
    assert "Cam &lt;Ltd&gt;" in html and "Cam <Ltd>" not in html
    assert "<caption>Lot 1: bids ranked by total score" in html


def test_tied_totals_share_a_rank_marked_with_an_equals_sign(results):
    # Avon Ltd priced and scored as Brook Ltd: their commitments average the same (0.75).
    Bid.objects.filter(supplier="Avon Ltd").update(price=D("450000"))
    avon = Bid.objects.get(supplier="Avon Ltd")
    ModeratedScore.objects.filter(bid=avon, criterion="quality").update(score=D("5"))
    ModeratedScore.objects.filter(bid=avon, criterion="social_value").update(score=D("4"))
    tied = tender_results(results.tender)
    html = score_sheet(tied, file_format="html").decode()
    assert '<td class="num">=1</td>' in html and '<td class="num">3</td>' in html
    text = _docx_text(score_sheet(tied, file_format="docx"))
    assert "=1" in text
    from openpyxl import load_workbook

    lot = load_workbook(io.BytesIO(score_sheet(tied, file_format="xlsx")))["Lot 1"]
    assert [(r[7], r[8]) for r in lot.iter_rows(min_row=2, values_only=True)] == [
        (1, "Yes"),
        (1, "Yes"),
        (3, "No"),
    ]


@pytest.mark.parametrize("file_format", ["xlsx", "pdf", "docx", "html"])
def test_the_reason_for_a_low_social_value_weighting_is_in_every_format(low_results, file_format):
    content = score_sheet(low_results, file_format=file_format)
    text = {
        "xlsx": _xlsx_text,
        "pdf": _pdf_text,
        "docx": _docx_text,
        "html": lambda c: c.decode().replace("&lt;", "<").replace("&gt;", ">"),
    }[file_format](content)
    assert "social value weighs less than 10%" in text.lower()
    assert LOW_REASON in " ".join(text.split())


def test_the_low_weighting_reason_comes_first_in_the_word_document_and_spreadsheet(low_results):
    from openpyxl import load_workbook

    headings = word_structure(score_sheet(low_results, file_format="docx"), title=TITLE)
    assert headings[1] == ("Heading 2", "Social value weighs less than 10%")
    model = load_workbook(io.BytesIO(score_sheet(low_results, file_format="xlsx")))["Model"]
    assert [c.value for c in model[2]] == ["Why social value weighs less than 10%", LOW_REASON]
    assert model["B2"].font.bold


def test_a_score_sheet_waits_for_every_agreed_score(results):
    ModeratedScore.objects.filter(bid__supplier="Cam Ltd", criterion="quality").delete()
    with pytest.raises(DocumentNotReady, match="agreed scores"):
        score_sheet(tender_results(results.tender), file_format="pdf")


def test_an_unknown_format_is_refused(results):
    with pytest.raises(ValueError, match="'csv': a score sheet is one of xlsx, pdf, docx, html"):
        score_sheet(results, file_format="csv")


def test_the_proxy_method_is_stated_and_its_totals_shown():
    results = tender_results(evaluated_tender("proxy"))
    text = _docx_text(score_sheet(results, file_format="docx"))
    assert "Proxy-value totals, relative to the highest total" in text
    assert "proxy value £250.00 a unit" in text
    for total in ("88.63", "87.50", "83.30"):
        assert total in text


def test_each_lot_has_its_sheet_and_the_scale_its_descriptors(results):
    from openpyxl import load_workbook

    tender = results.tender
    tender.descriptors = [
        {"score": 0, "descriptor": "No answer, or one that does not address the question."},
        {"score": 5, "descriptor": "Excellent: every part answered, with evidence."},
    ]
    tender.save()
    lot = Lot.objects.create(
        organisation=tender.organisation, tender=tender, name="Lot 2: north/south", position=1
    )
    bid = Bid.objects.create(
        organisation=tender.organisation, tender=tender, lot=lot, supplier="Dee Ltd", price=D(1)
    )
    officer = ModeratedScore.objects.first().recorded_by
    for criterion in ("quality", "social_value"):
        ModeratedScore.objects.create(
            organisation=tender.organisation,
            bid=bid,
            criterion=criterion,
            score=D(2),
            recorded_by=officer,
        )
    both = tender_results(tender)
    workbook = load_workbook(io.BytesIO(score_sheet(both, file_format="xlsx")))
    assert workbook.sheetnames == [
        "Model",
        "Evaluators",
        "Lot 1",
        "Lot 2  north south",
        "Commitments",
        "Moderation",
    ]
    (dee,) = workbook["Lot 2  north south"].iter_rows(min_row=2, values_only=True)
    # Alone in its lot: the whole price weight, 35 × 2/5, 7.5 × 2/5, no commitments.
    assert dee[:8] == ("Dee Ltd", 1, 50, 14, 3, 0, 67, 1)
    text = _docx_text(score_sheet(both, file_format="docx"))
    assert "Excellent: every part answered, with evidence." in text
    assert "Lot 2: north/south" in text
    assert "No bid in this lot made a commitment." in text
