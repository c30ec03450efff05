"""`eqtrack score-sheet` end to end: the same score sheet and letters as the tender's pages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.procurement.models import TenderStage

from .documents_example import evaluated_tender

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_score_sheet(tmp_path):
    from openpyxl import load_workbook

    evaluated_tender()
    output = tmp_path / "sheet.xlsx"
    out = StringIO()
    call_command(
        "score-sheet",
        "--organisation",
        "worked",
        "--tender",
        "W-relative",
        "--format",
        "xlsx",
        "-o",
        str(output),
        stdout=out,
    )
    assert f"Wrote {output}" in out.getvalue()
    lot = load_workbook(output)["Lot 1"]
    assert [r[6] for r in lot.iter_rows(min_row=2, values_only=True)] == [88.85, 85.63, 81.31]


def test_the_command_writes_a_debrief_letter(tmp_path):
    import docx

    evaluated_tender(stage=TenderStage.AWARDED)
    output = tmp_path / "cam.docx"
    call_command(
        "score-sheet",
        "--tender",
        "W-relative",
        "--debrief",
        "Cam Ltd",
        "--format",
        "docx",
        "-o",
        str(output),
        stdout=StringIO(),
    )
    text = "\n".join(p.text for p in docx.Document(str(output)).paragraphs)
    assert "ranked 3rd of 3" in text and "Avon" not in text


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--tender", "W-nothing"], "no tender with the reference 'W-nothing' in Worked Council"),
        (["--tender", "W-relative", "--debrief", "Dee Ltd"], "no bid from 'Dee Ltd'"),
        (
            ["--tender", "W-relative", "--debrief", "Cam Ltd"],
            "ready once the contract is awarded",
        ),
    ],
)
def test_the_command_says_what_is_wrong(tmp_path, arguments, message):
    evaluated_tender()
    output = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("score-sheet", *arguments, "--format", "pdf", "-o", str(output))
    assert not output.exists()


def test_a_debrief_letter_is_not_a_spreadsheet(tmp_path):
    evaluated_tender(stage=TenderStage.AWARDED)
    with pytest.raises(CommandError, match="a debrief letter is one of docx, pdf, html"):
        call_command(
            "score-sheet",
            "--tender",
            "W-relative",
            "--debrief",
            "Cam Ltd",
            "--format",
            "xlsx",
            "-o",
            str(tmp_path / "x.xlsx"),
        )
