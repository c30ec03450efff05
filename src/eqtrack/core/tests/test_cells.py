"""Spreadsheet cells: text stays text, and a control character pasted into an answer does not
stop the whole sheet being written."""

import io

import openpyxl

from eqtrack.core.cells import sheet_append


def test_a_control_character_is_left_out_and_a_formula_stays_text():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet_append(sheet, ["Too far\x0baway", "=1+1", 3])
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl refuses to write \x0b
    row = next(openpyxl.load_workbook(buffer).active.iter_rows(values_only=True))
    assert row == ("Too faraway", "=1+1", 3)
