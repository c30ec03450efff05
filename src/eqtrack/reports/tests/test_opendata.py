"""The open-data spreadsheets: written, read back as a new plan, and re-imported as edits."""

import copy
import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command

from eqtrack.importing.services import plan_import
from eqtrack.plans.models import Update
from eqtrack.plans.planformat import HEADER, cell_to_items, items_to_cell
from eqtrack.plans.selectors import plan_document
from eqtrack.reports.data import report_data
from eqtrack.reports.writers.spreadsheets import CsvWriter, XlsxWriter


def _without_indicators(document):
    document = copy.deepcopy(document)
    for theme in document["themes"]:
        for action in theme["actions"]:
            for update in action["updates"]:
                update.pop("indicators", None)
    return document


@pytest.mark.parametrize(
    "items",
    [
        [],
        ["One.", "Two."],
        [
            {
                "text": "Parent:",
                "items": ["Child.", {"text": "Child two", "items": ["Grandchild."]}],
            },
            "After.",
        ],
    ],
)
def test_items_survive_a_spreadsheet_cell(items):
    assert cell_to_items(items_to_cell(items)) == items


def test_text_typed_into_a_cell_by_hand_is_kept():
    assert cell_to_items("Met the group.\nNext meeting in May.") == [
        "Met the group.",
        "Next meeting in May.",
    ]


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_one_row_per_action_and_period(seed_document):
    rows = _csv_rows(CsvWriter.write(report_data(document=seed_document, period=None, glossary={})))
    assert rows[0] == HEADER
    assert len(rows) == 1 + 42
    first = dict(zip(HEADER, rows[1], strict=True))
    assert (first["ref"], first["period"], first["status"]) == ("CL1", "2021", "")
    assert first["progress"].startswith(
        "- Report taken and agreed by Committee (January 2020).\n- "
    )


@pytest.mark.django_db
@pytest.mark.parametrize("writer", [CsvWriter, XlsxWriter])
def test_a_spreadsheet_imports_as_the_same_plan(seed_document, tmp_path, writer):
    path = tmp_path / f"plan.{writer.format}"
    path.write_bytes(writer.write(report_data(document=seed_document, period=None, glossary={})))
    result = plan_import(paths=[path], slug="from-sheet")
    exported = plan_document(organisation=result.plan.organisation, slug="from-sheet")
    assert exported == _without_indicators(seed_document)


@pytest.mark.django_db
def test_re_importing_edits_changes_only_what_changed(seed_document, tmp_path):
    plan = plan_import(paths=[_write(tmp_path, seed_document)], slug="eap").plan
    versions_before = Update.history.count()
    data = report_data(
        document=plan_document(organisation=plan.organisation, slug="eap"), period=None, glossary={}
    )
    rows = _csv_rows(CsvWriter.write(data))
    status = HEADER.index("status")
    rows[2][status], rows[2][status + 1] = "Complete", "complete"  # CL1 2022
    rows.append(
        [
            "",
            "",
            "As a Community Leader",
            "",
            "CL99",
            "Not in the plan.",
            "",
            "",
            "2022",
            "",
            "",
            "",
            "",
        ]
    )
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    err = StringIO()
    call_command("import", str(edited), "--plan", "eap", stdout=StringIO(), stderr=err)
    summary = err.getvalue()
    assert "1 updates changed, 0 added, 41 unchanged" in summary
    assert "changed: CL1 (2022)" in summary
    assert f"not imported: {edited}: line 44: no action matches 'CL99'" in summary
    assert Update.history.count() == versions_before + 1  # one new version, nothing else touched
    update = Update.objects.get(action__ref="CL1", period__label="2022", action__plan=plan)
    assert (update.status_text, update.status_category) == ("Complete", "complete")
    assert update.history.first().history_change_reason == f"Imported from {edited}"


def _write(tmp_path, document):
    path = tmp_path / "plan.csv"
    path.write_bytes(CsvWriter.write(report_data(document=document, period=None, glossary={})))
    return path


def test_a_spreadsheet_missing_a_column_is_named(tmp_path):
    from eqtrack.core.files import InputError
    from eqtrack.importing.spreadsheet import spreadsheet_rows

    with pytest.raises(
        InputError, match="x.csv: line 1: the spreadsheet has no column progress, theme"
    ):
        spreadsheet_rows(b"action,period\nA,2022\n", source="x.csv")
