"""What a report shows, before any writer: periods, columns, summary counts, missing and
overdue actions, acronyms at first use."""

import copy
import datetime as dt

import pytest

from eqtrack.reports.data import ReportError, due_date, report_data
from eqtrack.reports.glossary import FirstUse


def _headings(data):
    return [column.heading for column in data.columns]


def test_2022_has_a_status_column_and_2021_next_steps(seed_document, seed_glossary):
    # The seed's 2022 report gives statuses and no next steps; its 2021 report the reverse.
    data_2022 = report_data(document=seed_document, period="2022", glossary=seed_glossary)
    data_2021 = report_data(document=seed_document, period="2021", glossary=seed_glossary)
    assert _headings(data_2022) == ["Progress – 2022", "Status"]
    assert _headings(data_2021) == ["Progress – 2021", "Issues and next steps"]
    assert [len(t.rows) for t in data_2022.themes] == [8, 5, 8]
    first = data_2022.themes[0].rows[0]
    assert first.status == "Incomplete/cannot be carried forward"
    assert [cell.text for cell in first.cells][1] == "Incomplete/cannot be carried forward"
    assert data_2021.themes[0].rows[0].cells[1].items == data_2021.themes[0].rows[0].next_steps


def _with_parts(document, period="2022", *, next_steps=True, status=True):
    """The document with each update of the period given next steps and a status, or not."""
    document = copy.deepcopy(document)
    for theme in document["themes"]:
        for action in theme["actions"]:
            for update in action["updates"]:
                if update["period"] == period:
                    ref = action.get("ref")
                    update["next_steps"] = [f"Next for {ref}."] if next_steps else []
                    update["status"] = (
                        {"text": f"On track ({ref})", "category": "on_track"} if status else None
                    )
    return document


@pytest.mark.parametrize(
    ("next_steps", "status", "headings", "widths"),
    [
        (True, True, ["Progress – 2022", "Issues and next steps", "Status"], [22, 40, 24, 14]),
        (True, False, ["Progress – 2022", "Issues and next steps"], [30, 50, 20]),
        (False, True, ["Progress – 2022", "Status"], [30, 50, 20]),
        (False, False, ["Progress – 2022"], [30, 70]),
    ],
)
def test_the_columns_are_chosen_from_what_the_periods_updates_hold(
    seed_document, next_steps, status, headings, widths
):
    document = _with_parts(seed_document, next_steps=next_steps, status=status)
    data = report_data(document=document, period="2022", glossary={})
    assert _headings(data) == headings
    assert [data.action_width, *(c.width for c in data.columns)] == widths
    cl2 = data.themes[0].rows[1]
    assert [c.column.heading for c in cl2.cells] == headings
    parts = {c.column.part: (c.text or c.items) for c in cl2.cells}
    if next_steps:
        assert parts["next_steps"] == ["Next for CL2."]
    if status:
        assert parts["status"] == "On track (CL2)"


def test_one_update_with_next_steps_keeps_the_column_beside_the_statuses(seed_document):
    """The bug in issue 15: a period with statuses dropped the owners' next steps."""
    document = copy.deepcopy(seed_document)
    action = document["themes"][1]["actions"][2]
    update = next(u for u in action["updates"] if u["period"] == "2022")
    update["next_steps"] = ["Publish the pay gap by April."]
    data = report_data(document=document, period="2022", glossary={})
    assert _headings(data) == ["Progress – 2022", "Issues and next steps", "Status"]
    row = data.themes[1].rows[2]
    assert row.cells[1].items == ["Publish the pay gap by April."]
    assert row.cells[2].text == row.status_text
    # The others have no next steps: their cells say so in every writer.
    assert data.themes[0].rows[0].cells[1].items == []
    assert data.themes[0].rows[0].cells[1].column.empty == "None given."


@pytest.mark.parametrize("status", [True, False])
def test_a_late_update_is_marked_in_the_status_or_else_the_next_steps(seed_document, status):
    document = _with_parts(seed_document, next_steps=False, status=status)
    late = next(u for u in document["themes"][0]["actions"][1]["updates"] if u["period"] == "2022")
    late["late"] = True
    data = report_data(document=document, period="2022", glossary={})
    row, other = data.themes[0].rows[1], data.themes[0].rows[2]
    if status:
        assert _headings(data) == ["Progress – 2022", "Status"]
        assert row.cells[1].text == "On track (CL2) (received after the round closed)"
        assert other.cells[1].text == "On track (CL3)"
    else:
        # No status column: the marker is the last of the next steps, whose column it brings.
        assert _headings(data) == ["Progress – 2022", "Issues and next steps"]
        assert row.cells[1].items == ["Received after the round closed"]
        assert other.cells[1].items == []


def test_summary_counts_by_status_and_theme(seed_document, seed_glossary):
    data = report_data(document=seed_document, period="2022", glossary=seed_glossary)
    assert [label for _, label in data.categories] == [
        "Complete",
        "Ongoing",
        "Not carried forward",
        "Watching brief",
        "Superseded",
        "No status given",
    ]
    assert [data.themes[0].count(c) for c, _ in data.categories] == [1, 4, 1, 0, 0, 2]
    assert [data.total(c) for c, _ in data.categories] == [1, 10, 1, 1, 1, 7]


def test_latest_period_by_default_and_an_unknown_one_refused(seed_document, seed_glossary):
    assert report_data(document=seed_document, period=None, glossary={}).period == "2022"
    with pytest.raises(ReportError, match="the plan has no period '2030' \\(it has 2021, 2022\\)"):
        report_data(document=seed_document, period="2030", glossary={})


def test_missing_and_overdue_actions(seed_document):
    document = copy.deepcopy(seed_document)
    first = document["themes"][0]["actions"][0]
    first["updates"] = [u for u in first["updates"] if u["period"] == "2021"]
    second = document["themes"][0]["actions"][1]
    second["due"] = "March 2022"  # and its 2022 status is "Complete/…": not overdue
    third = document["themes"][0]["actions"][2]
    third["due"] = "2021/22"
    data = report_data(document=document, period="2022", glossary={}, today=dt.date(2023, 1, 1))
    assert [row.ref for row in data.missing] == ["CL1"]
    assert [row.ref for row in data.overdue] == ["CL3"]


@pytest.mark.parametrize(
    ("due", "date"),
    [
        ("March 2025", dt.date(2025, 3, 31)),
        ("Sep 2024", dt.date(2024, 9, 30)),
        ("2024/25", dt.date(2025, 3, 31)),
        ("By 2026", dt.date(2026, 12, 31)),
        ("31/07/2025", dt.date(2025, 7, 31)),
        ("Annually", None),
        (None, None),
    ],
)
def test_due_dates_as_councils_write_them(due, date):
    assert due_date(due) == date


def test_acronyms_are_written_out_at_first_use_only(seed_document, seed_glossary):
    data = report_data(document=seed_document, period="2022", glossary=seed_glossary)
    progress = data.themes[0].rows[0].progress
    assert (
        progress[0]
        == "Work was paused due to Heart of Kent Hospice (HoK)’s responsibilities to patients during pandemic."
    )
    assert "delivers with HoK and" in progress[2]  # the second use stays short
    first_use = FirstUse({"EqIA": "Equality Impact Assessment"})
    assert (
        first_use("The Equality Impact Assessment (EqIA) process")
        == "The Equality Impact Assessment (EqIA) process"
    )
    assert first_use("EqIA again") == "EqIA again"


def test_year_on_year_statuses_carried_dropped_and_indicators(seed_document):
    document = copy.deepcopy(seed_document)
    # Drop one action from 2022 and add one new in 2022, to see each kind of change.
    dropped = document["themes"][1]["actions"][0]
    dropped["updates"] = [u for u in dropped["updates"] if u["period"] == "2021"]
    document["themes"][1]["actions"].append(
        {
            "ref": "E6",
            "text": "We will publish our pay gaps.",
            "lead": None,
            "due": None,
            "updates": [{"period": "2022", "progress": [], "next_steps": [], "status": None}],
        }
    )
    data = report_data(document=document, period="2022", glossary={}, compare="2021")
    c = data.comparison
    assert (c.count("carried forward"), c.count("new"), c.count("dropped")) == (20, 1, 1)
    first = c.actions[0]
    assert (first.ref, first.then, first.now, first.change) == (
        "CL1",
        None,
        "Incomplete/cannot be carried forward",
        "carried forward",
    )
    aiders = next(i for i in c.indicators if "aiders" in i.label)
    assert (aiders.ref, aiders.label, aiders.then, aiders.now, aiders.change) == (
        "E3",
        "mental health first aiders",
        20,
        14,
        "fell",
    )
    with pytest.raises(ReportError, match="--compare: '2022' must come before '2021'"):
        report_data(document=document, period="2021", glossary={}, compare="2022")
