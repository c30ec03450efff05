"""`eqtrack paygap` end to end: JSON and CSV out, mapped columns, and bad input as one clear
message naming file, line and field."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.workforce.paygap import FIELDS

from .test_paygap import INDIAN, WHITE_BRITISH

HEADER = (
    "employee_id,sex,ethnic_group,disability,hourly_pay,bonus_pay,relevant_employee,"
    "full_pay_relevant_employee\n"
)
# The ten people of test_paygap's second set: no women paid a bonus, bands of 3, 2, 3, 2.
TEN = [
    ("F", "8.00", "0"),
    ("M", "10.00", "0"),
    ("M", "10.00", "0"),
    ("F", "10.00", "0"),
    ("F", "11.00", "0"),
    ("M", "12.00", "0"),
    ("F", "13.00", "0"),
    ("M", "14.00", "500"),
    ("F", "15.00", "0"),
    ("M", "18.00", "1000"),
]


@pytest.fixture
def staff_file(tmp_path):
    rows = [f"{i},{sex},,,{pay},{bonus},yes,yes\n" for i, (sex, pay, bonus) in enumerate(TEN)]
    path = tmp_path / "staff.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def paygap(*args) -> str:
    out = StringIO()
    call_command("paygap", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_by_sex(staff_file):
    result = json.loads(paygap(staff_file, "--snapshot", "2026-03-31"))
    assert result["snapshot"] == "2026-03-31"
    assert result["DiffMeanHourlyPercent"] == 10.9
    assert result["DiffMedianHourlyPercent"] == 8.3
    assert result["DiffMeanBonusPercent"] is None
    assert "no women were paid a bonus" in result["reasons"]["DiffMeanBonusPercent"]
    assert (result["MaleBonusPercent"], result["FemaleBonusPercent"]) == (40.0, 0.0)
    assert (result["MaleLowerQuartile"], result["FemaleLowerQuartile"]) == (44.4, 55.6)
    assert result["counts"]["male_relevant_employees"] == 5


def test_csv_by_sex_is_one_row_with_the_services_field_names(staff_file, tmp_path):
    out = tmp_path / "gap.csv"
    paygap(staff_file, "--snapshot", "2026-03-31", "--format", "csv", "-o", out)
    [row] = list(csv.DictReader(io.StringIO(out.read_text())))
    assert list(row)[1 : 1 + len(FIELDS)] == list(FIELDS)
    assert row["DiffMeanHourlyPercent"] == "10.9"
    assert row["DiffMeanBonusPercent"] == ""
    assert row["MaleUpperMiddleQuartile"] == "66.7"


def test_by_ethnicity_one_row_a_group_with_suppression(tmp_path):
    rows = [[f"r{i}", "F", WHITE_BRITISH, "", 10 if i < 10 else 20] for i in range(20)]
    rows += [[f"i{i}", "M", INDIAN, "", 12] for i in range(10)]
    rows += [[f"w{i}", "M", "White: Roma", "", 12] for i in range(9)]
    rows += [[f"n{i}", "M", "", "", 12] for i in range(3)]
    path = tmp_path / "staff.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER.strip().split(","))
        writer.writerows([*row, 0, "yes", "yes"] for row in rows)
    result = json.loads(paygap(path, "--snapshot", "2026-03-31", "--by", "ethnicity"))
    assert result["reference"] == WHITE_BRITISH
    # 3 of 42 did not declare: 7.1%.
    assert result["not_declared"]["relevant_employees"] == {"count": 3, "of": 42, "percent": 7.1}
    groups = {g["group"]: g for g in result["groups"]}
    assert groups[INDIAN]["suppressed"] is False
    assert groups[INDIAN]["DiffMeanHourlyPercent"] == 20.0  # (15 − 12) / 15
    assert groups["White: Roma"]["suppressed"] is True
    assert groups["White: Roma"]["DiffMeanHourlyPercent"] is None
    text = paygap(path, "--snapshot", "2026-03-31", "--by", "ethnicity", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == len(result["groups"])
    indian = next(r for r in table if r["group"] == INDIAN)
    assert (indian["suppressed"], indian["DiffMedianHourlyPercent"]) == ("no", "20.0")
    assert indian["not_declared_relevant_employees_percent"] == "7.1"
    roma = next(r for r in table if r["group"] == "White: Roma")
    assert (
        roma["suppressed"],
        roma["DiffMeanHourlyPercent"],
        roma["group_relevant_employees"],
    ) == (
        "yes",
        "",
        "",
    )


def test_mapped_columns(tmp_path):
    path = tmp_path / "payroll.csv"
    path.write_text(
        "Ref,Gender,Rate,Bonus,Employed,Full pay\n"
        + "".join(f"{i},{s},{p},{b},Y,Y\n" for i, (s, p, b) in enumerate(TEN))
    )
    maps = [
        "employee_id=Ref",
        "sex=Gender",
        "hourly_pay=Rate",
        "bonus_pay=Bonus",
        "relevant_employee=Employed",
        "full_pay_relevant_employee=Full pay",
    ]
    args = [path, "--snapshot", "2026-03-31"]
    for m in maps:
        args += ["--map", m]
    assert json.loads(paygap(*args))["DiffMeanHourlyPercent"] == 10.9
    with pytest.raises(CommandError, match="'wage' is not a field"):
        paygap(path, "--snapshot", "2026-03-31", "--map", "wage=Rate")


def test_bad_input_is_one_message_naming_file_line_and_field(staff_file, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "1,F,,,twelve,0,yes,yes\n")
    with pytest.raises(CommandError) as e:
        paygap(bad, "--snapshot", "2026-03-31")
    assert str(e.value) == f"{bad}: line 2, field hourly_pay: 'twelve' is not an amount"
    with pytest.raises(CommandError, match="is not a date like 2026-03-31"):
        paygap(staff_file, "--snapshot", "31 March")
    with pytest.raises(CommandError, match="no such file"):
        paygap(tmp_path / "missing.csv", "--snapshot", "2026-03-31")
    with pytest.raises(CommandError, match="--reference: 'Welsh' is not a Census 2021"):
        paygap(staff_file, "--snapshot", "2026-03-31", "--by", "ethnicity", "--reference", "Welsh")


def eqtrack(*args, data_dir):
    env = {**os.environ, "EQTRACK_DATA_DIR": str(data_dir)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("EQTRACK_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "eqtrack", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_eqtrack_command(staff_file, tmp_path):
    run = eqtrack("paygap", staff_file, "--snapshot", "2026-03-31", data_dir=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["MaleTopQuartile"] == 50.0
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "1,Q,,,12,0,yes,yes\n")
    run = eqtrack("paygap", bad, "--snapshot", "2026-03-31", data_dir=tmp_path)
    assert run.returncode == 1
    assert f"{bad}: line 2, field sex: 'Q' is not Female or Male" in run.stderr
    assert "Traceback" not in run.stderr
    listing = eqtrack("help", data_dir=tmp_path).stdout
    assert "Workforce and pay gaps:\n  paygap" in listing


def test_a_document_needs_a_file_and_is_written_to_it(staff_file, tmp_path):
    with pytest.raises(CommandError, match="--format pdf needs -o FILE"):
        paygap(staff_file, "--snapshot", "2026-03-31", "--format", "pdf")
    out = tmp_path / "gap.docx"
    paygap(staff_file, "--snapshot", "2026-03-31", "--format", "docx", "-o", out)
    assert out.read_bytes().startswith(b"PK")
