"""Every column heading wording eqtrack recognises, and headings it must not mistake."""

import pytest

from eqtrack.importing.readers.columns import WORDINGS, Column, column_for, period_in_heading

ALL_WORDINGS = [(wording, column) for column, wordings in WORDINGS.items() for wording in wordings]


@pytest.mark.parametrize(("wording", "column"), ALL_WORDINGS, ids=[w for w, _ in ALL_WORDINGS])
def test_each_documented_wording(wording, column):
    assert column_for(wording) is column
    # As councils type them: capitals, punctuation, a period.
    assert column_for(f"{wording.title()}:") is column


@pytest.mark.parametrize(
    ("heading", "column"),
    [
        ("Progress – 2022", Column.PROGRESS),
        ("Progress   2022", Column.PROGRESS),
        ("Update Q2 2024/25", Column.PROGRESS),
        ("Issues & Next steps", Column.NEXT_STEPS),
        ("RAG status (end of year)", Column.STATUS),
        ("Lead officer / team", Column.LEAD),
        ("Target date for completion", Column.DUE),
        ("Ref.", Column.REF),
        # A column per quarter of a year's report.
        ("Q1 2023/24", Column.PROGRESS),
        ("Q3 update", Column.PROGRESS),
        ("Quarter 2", Column.PROGRESS),
        ("Quarterly", None),
        ("Budget", None),
        ("Equality characteristics", None),
    ],
)
def test_headings_with_more_words(heading, column):
    assert column_for(heading) is column


@pytest.mark.parametrize(
    ("heading", "period"),
    [
        ("Progress – 2022", "2022"),
        ("Update Q2 2024/25", "Q2 2024/25"),
        ("Progress", None),
        ("Status 2022", None),
    ],
)
def test_the_period_in_a_progress_heading(heading, period):
    assert period_in_heading(heading) == period


def test_a_table_of_quarter_columns_reports_on_the_year():
    assert period_in_heading("Q1 2023/24") == "Q1 2023/24"
    assert period_in_heading("Q1 2023/24", quarters=True) == "2023/24"


def test_the_readme_lists_every_wording():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[4] / "README.md").read_text(encoding="utf-8")
    missing = [w for w, _ in ALL_WORDINGS if f'"{w}"' not in readme]
    assert missing == []
