"""Consultation files carry text, never formulas: the weighted download, `eqtrack consultation-weight`'s
output, the who-answered spreadsheet and the CLI's CSV; read back, the answers are exact."""

import csv
import io
from io import StringIO

import pandas as pd
import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from eqtrack.consultations.margins import responses_parse, responses_read
from eqtrack.consultations.services import consultation_create, profile_create
from eqtrack.consultations.weighting import Margin
from eqtrack.organisations.models import Organisation

HOSTILE = ['=HYPERLINK("http://x","y")', "+44 1622 602000", "@SUM(1)", "-2+3"]
YOUNG, OLD = "=1+1", "-2+3"  # the groups' names, from the responses and margins files


def _formula_like(text: str) -> bool:
    return text.startswith(("=", "+", "@", "\t", "\r")) or (
        text.startswith("-") and len(text) > 1 and text[1] != " "
    )


def _responses() -> pd.DataFrame:
    answers = (HOSTILE * 50)[:200]
    return pd.DataFrame({"age": [YOUNG] * 60 + [OLD] * 140, "@SUM(1)": answers})


def _csv_cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


@pytest.mark.django_db
def test_the_weighted_download_escapes_formulas_and_reads_back_exactly():
    organisation = Organisation.objects.create(name="Borough", slug="borough")
    profile = profile_create(
        organisation=organisation,
        name="Borough 2021",
        margins=[Margin("age", {YOUNG: 30, OLD: 70})],
    )
    consultation = consultation_create(
        organisation=organisation,
        title="Survey",
        responses_filename="survey.csv",
        responses=_responses().to_csv(index=False).encode(),
        profile=profile,
    )
    weighted = bytes(consultation.weighted)
    cells = _csv_cells(weighted.decode())
    assert not [c for c in cells if _formula_like(c)]
    assert "'@SUM(1)" in cells and "'=1+1" in cells
    back = responses_parse(weighted, source="weighted.csv")
    assert list(back.columns) == ["age", "@SUM(1)", "weight"]
    assert back[["age", "@SUM(1)"]].equals(_responses())


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_weight_writes_text_and_results_reads_it_back(tmp_path, suffix):
    responses = tmp_path / "responses.csv"
    _responses().to_csv(responses, index=False)
    margins = tmp_path / "margins.csv"
    margins.write_text(f'variable,category,population\nage,"{YOUNG}",30\nage,{OLD},70\n')
    output = tmp_path / f"weighted{suffix}"
    call_command(
        "consultation-weight",
        str(responses),
        "--margins",
        str(margins),
        "-o",
        str(output),
        stdout=StringIO(),
    )
    if suffix == ".xlsx":
        cells = [c for row in load_workbook(output).active.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        assert {c.value for c in cells if c.data_type == "s"} >= {*HOSTILE, YOUNG, "@SUM(1)"}
    else:
        assert not [c for c in _csv_cells(output.read_text()) if _formula_like(c)]
    back = responses_read(output)
    assert back[["age", "@SUM(1)"]].astype(str).equals(_responses())
    out = StringIO()
    call_command("consultation-results", str(output), "--question", "@SUM(1)", stdout=out)
    cells = _csv_cells(out.getvalue())
    assert not [c for c in cells if _formula_like(c)]
    assert '\'=HYPERLINK("http://x","y")' in cells and "'@SUM(1)" in cells


def test_who_answered_as_csv_and_excel_carries_text(tmp_path):
    responses = tmp_path / "responses.csv"
    _responses().to_csv(responses, index=False)
    margins = tmp_path / "margins.csv"
    margins.write_text(f'variable,category,population\nage,"{YOUNG}",30\nage,{OLD},70\n')
    out = StringIO()
    call_command("consultation-represent", str(responses), "--margins", str(margins), stdout=out)
    cells = _csv_cells(out.getvalue())
    assert not [c for c in cells if _formula_like(c)] and "'=1+1" in cells
    xlsx = tmp_path / "who.xlsx"
    call_command(
        "consultation-represent",
        str(responses),
        "--margins",
        str(margins),
        "--format",
        "xlsx",
        "-o",
        str(xlsx),
        stdout=StringIO(),
    )
    cells = [c for row in load_workbook(xlsx).active.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    groups = {c.value: c.data_type for c in cells if c.column == 2}
    assert groups[YOUNG] == "s" and groups[OLD] == "s"
