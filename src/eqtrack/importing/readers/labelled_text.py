"""Reader for reports written as labelled text, as in an e-mail or a plain-text update: each
action a numbered line ("1.2 Publish our pay gaps…") followed by lines labelled "Lead:",
"Due:", "Progress:", "Next steps:" and "Status:", under theme lines ("Theme 1: Our
workforce", then "Objective: …"). Greetings, an introduction and a signature are not plan
text."""

from __future__ import annotations

import re
from typing import ClassVar

from .base import ReadAction, ReaderError, ReadReport, ReadStatus, ReadTheme
from .blocks import Paragraph
from .columns import Column, column_for
from .tables import items_from_paragraphs
from .text import clean_text, looks_like_html, status_category, text_decode, text_or_none

# "Lead officer: Head of HR", "Progress:", "RAG status - Amber".
_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z &/]{0,30}?)\s*[:–-]\s*(?P<value>.*)$")
# A theme line: "Theme 1: Our workforce", "Priority 2 – Fair services", "Section 3. Places".
_THEME = re.compile(
    r"^\s*(?:theme|priority|objective|outcome|section|area)\s+\d+[a-z]?\s*[:.–-]\s*(?P<title>\S.*)$",
    re.I,
)
_OBJECTIVE = re.compile(r"^\s*(?:objective|aim|outcome)\s*:\s*(?P<text>\S.*)$", re.I)
# An action's first line: its reference, then its wording. "1.2 Publish…", "CL3: Hold…",
# "Action 4) Train…".
_ACTION = re.compile(
    r"^\s*(?:action\s+)?(?P<ref>(?:[A-Z]{1,3}\d+(?:\.\d+)*|\d+(?:\.\d+)*)[a-z]?)[.):]?\s+(?P<text>[A-Z“\"‘'].*)$"
)
_BULLET = re.compile(r"^(?P<indent>\s*)[-*•·◦▪●○]\s+(?P<text>\S.*)$")
# The labels an action's lines carry, by the column they fill.
_FIELDS = {
    Column.LEAD,
    Column.DUE,
    Column.PROGRESS,
    Column.NEXT_STEPS,
    Column.STATUS,
    Column.PARTNERS,
}
# An action needs one of these labels within this many lines of its first.
_LABELS_WITHIN = 3


def _label(line: str) -> tuple[Column, str] | None:
    match = _LABEL.match(line)
    if not match:
        return None
    column = column_for(match.group("label"))
    if column is None or column not in _FIELDS:
        return None
    return column, clean_text(match.group("value"))


def _starts_action(lines: list[str], i: int) -> re.Match[str] | None:
    """An action's first line: a reference and wording, with labelled lines right after."""
    match = _ACTION.match(lines[i])
    if not match or _label(lines[i]):
        return None
    following = [line for line in lines[i + 1 : i + 1 + _LABELS_WITHIN * 2] if line.strip()]
    return match if any(_label(line) for line in following[:_LABELS_WITHIN]) else None


class LabelledTextReader:
    name: ClassVar[str] = "labelled-text"

    @classmethod
    def recognises(cls, data: bytes) -> bool:
        text = text_or_none(data)
        if text is None or looks_like_html(text):
            return False
        lines = text.splitlines()
        actions = sum(1 for i in range(len(lines)) if _starts_action(lines, i))
        labelled = {found[0] for line in lines if (found := _label(line))}
        return actions >= 2 and Column.PROGRESS in labelled

    @classmethod
    def read(cls, data: bytes, *, source: str) -> ReadReport:
        lines = text_decode(data, source=source).splitlines()
        report = ReadReport(source=source, period=None)
        theme: ReadTheme | None = None
        action: ReadAction | None = None
        field: Column | None = None  # the label whose lines are being read
        paragraphs: dict[Column, list[Paragraph]] = {}
        skipped = 0

        def close() -> None:
            if action is not None:
                action.progress = items_from_paragraphs(paragraphs.get(Column.PROGRESS, []))
                action.next_steps = items_from_paragraphs(paragraphs.get(Column.NEXT_STEPS, []))
            paragraphs.clear()

        for i, line in enumerate(lines):
            if not line.strip():
                following = next((x for x in lines[i + 1 :] if x.strip()), "")
                if field not in (Column.PROGRESS, Column.NEXT_STEPS) or not _BULLET.match(
                    following
                ):
                    # A blank line ends a label's lines, but not before its list: a PDF's
                    # text comes a paragraph to a line, a blank line between each.
                    field = None
                continue
            if theme_match := _THEME.match(line):
                close()
                action, field = None, None
                theme = ReadTheme(clean_text(theme_match.group("title")))
                report.themes.append(theme)
                continue
            if (objective := _OBJECTIVE.match(line)) and theme is not None and action is None:
                theme.objective = clean_text(objective.group("text"))
                continue
            if start := _starts_action(lines, i):
                close()
                if theme is None:
                    theme = ReadTheme("Actions")
                    report.themes.append(theme)
                action = ReadAction(text=clean_text(start.group("text")), ref=start.group("ref"))
                theme.actions.append(action)
                field = Column.ACTION
                continue
            if action is None:
                skipped += 1  # a greeting, an introduction: not plan text
                continue
            if labelled := _label(line):
                field, value = labelled
                if field in (Column.PROGRESS, Column.NEXT_STEPS):
                    if value:
                        paragraphs.setdefault(field, []).append(Paragraph(value))
                elif field is Column.STATUS:
                    action.status = ReadStatus(value, status_category(value)) if value else None
                elif field is Column.LEAD:
                    action.lead = value or None
                elif field is Column.DUE:
                    action.due = value or None
                elif field is Column.PARTNERS:
                    action.partners = value or None
                continue
            if field in (Column.PROGRESS, Column.NEXT_STEPS):
                target = paragraphs.setdefault(field, [])
                if bullet := _BULLET.match(line):
                    level = len(bullet.group("indent").expandtabs(4)) // 2
                    target.append(Paragraph(clean_text(bullet.group("text")), level, bullet=True))
                elif target:
                    # A line wrapped by the mail program: the rest of the one above.
                    last = target[-1]
                    target[-1] = Paragraph(
                        f"{last.text} {clean_text(line)}", last.level, last.bullet
                    )
                else:
                    target.append(Paragraph(clean_text(line)))
            elif field is Column.ACTION:
                action.text = f"{action.text} {clean_text(line)}"  # a wrapped action line
            else:
                skipped += 1  # a signature or closing words after the last action
        close()
        report.themes = [t for t in report.themes if t.actions]
        if not report.themes:
            raise ReaderError(f"{source}: no numbered actions with labelled lines found")
        if skipped:
            report.notes.append(
                f"{skipped} line(s) outside the actions (greeting, introduction, signature) not read"
            )
        return report
