"""`eqtrack paygap`'s documents (the same sections and writers as a snapshot's) pass the report
structure checks, carry every figure with a chart beside each table, and keep a group's name
as text."""

from __future__ import annotations

import io

from eqtrack.reports.tests.structure import pdf_structure, word_structure
from eqtrack.workforce.paygap import gender_pay_gap, group_pay_gap
from eqtrack.workforce.snapshot_documents import paygap_document

from .test_paygap import INDIAN, SNAPSHOT, TIES, _ethnicity_staff


def test_the_gender_pay_gap_as_word_pdf_and_html():
    import docx

    gap = gender_pay_gap(TIES, snapshot=SNAPSHOT)
    title = "Gender pay gap, 31 March 2026"
    content = paygap_document(gap, file_format="docx", title=title)
    headings = word_structure(content, title=title)
    assert [t for s, t in headings if s == "Heading 2"] == ["Gender pay gap", "Pay quartiles"]
    document = docx.Document(io.BytesIO(content))
    tables = document.tables
    assert [c.text for c in tables[0].rows[1].cells] == ["Mean hourly pay gap", "9.1%"]
    assert [c.text for c in tables[1].rows[1].cells] == ["Lower quartile", "22.2%", "77.8%"]
    # A chart beside each table in Word too, described for people who cannot see it.
    assert len(document.inline_shapes) == 2
    reader = pdf_structure(paygap_document(gap, file_format="pdf", title=title), title=title)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "61.1%" in text and "Top quartile" in text
    html = paygap_document(gap, file_format="html", title=title).decode()
    assert "<svg" in html
    assert "Lower quartile: Men 22.2%, Women 77.8%" in html  # the chart's description


def test_group_pay_gaps_as_word_and_pdf_with_suppressed_groups():
    import docx

    gaps = group_pay_gap(_ethnicity_staff(), by="ethnicity", snapshot=SNAPSHOT)
    title = "Ethnicity pay gap, 31 March 2026"
    content = paygap_document(gaps, file_format="docx", title=title)
    word_structure(content, title=title)
    rows = {
        r.cells[0].text: [c.text for c in r.cells[1:]]
        for r in docx.Document(io.BytesIO(content)).tables[0].rows
    }
    # Gaps, then the reference's share paid a bonus, then the group's.
    assert rows[INDIAN] == ["20.0%", "20.0%", "25.0%", "25.0%", "50.0%", "100.0%"]
    assert rows["White: Roma"] == ["not shown"] * 6
    reader = pdf_structure(paygap_document(gaps, file_format="pdf", title=title), title=title)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "fewer than 10" in text
    assert "did not declare" in text or "not declared" in text
