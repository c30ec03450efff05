"""Reader for reports saved as plain text, one paragraph per line, the table's columns run
together (the 2022 seed: Agreed Actions | Progress – 2022 | Status)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from .base import ReadAction, ReaderError, ReadReport, ReadStatus, ReadTheme
from .introduction import introduction_guess, is_note, objective_guess
from .text import (
    DraftItem,
    clean_text,
    finish_items,
    is_debris,
    is_page_header,
    is_status_line,
    status_category,
    text_decode,
    text_or_none,
)
from .text import looks_like_html as _looks_like_html

_HEADER = re.compile(r"^\s*Agreed\s+Actions?\b(?P<rest>.*)$", re.I)
_PERIOD = re.compile(
    r"Progress\s*[–—-]?\s*(?P<period>\d{4}(?:/\d{2,4})?|Q\d\s+\d{4}(?:/\d{2,4})?)", re.I
)
# A table header naming a status column: an action in it ends with its status line.
_HAS_STATUS = re.compile(r"\bStatus\b", re.I)
_BULLET = re.compile(r"^\s*[•·◦▪●○■□]\s*")
_ACTION = re.compile(r"^We will\b")
# A line indented with spaces (non-breaking ones in Word's text) is a sub-item whose
# bullet character was lost.
_INDENTED = re.compile(r"^[\s\u00a0]{4,}\S")
# A short line with no closing punctuation reads as a sub-heading inside a list.
_SUBHEADING_MAX = 40


@dataclass
class _Line:
    number: int
    raw: str
    text: str


class _ProgressBuilder:
    """Progress items of one action, with nesting recovered from colons and indentation."""

    def __init__(self) -> None:
        self.items: list[DraftItem] = []
        self.nest: DraftItem | None = None  # a paragraph ending ":" whose bullets follow

    def add_paragraph(self, text: str, *, bullets_follow: bool) -> None:
        if text[:1].islower() and self.items:
            # A paragraph cut in two by a page break.
            last = self._last()
            last.text = f"{last.text} {text}"
            return
        is_subheading = len(text) <= _SUBHEADING_MAX and not text.endswith((".", ":", ";"))
        if self.nest is not None and is_subheading and bullets_follow:
            # A sub-heading inside a list ("Sexual Orientation") stays in that list.
            self.nest.items.append(DraftItem(text))
            return
        item = DraftItem(text)
        self.items.append(item)
        # The bullets right after a paragraph ("These include:") are its sub-items.
        self.nest = item if text.endswith(":") or bullets_follow else None

    def add_bullet(self, text: str) -> None:
        (self.nest.items if self.nest is not None else self.items).append(DraftItem(text))

    def add_indented(self, text: str) -> None:
        if not self.items:
            self.items.append(DraftItem(text))
            return
        self.items[-1].items.append(DraftItem(text))

    def _last(self) -> DraftItem:
        item = self.items[-1]
        while item.items:
            item = item.items[-1]
        return item


class PlainTextReader:
    name: ClassVar[str] = "plain-text"

    @classmethod
    def recognises(cls, data: bytes) -> bool:
        text = text_or_none(data)
        if text is None or _looks_like_html(text):
            return False
        return "\t" not in text and any(_HEADER.match(line) for line in text.splitlines())

    @classmethod
    def read(cls, data: bytes, *, source: str) -> ReadReport:
        text = text_decode(data, source=source)
        lines = [
            _Line(n, raw, clean_text(raw))
            for n, raw in enumerate(text.splitlines(), start=1)
            if raw.strip() and not is_page_header(raw) and not is_debris(raw)
        ]
        headers = [i for i, line in enumerate(lines) if _HEADER.match(line.text)]
        if not headers:
            raise ReaderError(f"{source}: no table headed 'Agreed Actions' found")
        headings, objectives = _theme_headings(lines, headers, source)
        notes = _notes(lines, set(headings), headers)
        report = ReadReport(source=source, period=None)
        theme: ReadTheme | None = None
        action: ReadAction | None = None
        progress: _ProgressBuilder | None = None

        def close_action() -> None:
            if action is not None and progress is not None:
                action.progress = finish_items(progress.items)

        for i, line in enumerate(lines):
            if i in headings:
                title, objective = headings[i]
                close_action()
                action, progress = None, None
                theme = ReadTheme(title=title, objective=objective)
                report.themes.append(theme)
                if objective:
                    report.guesses.append(objective_guess(title, objective))
                continue
            if theme is None or i in notes:
                # Before the first theme, or a note, key or footer after a table: the plan's,
                # not any theme's (nor progress). A title line before the first theme
                # ("Equality Action Plan 2023") is the document's name, not introduction.
                if i in notes or not _looks_like_title(line.text):
                    report.introduction.append(line.text)
                continue
            if i in headers:
                period = _PERIOD.search(line.text)
                if period and report.period is None:
                    report.period = period.group("period")
                continue
            if i in objectives:
                continue
            if _ACTION.match(line.text):
                if theme is None:
                    raise ReaderError(
                        f"{source}: line {line.number}: an action before any theme heading"
                    )
                close_action()
                action, progress = ReadAction(text=line.text), _ProgressBuilder()
                theme.actions.append(action)
                continue
            if action is None or progress is None:
                raise ReaderError(
                    f"{source}: line {line.number}: text before the first agreed action: {line.text[:60]!r}"
                )
            if _BULLET.match(line.raw):
                bullet = clean_text(_BULLET.sub("", line.raw))
                if bullet:
                    progress.add_bullet(bullet)
            elif _INDENTED.match(line.raw) and progress.items:
                progress.add_indented(line.text)
            elif is_status_line(line.text):
                # The status column's paragraph; a later one replaces an earlier one, which
                # is then progress after all.
                if action.status is not None:
                    progress.add_paragraph(action.status.text, bullets_follow=False)
                action.status = ReadStatus(line.text, status_category(line.text))
            else:
                following = lines[i + 1].raw if i + 1 < len(lines) else ""
                progress.add_paragraph(line.text, bullets_follow=bool(_BULLET.match(following)))
        close_action()
        if report.introduction:
            report.guesses.append(introduction_guess(report.introduction))
        return report


def _notes(lines: list[_Line], headings: set[int], headers: list[int]) -> set[int]:
    """The indexes of notes, keys and footers after a table ("Key: R = off track…"): lines
    labelled as notes running up to the next theme's heading or the end of the document, once
    the table's last action is done with. (Inside an action's progress, a line that starts
    "Note:" is that action's.)"""
    out: set[int] = set()
    for end in (*sorted(headings), len(lines)):
        i = end - 1
        while i >= 0 and i not in headings and is_note(lines[i].text):
            i -= 1
        if not _still_in_an_action(lines, i, headings, headers):
            out.update(range(i + 1, end))
    return out


def _still_in_an_action(lines: list[_Line], i: int, headings: set[int], headers: list[int]) -> bool:
    """Whether the lines after line i could still be the progress of the action above: in a
    table with a status column, until that action's status line is read. A note taken from an
    action's progress is lost from it, where a note left as progress is only left in place."""
    if i < 0 or i in headings:
        return False
    header = max((h for h in headers if h <= i), default=None)
    if header is None or not _HAS_STATUS.search(lines[header].text):
        return False
    action_above = any(_ACTION.match(lines[j].text) for j in range(header + 1, i + 1))
    return action_above and not is_status_line(lines[i].text)


def _theme_headings(
    lines: list[_Line], headers: list[int], source: str
) -> tuple[dict[int, tuple[str, str]], set[int]]:
    """Each table's theme: the one or two paragraphs just above its header, a heading and
    its objective. Returns {index of the heading line: (title, objective)} and the indexes
    of the objective lines, which are read with their heading."""
    headings: dict[int, tuple[str, str]] = {}
    objectives: set[int] = set()
    for h in headers:
        before = [i for i in range(max(0, h - 2), h) if i not in headers]
        if not before:
            raise ReaderError(
                f"{source}: line {lines[h].number}: a table with no theme heading above it"
            )
        if len(before) == 2 and _looks_like_title(lines[before[0]].text):
            headings[before[0]] = (lines[before[0]].text, lines[before[1]].text)
            objectives.add(before[1])
        else:
            headings[before[-1]] = (lines[before[-1]].text, "")
    return headings, objectives


def _looks_like_title(text: str) -> bool:
    return (
        len(text) <= 80 and not text.endswith(".") and not _ACTION.match(text) and not is_note(text)
    )
