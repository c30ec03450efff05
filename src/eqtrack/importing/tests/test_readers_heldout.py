"""The reader changes the held-out corpus layouts asked for, each on its smallest case: a
status as a coloured mark, a status column per quarter, a list numbered by hand, an action
set out as a heading and a description list, a PDF table ruled only by shaded stripes."""

import pytest

from eqtrack.importing.readers.blocks import Cell, Paragraph, Table
from eqtrack.importing.readers.pdf import PdfReader, _all_pages, _blocks
from eqtrack.importing.readers.tables import blocks_to_report, items_from_paragraphs
from eqtrack.importing.readers.web_page import WebPageReader

HEADINGS = ["Ref", "Action", "Lead", "Q1 RAG", "Q2 RAG", "Q3 RAG"]


def _cell(text: str, **kwargs) -> Cell:
    return Cell([Paragraph(text)] if text else [], **kwargs)


def _read(rows: list[list[Cell]]):
    table = Table([[_cell(h) for h in HEADINGS[: len(rows[0])]], *rows])
    return blocks_to_report([table], source="t").themes[0].actions


def test_a_mark_in_a_coloured_font_is_its_colours_rating():
    header = [_cell(h) for h in ("Ref", "Action", "RAG")]
    rows = [
        [_cell("1"), _cell("Publish the pay gap."), _cell("●", ink="FF0000")],
        [_cell("2"), _cell("Train managers."), _cell("●")],
    ]
    actions = blocks_to_report([Table([header, *rows])], source="t").themes[0].actions
    assert (actions[0].status.text, actions[0].status.category) == ("Red", "off_track")
    assert actions[1].status.category is None  # no colour: kept as written, not guessed


def test_a_status_per_quarter_gives_the_latest_filled_in():
    actions = _read(
        [
            [_cell("1"), _cell("Publish the pay gap."), _cell("x"), _cell("G"), _cell("A")]
            + [_cell("")],
            [_cell("2"), _cell("Train managers."), _cell("x"), _cell("A"), _cell("G")]
            + [_cell("R")],
        ]
    )
    assert [(a.status.text, a.status.category) for a in actions] == [
        ("A", "at_risk"),
        ("R", "off_track"),
    ]


def test_a_list_numbered_by_hand_loses_its_numbers_and_nothing_else_does():
    assert items_from_paragraphs([Paragraph("1. Audit."), Paragraph("2. Report.")]) == [
        "Audit.",
        "Report.",
    ]
    # Not a list from 1 in order: the numbers are the text's own.
    assert items_from_paragraphs([Paragraph("2. Audit."), Paragraph("3. Report.")]) == [
        "2. Audit.",
        "3. Report.",
    ]
    assert items_from_paragraphs([Paragraph("1. Audit."), Paragraph("Report.")]) == [
        "1. Audit.",
        "Report.",
    ]


def test_an_action_as_a_heading_and_a_description_list_is_a_row():
    page = b"""<html><body><h2>Housing</h2><p>Homes for all.</p>
    <section><h3>EO1.1 Shorten waits for adaptations.</h3><dl><dt>Lead</dt><dd>Head of Housing</dd>
    <dt>Progress</dt><dd><ul><li>Waits down to 9 weeks.</li></ul></dd><dt>Status</dt>
    <dd>On track</dd></dl></section>
    <section><h3>EO1.2 Record equality data.</h3><dl><dt>Lead</dt><dd>Head of Policy</dd>
    <dt>Progress</dt><dd>Form changed.</dd><dt>Status</dt><dd>Complete</dd></dl></section>
    </body></html>"""
    report = WebPageReader.read(page, source="p.html")
    (theme,) = report.themes
    assert (theme.title, theme.objective) == ("Housing", "Homes for all.")
    assert [(a.ref, a.text, a.lead, a.progress, a.status.category) for a in theme.actions] == [
        (
            "EO1.1",
            "Shorten waits for adaptations.",
            "Head of Housing",
            ["Waits down to 9 weeks."],
            "on_track",
        ),
        ("EO1.2", "Record equality data.", "Head of Policy", ["Form changed."], "complete"),
    ]


# A PDF table ruled as many councils' are: a shaded header, every other row shaded, a line
# under each row and no lines down. pdfplumber finds only the shaded rows, each on its own.
_STRIPED = (
    "<style>table{border-collapse:collapse;width:100%;table-layout:fixed}"
    "th{background:#1f3864;color:#fff;text-align:left;padding:3pt}"
    "td{padding:3pt;text-align:left;vertical-align:top;border-bottom:0.5pt solid #aaa}"
    "tbody tr:nth-child(even) td{background:#e9eef6}</style>"
)
# The same tables ruled all round.
_GRID = "<style>table{border-collapse:collapse;width:100%;table-layout:fixed}th,td{border:0.5pt solid #000;padding:3pt;text-align:left}</style>"
_ROWS = [
    ("1", "Publish the pay gap.", "Head of HR", "Published in March.", "Complete"),
    ("2", "Train all managers.", "Learning Manager", "82% trained.", "On track"),
    ("3", "Audit the website.", "Web Manager", "Audit half done.", "At risk"),
]


def _table(rows) -> str:
    header = "".join(f"<th>{h}</th>" for h in ("Ref", "Action", "Lead", "Progress", "Status"))
    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _pdf(page: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<html><body>{page}</body></html>").write_pdf()


def _pdf_read(page: str):
    return PdfReader.read(_pdf(page), source="striped.pdf")


def test_a_pdf_table_ruled_only_by_shaded_stripes_keeps_its_unshaded_rows():
    report = _pdf_read(_STRIPED + "<h2>Workforce</h2><p>A fair employer.</p>" + _table(_ROWS))
    [theme] = report.themes
    assert (theme.title, theme.objective) == ("Workforce", "A fair employer.")
    read = [(a.ref, a.text, a.lead, a.progress, a.status.text) for a in theme.actions]
    assert read == [
        (ref, text, lead, [progress], status) for ref, text, lead, progress, status in _ROWS
    ]


@pytest.mark.parametrize("style", [_STRIPED, _GRID], ids=["striped", "grid"])
def test_two_tables_with_the_same_columns_and_a_heading_between_stay_two(style):
    page = f"{style}<h2>Workforce</h2>{_table(_ROWS[:2])}<h2>Services</h2>{_table(_ROWS[2:])}"
    report = _pdf_read(page)
    assert [(t.title, [a.ref for a in t.actions]) for t in report.themes] == [
        ("Workforce", ["1", "2"]),
        ("Services", ["3"]),
    ]


@pytest.mark.parametrize("style", [_STRIPED, _GRID], ids=["striped", "grid"])
def test_a_paragraph_across_the_columns_is_not_a_row_between_two_tables(style):
    note = "Figures are for the year to March; the next update comes to committee in June 2025."
    page = f"{style}<h2>Workforce</h2>{_table(_ROWS[:2])}<p>{note}</p>{_table(_ROWS[2:])}"
    actions = [a for theme in _pdf_read(page).themes for a in theme.actions]
    assert [a.ref for a in actions] == ["1", "2", "3"]
    assert "committee" not in str(actions)


@pytest.mark.parametrize("style", [_STRIPED, _GRID], ids=["striped", "grid"])
def test_a_table_opening_with_the_header_above_is_a_table_of_its_own(style):
    # A bold line of body text between them is no heading and fits the first column.
    page = f"{style}{_table(_ROWS[:2])}<p><b>Services</b></p>{_table(_ROWS[2:])}"
    tables = [b for b in _blocks(_all_pages(_pdf(page))) if isinstance(b, Table)]
    assert [[row[0].text for row in t.rows] for t in tables] == [["Ref", "1", "2"], ["Ref", "3"]]
