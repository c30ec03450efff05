"""What a committee report shows, worked out once from a plan-format document so that every
writer (Word, PDF, HTML, spreadsheets) shows the same thing."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from eqtrack.plans.models import StatusCategory
from eqtrack.plans.planformat import (
    FINAL_CATEGORIES,
    LATE,
    ActionDocument,
    IndicatorDocument,
    PlanDocument,
    UpdateDocument,
    document_action_live,
)

from .glossary import FirstUse

NO_STATUS = "no_status"
# Categories an overdue check skips: the work is finished or no longer pursued (the statuses
# that end an action, so a later period does not ask it for an update either).
_CLOSED = FINAL_CATEGORIES


class ReportError(ValueError):
    """The report cannot be made as asked; the message says why."""


PROGRESS, NEXT_STEPS, STATUS = "progress", "next_steps", "status"


@dataclass(frozen=True)
class ReportColumn:
    """A column of the appendix after the action's: which part of an update it shows, its
    heading, its share of the table's width and what an empty cell says, the same in every
    writer."""

    part: str  # PROGRESS, NEXT_STEPS or STATUS
    heading: str
    width: int  # per cent of the table's width
    empty: str  # no empty cells: a reader of the table hears that nothing was given


@dataclass(frozen=True)
class ReportCell:
    """One cell of an action's row: bulleted items (progress, next steps) or one paragraph
    (the status)."""

    column: ReportColumn
    items: list[Any]
    text: str | None = None


@dataclass
class ReportRow:
    ref: str | None
    text: str
    lead: str | None
    due: str | None
    progress: list[Any]
    next_steps: list[Any]  # marked as late where the report has no status column
    status: str | None  # the status as written, marked as late where the update was
    status_text: str | None  # the status as written
    category: str  # a status category, or NO_STATUS
    has_update: bool
    late: bool = False  # taken after its round had closed: its status or next steps say so
    cells: list[ReportCell] = field(default_factory=list)  # in the order of ReportData.columns

    @property
    def continued(self) -> str:
        """What the action's cell says at the top of a page its row runs on to: its reference,
        or its first words where it has none."""
        if self.ref:
            return f"{self.ref} (continued)"
        words = self.text.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "") + " (continued)"


@dataclass
class ReportTheme:
    title: str
    objective: str
    rows: list[ReportRow] = field(default_factory=list)

    def count(self, category: str) -> int:
        return sum(1 for row in self.rows if row.category == category)


@dataclass
class ComparedAction:
    ref: str | None
    text: str
    then: str | None  # the status as written in the earlier period, or None
    now: str | None
    change: str  # "carried forward", "new", "dropped"


@dataclass
class ComparedIndicator:
    ref: str | None
    label: str
    unit: str
    then: float
    now: float

    @property
    def change(self) -> str:
        return "rose" if self.now > self.then else "fell" if self.now < self.then else "held"


@dataclass
class Comparison:
    previous: str
    actions: list[ComparedAction]
    indicators: list[ComparedIndicator]

    def count(self, change: str) -> int:
        return sum(1 for a in self.actions if a.change == change)


@dataclass
class ReportData:
    title: str
    organisation: str
    period: str
    columns: list[ReportColumn]  # the appendix's columns after the action's
    themes: list[ReportTheme]
    categories: list[tuple[str, str]]  # (category, label) present in this report, in order
    missing: list[ReportRow]  # actions with no update this period
    overdue: list[ReportRow]
    glossary: dict[str, str]
    document: PlanDocument  # the whole plan, for open data
    comparison: Comparison | None = None
    word_template: bytes | None = None  # the organisation's own .docx, for the Word writer

    @property
    def rows(self) -> list[ReportRow]:
        return [row for theme in self.themes for row in theme.rows]

    @property
    def action_width(self) -> int:
        """The action column's share of the appendix table, per cent."""
        return 100 - sum(column.width for column in self.columns)

    def total(self, category: str) -> int:
        return sum(theme.count(category) for theme in self.themes)


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}


def due_date(due: str | None) -> dt.date | None:
    """The last day a due date or timescale allows: "March 2025" → 31 March 2025,
    "2024/25" → 31 March 2025, "2025" → 31 December 2025, "31/03/2025" as written."""
    if not due:
        return None
    text = due.strip().lower()
    if m := re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text):
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    if m := re.search(r"\b(20\d\d)\s*/\s*(\d\d)\b", text):
        return dt.date(int(m.group(1)) + 1, 3, 31)  # a financial year ends in March
    if m := re.search(r"\b([a-z]+)\s+(20\d\d)\b", text):
        month = _MONTHS.get(m.group(1)[:3]) or _MONTHS.get(m.group(1))
        if month:
            year = int(m.group(2))
            return dt.date(year, month, calendar.monthrange(year, month)[1])
    if m := re.search(r"\b(20\d\d)\b", text):
        return dt.date(int(m.group(1)), 12, 31)
    return None


def _expand_items(items: list[Any], first_use: FirstUse) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            out.append(
                {"text": first_use(item["text"]), "items": _expand_items(item["items"], first_use)}
            )
        else:
            out.append(first_use(item))
    return out


def latest_reported_period(document: PlanDocument) -> str:
    """The latest period that has an update to any action; the latest period if none has."""
    reported = {
        u["period"] for theme in document["themes"] for a in theme["actions"] for u in a["updates"]
    }
    return next(
        (p for p in reversed(document["periods"]) if p in reported), document["periods"][-1]
    )


def report_data(
    *,
    document: PlanDocument,
    period: str | None,
    glossary: dict[str, str],
    today: dt.date | None = None,
    compare: str | None = None,
    judge_overdue: bool = True,
) -> ReportData:
    """The report of one period of a plan-format document: by default the latest period with
    any update in it (a round just opened adds a period that has none yet). An action is
    overdue if due before `today` (by default the real today; for an earlier period, the day
    its round closed: see reports.selectors.overdue_judged_on); `judge_overdue` False lists
    none, for an earlier period with no date to judge it by."""
    periods = document["periods"]
    if not periods:
        raise ReportError("the plan has no reporting periods yet")
    period = period or latest_reported_period(document)
    if period not in periods:
        raise ReportError(f"the plan has no period {period!r} (it has {', '.join(periods)})")
    today = today or timezone.localdate()
    first_use = FirstUse(glossary)
    updates = {
        id(action): next((u for u in action["updates"] if u["period"] == period), None)
        for theme in document["themes"]
        for action in theme["actions"]
    }
    given = [u for u in updates.values() if u]
    with_status = any(u.get("status") for u in given)
    columns = appendix_columns(
        period,
        # A late update's marker goes in the next steps where there is no status column.
        next_steps=any(u.get("next_steps") or (u.get("late") and not with_status) for u in given),
        status=with_status,
    )
    themes: list[ReportTheme] = []
    for theme in document["themes"]:
        report_theme = ReportTheme(theme["title"], first_use(theme.get("objective", "")))
        for action in theme["actions"]:
            update = updates[id(action)]
            # An action that had ended before this period, or joined the plan after it, is
            # not this period's business: the rule the rounds' and dashboard's counts follow.
            if update is None and not document_action_live(action, period, periods):
                continue
            status = update.get("status") if update else None
            category = (status["category"] if status else None) or NO_STATUS
            text = first_use(action["text"])
            progress = _expand_items(update.get("progress", []) if update else [], first_use)
            next_steps = _expand_items(update.get("next_steps", []) if update else [], first_use)
            status_cell = first_use(status["text"]) if status else None
            late = bool(update and update.get("late"))
            if late:
                # The one place every writer gets the marker from: beside the status
                # ("On track (received after the round closed)"), or as the last item of the
                # issues and next steps where the period has no status column.
                if with_status:
                    status_cell = f"{status_cell} ({LATE})" if status_cell else _LATE_ALONE
                else:
                    next_steps = [*next_steps, _LATE_ALONE]
            parts: dict[str, list[Any]] = {PROGRESS: progress, NEXT_STEPS: next_steps}
            report_theme.rows.append(
                ReportRow(
                    ref=action.get("ref"),
                    text=text,
                    lead=action.get("lead"),
                    due=action.get("due"),
                    progress=progress,
                    next_steps=next_steps,
                    status=status_cell,
                    status_text=status["text"] if status else None,
                    category=category,
                    has_update=update is not None,
                    late=late,
                    cells=[
                        ReportCell(column, [], status_cell)
                        if column.part == STATUS
                        else ReportCell(column, parts[column.part])
                        for column in columns
                    ],
                )
            )
        themes.append(report_theme)
    present = {row.category for theme in themes for row in theme.rows}
    categories = [(c.value, c.label) for c in StatusCategory if c.value in present]
    if NO_STATUS in present:
        categories.append((NO_STATUS, "No status given"))
    rows = [row for theme in themes for row in theme.rows]
    return ReportData(
        title=document["title"],
        organisation=document.get("organisation", ""),
        period=period,
        columns=columns,
        themes=themes,
        categories=categories,
        missing=[row for row in rows if not row.has_update],
        overdue=[
            row
            for row in rows
            if judge_overdue
            and row.category not in _CLOSED
            and (due := due_date(row.due)) is not None
            and due < today
        ],
        glossary=glossary,
        document=document,
        comparison=_comparison(document, period, compare) if compare else None,
    )


_LATE_ALONE = LATE[:1].upper() + LATE[1:]


def appendix_columns(period: str, *, next_steps: bool, status: bool) -> list[ReportColumn]:
    """The appendix's columns for a period, from what its updates hold: progress always,
    "Issues and next steps" when any update has them, "Status" when any has one, so no
    approved text is left out. Four columns are narrower: the widths give the action and
    the progress the room they need."""
    widths = {
        (False, False): (70, 0, 0),
        (True, False): (50, 20, 0),
        (False, True): (50, 0, 20),
        (True, True): (40, 24, 14),
    }[(next_steps, status)]
    columns = [ReportColumn(PROGRESS, f"Progress – {period}", widths[0], "None reported.")]
    if next_steps:
        columns.append(ReportColumn(NEXT_STEPS, "Issues and next steps", widths[1], "None given."))
    if status:
        columns.append(ReportColumn(STATUS, "Status", widths[2], "None given."))
    return columns


def _update_for(action: ActionDocument, period: str) -> UpdateDocument | None:
    return next((u for u in action["updates"] if u["period"] == period), None)


def _status(update: UpdateDocument | None) -> str | None:
    status = update.get("status") if update else None
    return status["text"] if status else None


def _comparison(document: PlanDocument, period: str, previous: str) -> Comparison:
    """Year on year: each action's status then and now, what was carried forward, added or
    dropped, and the indicators both periods state."""
    periods = document["periods"]
    if previous not in periods:
        raise ReportError(
            f"--compare: the plan has no period {previous!r} (it has {', '.join(periods)})"
        )
    if periods.index(previous) >= periods.index(period):
        raise ReportError(f"--compare: {previous!r} must come before {period!r}")
    actions: list[ComparedAction] = []
    indicators: list[ComparedIndicator] = []
    for theme in document["themes"]:
        for action in theme["actions"]:
            then, now = _update_for(action, previous), _update_for(action, period)
            if then is None and now is None:
                continue
            change = "carried forward" if then and now else "new" if now else "dropped"
            actions.append(
                ComparedAction(
                    action.get("ref"), action["text"], _status(then), _status(now), change
                )
            )
            if then and now:
                earlier = {(i["label"], i["unit"]): i for i in then.get("indicators", [])}
                for indicator in now.get("indicators", []):
                    match = earlier.get((indicator["label"], indicator["unit"])) or _similar(
                        earlier, indicator
                    )
                    if match:
                        indicators.append(
                            ComparedIndicator(
                                action.get("ref"),
                                match["label"],
                                indicator["unit"],
                                match["value"],
                                indicator["value"],
                            )
                        )
    return Comparison(previous, actions, indicators)


def _similar(
    earlier: dict[tuple[str, str], IndicatorDocument], indicator: IndicatorDocument
) -> IndicatorDocument | None:
    """The earlier indicator counting the same thing under a slightly different label."""
    best = None
    for (label, unit), candidate in earlier.items():
        if (
            unit == indicator["unit"]
            and difflib.SequenceMatcher(None, label, indicator["label"]).ratio() >= 0.85
        ):
            best = candidate
    return best
