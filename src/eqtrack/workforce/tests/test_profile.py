"""The workforce against the borough: counts by characteristic, shares set against a profile
with the representativeness engine, groups under 10 suppressed, grades, and `eqtrack
workforce` with the shipped Census 2021 figures for Maidstone."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.consultations.census import census_margins
from eqtrack.consultations.weighting import Margin
from eqtrack.workforce.profile import (
    NOT_DECLARED,
    age_band,
    characteristics_count,
    grade_table,
    workforce_profile,
)
from eqtrack.workforce.staff import WHITE_BRITISH, staff_read

DAY = dt.date(2026, 3, 31)
HEADER = (
    "employee_id,sex,ethnic_group,disability,age,grade,hourly_pay,bonus_pay,relevant_employee,"
    "full_pay_relevant_employee\n"
)
INDIAN = "Asian, Asian British or Asian Welsh: Indian"


def staff(rows: list[tuple[str, str, str, int, str]]) -> bytes:
    lines = [
        f'E{i},{sex},"{ethnic}",{disability},{age},{grade},12.00,0,yes,yes\n'
        for i, (sex, ethnic, disability, age, grade) in enumerate(rows, start=1)
    ]
    return (HEADER + "".join(lines)).encode()


# 40 staff: 30 women and 10 men; 31 White British, 9 Indian; 8 disabled, 28 not, 4 blank.
FORTY = (
    [("Female", WHITE_BRITISH, "Not disabled", 30, "Grade 1")] * 21
    + [("Female", INDIAN, "Disabled", 45, "Grade 1")] * 8
    + [("Female", WHITE_BRITISH, "", 62, "Grade 2")]
    + [("Male", INDIAN, "", 24, "Grade 2")]
    + [("Male", WHITE_BRITISH, "", 40, "Grade 2")] * 2
    + [("Male", WHITE_BRITISH, "Not disabled", 50, "Grade 2")] * 7
)


def records():
    return staff_read(staff(FORTY), source="s.csv", snapshot=DAY).records


def test_counts_by_characteristic():
    counts = characteristics_count(records())
    assert counts["all"]["sex"] == {"Female": 30, "Male": 10}
    assert counts["all"]["ethnic group (19)"] == {WHITE_BRITISH: 31, INDIAN: 9}
    assert counts["all"]["ethnic group (5)"]["Asian, Asian British or Asian Welsh"] == 9
    assert counts["all"]["disability"] == {"Not disabled": 28, "Disabled": 8, NOT_DECLARED: 4}
    assert counts["all"]["age band"] == {
        "25-34": 21,
        "45-54": 15,
        "55-64": 1,
        "16-24": 1,
        "35-44": 2,
    }
    assert list(counts["grades"]) == ["Grade 1", "Grade 2"]
    assert "starters" not in counts  # the file does not say who started


def test_age_bands():
    assert [age_band(a) for a in (16, 24, 25, 64, 65, 80)] == [
        "16-24",
        "16-24",
        "25-34",
        "55-64",
        "65+",
        "65+",
    ]
    assert age_band(None) == NOT_DECLARED


def test_shares_against_the_borough_with_small_groups_suppressed():
    margins = [
        Margin("sex", {"Female": 500, "Male": 500}),
        Margin(
            "disability (all ages)",
            {"Disabled under the Equality Act": 200, "Not disabled under the Equality Act": 800},
        ),
        Margin("ethnic group", {"White": 900, "Asian": 100}),  # broad groups by first word
    ]
    profile = workforce_profile(characteristics_count(records())["all"], margins)
    rows = {(r.variable, r.category): r for r in profile.rows}
    women = rows[("sex", "Female")]
    assert (women.staff, round(women.staff_share, 4), women.population_share) == (30, 0.75, 0.5)
    assert round(women.ratio, 2) == 1.5
    men = rows[("sex", "Male")]
    # 10 of 40 is 25% against 50%: half, and the whole interval below: flagged.
    assert men.staff == 10 and men.under_represented and men.high < 0.5
    disabled = rows[("disability", "Disabled")]
    assert disabled.suppressed and disabled.staff is None and disabled.staff_share is None
    assert disabled.population_share == 0.2
    assert rows[("ethnic group (5)", "Asian, Asian British or Asian Welsh")].suppressed
    white = rows[("ethnic group (5)", "White")]
    assert white.staff == 31 and round(white.staff_share, 4) == round(31 / 40, 4)
    assert profile.compared == ["sex", "ethnic group (5)", "disability"]
    # 4 not declared: fewer than 10, so neither the count nor its share is shown.
    assert profile.not_declared["disability"] == {"count": None, "of": 40, "percent": None}
    assert any("fewer than 10 staff are not shown" in note for note in profile.notes)


def test_the_census_figures_for_maidstone_are_compared_category_by_category():
    profile = workforce_profile(
        characteristics_count(records())["all"], census_margins("E07000110")
    )
    assert profile.compared == ["sex", "ethnic group (19)", "ethnic group (5)", "disability"]
    rows = {(r.variable, r.category): r for r in profile.rows}
    assert round(rows[("sex", "Female")].population_share, 4) == round(88817 / 175781, 4)
    assert round(rows[("disability", "Disabled")].population_share, 4) == round(
        28015 / (28015 + 147758), 4
    )
    assert len([r for r in profile.rows if r.variable == "ethnic group (19)"]) == 19


def test_grades_with_a_small_grade_suppressed():
    rows = grade_table(characteristics_count(records())["grades"])
    assert [(r.grade, r.staff, r.women, r.ethnic_minority, r.disabled) for r in rows] == [
        ("Grade 1", 29, 100.0, 27.6, 27.6),
        ("Grade 2", 11, 9.1, 9.1, None),  # 7 declared a disability answer: under 10
    ]
    small = grade_table({"Grade 9": {"sex": {"Female": 9}}})
    assert small[0].suppressed and small[0].staff is None


def test_the_workforce_command_with_the_census_figures(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(FORTY))
    out = StringIO()
    call_command(
        "workforce", str(path), "--profile", "E07000110", "--snapshot", "2026-03-31", stdout=out
    )
    result = json.loads(out.getvalue())
    assert result["employees"] == 40
    assert "TS009" in result["population"]["source"] and "TS038" in result["population"]["source"]
    assert "Open Government Licence" in result["population"]["licence"]
    women = next(r for r in result["rows"] if r["category"] == "Female")
    assert (women["staff"], women["staff_share"]) == (30, 0.75)
    csv_out = StringIO()
    call_command(
        "workforce",
        str(path),
        "--profile",
        "E07000110",
        "--format",
        "csv",
        stdout=csv_out,
        stderr=StringIO(),
    )
    lines = csv_out.getvalue().splitlines()
    assert lines[0].startswith("variable,category,staff,staff_share,population_share")
    assert (
        lines[1] == "sex,Female,30,0.75,0.5053,1.484,0.5981,0.8581,no,no"
    )  # Wilson, worked by hand


@pytest.mark.django_db
def test_the_workforce_command_refuses_an_unknown_profile(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(FORTY))
    with pytest.raises(CommandError, match="--profile: there are no organisations yet"):
        call_command("workforce", str(path), "--profile", "Nowhere")


def test_the_workforce_command_reports_a_bad_row_by_line_and_field(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(staff(FORTY).replace(b"E3,Female", b"E3,Femail"))
    with pytest.raises(CommandError, match=r"staff.csv: line 4, field sex: 'Femail'"):
        call_command("workforce", str(path), "--profile", "E07000110")


def test_broad_groups_are_summed_from_a_profile_of_the_19_groups():
    margins = [m for m in census_margins("E07000110") if m.variable == "ethnic group (19)"]
    profile = workforce_profile(characteristics_count(records())["all"], margins)
    assert profile.compared == ["ethnic group (19)", "ethnic group (5)"]
    white = next(r for r in profile.rows if r.category == "White")
    total = sum(margins[0].population.values())
    white_people = 144114 + 994 + 1009 + 273 + 11474  # TS021's five White groups
    assert round(white.population_share, 6) == round(white_people / total, 6)


def test_grades_go_from_the_lowest_paid_to_the_highest():
    data = (
        b"employee_id,sex,grade,hourly_pay,bonus_pay,relevant_employee,full_pay_relevant_employee\n"
        b"1,F,Chief officer,45,0,yes,yes\n2,F,Grade 10,20,0,yes,yes\n3,M,Grade 2,13,0,yes,yes\n"
        b"4,M,Grade 1,12,0,yes,yes\n"
    )
    people = staff_read(data, source="s.csv", snapshot=DAY).records
    assert list(characteristics_count(people)["grades"]) == [
        "Grade 1",
        "Grade 2",
        "Grade 10",
        "Chief officer",
    ]
