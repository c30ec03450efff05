"""`eqtrack committee-summary` end to end: the same summary as the dashboard's download."""

from io import StringIO

import pdfplumber
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.importing.services import plan_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(seed_paths):
    return plan_import(paths=seed_paths, slug="eap", publish=True).plan


def test_the_committee_summary_of_the_sample_plan_is_one_a4_page(sample, tmp_path):
    output = tmp_path / "summary.pdf"
    out = StringIO()
    call_command("committee-summary", "eap", "--format", "pdf", "-o", str(output), stdout=out)
    assert f"Wrote {output}" in out.getvalue()
    with pdfplumber.open(output) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)
        text = page.extract_text()
    assert "Equalities Action Plan: committee summary, 2022" in text
    assert "Change since 2021" in text


def test_an_earlier_period_in_word(sample, tmp_path):
    import docx

    output = tmp_path / "summary.docx"
    call_command(
        "committee-summary",
        "eap",
        "--period",
        "2021",
        "--format",
        "docx",
        "-o",
        str(output),
        stdout=StringIO(),
    )
    document = docx.Document(str(output))
    assert document.core_properties.title == "Equalities Action Plan: committee summary, 2021"
    assert "There is no earlier reported period to compare with." in [
        p.text for p in document.paragraphs
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["eap", "--period", "1999"],
            r"the plan has no reported period '1999' \(choose from 2021, 2022\)",
        ),
        (["nope"], "has no plan 'nope'"),
    ],
)
def test_errors_are_one_clear_line(sample, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "committee-summary",
            *args,
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "out"),
            stdout=StringIO(),
        )
    assert not (tmp_path / "out").exists()
