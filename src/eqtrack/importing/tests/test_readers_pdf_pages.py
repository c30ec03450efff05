"""PDF tables over page breaks (issue 16): a landscape report whose one big table runs over
pages under a running header and a page-number footer, its rows falling at every position
around the break, with and without ruling lines and a header row repeated on each page. Each
layout is checked with pdfplumber before it is read, so a test cannot pass on a page break
that fell somewhere else."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

import pytest

from eqtrack.importing.readers.blocks import Cell, Paragraph, Table
from eqtrack.importing.readers.pdf import PdfReader
from eqtrack.importing.readers.tables import blocks_to_report

RUNNING_HEADER = "Maidstone Borough Council – Equalities Action Plan update 2023"
HEADINGS = ("Ref", "Action", "Lead", "Due", "Progress", "Status")
# A4 landscape with 2cm margins: the body runs from 56.7pt to 538.6pt down the page.
_CSS = """
@page { size: A4 landscape; margin: 2cm;
  @top-center { content: "%s"; font-size: 8pt }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt } }
body { font-family: sans-serif; font-size: 9pt; margin: 0; orphans: 1; widows: 1 }
h1 { font-size: 16pt; margin: 0 0 12pt 0 }
table { border-collapse: collapse; width: 100%%; table-layout: fixed }
td, th { vertical-align: top; padding: 3pt; text-align: left; %s }
p { margin: 0 0 6pt 0 }
"""
_WIDTHS = (6, 26, 16, 10, 32, 10)  # per cent: wide enough that no line here wraps


@dataclass
class Row:
    ref: str
    action: list[str]  # the action cell's lines
    lead: list[str]
    due: str
    progress: list[list[str]]  # paragraphs, each of lines
    status: str
    height: float | None = None  # a fixed height, in points, which WeasyPrint never splits

    def cells(self) -> list[str]:
        def lines(values: list[str]) -> str:
            return "<br>".join(html.escape(v) for v in values)

        progress = "".join(f"<p>{lines(p)}</p>" for p in self.progress)
        return [
            html.escape(self.ref),
            lines(self.action),
            lines(self.lead),
            html.escape(self.due),
            progress,
            html.escape(self.status),
        ]

    def expected(self) -> tuple:
        return (
            self.ref or None,
            " ".join(self.action),
            " ".join(self.lead),
            self.due,
            [" ".join(p) for p in self.progress],
            self.status,
        )


_STATUSES = ("On track", "Complete", "Delayed", "Not started")


def _filler(number: int, height: float) -> Row:
    return Row(
        ref=f"2.{number}",
        action=[f"Deliver commitment {number}"],
        lead=[f"Service Manager {number}"],
        due=f"March 202{number % 10}",
        progress=[[f"Work on commitment {number} has begun with partners."]],
        status=_STATUSES[number % 4],
        height=height,
    )


def _long(number: int, *, lead_lines: int = 1, progress_lines: int = 12) -> Row:
    """A row with no fixed height and many lines, which the page break cuts in two."""
    return Row(
        ref=f"2.{number}",
        action=[
            "Publish an accessible guide to",
            "council services in easy read",
            "and community languages",
        ],
        lead=["Head of Communications", "with the Customer Services", "Team Leader"][:lead_lines],
        due="31 March 2025",
        progress=[
            [
                f"Line {i} of the first update on the guide"
                for i in range(1, progress_lines // 2 + 1)
            ]
            + ["was drafted with the Equalities Forum."],
            [
                f"Line {i} of the second update on the guide"
                for i in range(1, progress_lines // 2 + 1)
            ]
            + ["went to the Disability Access Group."],
        ],
        status="At risk",
    )


def _sentence(
    number: int, *, action: str | None = None, status: str = "On track", height: float = 60
) -> Row:
    """A row with no reference whose action ends with a full stop, as most councils' do."""
    return Row(
        ref="",
        action=[action or f"Deliver equality training to team {number}."],
        lead=[f"Head of HR {number}"],
        due=f"March 202{number % 10}",
        progress=[[f"Training for team {number} is booked."]],
        status=status,
        height=height,
    )


@dataclass
class Layout:
    rows: list[Row]
    last_row_on_page_1: str  # how the first line of the last row starting on page 1 starts
    first_line_on_page_2: str  # how the first line under the table's header on page 2 starts
    ends_flush: bool = False  # page 1's last row ends at the foot of the page body
    guess: str | None = None  # what the reader says it guessed, if anything


# Page 1: the running header, the title and the table's header row; its rows start 104.9pt
# down the page, and the page body ends at 538.6pt: 433.7pt for rows.
_ROOM = 538.6 - 104.9
_FLUSH = (_ROOM - 0.3) / 7  # seven rows this tall fill page 1 to 0.3pt above its foot
LAYOUTS = {
    # The last row on page 1 is complete, 13.7pt above the foot; the next opens page 2.
    "last_row_complete": Layout(
        rows=[_filler(n, 60) for n in range(1, 11)],
        last_row_on_page_1="2.7 ",
        first_line_on_page_2="2.8 ",
    ),
    # Page 1's rows fill it to its foot: the next row starts exactly at the top of page 2.
    "row_starts_exactly_at_the_top": Layout(
        rows=[_filler(n, _FLUSH) for n in range(1, 11)],
        last_row_on_page_1="2.7 ",
        first_line_on_page_2="2.8 ",
        ends_flush=True,
    ),
    # A short one-line row is the last on page 1; a tall row goes to page 2.
    "short_last_row": Layout(
        rows=[
            *[_filler(n, 60) for n in range(1, 7)],
            Row("2.7", ["Adopt the policy"], ["HR"], "2024", [["Adopted."]], "Complete"),
            _filler(8, 120),
            _filler(9, 60),
        ],
        last_row_on_page_1="2.7 ",
        first_line_on_page_2="2.8 ",
    ),
    # The row opening page 2 starts its cells with headings' words ("Action…", "Lead…",
    # "Progress…"): a row, not the table's header, when the header is not repeated.
    "heading_words_at_the_top": Layout(
        rows=[
            *[_filler(n, 60) for n in range(1, 8)],
            Row(
                "2.8",
                ["Action plan for the staff networks"],
                ["Lead Member for Corporate Services"],
                "June 2025",
                [["Progress report went to Committee in June."]],
                "Complete",
                height=60,
            ),
            _filler(9, 60),
            _filler(10, 60),
        ],
        last_row_on_page_1="2.7 ",
        first_line_on_page_2="2.8 Action plan",
    ),
    # The row opening page 2 has no reference but an action of its own (and a lead, due date
    # and status): its own row, though the action above ends with no full stop.
    "unreferenced_row_at_the_top": Layout(
        rows=[
            *[_filler(n, 60) for n in range(1, 8)],
            Row(
                "",
                ["Deliver the staff network plan"],
                ["Head of HR"],
                "May 2025",
                [["Networks meet monthly."]],
                "Delayed",
                height=60,
            ),
            _filler(9, 60),
        ],
        last_row_on_page_1="2.7 ",
        first_line_on_page_2="Deliver the staff network plan",
    ),
    # A long row starts 73.7pt above the foot of page 1 and its progress runs on to page 2;
    # its action, lead and status fit on page 1.
    "row_split_across_the_break": Layout(
        rows=[*[_filler(n, 60) for n in range(1, 7)], _long(7, progress_lines=16), _filler(8, 60)],
        last_row_on_page_1="2.7 ",
        first_line_on_page_2="Line ",
        guess=(
            "page 2: the first row continues action 2.7 from page 1 (it has no reference or "
            "action text of its own)"
        ),
    ),
    # A long row with room for one line on page 1: its action, lead and progress are all cut
    # ("…guide to" / "council services…"), and go on in their own columns on page 2; its
    # reference and status, one line each with the cell's padding, do not fit and open page 2.
    "row_split_after_its_first_line": Layout(
        rows=[
            *[_filler(n, 60) for n in range(1, 7)],
            _filler(7, _ROOM - 6 * 60 - 16.7),
            _long(8, lead_lines=3),
            _filler(9, 60),
        ],
        last_row_on_page_1="Publish an accessible guide to",
        first_line_on_page_2="2.8 council services in easy read",
        guess=(
            "page 2: the first row continues action 2.8 from page 1 (the row above has no "
            "reference and its action text goes on here in lower case: “council services in "
            "easy read and…”)"
        ),
    ),
    # A whole row with no full stop ends page 1 in a report whose actions end with one; the
    # next row, whole, opens page 2 with its own action, lead, due date and status: two rows,
    # never "Staff network launch Deliver equality training…" led by "Head of HR 7 Head of HR
    # 8" (the reviewer's case: rows kept whole, as `break-inside: avoid` keeps them).
    "whole_row_after_an_action_without_a_full_stop": Layout(
        rows=[
            *[_sentence(n) for n in range(1, 7)],
            _sentence(7, action="Staff network launch"),
            *[_sentence(n) for n in range(8, 11)],
        ],
        last_row_on_page_1="Staff network launch",
        first_line_on_page_2="Deliver equality training to team 8.",
    ),
    # As above, the row opening page 2 with a status of its own, unlike the one above: never
    # "Complete Not started", read as complete.
    "own_different_status_at_the_top": Layout(
        rows=[
            *[_sentence(n) for n in range(1, 7)],
            _sentence(7, action="Staff network launch", status="Complete"),
            _sentence(8, status="Not started"),
            _sentence(9),
        ],
        last_row_on_page_1="Staff network launch",
        first_line_on_page_2="Deliver equality training to team 8.",
    ),
    # Page 1's rows fill it to its foot and the last has no full stop: the row opening page 2
    # is still a row of its own (the row above reached the foot whole, with its line under it).
    "flush_row_without_a_full_stop": Layout(
        rows=[
            *[_sentence(n, height=_FLUSH) for n in range(1, 7)],
            _sentence(7, action="Staff network launch", height=_FLUSH),
            *[_sentence(n, height=_FLUSH) for n in range(8, 11)],
        ],
        last_row_on_page_1="Staff network launch",
        first_line_on_page_2="Deliver equality training to team 8.",
        ends_flush=True,
    ),
}


def _pdf(rows: list[Row], *, ruled: bool, repeat_header: bool) -> bytes:
    import weasyprint

    columns = "".join(f"<col style='width:{w}%'>" for w in _WIDTHS)
    header = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADINGS) + "</tr>"
    body = "".join(
        (f"<tr style='height:{r.height}pt'>" if r.height else "<tr>")
        + "".join(f"<td>{c}</td>" for c in r.cells())
        + "</tr>"
        for r in rows
    )
    # WeasyPrint repeats a <thead> on every page; a header row in the body is on page 1 only.
    table = (
        f"<table><colgroup>{columns}</colgroup>"
        + (f"<thead>{header}</thead><tbody>{body}" if repeat_header else f"<tbody>{header}{body}")
        + "</tbody></table>"
    )
    # Unruled, the borders are there but not drawn: the rows fall where they do when ruled.
    border = "1px solid #000" if ruled else "1px solid transparent"
    css = _CSS % (RUNNING_HEADER, f"border: {border}")
    document = f"<html><body><h1>Equalities Action Plan</h1>{table}</body></html>"
    return weasyprint.HTML(string=document).write_pdf(stylesheets=[weasyprint.CSS(string=css)])


def _body_lines(page) -> list[tuple[float, str]]:
    """A page's lines of text between its running header and its footer, top to bottom."""
    lines: dict[int, list[dict]] = {}
    for word in page.extract_words():
        if 50 < word["top"] < 540:
            lines.setdefault(round(word["top"]), []).append(word)
    return [
        (top, " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"])))
        for top, words in sorted(lines.items())
    ]


def _check_layout(pdf: bytes, layout: Layout, *, ruled: bool, repeat_header: bool) -> None:
    import pdfplumber

    header = " ".join(HEADINGS)
    refs = {row.ref for row in layout.rows}
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) >= 2
        first, second = document.pages[0], document.pages[1]
        for page in (first, second):
            assert RUNNING_HEADER in page.extract_text()
            assert bool(page.edges) is ruled
        lines = [text for _, text in _body_lines(first)]
        starts = [i for i, line in enumerate(lines) if line.startswith(layout.last_row_on_page_1)]
        assert starts, lines
        assert not any(line.split()[0] in refs for line in lines[starts[-1] + 1 :])
        lines = [text for _, text in _body_lines(second)]
        if repeat_header:
            assert lines[0] == header
            lines = lines[1:]
        else:
            assert header not in lines
        assert lines[0].startswith(layout.first_line_on_page_2), lines[0]
        if layout.ends_flush and ruled:
            edges = [e["bottom"] for e in first.edges if e["orientation"] == "h"]
            assert 538 < max(edges) <= 538.6


PARAMS = [
    pytest.param(
        name,
        ruled,
        repeat,
        id=f"{name}-{'ruled' if ruled else 'unruled'}-"
        f"{'header-repeated' if repeat else 'header-once'}",
    )
    for name in LAYOUTS
    for ruled in (True, False)
    for repeat in (True, False)
]


@pytest.mark.parametrize(("name", "ruled", "repeat_header"), PARAMS)
def test_rows_around_a_page_break_are_read_whole_and_apart(name, ruled, repeat_header):
    layout = LAYOUTS[name]
    pdf = _pdf(layout.rows, ruled=ruled, repeat_header=repeat_header)
    _check_layout(pdf, layout, ruled=ruled, repeat_header=repeat_header)

    report = PdfReader.read(pdf, source="plan.pdf")

    actions = [a for theme in report.themes for a in theme.actions]
    assert [
        (a.ref, a.text, a.lead, a.due, a.progress, a.status.text if a.status else None)
        for a in actions
    ] == [row.expected() for row in layout.rows]
    assert report.guesses == ([layout.guess] if layout.guess else [])


def test_a_later_tables_own_header_is_its_header_though_one_heading_is_unknown():
    """Beside the first table's header, a data row that starts with headings' words is not
    a header, but a later table's own header, worded otherwise, still is."""
    import docx

    from eqtrack.importing.readers.word import WordReader

    document = docx.Document()
    tables = [
        [HEADINGS, ("2.1", "Publish the profile", "Head of Insight", "2025", "Drafted.", "Amber")],
        [
            ("No.", "Key action", "Officer", "Timescale", "Comments", "Notes for members"),
            ("3.1", "Train managers", "HR Manager", "2026", "Half trained.", "See HR report"),
        ],
    ]
    for rows in tables:
        document.add_heading(f"Objective {rows[1][0][0]}", level=2)
        table = document.add_table(rows=0, cols=6)
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    report = WordReader.read(out.getvalue(), source="two.docx")
    second = report.themes[1].actions
    assert [(a.ref, a.text, a.lead, a.due, a.progress, a.extra) for a in second] == [
        (
            "3.1",
            "Train managers",
            "HR Manager",
            "2026",
            ["Half trained."],
            {"Notes for members": "See HR report"},
        ),
    ]


def _page(page: int, rows: list[list[str]], *, cut: bool | None, at_foot: list[bool]) -> Table:
    """One page's part of a table, as the PDF reader hands it on: its last row's cells marked
    as running to the foot of the page, or not, and the row as cut there, or not."""
    cells = [[Cell([Paragraph(text)] if text else []) for text in row] for row in rows]
    for cell, foot in zip(cells[-1], at_foot, strict=True):
        cell.at_foot = foot
    return Table(cells, page=page, cut_at_foot=cut)


_HEADER = ["Action", "Lead officer", "Progress", "Status"]
_ABOVE = ["Review how we consult", "Head of Policy", "Survey drafted.", "On track"]


@pytest.mark.parametrize(
    ("cut", "at_foot", "first_row", "expected"),
    [
        # Cut: the row above runs to the foot with no line under it, its action and progress
        # with it; the capitalised text on page 2 is their rest.
        (
            True,
            [True, False, True, False],
            ["Equalities impacts first", "", "Results due in May.", ""],
            [("Review how we consult Equalities impacts first", "On track")],
        ),
        # Not cut (a line under it, or ended above the foot): the same row is its own.
        (
            False,
            [True, False, True, False],
            ["Equalities impacts first", "", "Results due in May.", ""],
            [("Review how we consult", "On track"), ("Equalities impacts first", None)],
        ),
        # Cut, but the row above's progress ended whole above the foot: text in it here is a
        # new row's.
        (
            True,
            [True, False, False, False],
            ["Equalities impacts first", "", "Results due in May.", ""],
            [("Review how we consult", "On track"), ("Equalities impacts first", None)],
        ),
        # Cut, but this row has a status of its own: a new row, every cell its own.
        (
            True,
            [True, True, True, True],
            ["Equalities impacts first", "", "Results due in May.", "Not started"],
            [("Review how we consult", "On track"), ("Equalities impacts first", "Not started")],
        ),
    ],
    ids=["cut", "closed", "progress-whole", "own-status"],
)
def test_a_capitalised_row_at_the_top_runs_on_only_where_the_row_above_was_cut(
    cut, at_foot, first_row, expected
):
    blocks = [
        _page(1, [_HEADER, _ABOVE], cut=cut, at_foot=at_foot),
        _page(2, [_HEADER, first_row], cut=False, at_foot=[False] * 4),
    ]
    report = blocks_to_report(blocks, source="plan.pdf")
    actions = [a for theme in report.themes for a in theme.actions]
    assert [(a.text, a.status.text if a.status else None) for a in actions] == expected


def test_a_status_of_its_own_is_never_added_to_the_row_aboves():
    """A row with no action text runs on from the row above, but its own status beside that
    row's ("Complete" / "Not started") is kept apart and named, never read as "Complete Not
    started"."""
    blocks = [
        _page(
            1,
            [_HEADER, ["Publish the pay gap", "HR", "Published.", "Complete"]],
            cut=False,
            at_foot=[False] * 4,
        ),
        _page(
            2,
            [_HEADER, ["", "", "Shared with staff.", "Not started"]],
            cut=False,
            at_foot=[False] * 4,
        ),
    ]
    report = blocks_to_report(blocks, source="plan.pdf")
    [action] = [a for theme in report.themes for a in theme.actions]
    assert (action.progress, action.status.text if action.status else None) == (
        ["Published.", "Shared with staff."],
        "Complete",
    )
    assert report.guesses == [
        "page 2: the first row: its status “Not started” was left out: the row goes on from "
        "action “Publish the pay gap”, whose status “Complete” is kept",
        "page 2: the first row continues action “Publish the pay gap” from page 1 (it has no "
        "action text of its own)",
    ]
