"""What a committee asks of one period, worked out once for the dashboard, the committee
summary (PDF and Word) and the `committee-summary` command: each status's count and its change
since the previous period, the actions that need attention, and which actions' status improved
or worsened.

Status changes follow one order of the status categories, worst first:

    off track < at risk < not started < ongoing = watching brief < on track < complete

A move up that order is "improved", down it "worsened", within one step of it (ongoing to
watching brief, or no move at all) "unchanged". A move to not carried forward or superseded is
"ended": the action stopped, which is neither better nor worse. Where either period gives no
status (or the earlier one had already ended) there is nothing to compare: "no comparison".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from eqtrack.plans.models import StatusCategory
from eqtrack.plans.planformat import ActionDocument, PlanDocument

from .data import NO_STATUS, ReportData, ReportRow, report_data

# The order of the categories, worst first; equal numbers are the same level.
RANK: dict[str, int] = {
    "off_track": 0,
    "at_risk": 1,
    "not_started": 2,
    "ongoing": 3,
    "watching_brief": 3,
    "on_track": 4,
    "complete": 5,
}
ENDED = frozenset({"not_carried_forward", "superseded"})

# The classes of a status change, in the order the dashboard and summary list them.
IMPROVED, WORSENED, UNCHANGED, ENDED_CHANGE, NO_COMPARISON = (
    "improved",
    "worsened",
    "unchanged",
    "ended",
    "no_comparison",
)
CHANGE_LABELS: dict[str, str] = {
    IMPROVED: "Improved",
    WORSENED: "Worsened",
    UNCHANGED: "Unchanged",
    ENDED_CHANGE: "Ended",
    NO_COMPARISON: "No comparison",
}

# Why an action needs attention, in order of urgency (the list is sorted by the first).
OFF_TRACK, AT_RISK, OVERDUE, NO_UPDATE = "off_track", "at_risk", "overdue", "no_update"
_ATTENTION_ORDER = [OFF_TRACK, AT_RISK, OVERDUE, NO_UPDATE]

_LABELS = dict(StatusCategory.choices) | {NO_STATUS: "No status given"}


def category_label(category: str | None) -> str:
    """A category's name as the reports write it; "Not reported" for an action absent then."""
    return _LABELS.get(category, category) if category else "Not reported"


def status_change(then: str | None, now: str | None) -> str:
    """The class of a move from category `then` to `now` (None: not in that period's report)."""
    if now in ENDED:
        return UNCHANGED if then == now else ENDED_CHANGE
    if then not in RANK or now not in RANK:
        return NO_COMPARISON
    return IMPROVED if RANK[now] > RANK[then] else WORSENED if RANK[now] < RANK[then] else UNCHANGED


@dataclass(frozen=True)
class ActionFacts:
    """What the database knows of an action beyond its plan-format document: its team, and
    where its page is (for a link). A plan from a file has none of these."""

    team: str | None = None
    pk: int | None = None
    page: int | None = None  # the plan page's page the action is on


@dataclass
class CategoryCount:
    category: str
    label: str
    now: int
    then: int | None  # None: there is no previous period to compare with
    previous: str | None  # the previous period's label

    @property
    def change(self) -> int | None:
        return None if self.then is None else self.now - self.then

    @property
    def change_text(self) -> str:
        """The change as a committee paper writes it: "+2", "−1" (a real minus), "No change"."""
        change = self.change
        if change is None:
            return "–"
        return "No change" if change == 0 else f"+{change}" if change > 0 else f"−{-change}"

    @property
    def change_words(self) -> str:
        """The change in words, for a screen reader and anyone who does not read "+2"."""
        change, previous = self.change, self.previous
        if change is None or previous is None:
            return "no earlier period to compare"
        if change == 0:
            return f"the same as {previous}"
        return f"{abs(change)} {'more' if change > 0 else 'fewer'} than {previous}"


@dataclass
class AttentionItem:
    """An action the committee should look at, with why, and its owners' latest words."""

    position: tuple[int, int]  # (theme, action) in the document
    ref: str | None
    text: str
    facts: ActionFacts
    reasons: list[str]  # OFF_TRACK, AT_RISK, OVERDUE, NO_UPDATE
    category: str
    due: str | None
    commentary_period: str | None  # the period of the latest update, if any
    progress: list[str]
    next_steps: list[str]
    status_text: str | None

    @property
    def reason_labels(self) -> list[str]:
        labels = {
            OFF_TRACK: "Off track",
            AT_RISK: "At risk",
            OVERDUE: f"Overdue (due {self.due})",
            NO_UPDATE: "No update",
        }
        return [labels[r] for r in self.reasons]


@dataclass
class StatusChange:
    position: tuple[int, int]
    ref: str | None
    text: str
    facts: ActionFacts
    then: str | None  # the category in the previous period's report, None if not in it
    now: str
    change: str  # IMPROVED, WORSENED, …

    @property
    def then_label(self) -> str:
        return category_label(self.then)

    @property
    def now_label(self) -> str:
        return category_label(self.now)

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]


@dataclass
class CommitteeSummary:
    title: str
    organisation: str
    period: str
    previous: str | None
    counts: list[CategoryCount]
    total: CategoryCount
    attention: list[AttentionItem]
    changes: list[StatusChange]  # the actions that improved, worsened or ended, in plan order
    change_counts: list[tuple[str, str, int]]  # (class, label, actions), every action counted
    data: ReportData
    previous_data: ReportData | None = field(default=None, repr=False)

    def changed(self, change: str) -> list[StatusChange]:
        return [c for c in self.changes if c.change == change]


def row_positions(document: PlanDocument, rows: list[ReportRow]) -> list[tuple[int, int]]:
    """Where each of a report's rows is in its document, as (theme, action) indexes. A report
    keeps its document's order and leaves some actions out, so each row is the next action
    with its reference and text (or, failing that, its reference; failing that, simply the
    next action, so that a report writing an action's text otherwise never breaks a page)."""
    actions = [
        ((t, a), action)
        for t, theme in enumerate(document["themes"])
        for a, action in enumerate(theme["actions"])
    ]
    positions: list[tuple[int, int]] = []
    start = 0
    for row in rows:
        found = _next_match(actions, start, row, same_text=True)
        if found is None:
            found = _next_match(actions, start, row, same_text=False)
        if found is None:
            found = min(start, len(actions) - 1)
        positions.append(actions[found][0])
        start = found + 1
    return positions


def _next_match(
    actions: list[tuple[tuple[int, int], ActionDocument]],
    start: int,
    row: ReportRow,
    *,
    same_text: bool,
) -> int | None:
    for i in range(start, len(actions)):
        action = actions[i][1]
        if action.get("ref") == row.ref and (not same_text or action["text"] == row.text):
            return i
    return None


def _flatten(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item["text"])
            out.extend(_flatten(item["items"]))
        else:
            out.append(item)
    return out


def _latest_update(
    action: ActionDocument, period: str, periods: list[str]
) -> dict[str, Any] | None:
    """The action's update for the period, else its latest before it."""
    upto = periods.index(period)
    found = [
        u
        for u in action["updates"]
        if u["period"] in periods and periods.index(u["period"]) <= upto
    ]
    return dict(max(found, key=lambda u: periods.index(u["period"]))) if found else None


def committee_summary(
    *,
    document: PlanDocument,
    period: str | None,
    previous: str | None,
    facts: Mapping[tuple[int, int], ActionFacts] | None = None,
    today: dt.date | None = None,
    judge_overdue: bool = True,
) -> CommitteeSummary:
    """The committee's view of `period` (by default the latest reported), compared with
    `previous` (an earlier period; None for no comparison). `facts` gives what the database
    knows of each action (team, page), by its (theme, action) position in the document."""
    facts = facts or {}
    data = report_data(
        document=document, period=period, glossary={}, today=today, judge_overdue=judge_overdue
    )
    periods = document["periods"]
    if previous is not None and periods.index(previous) >= periods.index(data.period):
        previous = None  # only an earlier period is "since last time"
    before = (
        report_data(document=document, period=previous, glossary={}, today=today)
        if previous
        else None
    )
    positions = row_positions(document, data.rows)
    actions = {
        (t, a): action
        for t, theme in enumerate(document["themes"])
        for a, action in enumerate(theme["actions"])
    }

    # Counts: every category either period has, in the reports' order.
    present = {row.category for row in data.rows}
    if before:
        present |= {row.category for row in before.rows}
    order = [c.value for c in StatusCategory] + [NO_STATUS]
    counts = [
        CategoryCount(
            category,
            category_label(category),
            data.total(category),
            before.total(category) if before else None,
            previous,
        )
        for category in order
        if category in present
    ]
    total = CategoryCount(
        "all", "All actions", len(data.rows), len(before.rows) if before else None, previous
    )

    # Needs attention: red and amber, overdue, or silent this period.
    overdue = {id(row) for row in data.overdue}
    missing = {id(row) for row in data.missing}
    attention: list[AttentionItem] = []
    for row, position in zip(data.rows, positions, strict=True):
        reasons = [
            reason
            for reason, applies in (
                (OFF_TRACK, row.category == "off_track"),
                (AT_RISK, row.category == "at_risk"),
                (OVERDUE, id(row) in overdue),
                (NO_UPDATE, id(row) in missing),
            )
            if applies
        ]
        if not reasons:
            continue
        update = _latest_update(actions[position], data.period, periods)
        status = update.get("status") if update else None
        attention.append(
            AttentionItem(
                position=position,
                ref=row.ref,
                text=row.text,
                facts=facts.get(position, ActionFacts()),
                reasons=reasons,
                category=row.category,
                due=row.due,
                commentary_period=update["period"] if update else None,
                progress=_flatten(update.get("progress", [])) if update else [],
                next_steps=_flatten(update.get("next_steps", [])) if update else [],
                status_text=status["text"] if status else None,
            )
        )
    attention.sort(key=lambda item: (_ATTENTION_ORDER.index(item.reasons[0]), item.position))

    # Status changes: each action of this period's report against the previous one's.
    then_of: dict[tuple[int, int], str] = {}
    if before:
        then_of = dict(
            zip(
                row_positions(document, before.rows),
                (row.category for row in before.rows),
                strict=True,
            )
        )
    changes: list[StatusChange] = []
    tally = dict.fromkeys(CHANGE_LABELS, 0)
    if before:
        for row, position in zip(data.rows, positions, strict=True):
            then = then_of.get(position)
            change = status_change(then, row.category)
            tally[change] += 1
            # Listed as moved only when it moved on the order, or ended: an action with no
            # status in either period ("no comparison") is counted, not listed as a move.
            if then != row.category and change != NO_COMPARISON:
                changes.append(
                    StatusChange(
                        position=position,
                        ref=row.ref,
                        text=row.text,
                        facts=facts.get(position, ActionFacts()),
                        then=then,
                        now=row.category,
                        change=change,
                    )
                )
    return CommitteeSummary(
        title=data.title,
        organisation=data.organisation,
        period=data.period,
        previous=previous,
        counts=counts,
        total=total,
        attention=attention,
        changes=changes,
        change_counts=[(c, CHANGE_LABELS[c], tally[c]) for c in CHANGE_LABELS] if before else [],
        data=data,
        previous_data=before,
    )


def words(texts: list[str], limit: int) -> str:
    """Texts joined and cut to `limit` words, for a one-page summary ("…" where cut)."""
    joined = " ".join(t.strip() for t in texts if t.strip())
    parts = re.split(r"\s+", joined) if joined else []
    return " ".join(parts[:limit]) + ("…" if len(parts) > limit else "")


# How much of each list the one-page summary holds; the dashboard has the rest.
ATTENTION_ON_PAGE = 6
CHANGES_ON_PAGE = 6
COMMENTARY_WORDS = 20
_NEWS_ORDER = [WORSENED, IMPROVED, ENDED_CHANGE, UNCHANGED, NO_COMPARISON]


@dataclass
class SummaryTable:
    """One table of the one-page summary, as every summary writer lays it out."""

    kind: str  # "counts", "changes", "attention" or "moved": a writer's hook for its layout
    heading: str
    caption: str
    header: list[str]
    rows: list[list[str]]
    note: str | None = None  # below the table: what did not fit, or why it is empty
    chart: bool = False  # the status-change chart goes after this table


@dataclass
class SummaryPage:
    title: str
    organisation: str
    period: str
    previous: str | None
    tables: list[SummaryTable]  # in reading order: counts, changes, attention, moved

    @property
    def side_by_side(self) -> list[SummaryTable]:
        """The short tables a page can set side by side: the counts and the changes."""
        return self.tables[:2] if self.previous else []

    @property
    def full_width(self) -> list[SummaryTable]:
        return self.tables[len(self.side_by_side) :]


def _action_name(ref: str | None, text: str, limit: int = 8) -> str:
    return f"{ref}: {words([text], limit)}" if ref else words([text], limit)


def _more(items: list[Any], shown: int, what: tuple[str, str]) -> str | None:
    """What a cut list leaves out, `what` worded for one and for several."""
    rest = items[shown:]
    if not rest:
        return None
    refs = ", ".join(item.ref for item in rest if item.ref)
    said = what[0] if len(rest) == 1 else what[1]
    return f"And {len(rest)} more {said}{': ' + refs if refs else ''} (see the dashboard)."


def summary_page(summary: CommitteeSummary) -> SummaryPage:
    """The committee summary cut to one A4 page: the same tables for the PDF and Word."""
    p, prev = summary.period, summary.previous
    change_heading = f"Change since {prev}" if prev else "Change"
    counts = SummaryTable(
        kind="counts",
        heading="Actions by status",
        caption=f"Actions by status, {p}" + (f", and the change since {prev}" if prev else ""),
        header=["Status", p, change_heading],
        rows=[
            [c.label, str(c.now), f"{c.change_text} ({c.change_words})" if prev else "–"]
            for c in [*summary.counts, summary.total]
        ],
        note=None if prev else "There is no earlier reported period to compare with.",
    )
    attention_rows = []
    for item in summary.attention[:ATTENTION_ON_PAGE]:
        said = []
        if item.progress:
            said.append(words(item.progress, COMMENTARY_WORDS))
        if item.next_steps:
            said.append("Next steps: " + words(item.next_steps, COMMENTARY_WORDS // 2))
        commentary = " ".join(said) or "Nothing reported yet."
        if item.commentary_period and item.commentary_period != p:
            commentary = f"({item.commentary_period}) {commentary}"
        attention_rows.append(
            [
                _action_name(item.ref, item.text),
                item.facts.team or "No team",
                ", ".join(item.reason_labels),
                commentary,
            ]
        )
    attention = SummaryTable(
        kind="attention",
        heading="Needs attention",
        caption=f"Actions off track, at risk, overdue or with no update for {p}",
        header=["Action", "Team", "Why", "Latest commentary"],
        rows=attention_rows,
        note=_more(
            summary.attention,
            ATTENTION_ON_PAGE,
            ("action needs attention", "actions need attention"),
        )
        if summary.attention
        else "No action is off track, at risk, overdue or without an update.",
    )
    tables = [counts]
    if prev:
        tables.append(
            SummaryTable(
                kind="changes",
                heading=f"Status changes since {prev}",
                caption=f"Actions by how their status changed from {prev} to {p}",
                header=["Change", "Actions"],
                rows=[[label, str(n)] for _, label, n in summary.change_counts],
                chart=True,
            )
        )
    tables.append(attention)
    if prev:
        moved = sorted(summary.changes, key=lambda c: (_NEWS_ORDER.index(c.change), c.position))
        tables.append(
            SummaryTable(
                kind="moved",
                heading="Actions whose status moved",
                caption=f"Actions whose status moved from {prev} to {p}, worst news first",
                header=["Action", prev, p, "Change"],
                rows=[
                    [_action_name(c.ref, c.text), c.then_label, c.now_label, c.change_label]
                    for c in moved[:CHANGES_ON_PAGE]
                ],
                note=_more(
                    moved, CHANGES_ON_PAGE, ("action's status moved", "actions' status moved")
                )
                if moved
                else f"No action's status moved since {prev}.",
            )
        )
    return SummaryPage(
        title=f"{summary.title}: committee summary, {p}",
        organisation=summary.organisation,
        period=p,
        previous=prev,
        tables=tables,
    )


def summary_json(summary: CommitteeSummary) -> dict[str, Any]:
    """The committee summary as the API gives it: every count, action and change, uncut."""

    def action(item: AttentionItem | StatusChange) -> dict[str, Any]:
        return {"ref": item.ref, "text": item.text, "team": item.facts.team}

    return {
        "title": summary.title,
        "organisation": summary.organisation,
        "period": summary.period,
        "previous": summary.previous,
        "counts": [
            {"category": c.category, "label": c.label, "now": c.now, "then": c.then}
            for c in [*summary.counts, summary.total]
        ],
        "attention": [
            {
                **action(item),
                "reasons": item.reasons,
                "category": item.category,
                "due": item.due,
                "commentary_period": item.commentary_period,
                "status": item.status_text,
                "progress": item.progress,
                "next_steps": item.next_steps,
            }
            for item in summary.attention
        ],
        "changes": {change: n for change, _, n in summary.change_counts},
        "moved": [
            {**action(c), "then": c.then, "now": c.now, "change": c.change} for c in summary.changes
        ],
    }
