"""Reading the open-data spreadsheet (CSV or Excel, one row per action and period) back in:
as a new plan, or as edits to the plan it was exported from."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from eqtrack.core.cells import row_unescape
from eqtrack.core.files import FileRefused, zip_check, zip_has
from eqtrack.plans.planformat import FORMAT, HEADER, cell_to_items

from .readers.text import text_or_none

REQUIRED = {"theme", "action", "period", "progress"}


@dataclass
class Row:
    line: int  # as the user sees it in the spreadsheet: the header is line 1
    values: dict[str, str]

    def get(self, name: str) -> str:
        return (self.values.get(name) or "").strip()

    @property
    def status(self) -> dict[str, Any] | None:
        text = self.get("status")
        return {"text": text, "category": self.get("status_category") or None} if text else None


def spreadsheet_rows(data: bytes, *, source: str) -> list[Row] | None:
    """The rows of an open-data spreadsheet, or None if the file is not one."""
    if zip_has(data, "xl/workbook.xml"):
        zip_check(data, source=source)
        # openpyxl takes a third of a second to load: only a spreadsheet import pays for it.
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            table = [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        except Exception as e:  # openpyxl raises many kinds on a damaged workbook
            raise FileRefused(
                f"{source}: is not an Excel workbook eqtrack can open ({e})"
            ) from None
    else:
        text = text_or_none(data)
        if text is None or not text.strip():
            return None
        first = text.splitlines()[0].lower()
        if "action" not in first or "period" not in first or "," not in first and "\t" not in first:
            return None
        dialect = csv.excel_tab if first.count("\t") > first.count(",") else csv.excel
        # Undo the "'" that eqtrack's CSV puts before text a spreadsheet would take for a formula.
        table = [row_unescape(row) for row in csv.reader(io.StringIO(text), dialect)]
    if not table:
        return None
    header = [h.strip().lower().replace(" ", "_") for h in table[0]]
    if not set(header) >= REQUIRED:
        if {"action", "period"} <= set(header):
            missing = ", ".join(sorted(REQUIRED - set(header)))
            raise FileRefused(f"{source}: line 1: the spreadsheet has no column {missing}")
        return None
    rows = [
        Row(line, dict(zip(header, values, strict=False)))
        for line, values in enumerate(table[1:], start=2)
        if any(v.strip() for v in values)
    ]
    return rows


def rows_to_document(rows: list[Row], *, source: str) -> dict[str, Any]:
    """A new plan from spreadsheet rows, periods in the order they first appear."""
    if not rows:
        raise FileRefused(f"{source}: the spreadsheet has a header but no rows")
    periods: list[str] = []
    themes: dict[str, dict[str, Any]] = {}
    actions: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        for name in ("theme", "action", "period"):
            if not row.get(name):
                raise FileRefused(f"{source}: line {row.line}: the {name} is empty")
        period = row.get("period")
        if period not in periods:
            periods.append(period)
        theme = themes.setdefault(
            row.get("theme"),
            {"title": row.get("theme"), "objective": row.get("objective"), "actions": []},
        )
        key = (row.get("theme"), row.get("ref") or row.get("action"))
        if key not in actions:
            actions[key] = {
                "ref": row.get("ref") or None,
                "text": row.get("action"),
                "lead": row.get("lead") or None,
                "due": row.get("due") or None,
                "updates": [],
            }
            theme["actions"].append(actions[key])
        action = actions[key]
        if any(u["period"] == period for u in action["updates"]):
            raise FileRefused(f"{source}: line {row.line}: a second row for {key[1]!r} in {period}")
        update = _update(row)
        update["action_text"] = row.get("action")
        action["updates"].append(update)
    for action in actions.values():
        action["updates"].sort(key=lambda u: periods.index(u["period"]))
        # The newest wording is the action's; an older one stays on its period's update.
        action["text"] = action["updates"][-1]["action_text"]
        for update in action["updates"]:
            if update["action_text"] == action["text"]:
                del update["action_text"]
    first = rows[0]
    return {
        "format": FORMAT,
        "title": first.get("plan") or "Equalities Action Plan",
        "organisation": first.get("organisation"),
        "periods": periods,
        "themes": list(themes.values()),
    }


def _update(row: Row) -> dict[str, Any]:
    update: dict[str, Any] = {
        "period": row.get("period"),
        "progress": cell_to_items(row.get("progress")),
        "next_steps": cell_to_items(row.get("next_steps")),
        "status": row.status,
    }
    if row.get("late"):
        update["late"] = True
    return update


@dataclass
class RowChange:
    row: Row
    update: dict[str, Any]  # the plan-format update the row now says


def header_names() -> list[str]:
    return HEADER
