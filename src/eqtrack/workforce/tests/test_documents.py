"""The pay gap documents: `eqtrack paygap --format html|docx|pdf` and a snapshot's download,
each table with a chart beside it, passing the report structure checks every document of
eqtrack's passes (Word: title, language, headings, repeated table headers; PDF: tagged, with
its language, title and bookmarks)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.consultations.census import census_margins
from eqtrack.reports.tests.structure import pdf_structure, word_structure
from eqtrack.workforce.documents import snapshot_document
from eqtrack.workforce.illustrative import illustrative_staff_csv
from eqtrack.workforce.paygap import gender_pay_gap
from eqtrack.workforce.profile import characteristics_count
from eqtrack.workforce.report import snapshot_sections
from eqtrack.workforce.services import staff_figures
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


def test_paygap_writes_each_document_format(staff_file, tmp_path):
    records = staff_read(staff_file.read_bytes(), source="s", snapshot=DAY).records
    mean = gender_pay_gap(records).figures["DiffMeanHourlyPercent"]
    for file_format in ("html", "docx", "pdf"):
        out = tmp_path / f"gap.{file_format}"
        call_command(
            "paygap",
            str(staff_file),
            "--snapshot",
            "2026-03-31",
            "--format",
            file_format,
            "-o",
            str(out),
            stderr=io.StringIO(),
        )
        content = out.read_bytes()
        title = "The gender pay gap at 31 March 2026"
        if file_format == "html":
            assert b"<svg" in content and f"{mean}%".encode() in content
        elif file_format == "docx":
            word_structure(content, title=title)
        else:
            pdf_structure(content, title=title)
    out = tmp_path / "ethnicity.docx"
    call_command(
        "paygap",
        str(staff_file),
        "--snapshot",
        "2026-03-31",
        "--by",
        "ethnicity",
        "--format",
        "docx",
        "-o",
        str(out),
        stderr=io.StringIO(),
    )
    headings = word_structure(out.read_bytes(), title="The ethnicity pay gap at 31 March 2026")
    assert ("Heading 2", "Ethnicity pay gap") in headings


def test_a_document_needs_an_output_file(staff_file):
    with pytest.raises(CommandError, match="--format pdf needs -o FILE"):
        call_command("paygap", str(staff_file), "--snapshot", "2026-03-31", "--format", "pdf")
