"""Recognising a table's columns by what their headings mean, in the words councils use."""

from __future__ import annotations

import re
from enum import StrEnum


class Column(StrEnum):
    REF = "ref"
    ACTION = "action"
    LEAD = "lead"
    DUE = "due"
    PROGRESS = "progress"
    NEXT_STEPS = "next_steps"
    STATUS = "status"
    THEME = "theme"
    PARTNERS = "partners"


# Heading wordings, after normalising (lowercase, punctuation and periods removed). Listed
# in the README; each has a test.
WORDINGS: dict[Column, tuple[str, ...]] = {
    Column.REF: (
        "ref",
        "reference",
        "ref no",
        "no",
        "number",
        "action ref",
        "action no",
        "action number",
        "id",
        "item",
    ),
    Column.ACTION: (
        "agreed action",
        "agreed actions",
        "action",
        "actions",
        "what we will do",
        "activity",
        "activities",
        "commitment",
        "commitments",
        "description",
        "action description",
        "key action",
        "key actions",
        "task",
    ),
    Column.LEAD: (
        "lead",
        "lead officer",
        "owner",
        "action owner",
        "responsible officer",
        "responsible",
        "responsibility",
        "lead service",
        "lead team",
        "service lead",
        "accountable officer",
        "who",
        "officer",
        "lead directorate",
    ),
    Column.DUE: (
        "due",
        "due date",
        "timescale",
        "timescales",
        "deadline",
        "target date",
        "by when",
        "completion date",
        "when",
        "target completion",
        "date",
        "timeframe",
        "target completion date",
    ),
    Column.PROGRESS: (
        "progress",
        "progress update",
        "update",
        "updates",
        "commentary",
        "comments",
        "comment",
        "progress to date",
        "position statement",
        "progress commentary",
        "current position",
        "what we have done",
    ),
    Column.NEXT_STEPS: (
        "issues and next steps",
        "issues next steps",
        "next steps",
        "issues",
        "risks",
        "risks issues",
        "issues risks",
        "barriers",
        "actions to be taken",
        "next actions",
        "future actions",
    ),
    Column.STATUS: (
        "status",
        "rag",
        "rag status",
        "rating",
        "rag rating",
        "progress status",
        "red amber green",
        "overall status",
        "delivery status",
    ),
    Column.THEME: (
        "objective",
        "equality objective",
        "equalities objective",
        "theme",
        "priority",
        "outcome",
        "strategic objective",
        "objectives",
    ),
    Column.PARTNERS: ("partners", "key partners", "working with", "partner organisations"),
}
_LOOKUP = {wording: column for column, wordings in WORDINGS.items() for wording in wordings}
# A period in a heading ("Progress – 2022", "Update Q2 2024/25") names the report's period.
PERIOD_IN_HEADING = re.compile(
    r"(?P<period>(?:Q[1-4]\s+)?(?:19|20)\d\d(?:\s*[/–-]\s*\d{2,4})?)", re.I
)


def normalise_heading(text: str) -> str:
    text = PERIOD_IN_HEADING.sub(" ", text.lower())
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.replace("&", " and ")).split())


# A quarter's column of a year's report: "Q2 2023/24", "Q2 update", "Quarter 2".
_QUARTER = re.compile(r"^(q[1-4]|quarter [1-4]|quarter (one|two|three|four))( (update|progress))?$")


def column_for(heading: str) -> Column | None:
    """The column a heading names, or None if it is not one eqtrack knows."""
    key = normalise_heading(heading)
    if key in _LOOKUP:
        return _LOOKUP[key]
    if _QUARTER.match(key) or (not key and re.match(r"\s*q[1-4]\b", heading, re.I)):
        return Column.PROGRESS
    # Headings with more words: the meaning-bearing word decides, most specific first.
    if "rag" in key.split() or key.endswith("status"):
        return Column.STATUS
    if "next step" in key or key.startswith(("issues", "risks")):
        return Column.NEXT_STEPS
    if key.startswith(("progress", "update", "commentary")):
        return Column.PROGRESS
    if key.startswith(("lead", "responsible", "owner")):
        return Column.LEAD
    if key.startswith(("due", "target date", "timescale", "deadline")):
        return Column.DUE
    if key.startswith(("agreed action", "action")):
        return Column.ACTION
    return None


def period_in_heading(heading: str, *, quarters: bool = False) -> str | None:
    """The period a progress heading names: "Progress – 2022" gives "2022". With `quarters`
    (a table with a progress column per quarter) the year: "Q1 2023/24" gives "2023/24"."""
    if column_for(heading) is not Column.PROGRESS:
        return None
    match = PERIOD_IN_HEADING.search(heading)
    if not match:
        return None
    period = " ".join(match.group("period").split())
    return re.sub(r"^Q[1-4]\s+", "", period, flags=re.I) if quarters else period
