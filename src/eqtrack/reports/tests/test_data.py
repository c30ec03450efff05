"""What a report shows, before any writer: periods, columns, summary counts, missing and
overdue actions, acronyms at first use."""

import copy
import datetime as dt

import pytest

from eqtrack.reports.data import ReportError, due_date, report_data
from eqtrack.reports.glossary import FirstUse


def test_2022_has_a_status_column_and_2021_next_steps(seed_document, seed_glossary):
    data_2022 = report_data(document=seed_document, period="2022", glossary=seed_glossary)
    data_2021 = report_data(document=seed_document, period="2021", glossary=seed_glossary)
    assert (data_2022.progress_heading, data_2022.third_heading) == ("Progress – 2022", "Status")
    assert data_2021.third_heading == "Issues and next steps"
    assert [len(t.rows) for t in data_2022.themes] == [8, 5, 8]
    assert data_2022.themes[0].rows[0].third == ["Incomplete/cannot be carried forward"]


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
