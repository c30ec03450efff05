"""Introductions, notes and footers around the tables are the plan's, not a theme's objective:
text before the first theme, and notes, keys and footers, are kept as the plan's introduction in
every reader (Word, PDF, web page, plain text, tabbed text, a PDF read from its text lines); an
objective is text tied to one theme, and one taken without an "Objective" label is a guess the
reader names."""

import copy
import io
from pathlib import Path

import docx
import pytest

from eqtrack.importing.parsing import files_parse
from eqtrack.importing.readers import reader_for
from eqtrack.importing.readers.introduction import is_note
from eqtrack.importing.readers.pdf import PdfReader
from eqtrack.importing.readers.plain_text import PlainTextReader
from eqtrack.importing.readers.tabbed_text import TabbedTextReader
from eqtrack.importing.readers.web_page import WebPageReader
from eqtrack.importing.readers.word import WordReader

from .documents import (
    FOOTER,
    INTRO,
    KEY,
    PLAIN,
    html_to_pdf,
    report_to_docx,
    report_to_html,
    report_to_pdf,
    text_to_pdf,
)

SAMPLE_DIR = Path(__file__).resolve().parents[4] / "sample_data"

_ROWS = [
    ("Theme", "Action", "Progress", "Status"),
    ("As an Employer", "We will publish our pay gaps.", "Published in March.", "Complete"),
    ("As an Employer", "We will train every manager.", "Half trained.", "On track"),
    ("As a Service Provider", "We will review access to services.", "Review begun.", "Amber"),
]


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _word_theme_column(document) -> None:
    """A title, an introduction, one table whose first column names each action's theme, a
    key and a footer."""
    document.add_heading("Equality Action Plan 2023: progress", level=1)
    document.add_paragraph(INTRO)
    table = document.add_table(rows=0, cols=4)
    for values in _ROWS:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    document.add_paragraph(KEY)
    document.add_paragraph(FOOTER)


def _theme_column_page() -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{value}</td>" for value in values) + "</tr>" for values in _ROWS
    )
    return (
        "<!DOCTYPE html><html><head><style>table{border-collapse:collapse}"
        "td{border:1px solid #000;padding:4px}</style></head><body>"
        f"<h1>Equality Action Plan 2023: progress</h1><p>{INTRO}</p>"
        f"<table>{rows}</table><p>{KEY}</p><p>{FOOTER}</p></body></html>"
    )


def _assert_introduction_kept_apart(report) -> None:
    assert [(t.title, t.objective) for t in report.themes] == [
        ("As an Employer", ""),
        ("As a Service Provider", ""),
    ]
    assert report.introduction == [INTRO, KEY, FOOTER]
    assert any("as the plan's introduction" in g and INTRO[:40] in g for g in report.guesses)
    assert [len(t.actions) for t in report.themes] == [2, 1]


def test_word_an_introduction_before_a_table_of_themes_is_no_themes_objective():
    report = WordReader.read(_docx(_word_theme_column), source="intro.docx")
    _assert_introduction_kept_apart(report)


def test_web_page_an_introduction_before_a_table_of_themes_is_no_themes_objective():
    report = WebPageReader.read(_theme_column_page().encode(), source="intro.html")
    _assert_introduction_kept_apart(report)


def test_pdf_an_introduction_before_a_table_of_themes_is_no_themes_objective():
    report = PdfReader.read(html_to_pdf(_theme_column_page()), source="intro.pdf")
    _assert_introduction_kept_apart(report)


def _word_title_and_one_table(document) -> None:
    """No theme headings: a title, an introduction, one table of actions."""
    document.add_heading("Equality Action Plan 2023", level=1)
    document.add_paragraph(INTRO)
    table = document.add_table(rows=0, cols=2)
    for values in (("Action", "Progress"), ("We will publish our pay gaps.", "Done.")):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value


def test_an_introduction_under_the_title_is_not_the_only_themes_objective():
    report = WordReader.read(_docx(_word_title_and_one_table), source="one.docx")
    [theme] = report.themes
    assert theme.objective == ""
    assert report.introduction == [INTRO]


def _word_headings_with_notes(document) -> None:
    """Theme headings: the first with an unlabelled objective, the second with a note where an
    objective would be; a key after each table; spanning rows for a note inside a table."""
    document.add_heading("Equality Action Plan 2023", level=1)
    document.add_paragraph(INTRO)
    document.add_heading("As an Employer", level=2)
    document.add_paragraph("To be an inclusive employer.")
    document.add_paragraph("Some more words about employment.")
    rows = [
        ("Action", "Progress"),
        ("We will publish our pay gaps.", "Done."),
        ("Note: the figures for 2022 are provisional.",) * 2,
        ("We will train every manager.", "Half trained."),
    ]
    for heading, table_rows in (("As an Employer", rows), ("As a Service Provider", None)):
        if table_rows is None:
            document.add_heading(heading, level=2)
            document.add_paragraph("Note: actions marked * are new this year.")
            table_rows = [("Action", "Progress"), ("We will review access.*", "Begun.")]
        table = document.add_table(rows=0, cols=2)
        for values in table_rows:
            cells = table.add_row().cells
            if len(set(values)) == 1 and len(values) == 2:
                cells[0].merge(cells[1]).text = values[0]
                continue
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
        document.add_paragraph(KEY)


def test_notes_around_tables_are_no_themes_objective_and_split_no_theme():
    report = WordReader.read(_docx(_word_headings_with_notes), source="notes.docx")
    assert [(t.title, t.objective, [a.text for a in t.actions]) for t in report.themes] == [
        (
            "As an Employer",
            "To be an inclusive employer.",
            ["We will publish our pay gaps.", "We will train every manager."],
        ),
        ("As a Service Provider", "", ["We will review access.*"]),
    ]
    assert report.introduction == [
        INTRO,
        "Note: the figures for 2022 are provisional.",
        KEY,
        "Note: actions marked * are new this year.",
    ]
    assert (
        "took the paragraph after the heading 'As an Employer' as its objective: "
        "'To be an inclusive employer.'"
    ) in report.guesses


def test_a_paragraph_about_the_table_under_a_later_heading_is_no_objective():
    def build(document) -> None:
        for heading, first in (
            ("As an Employer", "To be an inclusive employer."),
            ("As a Service Provider", "The table below sets out what we do as a provider."),
        ):
            document.add_heading(heading, level=2)
            document.add_paragraph(first)
            table = document.add_table(rows=0, cols=2)
            for values in (("Action", "Progress"), (f"We will act {heading}.", "Done.")):
                for cell, value in zip(table.add_row().cells, values, strict=True):
                    cell.text = value

    report = WordReader.read(_docx(build), source="t.docx")
    assert [t.objective for t in report.themes] == ["To be an inclusive employer.", ""]


def test_a_labelled_objective_is_no_guess():
    def build(document) -> None:
        document.add_heading("As an Employer", level=2)
        document.add_paragraph("Objective")
        document.add_paragraph("To be an inclusive employer.")
        table = document.add_table(rows=0, cols=2)
        for values in (("Action", "Progress"), ("We will act.", "Done.")):
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value

    report = WordReader.read(_docx(build), source="l.docx")
    assert report.themes[0].objective == "To be an inclusive employer."
    assert report.guesses == [] and report.introduction == []


def test_a_long_objective_is_quoted_short_in_its_guess():
    long = "To be an employer " + "that values everyone " * 10 + "in the borough."

    def build(document) -> None:
        document.add_heading("As an Employer", level=2)
        document.add_paragraph(long)
        table = document.add_table(rows=0, cols=2)
        for values in (("Action", "Progress"), ("We will act.", "Done.")):
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value

    report = WordReader.read(_docx(build), source="l.docx")
    assert report.themes[0].objective == long
    [guess] = report.guesses
    assert guess.startswith("took the paragraph after the heading 'As an Employer'")
    assert guess.endswith("…'") and len(guess) < len(long)


def _assert_plain(report) -> None:
    assert [
        (t.title, t.objective, [(a.text, a.progress) for a in t.actions]) for t in report.themes
    ] == [
        (
            "As an Employer",
            "To be an inclusive employer.",
            [("We will publish our pay gaps.", ["Published in March."])],
        ),
        ("As a Service Provider", "", [("We will review access to services.", ["Review begun."])]),
    ]
    assert report.introduction == [INTRO, KEY, FOOTER]
    assert (
        "took the paragraph after the heading 'As an Employer' as its objective: "
        "'To be an inclusive employer.'"
    ) in report.guesses


def test_plain_text_an_introduction_and_notes_are_the_plans():
    # On main this was an error ("text before the first agreed action"), and without the
    # introduction the key became the next theme's heading, with that heading its objective.
    _assert_plain(PlainTextReader.read(PLAIN.encode(), source="p.txt"))


def test_plain_text_a_note_after_a_table_is_not_the_next_theme():
    text = PLAIN[PLAIN.index("As an Employer") :]
    report = PlainTextReader.read(text.encode(), source="p.txt")
    assert [(t.title, t.objective) for t in report.themes] == [
        ("As an Employer", "To be an inclusive employer."),
        ("As a Service Provider", ""),
    ]
    assert report.themes[1].actions[0].progress == ["Review begun."]
    assert report.introduction == [KEY, FOOTER]


def test_plain_text_a_note_inside_progress_stays_progress():
    text = PLAIN.replace("Review begun.", "Review begun.\n\nNote: the review covers libraries too.")
    report = PlainTextReader.read(text.encode(), source="p.txt")
    assert report.themes[1].actions[0].progress == [
        "Review begun.",
        "Note: the review covers libraries too.",
    ]


def test_a_pdf_with_no_tables_keeps_its_introduction_through_the_text_readers():
    report = PdfReader.read(text_to_pdf(PLAIN), source="plain.pdf")
    assert report.notes == ["no ruled tables found; read from the text lines"]
    _assert_plain(report)


def test_tabbed_text_an_introduction_before_the_first_theme_is_the_plans():
    text = (
        f"{INTRO}\n\nAs a Leader\nObjective\nTo lead.\n"
        "Agreed Actions\tProgress\tIssues & Next steps\n"
        "<p>We will act.</p>\t<ul> • Done.</ul>\t<p>More.</p>\n"
        f"{KEY}\n"
    )
    report = TabbedTextReader.read(text.encode(), source="t.txt")
    [theme] = report.themes
    assert (theme.title, theme.objective, [a.text for a in theme.actions]) == (
        "As a Leader",
        "To lead.",
        ["We will act."],
    )
    assert report.introduction == [INTRO, KEY]


@pytest.fixture(scope="module")
def seed_with_introduction():
    path = SAMPLE_DIR / "equalities-actions-update-2022.txt"
    data = path.read_bytes()
    report = reader_for(data, source=path.name).read(data, source=path.name)
    report = copy.deepcopy(report)
    report.introduction = [INTRO, "This report covers April 2022 to March 2023."]
    return report


@pytest.mark.parametrize(
    ("build", "reader"),
    [
        (report_to_docx, WordReader),
        (lambda report: report_to_html(report).encode(), WebPageReader),
        (report_to_pdf, PdfReader),
    ],
    ids=["word", "web-page", "pdf"],
)
def test_each_format_keeps_the_introduction_apart_from_the_objectives(
    seed_with_introduction, build, reader
):
    report = reader.read(build(seed_with_introduction), source="s")
    assert report.introduction == seed_with_introduction.introduction
    assert report.themes == seed_with_introduction.themes


def test_the_plan_document_has_the_newest_reports_introduction(tmp_path):
    older, newer = tmp_path / "2022.txt", tmp_path / "2023.txt"
    older.write_text(PLAIN.replace(INTRO, "The plan for 2022."), encoding="utf-8")
    newer.write_text(PLAIN, encoding="utf-8")
    parsed = files_parse(paths=[older, newer], periods=["2022", "2023"])
    assert parsed.document["introduction"] == [INTRO, KEY, FOOTER]
    assert [t["objective"] for t in parsed.document["themes"]] == [
        "To be an inclusive employer.",
        "",
    ]
    assert list(parsed.document)[-2:] == ["introduction", "themes"]
    assert any("as the plan's introduction" in g for g in parsed.guesses)


def test_a_plan_with_no_introduction_has_no_introduction_field():
    seeds = [SAMPLE_DIR / f"equalities-actions-update-{y}.txt" for y in ("2021", "2022")]
    document = files_parse(paths=seeds, periods=["2021", "2022"]).document
    assert "introduction" not in document


# A council's own words that only start like a note: each stays where it was read (an action,
# its progress, a theme), never moved into the public introduction.
_NOT_NOTES = [
    "Key-worker housing scheme extended to nurses and carers.",
    "Key-stage 2 pupils took part in the anti-bullying workshops.",
    "* Delivered 3 sessions",
    "Last updated the EqIA template and guidance for all services.",
    "Produced by the council a new accessibility statement",
    "Notes were shared with every manager.",
    "Source of funding agreed with the health partnership.",
    "Updated by the council the guidance for managers.",
]
_NOTES = [
    KEY,
    FOOTER,
    "Note: the figures for 2022 are provisional.",
    "Notes: actions marked * are new this year.",
    "NB: the figures are provisional.",
    "Please note: the review covers libraries too.",
    "Source: Annual Population Survey, 2022",
    "Footnote: figures rounded to the nearest 5.",
    "* denotes a new action",
    "Last updated: 4 April 2024",
    "Last updated 4 April 2024 by the Policy Team",
    "Updated on 03/04/2024",
    "Prepared by the Equalities Team",
    "Compiled by J. Smith, Equality Officer, March 2023",
    "Produced by Policy and Performance, Sheffield City Council",
]


@pytest.mark.parametrize("text", _NOT_NOTES)
def test_a_line_that_only_starts_like_a_note_is_no_note(text):
    assert not is_note(text)


@pytest.mark.parametrize("text", _NOTES)
def test_a_labelled_note_or_a_signed_and_dated_footer_is_a_note(text):
    assert is_note(text)


_SEED_2022 = SAMPLE_DIR / "equalities-actions-update-2022.txt"
_LAST_STATUS = "Ongoing/remain included in action plan"


def _seed_2022_with(last_status_line: str):
    """The 2022 seed with the status line of the first theme's last action, just above "As an
    Employer", replaced."""
    text = _SEED_2022.read_text(encoding="utf-8")
    at = text.rindex(_LAST_STATUS, 0, text.index("\nAs an Employer"))
    text = text[:at] + last_status_line + text[at + len(_LAST_STATUS) :]
    return PlainTextReader.read(text.encode(), source=_SEED_2022.name)


@pytest.mark.parametrize(
    "line",
    [
        "Last updated the armed forces covenant guidance for all managers.",
        # Labelled, but where the action's status should be: the action's, not a note.
        "Note: the covenant guidance was reissued to all managers.",
    ],
)
def test_plain_text_a_progress_line_before_the_next_theme_stays_the_actions(line):
    report = _seed_2022_with(line)
    action = next(a for a in report.themes[0].actions if "Armed Forces Covenant" in a.text)
    assert action.progress[-1] == line
    assert action.status is None
    assert line not in report.introduction
    assert [t.title for t in report.themes][1] == "As an Employer"


def test_plain_text_a_note_after_the_last_status_is_still_the_plans():
    report = _seed_2022_with(f"{_LAST_STATUS}\n\n{KEY}")
    action = next(a for a in report.themes[0].actions if "Armed Forces Covenant" in a.text)
    assert action.status is not None and action.status.text == _LAST_STATUS
    assert report.introduction == [KEY]


def test_tabbed_text_a_row_with_only_its_first_cell_stays_an_action():
    text = (
        "As a Leader\nObjective\nTo lead.\n"
        "Agreed Actions\tProgress\tIssues & Next steps\n"
        "<p>We will act.</p>\t<ul> • Done.</ul>\t<p>More.</p>\n"
        "Key-worker housing scheme extended to nurses and carers.\n"
        f"{KEY}\n"
    )
    report = TabbedTextReader.read(text.encode(), source="t.txt")
    [theme] = report.themes
    assert [a.text for a in theme.actions] == [
        "We will act.",
        "Key-worker housing scheme extended to nurses and carers.",
    ]
    assert report.introduction == [KEY]


def test_word_a_row_across_the_table_that_starts_like_a_note_is_no_note():
    def build(document) -> None:
        table = document.add_table(rows=0, cols=2)
        for values in (
            ("Action", "Progress"),
            ("Key-stage 2 pupils took part in the anti-bullying workshops.",) * 2,
            ("We will run workshops in every school.", "Twelve schools so far."),
            ("Note: the figures for 2022 are provisional.",) * 2,
        ):
            cells = table.add_row().cells
            if len(set(values)) == 1:
                cells[0].merge(cells[1]).text = values[0]
                continue
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
        document.add_paragraph("Produced by the council a new accessibility statement")

    report = WordReader.read(_docx(build), source="k.docx")
    assert [(t.title, [a.text for a in t.actions]) for t in report.themes] == [
        (
            "Key-stage 2 pupils took part in the anti-bullying workshops.",
            ["We will run workshops in every school."],
        )
    ]
    assert report.introduction == ["Note: the figures for 2022 are provisional."]
