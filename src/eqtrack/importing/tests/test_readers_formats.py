"""Word, PDF and web-page versions of the two seed reports read as the same plan as the text."""

import json
from pathlib import Path

import pytest

from eqtrack.importing.parsing import files_parse
from eqtrack.importing.readers import reader_for
from eqtrack.importing.readers.pdf import PdfReader
from eqtrack.importing.readers.web_page import WebPageReader
from eqtrack.importing.readers.word import WordReader

from .documents import report_to_docx, report_to_html, report_to_pdf

BUILDERS = {
    "docx": (report_to_docx, WordReader),
    "html": (lambda report: report_to_html(report).encode(), WebPageReader),
    "pdf": (report_to_pdf, PdfReader),
}


@pytest.fixture(scope="module")
def text_plan(request):
    root = Path(__file__).resolve().parents[4] / "sample_data"
    paths = [
        root / "equalities-actions-update-2021.txt",
        root / "equalities-actions-update-2022.txt",
    ]
    return paths, files_parse(paths=paths, periods=["2021", "2022"]).document


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_the_seeds_in_another_format_give_the_same_plan(text_plan, tmp_path, kind):
    paths, expected = text_plan
    build, reader = BUILDERS[kind]
    converted = []
    for path in paths:
        data = path.read_bytes()
        report = reader_for(data, source=path.name).read(data, source=path.name)
        # The file name says nothing of its format: the content decides.
        target = tmp_path / f"{path.stem}.report"
        target.write_bytes(build(report))
        assert reader_for(target.read_bytes(), source=target.name) is reader
        converted.append(target)
    document = files_parse(paths=converted, periods=["2021", "2022"]).document
    assert json.dumps(document, indent=1, ensure_ascii=False) == json.dumps(
        expected, indent=1, ensure_ascii=False
    )
