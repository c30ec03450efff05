"""Reading staff files: eqtrack's layout, mapped columns, Excel, hourly pay worked out as
Schedule 1 paragraph 6 says, and every bad cell named by line and field."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from eqtrack.workforce.staff import (
    MAX_PROBLEMS_SHOWN,
    WHITE_BRITISH,
    StaffFileError,
    hourly_rate_of_pay,
    staff_read,
)

SNAPSHOT = dt.date(2026, 3, 31)
HEADER = (
    "employee_id,sex,ethnic_group,disability,date_of_birth,grade,hourly_pay,bonus_pay,"
    "relevant_employee,full_pay_relevant_employee\n"
)


def read(text: str, **kwargs):
    return staff_read(text.encode(), source="staff.csv", snapshot=SNAPSHOT, **kwargs)


def problems(text: str, **kwargs) -> list[str]:
    with pytest.raises(StaffFileError) as e:
        read(text, **kwargs)
    return e.value.problems


def test_eqtracks_own_layout():
    staff = read(
        HEADER
        + f'A1,Female,"{WHITE_BRITISH}",,1980-06-30,G5,£12.50,"1,000.00",yes,yes\n'
        + "A2,m,white: irish,Disabled,31/03/1990,G6,,0,Y,N\n"
        + "A3,Woman,Prefer not to say,no,,G7,20,,TRUE,true\n"
    )
    one, two, three = staff.records
    assert (one.employee_id, one.sex, one.ethnic_group, one.disability) == (
        "A1",
        "Female",
        WHITE_BRITISH,
        None,
    )
    assert one.broad_ethnic_group == "White"
    assert one.date_of_birth == dt.date(1980, 6, 30)
    assert one.age == 45  # 30 June 1980 to 31 March 2026
    assert (one.hourly_pay, one.bonus_pay) == (Decimal("12.50"), Decimal("1000.00"))
    assert one.full_pay_relevant_employee and one.relevant_employee
    # Spellings: "m" is Male, the category's case is ONS's, "Y"/"N" are yes/no.
    assert (two.sex, two.ethnic_group, two.disability, two.age) == (
        "Male",
        "White: Irish",
        "Disabled",
        36,
    )
    assert two.hourly_pay is None and not two.full_pay_relevant_employee
    assert (three.sex, three.ethnic_group, three.disability) == ("Female", None, "Not disabled")
    assert three.bonus_pay == Decimal(0)
    assert staff.columns[0] == "employee_id"
    assert "starter" in staff.missing_fields


def test_the_monitoring_questions_answers_are_read_as_their_census_groups():
    staff = read(
        HEADER
        + "A1,Female,Irish,,,G5,12.50,0,yes,yes\n"
        + "A2,Male,Any other White background,,,G5,12.50,0,yes,yes\n"
        + "A3,Male,African,,,G5,12.50,0,yes,yes\n"
    )
    assert [r.ethnic_group for r in staff.records] == [
        "White: Irish",
        "White: Other White",
        "Black, Black British, Black Welsh, Caribbean or African: African",
    ]


def test_each_bad_cell_is_named_by_line_and_field():
    found = problems(
        HEADER
        + "A1,Female,,,1980-02-30,G5,12.50,0,yes,yes\n"  # no 30 February
        + "A2,Fmale,,,,G5,12.50,0,yes,yes\n"  # a typo, not "not recorded"
        + "A3,Male,,,,G5,-12.50,0,yes,yes\n"
        + "A4,Male,Welsh,,,G5,12.50,£-5,yes,maybe\n"
        + "A5,Male,,,,G5,,0,yes,yes\n"  # full-pay with no hourly pay
        + "A1,Male,,,,G5,12,0,no,yes\n"
    )
    assert found == [
        "staff.csv: line 2, field date_of_birth: '1980-02-30' is not a date like 1980-06-30 "
        "or 30/06/1980",
        "staff.csv: line 3, field sex: 'Fmale' is not Female or Male (nor blank for not recorded)",
        "staff.csv: line 4, field hourly_pay: '-12.50' is negative",
        "staff.csv: line 5, field ethnic_group: 'Welsh' is not one of the 19 Census 2021 ethnic "
        f"groups (e.g. {WHITE_BRITISH!r}), nor blank for not declared",
        "staff.csv: line 5, field bonus_pay: '£-5' is negative",
        "staff.csv: line 5, field full_pay_relevant_employee: 'maybe' is not yes or no",
        "staff.csv: line 6, field hourly_pay: is missing for a full-pay relevant employee",
        "staff.csv: line 7, field employee_id: 'A1' is also on line 2",
        "staff.csv: line 7, field full_pay_relevant_employee: is yes but relevant_employee is "
        "no (a full-pay relevant employee is a relevant employee)",
    ]


def test_a_missing_column_is_named_and_nothing_is_read():
    found = problems("employee_id,gender,hourly_pay,bonus_pay,relevant_employee\nA1,F,1,0,yes\n")
    assert found == [
        "staff.csv: line 1, field sex: no column 'sex' (use --map sex=COLUMN if it is named "
        "otherwise)",
        "staff.csv: line 1, field full_pay_relevant_employee: no column "
        "'full_pay_relevant_employee' (use --map full_pay_relevant_employee=COLUMN if it is "
        "named otherwise)",
    ]


def test_a_mapping_names_another_extracts_columns():
    text = (
        "Staff No,Gender,Ethnicity,Hourly Rate,Bonus 12m,In post,Full pay\n"
        "100,F,,11.00,0,Yes,Yes\n"
        "101,M,,12.00,0,Yes,No\n"
    )
    staff = read(
        text,
        mapping={
            "employee_id": "Staff No",
            "sex": "gender",  # case is ignored
            "ethnic_group": "Ethnicity",
            "hourly_pay": "Hourly Rate",
            "bonus_pay": "Bonus 12m",
            "relevant_employee": "In post",
            "full_pay_relevant_employee": "Full pay",
        },
    )
    assert [(r.employee_id, r.sex, r.hourly_pay) for r in staff.records] == [
        ("100", "Female", Decimal("11.00")),
        ("101", "Male", Decimal("12.00")),
    ]
    assert problems(text, mapping={"salary": "Hourly Rate"})[0].startswith(
        "staff.csv: field salary: eqtrack has no such field"
    )


def test_hourly_pay_from_ordinary_pay_and_hours_as_paragraph_6():
    # A month of 31 days (March), £2,000 ordinary pay and £100 of bonus in the period,
    # 37 hours a week: (2000 + 100) × 7 / 31 / 37 = 12.8160…
    text = (
        "employee_id,sex,ordinary_pay,period_bonus_pay,weekly_hours,pay_period_days,"
        "hours_in_period,bonus_pay,relevant_employee,full_pay_relevant_employee\n"
        "1,F,2000,100,37,31,,100,yes,yes\n"
        "2,M,1500,,,,150,0,yes,yes\n"  # 1500 / 150 hours = 10
        "3,M,1500,,37,,,0,yes,yes\n"  # no days in the period
    )
    found = problems(text)
    assert found == [
        "staff.csv: line 4, field hours_in_period: is missing, and so are weekly_hours and "
        "pay_period_days, so hourly pay cannot be worked out from ordinary_pay"
    ]
    one, two = read(text.rsplit("3,M", 1)[0]).records
    assert one.hourly_pay is not None
    assert round(one.hourly_pay, 4) == Decimal("12.8160")
    assert two.hourly_pay == Decimal(10)
    assert hourly_rate_of_pay(
        ordinary_pay=Decimal(700), weekly_hours=Decimal(35), pay_period_days=Decimal(14)
    ) == Decimal(10)


def test_an_excel_file_reads_like_a_csv():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(
        ["E1", "Female", WHITE_BRITISH, None, dt.datetime(1970, 1, 1), "G5", 15.5, 0, "yes", "yes"]
    )
    sheet.append([2, "Male", None, "Disabled", None, "G6", 14, 250.0, "no", "no"])
    sheet.append([3, "Male", None, None, "soon", "G6", 14, 0, "yes", "yes"])
    data = io.BytesIO()
    workbook.save(data)
    with pytest.raises(StaffFileError) as e:
        staff_read(data.getvalue(), source="staff.xlsx", snapshot=SNAPSHOT)
    assert e.value.problems == [
        "staff.xlsx: line 4, field date_of_birth: 'soon' is not a date like 1980-06-30 or "
        "30/06/1980"
    ]
    sheet.delete_rows(4)
    data = io.BytesIO()
    workbook.save(data)
    one, two = staff_read(data.getvalue(), source="staff.xlsx", snapshot=SNAPSHOT).records
    assert (one.date_of_birth, one.age, one.hourly_pay) == (
        dt.date(1970, 1, 1),
        56,
        Decimal("15.5"),
    )
    assert (two.employee_id, two.bonus_pay, two.relevant_employee) == ("2", Decimal(250), False)


def test_many_problems_show_the_first_20_and_a_count():
    rows = "".join(f"E{i},Nope,,,,G1,1,0,yes,yes\n" for i in range(25))
    with pytest.raises(StaffFileError) as e:
        read(HEADER + rows)
    message = str(e.value).splitlines()
    assert len(message) == MAX_PROBLEMS_SHOWN + 1
    assert message[0].startswith("staff.csv: line 2, field sex: 'Nope'")
    assert message[-1] == "staff.csv: … and 5 more problems (25 in all)"


def test_a_blank_file_and_a_file_of_no_one_are_refused():
    with pytest.raises(StaffFileError, match="line 1: the file is empty"):
        read("")
    with pytest.raises(StaffFileError, match="has no employees"):
        read(HEADER + "\n")
