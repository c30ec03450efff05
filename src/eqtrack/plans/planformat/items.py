"""Plan-format item lists (progress, next steps): their texts, and their one-cell spelling."""

from __future__ import annotations

from typing import Any


def item_texts(items: list[Any]) -> list[str]:
    """Every text of a plan-format item list, nested ones included, in reading order."""
    out: list[str] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item.get("text", ""))
            out.extend(item_texts(item.get("items", [])))
        else:
            out.append(str(item))
    return out


def items_to_cell(items: list[Any], level: int = 0) -> str:
    """An item list as one spreadsheet cell or text box: an item a line, each starting "- ",
    two more spaces before "- " for each level of nesting."""
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
