"""The appendix carries every part of the period's updates in every writer, on A4 pages, and
no PDF page starts under an empty action cell (issue 15)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from eqtrack.reports.data import report_data
from eqtrack.reports.writers.html import HtmlWriter
from eqtrack.reports.writers.pdf import PdfWriter, pdf_from_html
from eqtrack.reports.writers.spreadsheets import CsvWriter
from eqtrack.reports.writers.word import WordWriter, word_bytes, word_document

HEADINGS = ["Agreed Actions", "Progress – 2024", "Issues and next steps", "Status"]
A4_POINTS = (595.28, 841.89)


def _plan(actions: list[dict]) -> dict:
    return {
        "format": "eqtrack-plan/1",
        "title": "Equality Action Plan",
        "organisation": "Example Council",
        "periods": ["2024"],
        "themes": [
            {"title": "As an employer", "objective": "A fair employer.", "actions": actions}
        ],
    }


def _action(ref: str | None, *, progress: list, next_steps: list, status: str | None) -> dict:
    return {
        "ref": ref,
        "text": f"We will do the work of {ref or 'the council'}.",
        "updates": [
            {
                "period": "2024",
                "progress": progress,
                "next_steps": next_steps,
                "status": {"text": status, "category": "on_track"} if status else None,
            }
        ],
    }


@pytest.fixture(scope="module")
def three_parts():
    """Each action's update has progress, issues and next steps, and a status."""
    actions = [
        _action(
            f"E{n}", progress=[f"Progress E{n}."], next_steps=[f"Next E{n}."], status=f"Ahead E{n}"
        )
        for n in (1, 2, 3)
    ]
    return report_data(document=_plan(actions), period="2024", glossary={})


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_part_is_in_the_html_appendix(three_parts):
    html = HtmlWriter.write(three_parts).decode()
    appendix = html.split('<section aria-labelledby="theme-1">')[1]
    headings = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', appendix)
    assert headings == HEADINGS
    for n in (1, 2, 3):
        row = re.search(rf'<tr id="action-1-{n}".*?</tr>', appendix, re.DOTALL)
        assert row, f"no row for E{n}"
        cells = re.findall(r"<td>(.*?)</td>", row.group(0), re.DOTALL)
        assert [_flat(re.sub(r"<[^>]+>", " ", c)).strip() for c in cells] == [
            f"Progress E{n}.",
            f"Next E{n}.",
            f"Ahead E{n}",
        ]


def test_every_part_is_in_the_word_appendix(three_parts):
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(WordWriter.write(three_parts)))
    appendix = document.tables[-1]
    assert [c.text for c in appendix.rows[0].cells] == HEADINGS
    assert [[c.text for c in row.cells] for row in appendix.rows[1:]] == [
        [f"E{n} We will do the work of E{n}.", f"Progress E{n}.", f"Next E{n}.", f"Ahead E{n}"]
        for n in (1, 2, 3)
    ]
    # Rows that fit on a page are kept on one.
    for row in appendix.rows[1:]:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    # Four columns share the page's width as the HTML does: 22%, 40%, 24%, 14%.
    widths = [cell.width for cell in appendix.rows[1].cells]
    assert [round(100 * w / sum(widths)) for w in widths] == [22, 40, 24, 14]


def test_every_part_is_in_the_pdf_appendix(three_parts):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(PdfWriter.write(three_parts))) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
        table = pdf.pages[-1].extract_tables()[-1]
    assert _flat(text).count("Issues and next steps") == 1
    assert [_flat(cell or "") for cell in table[0]] == HEADINGS
    for n in (1, 2, 3):
        assert [_flat(cell or "") for cell in table[n][1:]] == [
            f"• Progress E{n}.",
            f"• Next E{n}.",
            f"Ahead E{n}",
        ]


def test_the_spreadsheets_carry_next_steps_and_status(three_parts):
    rows = list(csv.DictReader(io.StringIO(CsvWriter.write(three_parts).decode("utf-8-sig"))))
    assert [(r["ref"], r["progress"], r["next_steps"], r["status"]) for r in rows] == [
        (f"E{n}", f"- Progress E{n}.", f"- Next E{n}.", f"Ahead E{n}") for n in (1, 2, 3)
    ]


def _mm(length) -> float:
    return round(length / 36000, 1)  # English Metric Units


def test_word_and_pdf_reports_are_a4_by_default(three_parts):
    import docx
    import pdfplumber

    document = docx.Document(io.BytesIO(WordWriter.write(three_parts)))
    for section in document.sections:  # landscape, for the wide appendix
        assert (_mm(section.page_width), _mm(section.page_height)) == (297.0, 210.0)
    with pdfplumber.open(io.BytesIO(PdfWriter.write(three_parts))) as pdf:
        for page in pdf.pages:
            assert page.width == pytest.approx(A4_POINTS[1], abs=1)
            assert page.height == pytest.approx(A4_POINTS[0], abs=1)


def test_other_word_and_pdf_documents_are_a4():
    """The assessments' and consultations' documents are written by word_document and
    pdf_from_html on the shared documents/base.html: portrait A4."""
    import docx
    import pdfplumber
    from django.template.loader import render_to_string

    content = word_bytes(word_document("Equality impact assessment: Parking"))
    section = docx.Document(io.BytesIO(content)).sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210.0, 297.0)
    html = render_to_string("documents/base.html", {"title": "Consultation: Parking"})
    with pdfplumber.open(io.BytesIO(pdf_from_html(html))) as pdf:
        [page] = pdf.pages
        assert (page.width, page.height) == pytest.approx(A4_POINTS, abs=1)


def _letter_template() -> bytes:
    import docx

    template = docx.Document()  # python-docx's own template: US Letter, portrait
    template.sections[0].header.paragraphs[0].text = "Example Council – OFFICIAL"
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def test_an_organisations_template_keeps_its_page_size(three_parts):
    import copy

    import docx

    data = copy.copy(three_parts)
    data.word_template = _letter_template()
    document = docx.Document(io.BytesIO(WordWriter.write(data)))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Example Council – OFFICIAL"
    # US Letter (215.9 × 279.4 mm), turned to landscape for the appendix as before.
    assert (_mm(section.page_width), _mm(section.page_height)) == (279.4, 215.9)


def _long_plan() -> dict:
    """A short row, a row longer than a page, then rows each a third of a page or so, which a
    page break would cut without being kept together; and a long row with no reference."""
    many = [
        f"Item {i} of the progress, a sentence of some length to fill the line." for i in range(70)
    ]
    some = [f"Point {i} of the progress made this year." for i in range(5)]
    actions = [
        _action("A1", progress=["Short."], next_steps=["Next."], status="On track"),
        _action("A2", progress=many, next_steps=["Next."], status="On track"),
        *(
            _action(f"A{n}", progress=some, next_steps=["Next."], status="On track")
            for n in range(3, 10)
        ),
        _action(None, progress=many[:40], next_steps=[], status=None),
    ]
    return _plan(actions)


def test_no_pdf_page_starts_under_an_empty_action_cell():
    import pdfplumber

    data = report_data(document=_long_plan(), period="2024", glossary={})
    pdf_bytes = PdfWriter.write(data)
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        pages = [page.extract_text().splitlines() for page in pdf.pages]
    header = "Agreed Actions Progress – 2024 Issues and next steps Status"
    table_pages = [lines for lines in pages if header in lines]
    assert len(table_pages) >= 5
    # The first two lines of each page's table, below the repeated header row.
    tops = [lines[lines.index(header) + 1 : lines.index(header) + 3] for lines in table_pages]
    # The long row's next pages start with its reference, said to be continued; the long row
    # with no reference with its first words.
    assert sum(top[0].startswith("A2 (continued) • Item ") for top in tops) >= 2
    assert (
        sum(
            top[0].startswith("We will do the work of • Item ")
            and top[1].startswith("the council. (continued) ")
            for top in tops
        )
        >= 2
    )
    for top in tops:
        # Every page of the table starts with an action's reference or its words: a row
        # kept together, or one that says it is continued; never progress under an empty cell.
        assert re.match(r"(A\d+ We will|A2 \(continued\) •|We will do the work of •)", top[0]), top
    # Short rows are kept together: two to a page, each whole.
    assert any(re.match(r"A\d+ We will", top[0]) and "continued" not in top[0] for top in tops)
    # Each row of the long one's pages is there once: the continued words add nothing else.
    text = "\n".join("\n".join(lines) for lines in pages)
    assert all(text.count(f"Item {i} of the progress") == 1 for i in range(40, 70))
    assert text.count("A2 We will do the work") == 1 and text.count("A2 (continued)") >= 2
    # Read back by eqtrack's own PDF reader, each long row is one action again.
    from eqtrack.importing.readers.pdf import PdfReader

    [theme] = PdfReader.read(pdf_bytes, source="report.pdf").themes
    assert [a.text for a in theme.actions] == [
        *(f"A{n} We will do the work of A{n}." for n in range(1, 10)),
        "We will do the work of the council.",
    ]
    assert len(theme.actions[1].progress) == 70 and len(theme.actions[9].progress) == 40


def test_short_rows_are_not_labelled_continued(three_parts):
    html = HtmlWriter.write(three_parts).decode()
    assert "(continued)</div>" not in html  # the web page never has the words
    import pdfplumber

    with pdfplumber.open(io.BytesIO(PdfWriter.write(three_parts))) as pdf:
        assert "(continued)" not in "".join(page.extract_text() for page in pdf.pages)
