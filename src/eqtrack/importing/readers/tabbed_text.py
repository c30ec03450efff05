"""Reader for reports saved as text with one table row per line, tab-separated cells holding
HTML fragments (the 2021 seed: Agreed Actions | Progress | Issues & Next steps)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from .base import NestedItem, ReadAction, ReaderError, ReadReport, ReadTheme
from .introduction import introduction_guess, is_note
from .text import (
    DraftItem,
    clean_text,
    finish_items,
    is_debris,
    is_page_header,
    text_decode,
    text_or_none,
)
from .text import looks_like_html as _looks_like_html

_TOKEN = re.compile(r"(<ul\b[^>]*>|</ul>|<p\b[^>]*>|</p>|[•◦▪●○■□])", re.I)
_HEADER_WORDS = re.compile(
    r"^(agreed actions?|actions?|progress( [–-] \S+)?|issues (and|&) next steps|status)$", re.I
)
_COLUMNS = 3  # action, progress, issues and next steps


class _ColumnBuilder:
    """Builds one column's items from the cell fragments of one row, which a page break
    may have cut into several."""

    def __init__(self) -> None:
        self.root: list[DraftItem] = []
        self.stack: list[list[DraftItem]] = [self.root]
        self.lists_opened = 0

    def _last(self) -> DraftItem | None:
        return self.stack[-1][-1] if self.stack[-1] else None

    def _deepest_last(self) -> DraftItem | None:
        items = self.root
        last = None
        while items:
            last = items[-1]
            items = last.items
        return last

    def _add(self, text: str) -> DraftItem:
        item = DraftItem(text)
        self.stack[-1].append(item)
        return item

    def feed(self, fragment: str, *, continuation: bool) -> None:
        open_item: DraftItem | None = None
        lists_in_fragment = 0
        leading = continuation
        for token in _TOKEN.split(fragment):
            lowered = token.lower()
            if lowered.startswith("<ul"):
                lists_in_fragment += 1
                # A continued cell's first list goes on where the cut list stopped.
                reopens = continuation and lists_in_fragment == 1
                last = self._last()
                if not reopens and self.lists_opened > 0 and last is not None:
                    self.stack.append(last.items)
                self.lists_opened += 1
                open_item = None
                leading = False
            elif lowered in ("</ul>",):
                if len(self.stack) > 1:
                    self.stack.pop()
                open_item = None
            elif lowered.startswith("<p") or lowered == "</p>":
                open_item = None
            # A text token, not a secret: S105 reads "token" as a password's name.
            elif len(token) == 1 and token in "•◦▪●○■□":  # noqa: S105
                open_item = self._add("")
                leading = False
            else:
                text = clean_text(token)
                if not text:
                    continue
                if leading and (target := self._deepest_last()) is not None:
                    # Text cut off by a page break: it finishes the item before the break.
                    target.text = f"{target.text} {text}".strip()
                    open_item = target
                elif open_item is not None:
                    open_item.text = f"{open_item.text} {text}".strip()
                else:
                    open_item = self._add(text)
                leading = False


@dataclass
class _Row:
    line: int
    cells: list[list[tuple[str, bool]]] = field(
        default_factory=lambda: [[] for _ in range(_COLUMNS)]
    )

    def add(self, cells: list[str], *, continuation: bool) -> None:
        for column, cell in enumerate(cells[:_COLUMNS]):
            if clean_text(cell) or "<ul" in cell.lower():
                self.cells[column].append((cell, continuation))

    def items(self, column: int) -> list:
        builder = _ColumnBuilder()
        for fragment, continuation in self.cells[column]:
            builder.feed(fragment, continuation=continuation)
        return finish_items(builder.root)

    def action_text(self) -> str:
        items = self.items(0)
        texts = [i if isinstance(i, str) else _flatten(i) for i in items]
        if len(texts) > 1 and texts[0].endswith(":"):
            return f"{texts[0]} {', '.join(texts[1:])}"
        return " ".join(texts)


def _flatten(item: NestedItem) -> str:
    parts = [item.text, *(i if isinstance(i, str) else _flatten(i) for i in item.items)]
    return ", ".join(p for p in parts if p)


class TabbedTextReader:
    name: ClassVar[str] = "tabbed-text"

    @classmethod
    def recognises(cls, data: bytes) -> bool:
        text = text_or_none(data)
        if text is None or _looks_like_html(text):
            return False
        rows = [line for line in text.splitlines() if line.count("\t") >= 1]
        if not rows:
            return False
        header = any(re.match(r"\s*Agreed Actions?\t", line, re.I) for line in rows)
        fragments = sum(1 for line in rows if re.search(r"<(p|ul)\b", line, re.I))
        return header or fragments >= 2

    @classmethod
    def read(cls, data: bytes, *, source: str) -> ReadReport:
        text = text_decode(data, source=source)
        report = ReadReport(source=source, period=None)
        theme: ReadTheme | None = None
        rows: list[_Row] = []
        after_break = False
        expecting: str | None = None  # "objective" after an "Objective" label
        lines = text.splitlines()

        def close_theme() -> None:
            if theme is not None:
                theme.actions.extend(_row_action(row, source) for row in rows)
            rows.clear()

        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            if is_page_header(line):
                after_break = True
                continue
            if is_debris(line):
                after_break = False
                continue
            if "\t" not in line:
                plain = clean_text(line)
                if _HEADER_WORDS.match(plain):
                    continue
                if plain.lower() == "objective":
                    expecting = "objective"
                    continue
                if expecting == "objective" and theme is not None:
                    theme.objective = plain
                    expecting = None
                    continue
                if _next_plain(lines, number) == "objective":
                    close_theme()
                    theme = ReadTheme(title=plain)
                    report.themes.append(theme)
                    continue
                if theme is None or is_note(plain):
                    # Text before the first theme, or a note, key or footer on a line of its
                    # own: the plan's introduction, not an objective or a row.
                    report.introduction.append(plain)
                    continue
                # A line without tabs inside a table: a row with only its first cell.
                cells = [line]
            else:
                cells = line.split("\t")
                if _HEADER_WORDS.match(clean_text(cells[0])) and all(
                    _HEADER_WORDS.match(clean_text(c)) or not clean_text(c) for c in cells
                ):
                    continue
            if theme is None:
                raise ReaderError(f"{source}: line {number}: a table row before any theme heading")
            first = clean_text(cells[0])
            continues = rows and (not first or (after_break and first[:1].islower()))
            if continues:
                rows[-1].add(cells, continuation=True)
            else:
                row = _Row(line=number)
                row.add(cells, continuation=False)
                rows.append(row)
            after_break = False
        close_theme()
        if not report.themes:
            raise ReaderError(
                f"{source}: no theme headings found (a heading followed by 'Objective')"
            )
        if report.introduction:
            report.guesses.append(introduction_guess(report.introduction))
        return report


def _next_plain(lines: list[str], number: int) -> str:
    """The next non-blank line after line `number` (1-based), cleaned and lowercased."""
    for line in lines[number:]:
        if line.strip():
            return clean_text(line).lower()
    return ""


def _row_action(row: _Row, source: str) -> ReadAction:
    text = row.action_text()
    if not text:
        raise ReaderError(f"{source}: line {row.line}: a row with progress but no agreed action")
    return ReadAction(text=text, progress=row.items(1), next_steps=row.items(2))
