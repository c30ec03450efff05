"""`eqtrack report` end to end: from the database or a plan-format file, and its errors."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_a_report_from_a_plan_format_file(seed_document, tmp_path):
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(seed_document), encoding="utf-8")
    output = tmp_path / "report.html"
    out = StringIO()
    call_command(
        "report", str(source), "--period", "2021", "--format", "html", "-o", str(output), stdout=out
    )
    html = output.read_text(encoding="utf-8")
    assert "Equalities Action Plan: progress 2021" in html
    assert '<th scope="col" style="width:20%">Issues and next steps</th>' in html
    assert f"Wrote {output}" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--format", "pdf"], "there are no organisations yet"),
        (["plan.json", "--format", "pdf", "--period", "1999"], "the plan has no period '1999'"),
        (
            ["plan.json", "--format", "pdf", "--compare", "2022"],
            "--compare: '2022' must come before '2022'",
        ),
    ],
)
def test_report_errors_are_one_clear_line(seed_document, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.json").write_text(json.dumps(seed_document), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "-o", str(tmp_path / "out"), stdout=StringIO())
    assert not (tmp_path / "out").exists()
