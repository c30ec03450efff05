"""Word, PDF and web-page versions of the two seed reports read as the same plan as the text."""

import dataclasses
import html
import io
import json
from pathlib import Path

import pytest

from eqtrack.importing.parsing import files_parse
from eqtrack.importing.readers import reader_for
from eqtrack.importing.readers.pdf import PdfReader
from eqtrack.importing.readers.web_page import WebPageReader
from eqtrack.importing.readers.word import WordReader

from .documents import html_to_pdf, report_to_docx, report_to_html, report_to_pdf, text_to_pdf

BUILDERS = {
    "docx": (report_to_docx, WordReader),
    "html": (lambda report: report_to_html(report).encode(), WebPageReader),
    "pdf": (report_to_pdf, PdfReader),
}


@pytest.fixture(scope="module")
def text_plan(request):
    root = Path(__file__).resolve().parents[4] / "sample_data"
    paths = [
        root / "equalities-actions-update-2021.txt",
        root / "equalities-actions-update-2022.txt",
    ]
    return paths, files_parse(paths=paths, periods=["2021", "2022"]).document


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_the_seeds_in_another_format_give_the_same_plan(text_plan, tmp_path, kind):
    paths, expected = text_plan
    build, reader = BUILDERS[kind]
    converted = []
    for path in paths:
        data = path.read_bytes()
        report = reader_for(data, source=path.name).read(data, source=path.name)
        # The file name says nothing of its format: the content decides.
        target = tmp_path / f"{path.stem}.report"
        target.write_bytes(build(report))
        assert reader_for(target.read_bytes(), source=target.name) is reader
        converted.append(target)
    document = files_parse(paths=converted, periods=["2021", "2022"]).document
    assert json.dumps(document, indent=1, ensure_ascii=False) == json.dumps(
        expected, indent=1, ensure_ascii=False
    )


def test_a_pdf_with_no_tables_is_read_from_its_text_lines(tmp_path):
    source = (
        Path(__file__).resolve().parents[4] / "sample_data" / "equalities-actions-update-2022.txt"
    )
    data = source.read_bytes()
    expected = reader_for(data, source="t").read(data, source="t")
    report = PdfReader.read(text_to_pdf(data.decode("utf-8")), source="plain.pdf")
    assert report.notes == ["no ruled tables found; read from the text lines"]
    assert report.period == "2022"
    assert report.themes == expected.themes


def test_a_pdf_of_an_emailed_update_is_read_through_the_labelled_text_reader():
    """An e-mail printed to PDF: no tables, numbered actions with 'Lead:', 'Progress:' and
    'Status:' lines, a list under 'Progress:', a greeting and a signature around them."""
    lines = [
        "Subject: Equality action plan – update for Q3 2023/24",
        "Dear colleagues,",
        "Please find below where each action in our equality action plan stands, for the "
        "Corporate Equality Group on 12 January.",
        "Theme 1: Our workforce",
        "Objective: Recruit, retain and develop a diverse workforce.",
        "1.1 Publish our gender, ethnicity and disability pay gaps each year.",
        "Lead: Head of HR",
        "Due: March 2024",
        "Progress: The gender pay gap was published in March; the ethnicity and disability "
        "gaps follow once the staff survey has closed and its data have been checked.",
        "Status: On track",
        "1.2 Train every manager in inclusive recruitment.",
        "Lead: Learning and Development Manager",
        "Progress:",
        "- 82% of managers trained",
        "- Sessions for the rest booked",
        "Status: Slipped",
        "Theme 2: Our services",
        "2.1 Assess every budget proposal's effect on equality.",
        "Progress: All 14 proposals assessed.",
        "Status: Complete",
        "Kind regards,",
        "Priya Shah",
    ]
    page = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    report = PdfReader.read(html_to_pdf(f"<html><body>{page}</body></html>"), source="e.pdf")
    assert [(t.title, t.objective) for t in report.themes] == [
        ("Our workforce", "Recruit, retain and develop a diverse workforce."),
        ("Our services", ""),
    ]
    actions = [a for t in report.themes for a in t.actions]
    assert [(a.ref, a.text, a.lead, a.due, a.progress, a.status.category) for a in actions] == [
        (
            "1.1",
            "Publish our gender, ethnicity and disability pay gaps each year.",
            "Head of HR",
            "March 2024",
            [
                "The gender pay gap was published in March; the ethnicity and disability gaps "
                "follow once the staff survey has closed and its data have been checked."
            ],
            "on_track",
        ),
        (
            "1.2",
            "Train every manager in inclusive recruitment.",
            "Learning and Development Manager",
            None,
            ["82% of managers trained", "Sessions for the rest booked"],
            "off_track",
        ),
        (
            "2.1",
            "Assess every budget proposal's effect on equality.",
            None,
            None,
            ["All 14 proposals assessed."],
            "complete",
        ),
    ]
    # The subject, greeting and signature are left out; the paragraph before the first theme
    # is the plan's introduction.
    assert report.notes == [
        "4 line(s) of the e-mail's header, greeting or signature left out",
        "no ruled tables found; read from the text lines",
    ]
    assert report.introduction == [
        "Please find below where each action in our equality action plan stands, for the "
        "Corporate Equality Group on 12 January."
    ]


def test_running_headers_footers_and_page_numbers_are_not_plan_text(text_plan):
    paths, _ = text_plan
    data = paths[0].read_bytes()
    report = reader_for(data, source="t").read(data, source="t")
    pdf = report_to_pdf(report)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        first_page = document.pages[0].extract_text()
        assert "Communities, Housing and Environment Committee" in first_page
        assert "Page 1 of" in first_page
    read = PdfReader.read(pdf, source="p.pdf")
    flat = json.dumps([dataclasses.asdict(t) for t in read.themes], ensure_ascii=False)
    assert "Committee – 14 March" not in flat and "Page 1 of" not in flat
    assert read.themes == report.themes


def test_a_pdf_table_without_ruling_lines_is_read_by_position():
    """Ref | Action | Lead officer | Progress | RAG set out with spacing alone."""
    import weasyprint

    rows = [
        ("1.1", "Publish our pay gaps each year.", "Head of HR", "Gender gap published.", "Green"),
        ("1.2", "Train all managers.", "Learning Manager", "82% of managers trained.", "Amber"),
    ]
    cells = "".join(
        "<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>" for row in rows
    )
    headings = "".join(
        f"<th>{h}</th>" for h in ("Ref", "Action", "Lead officer", "Progress", "RAG")
    )
    page = (
        "<style>td,th{border:none;padding:0 8pt 10pt 0;text-align:left;vertical-align:top}"
        "</style><h2>Workforce</h2><p>A fair employer.</p>"
        f"<table><tr>{headings}</tr>{cells}</table>"
    )
    report = PdfReader.read(weasyprint.HTML(string=page).write_pdf(), source="u.pdf")
    [theme] = report.themes
    assert (theme.title, theme.objective) == ("Workforce", "A fair employer.")
    read = [(a.ref, a.text, a.lead, a.progress, a.status.category) for a in theme.actions]
    assert read == [
        (
            "1.1",
            "Publish our pay gaps each year.",
            "Head of HR",
            ["Gender gap published."],
            "on_track",
        ),
        ("1.2", "Train all managers.", "Learning Manager", ["82% of managers trained."], "at_risk"),
    ]
