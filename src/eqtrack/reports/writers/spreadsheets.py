"""The plan as open data: CSV and Excel, one row per action and period (see opendata.py)."""

from __future__ import annotations

import csv
import io
from typing import ClassVar

from ..data import ReportData
from ..opendata import COLUMNS, HEADER, document_rows


class CsvWriter:
    format: ClassVar[str] = "csv"
    content_type: ClassVar[str] = "text/csv; charset=utf-8"

    @classmethod
    def write(cls, data: ReportData) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(document_rows(data.document))
        # A byte-order mark, so that Excel opens the file as UTF-8.
        return ("\ufeff" + out.getvalue()).encode("utf-8")


class XlsxWriter:
    format: ClassVar[str] = "xlsx"
    content_type: ClassVar[str] = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )

    @classmethod
    def write(cls, data: ReportData) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font

        workbook = Workbook(write_only=False)
        sheet = workbook.active
        sheet.title = "Updates"
        sheet.append(HEADER)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in document_rows(data.document):
            sheet.append(row)
        sheet.freeze_panes = "A2"
        wrap = Alignment(wrap_text=True, vertical="top")
        widths = {"action": 50, "progress": 70, "next_steps": 50, "objective": 40, "status": 30}
        for index, (name, _) in enumerate(COLUMNS, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = widths.get(name, 16)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        workbook.properties.title = f"{data.title}: updates by period"
        workbook.properties.language = "en-GB"
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
