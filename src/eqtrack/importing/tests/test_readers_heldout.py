"""The reader changes the held-out corpus layouts asked for, each on its smallest case: a
status as a coloured mark, a status column per quarter, a list numbered by hand, an action
set out as a heading and a description list."""

from eqtrack.importing.readers.blocks import Cell, Paragraph, Table
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
