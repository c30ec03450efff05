"""The plan as open data: CSV and Excel, one row per action and period (see plans/planformat/columns.py)."""

from __future__ import annotations

import csv
import io
from typing import Any, ClassVar

from eqtrack.core.cells import row_escape, sheet_append
from eqtrack.plans.planformat import HEADER, document_rows

from ..data import ReportData

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    """Rows as CSV, with a byte-order mark so that Excel opens the file as UTF-8; a cell that
    a spreadsheet would take for a formula is escaped (see cells.py)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(row_escape(header))
    writer.writerows(row_escape(row) for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def rows_xlsx(
    *,
    header: list[str],
    rows: list[list[Any]],
    sheet: str,
    title: str,
    widths: dict[str, int] | None = None,
) -> bytes:
    """Rows as an Excel workbook: a bold, frozen header row, wrapped text, sensible widths;
    text is always a string cell, never a formula."""
    # openpyxl takes a third of a second to load: only a spreadsheet download pays for it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=False)
    worksheet = workbook.active
    worksheet.title = sheet
    sheet_append(worksheet, header)
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet_append(worksheet, row)
    worksheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(header, start=1):
        letter = worksheet.cell(row=1, column=index).column_letter
        worksheet.column_dimensions[letter].width = (widths or {}).get(name, 16)
    for row in worksheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    workbook.properties.title = title
    workbook.properties.language = "en-GB"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class CsvWriter:
    format: ClassVar[str] = "csv"
    content_type: ClassVar[str] = "text/csv; charset=utf-8"

    @classmethod
    def write(cls, data: ReportData) -> bytes:
        return rows_csv(HEADER, document_rows(data.document))


class XlsxWriter:
    format: ClassVar[str] = "xlsx"
    content_type: ClassVar[str] = XLSX

    @classmethod
    def write(cls, data: ReportData) -> bytes:
        widths = {"action": 50, "progress": 70, "next_steps": 50, "objective": 40, "status": 30}
        return rows_xlsx(
            header=HEADER,
            rows=document_rows(data.document),
            sheet="Updates",
            title=f"{data.title}: updates by period",
            widths=widths,
        )
