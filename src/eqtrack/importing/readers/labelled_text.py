"""Reader for reports written as labelled text, as in an e-mail or a plain-text update: each
action a numbered line ("1.2 Publish our pay gaps…") followed by lines labelled "Lead:",
"Due:", "Progress:", "Next steps:" and "Status:", under theme lines ("Theme 1: Our
workforce", then "Objective: …"). The text before the first theme or action is the plan's
introduction; the e-mail's header lines, greeting and signature are not plan text."""

from __future__ import annotations

import re
from typing import ClassVar

from .base import ReadAction, ReaderError, ReadReport, ReadStatus, ReadTheme
from .blocks import Paragraph
from .columns import Column, column_for
from .introduction import introduction_guess
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
# A year at the start of a line ("2023 Staff survey results showed…") is never a reference.
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# The lines around the plan an e-mail carries: its header, greeting and sign-off.
_HEADER = re.compile(r"^\s*(?:subject|from|to|sent|date|cc|bcc|re|fw|fwd)\s*:", re.I)
_GREETING = re.compile(
    r"^\s*(?:dear|hi|hello|good (?:morning|afternoon|evening))\b[^.!?]{0,40}[,!]?\s*$", re.I
)
# A sign-off alone on its line, or with the sender's name after a comma ("Thanks, Priya"); not
# a progress line that starts with the same word ("Best practice shared…").
_SIGN_OFF = re.compile(
    r"^\s*(?i:(?:kind|best|warm|many)\s+(?:regards|wishes|thanks)|regards|thanks|thank you|"
    r"best|cheers|yours (?:sincerely|faithfully))"
    r"(?:\s*[,!.]\s*(?:[A-Z][\w'’-]*\s*){0,3})?[,.!]?\s*$"
)


def _label(line: str) -> tuple[Column, str] | None:
    match = _LABEL.match(line)
    if not match:
        return None
    column = column_for(match.group("label"))
    if column is None or column not in _FIELDS:
        return None
    return column, clean_text(match.group("value"))


def _shape(ref: str) -> str:
    """A reference's shape, the same for every action of one document: "1.2" and "3.10" are
    "9.9", "CL3" and "HR12" are "A9"."""
    return re.sub(r"[A-Za-z]+", "A", re.sub(r"\d+", "9", ref))


def _candidate(lines: list[str], i: int) -> re.Match[str] | None:
    """A line that could be an action's first: a reference (never a bare year) and wording,
    with labelled lines right after."""
    match = _ACTION.match(lines[i])
    if not match or _label(lines[i]) or _YEAR.match(match.group("ref")):
        return None
    following = [line for line in lines[i + 1 : i + 1 + _LABELS_WITHIN * 2] if line.strip()]
    return match if any(_label(line) for line in following[:_LABELS_WITHIN]) else None


def _action_starts(lines: list[str]) -> dict[int, re.Match[str]]:
    """The lines that begin actions. A candidate begins one at a boundary (the first line, after
    a blank line, a theme line or an objective) or, with no boundary, when its reference is
    shaped like those of the actions that do: a progress line such as "3 Networks were
    consulted", inside an action of refs like "1.2", is the action's text, not a new action."""
    candidates = {i: match for i in range(len(lines)) if (match := _candidate(lines, i))}
    at_boundary = {
        i
        for i in candidates
        if i == 0
        or not lines[i - 1].strip()
        or _THEME.match(lines[i - 1])
        or _OBJECTIVE.match(lines[i - 1])
    }
    shapes = {_shape(candidates[i].group("ref")) for i in at_boundary}
    return {
        i: match
        for i, match in candidates.items()
        if i in at_boundary or _shape(match.group("ref")) in shapes
    }


class LabelledTextReader:
    name: ClassVar[str] = "labelled-text"

    @classmethod
    def recognises(cls, data: bytes) -> bool:
        text = text_or_none(data)
        if text is None or looks_like_html(text):
            return False
        lines = text.splitlines()
        actions = len(_action_starts(lines))
        labelled = {found[0] for line in lines if (found := _label(line))}
        return actions >= 2 and Column.PROGRESS in labelled

    @classmethod
    def read(cls, data: bytes, *, source: str) -> ReadReport:
        lines = text_decode(data, source=source).splitlines()
        starts = _action_starts(lines)
        report = ReadReport(source=source, period=None)
        theme: ReadTheme | None = None
        action: ReadAction | None = None
        field: Column | None = None  # the label whose lines are being read
        paragraphs: dict[Column, list[Paragraph]] = {}
        values: dict[Column, str] = {}  # lead, due, partners and status, wrapped lines joined
        introduction: list[str] = []  # lines of the paragraph being read before the plan
        left_out = 0  # header, greeting and signature lines
        skipped = 0  # other lines outside the actions
        signed_off = False
        in_objective = False  # reading a theme's objective, which may wrap

        def close() -> None:
            if action is not None:
                action.progress = items_from_paragraphs(paragraphs.get(Column.PROGRESS, []))
                action.next_steps = items_from_paragraphs(paragraphs.get(Column.NEXT_STEPS, []))
                action.lead = values.get(Column.LEAD) or None
                action.due = values.get(Column.DUE) or None
                action.partners = values.get(Column.PARTNERS) or None
                # A status wrapped over lines is one wording, as a table cell's paragraphs are:
                # its category from the vocabulary on the whole of it.
                status = values.get(Column.STATUS)
                action.status = ReadStatus(status, status_category(status)) if status else None
            paragraphs.clear()
            values.clear()

        def introduction_end() -> None:
            if introduction:
                report.introduction.append(clean_text(" ".join(introduction)))
                introduction.clear()

        for i, line in enumerate(lines):
            if not line.strip():
                following = next((x for x in lines[i + 1 :] if x.strip()), "")
                if field in (Column.PROGRESS, Column.NEXT_STEPS) and _BULLET.match(following):
                    # A blank line ends a label's lines, but not before its list: a PDF's
                    # text comes a paragraph to a line, a blank line between each.
                    continue
                field, in_objective = None, False
                introduction_end()
                continue
            if theme_match := _THEME.match(line):
                close()
                introduction_end()
                action, field, signed_off = None, None, False
                theme = ReadTheme(clean_text(theme_match.group("title")))
                report.themes.append(theme)
                continue
            if (objective := _OBJECTIVE.match(line)) and theme is not None and action is None:
                theme.objective = clean_text(objective.group("text"))
                in_objective = True
                continue
            if start := starts.get(i):
                close()
                introduction_end()
                signed_off, in_objective = False, False
                if theme is None:
                    theme = ReadTheme("Actions")
                    report.themes.append(theme)
                action = ReadAction(text=clean_text(start.group("text")), ref=start.group("ref"))
                theme.actions.append(action)
                field = Column.ACTION
                continue
            if theme is None:
                # Before the plan: the e-mail's header and greeting are left out, the rest is
                # the plan's introduction, paragraph by paragraph.
                if _HEADER.match(line) or _GREETING.match(line):
                    left_out += 1
                else:
                    introduction.append(line)
                continue
            if signed_off or _SIGN_OFF.match(line):
                # "Kind regards," and the name and role under it: the actions are over.
                close()
                action, field, signed_off = None, None, True
                left_out += 1
                continue
            if action is None and theme is not None and in_objective:
                theme.objective = clean_text(f"{theme.objective} {line}")  # a wrapped objective
                continue
            if action is None:
                skipped += 1  # text under a theme's line that is not its objective
                continue
            if labelled := _label(line):
                field, value = labelled
                if field in (Column.PROGRESS, Column.NEXT_STEPS):
                    if value:
                        paragraphs.setdefault(field, []).append(Paragraph(value))
                else:
                    values[field] = value
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
            elif field is not None:
                # A wrapped lead, due date, partners or status line: the rest of the field.
                values[field] = clean_text(f"{values.get(field, '')} {line}")
            else:
                skipped += 1  # closing words after an action, with a blank line between
        close()
        introduction_end()
        report.themes = [t for t in report.themes if t.actions]
        if not report.themes:
            raise ReaderError(f"{source}: no numbered actions with labelled lines found")
        if report.introduction:
            report.guesses.append(introduction_guess(report.introduction))
        if left_out:
            report.notes.append(
                f"{left_out} line(s) of the e-mail's header, greeting or signature left out"
            )
        if skipped:
            report.notes.append(f"{skipped} line(s) outside the actions not read")
        return report
