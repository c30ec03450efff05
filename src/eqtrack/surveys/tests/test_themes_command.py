"""`eqtrack themes` end to end: a CSV in, the themes printed, the responses written with a
`theme` column that spreadsheets read as text; bad files and columns are one clear line."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_themes_engine import BINS, LIBRARIES, PARKING


def _responses(path) -> None:
    rows = [["id", "age", "What would you change?"]]
    for i, (p, b, lib) in enumerate(zip(PARKING, BINS, LIBRARIES, strict=True)):
        rows += [[f"p{i}", "18-34", p], [f"b{i}", "35-64", b], [f"l{i}", "65+", lib]]
    rows += [["blank", "65+", ""], ["formula", "=1+1", '=HYPERLINK("x") parking spaces']]
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def themes(*args):
    out, err = StringIO(), StringIO()
    call_command("themes", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_themes_printed_and_written_with_a_theme_column(tmp_path):
    responses, output = tmp_path / "responses.csv", tmp_path / "themed.csv"
    _responses(responses)
    out, _ = themes(
        responses, "--question", "What would you change?", "--themes", "3", "-o", output
    )
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["Theme 1", "Theme 2", "Theme 3"]
    assert lines[3] == "1 blank answer."
    assert lines[4] == f"Wrote {output}: 17 responses with their theme."
    # The parking theme has the formula's answer too: six answers.
    parking = next(line for line in lines[:3] if "parking" in line)
    assert parking.endswith("(6 answers)")

    with output.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["id", "age", "What would you change?", "theme"]
    theme_of = {r["id"]: r["theme"] for r in rows}
    assert theme_of["blank"] == ""
    for prefix in "pbl":
        assert len({theme_of[f"{prefix}{i}"] for i in range(5)}) == 1
    assert len({theme_of["p0"], theme_of["b0"], theme_of["l0"]}) == 3
    assert theme_of["formula"] == theme_of["p0"]
    # Formula-safe, as every export: the cells starting "=" are written as text.
    formula = next(r for r in rows if r["id"] == "formula")
    assert formula["age"] == "'=1+1"
    assert formula["What would you change?"].startswith("'=HYPERLINK")


def test_without_output_only_prints(tmp_path):
    responses = tmp_path / "responses.csv"
    _responses(responses)
    out, _ = themes(responses, "--question", "What would you change?")
    assert out.startswith("Theme 1: ") and "Wrote" not in out
    assert list(tmp_path.iterdir()) == [responses]


def test_bad_files_and_columns_are_one_clear_message(tmp_path):
    responses = tmp_path / "responses.csv"
    _responses(responses)
    with pytest.raises(CommandError) as e:
        themes(responses, "--question", "Q9")
    assert str(e.value) == (
        f"{responses}: no column 'Q9' (its columns are: id, age, What would you change?)"
    )
    with pytest.raises(CommandError, match="no such file"):
        themes(tmp_path / "missing.csv", "--question", "Q9")
    blank = tmp_path / "blank.csv"
    blank.write_text("id,comments\n1,\n2, \n", encoding="utf-8")
    with pytest.raises(CommandError) as e:
        themes(blank, "--question", "comments")
    assert str(e.value) == (
        f"{blank}: column 'comments': There are no answers to find themes in: every answer is "
        "blank."
    )
    with pytest.raises(CommandError, match="--themes: give a number of themes, 1 or more"):
        themes(responses, "--question", "id", "--themes", "0")


def test_the_eqtrack_command_exits_non_zero_without_a_traceback(tmp_path):
    responses, output = tmp_path / "responses.csv", tmp_path / "out.csv"
    _responses(responses)
    env = {**os.environ, "EQTRACK_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("EQTRACK_DATABASE_URL", None)

    def eqtrack(*args):
        return subprocess.run(
            [sys.executable, "-m", "eqtrack", *map(str, args)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    run = eqtrack("themes", responses, "--question", "What would you change?", "-o", output)
    assert run.returncode == 0, run.stderr
    assert "Theme 1: " in run.stdout and output.exists()
    run = eqtrack("themes", responses, "--question", "Nope")
    assert run.returncode == 1
    assert f"{responses}: no column 'Nope'" in run.stderr
    assert "Traceback" not in run.stderr
    run = eqtrack("themes", tmp_path / "none.csv", "--question", "Nope")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{tmp_path / 'none.csv'}: no such file" in run.stderr
    assert "themes" in eqtrack("help").stdout
