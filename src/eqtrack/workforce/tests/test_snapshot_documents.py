"""The pay gap documents: `eqtrack paygap --format html|docx|pdf` and a snapshot's download,
each table with a chart beside it, passing the report structure checks every document of
eqtrack's passes (Word: title, language, headings, repeated table headers; PDF: tagged, with
its language, title and bookmarks)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from eqtrack.consultations.census import census_margins
from eqtrack.reports.tests.structure import pdf_structure, word_structure
from eqtrack.workforce.illustrative import illustrative_staff_csv
from eqtrack.workforce.profile import characteristics_count
from eqtrack.workforce.report import snapshot_sections
from eqtrack.workforce.services import staff_figures
from eqtrack.workforce.snapshot_documents import snapshot_document
from eqtrack.workforce.staff import staff_read

DAY = dt.date(2026, 3, 31)


@pytest.fixture
def staff_file(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(illustrative_staff_csv())
    return path


def _sections():
    records = staff_read(illustrative_staff_csv(), source="s.csv", snapshot=DAY).records
    return snapshot_sections(
        figures=staff_figures(records, snapshot=DAY),
        characteristics=characteristics_count(records),
        margins=census_margins("E07000110"),
        population={"area": "Maidstone", "source": "ONS Census 2021", "licence": "OGL v3.0"},
        trend={"snapshots": [DAY], "sex": {}, "ethnicity": {}, "disability": {}},
    )


def test_the_word_document_passes_the_structure_checks_with_a_chart_beside_each_table():
    title = "Pay gaps and workforce profile, 31 March 2026"
    content = snapshot_document(_sections(), file_format="docx", title=title, intro=["Staff."])
    headings = word_structure(content, title=title)
    assert [t for s, t in headings if s == "Heading 2"] == [
        "Gender pay gap",
        "Pay quartiles",
        "Ethnicity pay gap",
        "Disability pay gap",
        "The staff against the borough",
        "Starters against the borough",
        "Leavers against the borough",
        "Staff by grade",
    ]
    document = docx.Document(io.BytesIO(content))
    pictures = document.inline_shapes
    assert len(pictures) == len(document.tables) == 8
    assert pictures[0]._inline.docPr.get("descr").startswith("Gender pay and bonus gaps. Mean")


def test_the_pdf_passes_the_structure_checks():
    title = "Pay gaps and workforce profile, 31 March 2026"
    content = snapshot_document(_sections(), file_format="pdf", title=title, intro=["Staff."])
    reader = pdf_structure(content, title=title)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Mean hourly pay gap" in text and "Staff by grade" in text
