"""Spreadsheets carry text, never formulas: every CSV and Excel file eqtrack writes, and reading
its own files back gives the exact text again."""

import copy
import csv
import io

import pytest
from openpyxl import load_workbook

from eqtrack.core.cells import cell_escape, cell_unescape
from eqtrack.importing.services import plan_import
from eqtrack.plans.selectors import plan_document
from eqtrack.reports.data import report_data
from eqtrack.reports.writers.spreadsheets import CsvWriter, XlsxWriter

HOSTILE = ['=HYPERLINK("http://x","y")', "+44 1622 602000", "@SUM(1)", "-2+3"]
# What a spreadsheet would take for a formula if it began a cell as it is.
TRIGGERS = ("=", "+", "@", "\t", "\r")


def _formula_like(text: str) -> bool:
    return text.startswith(TRIGGERS) or (text.startswith("-") and len(text) > 1 and text[1] != " ")


@pytest.mark.parametrize(
    "text",
    [
        *HOSTILE,
        "\tTabbed",
        "\rReturned",
        "'=quoted formula",  # text that really begins with "'" before a formula
        "''=twice",
        "'plain quote",
        "'",
        "- an item",
        "-",
        "Plain text",
        "",
    ],
)
def test_escaping_round_trips_and_leaves_no_formula(text):
    escaped = cell_escape(text)
    assert cell_unescape(escaped) == text
    assert not _formula_like(escaped)


def test_what_is_escaped_and_what_is_left_alone():
    assert cell_escape("-2+3") == "'-2+3"
    assert cell_escape("- item") == "- item"  # the plan format's item prefix
    assert cell_escape("'=x") == "''=x"
    assert cell_escape("'plain") == "'plain"
    assert cell_unescape("'plain") == "'plain"
    assert cell_escape(3) == 3 and cell_escape(None) is None


def _hostile_document(seed_document):
    document = copy.deepcopy(seed_document)
    for theme in document["themes"]:
        for action in theme["actions"]:
            for update in action["updates"]:
                update.pop("indicators", None)
    theme = document["themes"][0]
    theme["title"] = HOSTILE[0]
    theme["objective"] = "'=quoted formula"
    action = theme["actions"][0]
    action["text"] = HOSTILE[2]
    action["lead"] = HOSTILE[1]
    action["due"] = HOSTILE[3]
    update = action["updates"][-1]
    update["progress"] = [HOSTILE[0], "-2+3 more"]
    update["status"] = {"text": "-2+3", "category": None}
    return document


@pytest.mark.django_db
def test_the_open_data_csv_escapes_formulas_and_imports_back_exactly(seed_document, tmp_path):
    document = _hostile_document(seed_document)
    data = CsvWriter.write(report_data(document=document, period=None, glossary={}))
    cells = [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]
    assert not [c for c in cells if _formula_like(c)]
    assert '\'=HYPERLINK("http://x","y")' in cells and "'+44 1622 602000" in cells
    assert "''=quoted formula" in cells
    # A progress cell keeps its "- " item lines.
    assert any(c.startswith('- =HYPERLINK("http://x","y")\n- -2+3 more') for c in cells)
    path = tmp_path / "plan.csv"
    path.write_bytes(data)
    result = plan_import(paths=[path], slug="from-csv")
    assert plan_document(organisation=result.plan.organisation, slug="from-csv") == document


@pytest.mark.django_db
def test_the_open_data_xlsx_has_string_cells_and_imports_back_exactly(seed_document, tmp_path):
    document = _hostile_document(seed_document)
    data = XlsxWriter.write(report_data(document=document, period=None, glossary={}))
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type != "s"]
    values = {c.value: c for c in cells}
    for text in HOSTILE:
        assert values[text].data_type == "s" and values[text].quotePrefix
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    result = plan_import(paths=[path], slug="from-xlsx")
    assert plan_document(organisation=result.plan.organisation, slug="from-xlsx") == document


@pytest.mark.django_db
def test_the_policy_register_escapes_formulas():
    from eqtrack.accounts.models import Role
    from eqtrack.accounts.tests.factories import member_create
    from eqtrack.assessments.documents import register_document
    from eqtrack.assessments.services import policy_create
    from eqtrack.organisations.models import Organisation

    org = Organisation.objects.create(name="Borough", slug="borough")
    author = member_create(org, Role.OWNER)
    policy_create(organisation=org, title=HOSTILE[0], user=author)
    data, _ = register_document(organisation=org, file_format="csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + HOSTILE[0]
    assert cell_unescape(rows[1][0]) == HOSTILE[0]
    data, _ = register_document(organisation=org, file_format="xlsx")
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert (cell.value, cell.data_type) == (HOSTILE[0], "s")
