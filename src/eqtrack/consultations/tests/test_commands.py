"""`eqtrack consultation-weight` end to end, with CSV and Excel responses."""

import csv
from io import StringIO

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

MARGINS = """variable,category,population
sex,Female,"51,000"
sex,Male,"49,000"
age,16-34,0.3
age,35+,0.7
"""


def _responses(path, n=400):
    rng = np.random.default_rng(5)
    frame = pd.DataFrame(
        {
            "id": range(n),
            "sex": rng.choice(["Female", "Male", "Prefer not to say"], n, p=[0.6, 0.37, 0.03]),
            "age": rng.choice(["16-34", "35+"], n, p=[0.2, 0.8]),
            "q1": rng.choice(["Yes", "No"], n),
        }
    )
    if path.suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False)
    return frame


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_weight_adds_a_weight_column_averaging_one(tmp_path, suffix):
    responses = tmp_path / f"responses{suffix}"
    original = _responses(responses)
    margins = tmp_path / "margins.csv"
    margins.write_text(MARGINS, encoding="utf-8")
    output = tmp_path / f"weighted{suffix}"
    err = StringIO()
    call_command(
        "consultation-weight",
        str(responses),
        "--margins",
        str(margins),
        "-o",
        str(output),
        stdout=StringIO(),
        stderr=err,
    )
    weighted = pd.read_excel(output) if suffix == ".xlsx" else pd.read_csv(output)
    assert list(weighted.columns) == ["id", "sex", "age", "q1", "weight"]
    assert len(weighted) == len(original)
    assert weighted.weight.mean() == pytest.approx(1.0, abs=1e-9)
    known = weighted[weighted.sex != "Prefer not to say"]
    assert (known.weight[known.sex == "Female"].sum() / known.weight.sum()) == pytest.approx(
        0.51, abs=1e-9
    )
    assert (known.weight[known.age == "16-34"].sum() / known.weight.sum()) == pytest.approx(
        0.3, abs=1e-9
    )
    assert "converged: yes" in err.getvalue() and "design effect (Kish)" in err.getvalue()
    assert "missing a weighting variable and given weight 1" in err.getvalue()


def test_bad_margins_are_one_clear_line(tmp_path):
    responses = tmp_path / "responses.csv"
    _responses(responses)
    margins = tmp_path / "margins.csv"
    margins.write_text("variable,category,population\nsex,Female,lots\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match="margins.csv: line 2: population 'lots' is not a number"
    ):
        call_command(
            "consultation-weight",
            str(responses),
            "--margins",
            str(margins),
            "-o",
            str(tmp_path / "o.csv"),
        )
    margins.write_text("name,share\nsex,1\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match="line 1: expected the columns variable,category,population"
    ):
        call_command(
            "consultation-weight",
            str(responses),
            "--margins",
            str(margins),
            "-o",
            str(tmp_path / "o.csv"),
        )
    assert not (tmp_path / "o.csv").exists()
    assert list(csv.reader(responses.open()))[0] == ["id", "sex", "age", "q1"]
