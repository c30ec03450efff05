"""Spreadsheet cells carry text, never formulas: the one codec every CSV and Excel file uses.

A cell is dangerous when Excel or LibreOffice would take it for a formula: text beginning
with "=", "+", "@", a tab, a carriage return, or "-" followed by anything but a space (so the
plan format's "- item" lines stay as they are). In CSV such a cell is written with a leading
"'", which spreadsheets show as text; in Excel it is a string cell marked "quote prefix".

Reading a CSV back takes the "'" off again. So that text really beginning with "'" survives,
a "'" in front of text that is itself dangerous (or looks escaped) is escaped too:
"'=x" is written "''=x". The rule, both ways: a cell is escaped exactly when it is dangerous
or is "'" followed by something escaped-looking, and unescaping removes one "'" only from such
a cell; so unescape(escape(text)) == text for every text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

_TRIGGERS = ("=", "+", "@", "\t", "\r")


def _dangerous(text: str) -> bool:
    if text.startswith(_TRIGGERS):
        return True
    if text.startswith("-"):
        return len(text) > 1 and text[1] != " "
    # A "'" in front of dangerous text is escaped too, or reading back would drop it.
    return text.startswith("'") and _dangerous(text[1:])


def cell_escape(value: Any) -> Any:
    """The value as a CSV cell that a spreadsheet shows as text; non-text values unchanged."""
    if isinstance(value, str) and _dangerous(value):
        return "'" + value
    return value


def cell_unescape(value: Any) -> Any:
    """The inverse of cell_escape, for a cell read from a CSV file."""
    if isinstance(value, str) and value.startswith("'") and _dangerous(value[1:]):
        return value[1:]
    return value


def row_escape(row: Iterable[Any]) -> list[Any]:
    return [cell_escape(v) for v in row]


def row_unescape(row: Iterable[Any]) -> list[Any]:
    return [cell_unescape(v) for v in row]


def frame_escape(frame: Any) -> Any:
    """A pandas DataFrame, headings and text cells escaped, ready for to_csv."""
    return frame.rename(columns=cell_escape).map(cell_escape)


def frame_unescape(frame: Any) -> Any:
    """A DataFrame read from a CSV file with its headings and text cells unescaped."""
    return frame.rename(columns=cell_unescape).map(cell_unescape)


def sheet_append(worksheet: Any, row: Iterable[Any]) -> None:
    """Add a row to an openpyxl worksheet with every text value a string cell, never a
    formula (openpyxl makes "=..." a formula and "#N/A" an error unless told otherwise)."""
    # Control characters (a soft line break pasted from Word) cannot go in a sheet: openpyxl
    # refuses the whole row, so one person's answer would break everyone's download.
    values = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in list(row)]
    worksheet.append(values)
    for cell, value in zip(worksheet[worksheet.max_row], values, strict=False):
        if isinstance(value, str):
            cell.data_type = "s"
            if _dangerous(value):
                # Excel keeps a quote-prefixed cell as text even when someone edits it.
                cell.quotePrefix = True
