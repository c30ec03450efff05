"""The two seed reports read item by item: every action's text, progress, next steps and status."""

from pathlib import Path

import pytest

from eqtrack.importing.readers import reader_for
from eqtrack.importing.readers.base import NestedItem, ReadReport
from eqtrack.importing.readers.plain_text import PlainTextReader
from eqtrack.importing.readers.tabbed_text import TabbedTextReader

from . import expected_seed_2021, expected_seed_2022

SAMPLE_DIR = Path(__file__).resolve().parents[4] / "sample_data"


def _read(year: str) -> ReadReport:
    path = SAMPLE_DIR / f"equalities-actions-update-{year}.txt"
    data = path.read_bytes()
    return reader_for(data, source=path.name).read(data, source=path.name)


def _plain(item):
    if isinstance(item, NestedItem):
        return {"text": item.text, "items": [_plain(i) for i in item.items]}
    return item


def _action(report: ReadReport, theme: int, action: int) -> dict:
    a = report.themes[theme].actions[action]
    return {
        "text": a.text,
        "progress": [_plain(i) for i in a.progress],
        "next_steps": [_plain(i) for i in a.next_steps],
        "status": None if a.status is None else (a.status.text, a.status.category),
    }


def _cases(expected):
    return [
        pytest.param(t, a, id=f"{theme['title']}-{a + 1}")
        for t, theme in enumerate(expected.THEMES)
        for a in range(len(theme["actions"]))
    ]


@pytest.fixture(scope="module")
def report_2021() -> ReadReport:
    return _read("2021")


@pytest.fixture(scope="module")
def report_2022() -> ReadReport:
    return _read("2022")


def test_each_seed_is_read_by_its_own_layouts_reader():
    for year, reader in (("2021", TabbedTextReader), ("2022", PlainTextReader)):
        data = (SAMPLE_DIR / f"equalities-actions-update-{year}.txt").read_bytes()
        assert reader_for(data, source=year) is reader


@pytest.mark.parametrize("report_name", ["report_2021", "report_2022"])
def test_three_themes_with_objectives_and_8_5_8_actions(request, report_name):
    report = request.getfixturevalue(report_name)
    assert [t.title for t in report.themes] == [
        "As a Community Leader",
        "As an Employer",
        "As a Service Provider",
    ]
    assert [len(t.actions) for t in report.themes] == [8, 5, 8]
    assert report.themes[0].objective == (
        "To lead by example, to ensure every individual resident is connected and supported."
    )
    assert report.themes[1].objective.startswith("To lead a diverse and inclusive workforce")
    assert report.themes[1].objective.endswith("empowered to challenge and bring about change.")
    assert report.themes[2].objective.startswith(
        "To deliver inclusive services in accordance with Council"
    )


def test_periods_come_from_the_document_where_it_names_one(report_2021, report_2022):
    assert report_2021.period is None  # its header says only "Progress"
    assert report_2022.period == "2022"  # "Progress – 2022"


@pytest.mark.parametrize(("theme", "action"), _cases(expected_seed_2021))
def test_2021_action_item_by_item(report_2021, theme, action):
    assert (
        _action(report_2021, theme, action) == expected_seed_2021.THEMES[theme]["actions"][action]
    )


@pytest.mark.parametrize(("theme", "action"), _cases(expected_seed_2022))
def test_2022_action_item_by_item(report_2022, theme, action):
    assert (
        _action(report_2022, theme, action) == expected_seed_2022.THEMES[theme]["actions"][action]
    )


def test_an_action_cut_by_a_page_break_is_whole(report_2021):
    assert report_2021.themes[0].actions[2].text == (
        "We will seek to build on the relationships we have developed with our communities as a "
        "result of the recent pandemic. We will communicate, engage with, and disseminate "
        "information to support and engage our wider communities including through the local "
        "Parish Councils and voluntary groups."
    )


def test_a_progress_item_cut_by_a_page_break_is_one_item(report_2021):
    social_value = report_2021.themes[2].actions[7]
    assert social_value.next_steps == [
        "The Procurement Strategy and processes are being revised to include Social Value. "
        "This work is scheduled to be completed by March 2022."
    ]


def test_a_nested_list_cut_by_a_page_break_stays_nested(report_2021):
    surveys = report_2021.themes[1].actions[0].progress[1]
    assert isinstance(surveys, NestedItem)
    assert [i[:22] for i in surveys.items] == ["Staff work location, A", "COVID staff wellbeing."]


def test_a_continued_row_with_an_empty_first_cell_adds_to_its_column(report_2021):
    armed_forces = report_2021.themes[0].actions[7]
    assert armed_forces.next_steps[-1] == "This will include changes to the EqIA process."


def test_status_lines_are_statuses_not_progress(report_2022):
    statuses = [a.status.text for t in report_2022.themes for a in t.actions if a.status]
    progress = [i for t in report_2022.themes for a in t.actions for i in a.progress]
    assert "Complete/on schedule to deliver" in statuses
    assert "Incomplete/cannot be carried forward" in statuses
    assert all(isinstance(i, NestedItem) or "Ongoing/remain included" not in i for i in progress)


def test_progress_after_the_status_line_stays_progress(report_2022):
    review = report_2022.themes[0].actions[3]
    assert review.status.text == "Ongoing/remain included in action plan"
    assert review.progress[-1] == (
        "Equalities Officer Group will be utilised to identify gaps and maximise opportunities "
        "and identify areas of focus."
    )


@pytest.mark.parametrize("report_name", ["report_2021", "report_2022"])
def test_stored_text_is_plain(request, report_name):
    report = request.getfixturevalue(report_name)

    def texts(items):
        for i in items:
            if isinstance(i, NestedItem):
                yield i.text
                yield from texts(i.items)
            else:
                yield i

    everything = [t.objective for t in report.themes]
    for theme in report.themes:
        for action in theme.actions:
            everything += [action.text, *texts(action.progress), *texts(action.next_steps)]
    for text in everything:
        assert text == text.strip() and text
        for debris in ("<", ">", "•", "·", "◦", "\t", "\u00a0", "  ", "Appendix 1", "--"):
            assert debris not in text, (debris, text)


def test_typographic_quotes_are_kept(report_2021, report_2022):
    assert "Maidstone’s demographic" in report_2021.themes[0].actions[3].text
    assert report_2022.themes[1].actions[3].progress[0] == (
        "A HR Team Talk ‘A respectful workplace for all’ was delivered by Managers."
    )


_ARMED_FORCES_STATUS = (
    "such as cost of living website pages.\n\nOngoing/remain included in action plan\n"
)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Delivered, with 40 staff attending the first session.",
        "Yes, the survey was repeated in 2022.",
        "A (pilot) scheme ran in two wards.",
        "Red: tape removed from the Town Hall's accessible entrance.",
        "Planned: a second round of sessions for the new members.",
    ],
)
def test_a_progress_paragraph_opening_like_a_status_stays_progress(paragraph):
    """The 2022 report with the armed forces action's status line replaced by a paragraph of
    progress that opens with a status word: it stays progress and sets no status (on 346ebd1
    it became the status, and was lost from the progress)."""
    text = (SAMPLE_DIR / "equalities-actions-update-2022.txt").read_text(encoding="utf-8")
    assert text.count(_ARMED_FORCES_STATUS) == 1
    data = text.replace(
        _ARMED_FORCES_STATUS, f"such as cost of living website pages.\n\n{paragraph}\n"
    ).encode()
    report = PlainTextReader.read(data, source="2022.txt")
    [action] = [a for t in report.themes for a in t.actions if "Armed Forces Covenant" in a.text]
    assert action.status is None
    assert _plain(action.progress[-1]) == paragraph
