"""The plan as a table (CSV and Excel): one row per action and period. The open-data writer
(reports) writes it and `eqtrack import` (importing) reads it back, so officers can bulk-edit
progress and statuses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .items import items_to_cell
from .types import PlanDocument

# What every report says beside the status of an update taken after its round had closed.
LATE = "received after the round closed"

# The columns, in order, with what each holds; the README's table is made from this.
COLUMNS: list[tuple[str, str]] = [
    ("organisation", "the organisation's name"),
    ("plan", "the plan's title"),
    ("theme", "the theme's heading"),
    ("objective", "the theme's objective statement"),
    ("ref", "the action's reference"),
    ("action", "the agreed action, as worded in that period's report"),
    ("lead", "lead officer or team"),
    ("due", "due date or timescale, as written"),
    ("period", "the reporting period of this row's update"),
    (
        "progress",
        'progress items, one a line, each starting "- "; two more spaces before "- " for each level of nesting',
    ),
    ("next_steps", "issues and next steps, written like progress"),
    ("status", "the status as written"),
    (
        "status_category",
        "the status's category (complete, on_track, at_risk, off_track, not_started, ongoing, not_carried_forward, watching_brief, superseded), empty if none",
    ),
    ("late", f'"{LATE}" for an update taken after its round had closed; empty otherwise'),
]
HEADER = [name for name, _ in COLUMNS]


def document_rows(document: PlanDocument) -> list[list[str]]:
    """Every action's every update as a row, in plan order then period order."""
    rows: list[list[str]] = []
    for theme in document["themes"]:
        for action in theme["actions"]:
            for update in action["updates"]:
                status: Mapping[str, Any] = update.get("status") or {}
                rows.append(
                    [
                        document.get("organisation", ""),
                        document["title"],
                        theme["title"],
                        theme.get("objective", ""),
                        action.get("ref") or "",
                        update.get("action_text") or action["text"],
                        action.get("lead") or "",
                        action.get("due") or "",
                        update["period"],
                        items_to_cell(update.get("progress", [])),
                        items_to_cell(update.get("next_steps", [])),
                        status.get("text") or "",
                        status.get("category") or "",
                        LATE if update.get("late") else "",
                    ]
                )
    return rows
