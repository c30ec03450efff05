"""Linking the rounds: several reports of one plan, oldest first, become one plan document.

Actions are matched by reference where both rounds have one, else by wording, so an
action reworded a little stays one action with one update per period. Every decision
is recorded so the import summary can show it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from eqtrack.plans.planformat import FORMAT

from .readers.base import Item, NestedItem, ReadAction, ReadReport

# Below this similarity two wordings are different actions. The seeds' one reworded
# action ("review Equalities…" / "review the Equalities…") scores 0.98; unrelated
# actions in one theme score under 0.6.
MATCH_THRESHOLD = 0.8


@dataclass
class LinkDecision:
    period: str
    theme: str
    kind: str  # "matched", "new" or "dropped"
    text: str
    similarity: float | None = None
    earlier_text: str | None = None

    def describe(self) -> str:
        short = self.text if len(self.text) <= 70 else self.text[:67] + "…"
        if self.kind == "matched" and self.similarity is not None and self.similarity < 1:
            return f"{self.period}: matched (similarity {self.similarity:.2f}): {short}"
        return f"{self.period}: {self.kind}: {short}"


@dataclass
class _PlanAction:
    read: ReadAction
    updates: dict[str, dict[str, Any]] = field(default_factory=dict)
    wording: dict[str, str] = field(default_factory=dict)


@dataclass
class _PlanTheme:
    title: str
    objective: str
    actions: list[_PlanAction] = field(default_factory=list)


@dataclass
class LinkResult:
    document: dict[str, Any]
    decisions: list[LinkDecision]


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _normalise(a), _normalise(b), autojunk=False).ratio()


def _item_document(item: Item) -> Any:
    if isinstance(item, NestedItem):
        return {"text": item.text, "items": [_item_document(i) for i in item.items]}
    return item


def _update_document(action: ReadAction, period: str) -> dict[str, Any]:
    return {
        "period": period,
        "progress": [_item_document(i) for i in action.progress],
        "next_steps": [_item_document(i) for i in action.next_steps],
        "status": (
            None
            if action.status is None
            else {"text": action.status.text, "category": action.status.category}
        ),
    }


def _match(
    candidates: list[_PlanAction], incoming: list[ReadAction]
) -> dict[int, tuple[int, float]]:
    """Map each incoming action's index to (candidate index, similarity), best pairs first."""
    found: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    by_ref = {c.read.ref: ci for ci, c in enumerate(candidates) if c.read.ref}
    for ri, r in enumerate(incoming):
        if r.ref and r.ref in by_ref and by_ref[r.ref] not in taken:
            found[ri] = (by_ref[r.ref], 1.0)
            taken.add(by_ref[r.ref])
    by_text = {}
    for ci, c in enumerate(candidates):
        by_text.setdefault(_normalise(c.read.text), ci)
    for ri, r in enumerate(incoming):
        ci = by_text.get(_normalise(r.text))
        if ri not in found and ci is not None and ci not in taken:
            found[ri] = (ci, 1.0)
            taken.add(ci)
    pairs = []
    for ri, r in enumerate(incoming):
        if ri in found:
            continue
        for ci, c in enumerate(candidates):
            if ci in taken:
                continue
            matcher = difflib.SequenceMatcher(
                None, _normalise(c.read.text), _normalise(r.text), autojunk=False
            )
            # quick_ratio is an upper bound: skip the exact ratio when it cannot reach.
            if matcher.quick_ratio() >= MATCH_THRESHOLD:
                score = matcher.ratio()
                if score >= MATCH_THRESHOLD:
                    pairs.append((score, ri, ci))
    for score, ri, ci in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if ri not in found and ci not in taken:
            found[ri] = (ci, score)
            taken.add(ci)
    return found


def _ref_prefix(title: str, index: int) -> str:
    words = [
        w
        for w in re.findall(r"[A-Za-z]+", title)
        if w.lower() not in {"as", "a", "an", "the", "and", "of"}
    ]
    return "".join(w[0].upper() for w in words) or f"T{index + 1}."


def reports_link(
    reports: list[ReadReport],
    periods: list[str],
    *,
    title: str,
    organisation: str,
) -> LinkResult:
    """One plan document from reports given oldest first, the n-th labelled periods[n]."""
    themes: list[_PlanTheme] = []
    decisions: list[LinkDecision] = []
    previous: str | None = None
    for report, period in zip(reports, periods, strict=True):
        reported: set[int] = set()
        for read_theme in report.themes:
            theme = next(
                (t for t in themes if _normalise(t.title) == _normalise(read_theme.title)), None
            )
            if theme is None:
                theme = _PlanTheme(read_theme.title, read_theme.objective)
                themes.append(theme)
            theme.objective = read_theme.objective or theme.objective
            candidates = [a for a in theme.actions if period not in a.updates]
            matches = _match(candidates, read_theme.actions)
            insert_at = 0
            for ri, read_action in enumerate(read_theme.actions):
                if ri in matches:
                    ci, score = matches[ri]
                    plan_action = candidates[ci]
                    earlier = plan_action.read.text
                    # The newest wording is the action's; older ones stay on their updates.
                    plan_action.read = _merge(plan_action.read, read_action)
                    decisions.append(
                        LinkDecision(
                            period,
                            theme.title,
                            "matched",
                            read_action.text,
                            score,
                            earlier if earlier != read_action.text else None,
                        )
                    )
                    insert_at = theme.actions.index(plan_action) + 1
                else:
                    plan_action = _PlanAction(read_action)
                    theme.actions.insert(insert_at, plan_action)
                    insert_at += 1
                    if previous is not None:
                        decisions.append(LinkDecision(period, theme.title, "new", read_action.text))
                plan_action.updates[period] = _update_document(read_action, period)
                plan_action.wording[period] = read_action.text
                reported.add(id(plan_action))
        if previous is not None:
            for theme in themes:
                for a in theme.actions:
                    if id(a) not in reported and previous in a.updates:
                        decisions.append(LinkDecision(period, theme.title, "dropped", a.read.text))
        previous = period
    return LinkResult(_document(themes, periods, title=title, organisation=organisation), decisions)


def _merge(old: ReadAction, new: ReadAction) -> ReadAction:
    return ReadAction(
        text=new.text,
        ref=new.ref or old.ref,
        lead=new.lead or old.lead,
        due=new.due or old.due,
        partners=new.partners or old.partners,
        extra={**old.extra, **new.extra},
    )


def _document(
    themes: list[_PlanTheme], periods: list[str], *, title: str, organisation: str
) -> dict[str, Any]:
    used_prefixes: set[str] = set()
    out_themes = []
    for index, theme in enumerate(themes):
        prefix = _ref_prefix(theme.title, index)
        if prefix in used_prefixes:
            prefix = f"T{index + 1}."
        used_prefixes.add(prefix)
        actions = []
        for n, a in enumerate(theme.actions, start=1):
            updates = []
            for period in periods:
                if period not in a.updates:
                    continue
                update = a.updates[period]
                if a.wording[period] != a.read.text:
                    update["action_text"] = a.wording[period]
                updates.append(update)
            action: dict[str, Any] = {
                "ref": a.read.ref or f"{prefix}{n}",
                "text": a.read.text,
                "lead": a.read.lead,
                "due": a.read.due,
            }
            if a.read.partners:
                action["partners"] = a.read.partners
            if a.read.extra:
                action["extra"] = a.read.extra
            action["updates"] = updates
            actions.append(action)
        out_themes.append({"title": theme.title, "objective": theme.objective, "actions": actions})
    return {
        "format": FORMAT,
        "title": title,
        "organisation": organisation,
        "periods": list(periods),
        "themes": out_themes,
    }
