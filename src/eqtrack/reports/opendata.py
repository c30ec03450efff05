"""The open-data spreadsheet layout (CSV and Excel): one row per action and period, which
`eqtrack import` reads back so officers can bulk-edit progress and statuses."""

from __future__ import annotations

from typing import Any

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
]
HEADER = [name for name, _ in COLUMNS]


def items_to_cell(items: list[Any], level: int = 0) -> str:
    lines: list[str] = []
    for item in items:
        text = item["text"] if isinstance(item, dict) else item
        lines.append(f"{'  ' * level}- {text}")
        if isinstance(item, dict) and item["items"]:
            lines.append(items_to_cell(item["items"], level + 1))
    return "\n".join(lines)


def cell_to_items(cell: str) -> list[Any]:
    """The inverse of items_to_cell; a line without "- " is an item of its own, so text
    typed into a cell by hand is kept whole."""
    root: list[Any] = []
    stack: list[tuple[int, list[Any]]] = [(-1, root)]
    for raw in (cell or "").splitlines():
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        text = raw.strip()
        text = text[2:].strip() if text.startswith("- ") else text
        level = indent // 2
        while stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1]
        parent.append(text)
        children: list[Any] = []
        stack.append((level, children))
        # A line with children becomes {"text", "items"} when its first child arrives.
        parent[-1] = _Pending(text, children)
    return _finish(root)


class _Pending:
    def __init__(self, text: str, items: list[Any]) -> None:
        self.text, self.items = text, items


def _finish(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, _Pending):
            out.append(
                {"text": item.text, "items": _finish(item.items)} if item.items else item.text
            )
        else:
            out.append(item)
    return out


def document_rows(document: dict[str, Any]) -> list[list[str]]:
    """Every action's every update as a row, in plan order then period order."""
    rows: list[list[str]] = []
    for theme in document["themes"]:
        for action in theme["actions"]:
            for update in action["updates"]:
                status = update.get("status") or {}
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
                    ]
                )
    return rows
