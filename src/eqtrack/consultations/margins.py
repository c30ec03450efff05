"""Reading population margins (variable, category, population) and survey responses from files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from eqtrack.core.cells import frame_escape, frame_unescape, sheet_append
from eqtrack.core.files import (
    FileRefused,
    source_read_bytes,
    source_read_text,
    zip_check,
    zip_has,
)

from .weighting import Margin, WeightingError


def margins_read(path: Path) -> list[Margin]:
    """Margins from a CSV with the columns variable, category, population (counts or shares)."""
    text = source_read_text(path)
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or not {"variable", "category", "population"} <= {
        (k or "").strip().lower() for k in rows[0]
    }:
        raise WeightingError(f"{path}: line 1: expected the columns variable,category,population")
    margins: dict[str, Margin] = {}
    for line, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        variable, category = row["variable"], row["category"]
        if not variable or not category:
            raise WeightingError(f"{path}: line {line}: the variable or category is empty")
        try:
            population = float(row["population"].replace(",", ""))
        except ValueError:
            raise WeightingError(
                f"{path}: line {line}: population {row['population']!r} is not a number"
            ) from None
        margin = margins.setdefault(variable, Margin(variable, {}))
        if category in margin.population:
            raise WeightingError(f"{path}: line {line}: {variable} {category!r} is listed twice")
        margin.population[category] = population
    return list(margins.values())


def responses_read(path: Path) -> pd.DataFrame:
    """Responses, one row a respondent, from a CSV or Excel file."""
    return responses_parse(source_read_bytes(path), source=str(path))


def responses_parse(data: bytes, *, source: str) -> pd.DataFrame:
    """Responses from a file's bytes (an upload, say), every answer kept as text."""
    try:
        if zip_has(data, "xl/workbook.xml"):
            zip_check(data, source=source)
            return pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)
        # A CSV eqtrack wrote (the weighted download, say) has its "'" escapes undone.
        return frame_unescape(
            pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
        )
    except FileRefused as e:  # a damaged or hostile workbook, refused by zip_check
        raise WeightingError(str(e)) from None
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as e:
        raise WeightingError(f"{source}: cannot be read as CSV or Excel responses ({e})") from None


def responses_write(responses: pd.DataFrame, path: Path) -> None:
    """Responses as CSV or Excel; answers are text in the file, never formulas (see cells.py)."""
    if path.suffix.lower() == ".xlsx":
        # Not DataFrame.to_excel: openpyxl would make an answer such as "=1+1" a formula.
        # Loaded here (a third of a second): only an Excel file pays for it.
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet_append(sheet, [str(c) for c in responses.columns])
        for row in responses.itertuples(index=False):
            sheet_append(sheet, list(row))
        workbook.save(path)
    else:
        frame_escape(responses).to_csv(path, index=False)
