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

from eqtrack.plans.planformat import FORMAT, item_texts

from .measures import indicators_find
from .readers.base import Item, NestedItem, ReadAction, ReadReport

# Below this similarity two wordings are different actions. The seeds' one reworded
# action ("review Equalities…" / "review the Equalities…") scores 0.98; unrelated
# actions in one theme score under 0.6.
MATCH_THRESHOLD = 0.8
# Between this and MATCH_THRESHOLD a pair is reported as uncertain, for the user to decide.
UNCERTAIN_THRESHOLD = 0.6


@dataclass
class LinkDecision:
    period: str
    theme: str
    kind: str  # "matched", "moved", "linked", "new", "dropped" or "uncertain"
    text: str
    similarity: float | None = None
    earlier_text: str | None = None
    ref: str | None = None  # the action's reference in this period's report
    earlier_ref: str | None = None  # …and in the earlier report, where there is one

    @property
    def in_words(self) -> str:
        """The decision as an officer checking an import would put it."""
        said = {
            "matched": "The same action as in the earlier report",
            "moved": "The same action, now under another theme",
            "linked": "Linked, as you asked, to an action in the earlier report",
            "new": "New in this report",
            "dropped": "In the earlier report, not in this one",
            "uncertain": "Perhaps the same as an action in the earlier report: not linked",
        }.get(self.kind, self.kind.capitalize())
        if self.similarity is not None:
            said += f" (wording {round(self.similarity * 100)}% alike)"
        return said

    def describe(self) -> str:
        short = self.text if len(self.text) <= 70 else self.text[:67] + "…"
        refs = f"{self.earlier_ref} → {self.ref}" if self.earlier_ref else (self.ref or "")
        score = f" (similarity {self.similarity:.2f})" if self.similarity is not None else ""
        hint = ""
        if self.kind == "uncertain":
            hint = f"; not linked: to link them, --link {self.earlier_ref}={self.ref}"
        elif (
            self.kind in ("matched", "moved")
            and self.similarity is not None
            and self.similarity < 1
        ):
            hint = f"; to keep them apart, --no-link {self.earlier_ref}"
        return f"{self.period}: {self.kind}{score}: {refs}: {short}{hint}"


@dataclass
class _PlanTheme:
    title: str
    objective: str
    actions: list[_PlanAction] = field(default_factory=list)


@dataclass
class _PlanAction:
    read: ReadAction
    label: str  # its reference in the latest report naming it: the source's, or by position
    theme: _PlanTheme
    updates: dict[str, dict[str, Any]] = field(default_factory=dict)
    wording: dict[str, str] = field(default_factory=dict)


@dataclass
class _Incoming:
    read: ReadAction
    label: str
    theme: _PlanTheme


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
    progress = [_item_document(i) for i in action.progress]
    # Items kept apart by a mark no label runs across: the words after a number ending one
    # bullet are not what it counts ("repeated every 2 years" / "Staff Engagement Group in
    # place"), yet a target stated in the next bullet still finds its count.
    indicators = indicators_find(" · ".join(item_texts(progress)))
    update = {
        "period": period,
        "progress": progress,
        "next_steps": [_item_document(i) for i in action.next_steps],
        "status": (
            None
            if action.status is None
            else {"text": action.status.text, "category": action.status.category}
        ),
    }
    if indicators:
        update["indicators"] = [i.as_document() for i in indicators]
    return update


def _ref_prefix(title: str, index: int) -> str:
    """A theme's prefix for references: "2." for "Objective 2: …", else its initials ("CL")."""
    numbered = re.match(r"^\s*[A-Za-z ]{0,20}?(\d+)\b", title)
    if numbered:
        return f"{numbered.group(1)}."
    words = [
        w
        for w in re.findall(r"[A-Za-z]+", title)
        if w.lower() not in {"as", "a", "an", "the", "and", "of"}
    ]
    return "".join(w[0].upper() for w in words) or f"T{index + 1}."


class LinkError(ValueError):
    """An override (--link, --no-link) names a reference no report has."""


@dataclass
class _Matching:
    """Pairs of (earlier action, incoming action) for one period, and why each was paired."""

    candidates: list[_PlanAction]
    incoming: list[_Incoming]
    pairs: dict[int, tuple[int, float | None, str]] = field(
        default_factory=dict
    )  # in → (cand, score, kind)
    taken: set[int] = field(default_factory=set)

    def pair(self, ri: int, ci: int, score: float | None, kind: str) -> None:
        self.pairs[ri] = (ci, score, kind)
        self.taken.add(ci)

    def open(self) -> tuple[list[int], list[int]]:
        return (
            [ri for ri in range(len(self.incoming)) if ri not in self.pairs],
            [ci for ci in range(len(self.candidates)) if ci not in self.taken],
        )


def _match(
    m: _Matching, *, links: dict[str, str], kept_apart: set[str]
) -> list[tuple[int, int, float]]:
    """Pair incoming actions with earlier ones; return the near misses (uncertain pairs)."""
    by_label = {c.label: ci for ci, c in enumerate(m.candidates)}
    for old, new in links.items():
        ci = by_label.get(old)
        ri = next((i for i, r in enumerate(m.incoming) if r.label == new), None)
        if ci is not None and ri is not None and ci not in m.taken:
            m.pair(ri, ci, None, "linked")
    apart = {ci for ci, c in enumerate(m.candidates) if c.label in kept_apart}
    m.taken |= apart
    by_ref = {c.read.ref: ci for ci, c in enumerate(m.candidates) if c.read.ref}
    for ri, r in enumerate(m.incoming):
        ci = by_ref.get(r.read.ref) if r.read.ref else None
        if ri not in m.pairs and ci is not None and ci not in m.taken:
            m.pair(ri, ci, 1.0, "matched")
    near: list[tuple[int, int, float]] = []
    # Wording: first within each theme, then across themes for an action that moved.
    for same_theme in (True, False):
        rows, cols = m.open()
        scored = []
        for ri in rows:
            r = m.incoming[ri]
            for ci in cols:
                c = m.candidates[ci]
                if (c.theme is r.theme) != same_theme:
                    continue
                matcher = difflib.SequenceMatcher(
                    None, _normalise(c.read.text), _normalise(r.read.text), autojunk=False
                )
                # quick_ratio is an upper bound: skip the exact ratio when it cannot count.
                if matcher.quick_ratio() >= UNCERTAIN_THRESHOLD:
                    scored.append((matcher.ratio(), ri, ci))
        for score, ri, ci in sorted(scored, key=lambda p: (-p[0], p[1], p[2])):
            if ri in m.pairs or ci in m.taken:
                continue
            if score >= MATCH_THRESHOLD:
                m.pair(ri, ci, score, "matched" if same_theme else "moved")
            elif score >= UNCERTAIN_THRESHOLD:
                near.append((ri, ci, score))
    m.taken -= apart - {ci for ci, _, _ in m.pairs.values()}
    return [(ri, ci, s) for ri, ci, s in near if ri not in m.pairs and ci not in m.taken]


def _incoming(report: ReadReport, themes: list[_PlanTheme]) -> list[_Incoming]:
    out = []
    for read_theme in report.themes:
        theme = next(
            (t for t in themes if _normalise(t.title) == _normalise(read_theme.title)), None
        )
        if theme is None:
            theme = _PlanTheme(read_theme.title, read_theme.objective)
            themes.append(theme)
        theme.objective = read_theme.objective or theme.objective
        prefix = _ref_prefix(read_theme.title, themes.index(theme))
        for n, action in enumerate(read_theme.actions, start=1):
            out.append(_Incoming(action, action.ref or f"{prefix}{n}", theme))
    return out


def _reorder(themes: list[_PlanTheme], reported: list[_PlanAction]) -> None:
    """Each theme's actions in the newest report's order; an action that report dropped
    stays after the action it followed before."""
    order = {id(a): i for i, a in enumerate(reported)}
    for theme in themes:
        mine = [a for a in reported if a.theme is theme]
        result = list(mine)
        anchor: _PlanAction | None = None
        for action in theme.actions:
            if id(action) in order:
                anchor = action if action.theme is theme else anchor
                continue
            if action.theme is not theme:
                continue
            result.insert(result.index(anchor) + 1 if anchor in result else 0, action)
            anchor = action
        theme.actions = result


def reports_link(
    reports: list[ReadReport],
    periods: list[str],
    *,
    title: str,
    organisation: str,
    links: dict[str, str] | None = None,
    kept_apart: set[str] | None = None,
) -> LinkResult:
    """One plan document from reports given oldest first, the n-th labelled periods[n].

    `links` joins an earlier report's action to a later one's by their references
    ({"2.1": "3.4"}, from --link); `kept_apart` names earlier actions never to be joined
    by wording (from --no-link)."""
    links, kept_apart = links or {}, kept_apart or set()
    themes: list[_PlanTheme] = []
    decisions: list[LinkDecision] = []
    seen_labels: set[str] = set()
    previous: str | None = None
    for report, period in zip(reports, periods, strict=True):
        incoming = _incoming(report, themes)
        seen_labels |= {r.label for r in incoming}
        candidates = [a for t in themes for a in t.actions]
        matching = _Matching(candidates, incoming)
        near = _match(matching, links=links, kept_apart=kept_apart)
        reported: list[_PlanAction] = []
        for ri, r in enumerate(incoming):
            if ri in matching.pairs:
                ci, score, kind = matching.pairs[ri]
                action = candidates[ci]
                earlier_text, earlier_label = action.read.text, action.label
                if kind == "moved" or action.theme is not r.theme:
                    kind = "moved" if kind == "matched" else kind
                    action.theme.actions.remove(action)
                    r.theme.actions.append(action)
                # The newest wording is the action's; older ones stay on their updates.
                action.read, action.label, action.theme = (
                    _merge(action.read, r.read),
                    r.label,
                    r.theme,
                )
                decisions.append(
                    LinkDecision(
                        period,
                        r.theme.title,
                        kind,
                        r.read.text,
                        score,
                        earlier_text if earlier_text != r.read.text else None,
                        r.label,
                        earlier_label,
                    )
                )
            else:
                action = _PlanAction(r.read, r.label, r.theme)
                r.theme.actions.append(action)
                if previous is not None:
                    decisions.append(
                        LinkDecision(period, r.theme.title, "new", r.read.text, ref=r.label)
                    )
            action.updates[period] = _update_document(r.read, period)
            action.wording[period] = r.read.text
            reported.append(action)
        for ri, ci, score in near:
            decisions.append(
                LinkDecision(
                    period,
                    incoming[ri].theme.title,
                    "uncertain",
                    incoming[ri].read.text,
                    score,
                    candidates[ci].read.text,
                    incoming[ri].label,
                    candidates[ci].label,
                )
            )
        if previous is not None:
            for action in candidates:
                if previous in action.updates and period not in action.updates:
                    decisions.append(
                        LinkDecision(
                            period,
                            action.theme.title,
                            "dropped",
                            action.read.text,
                            ref=action.label,
                        )
                    )
        _reorder(themes, reported)
        previous = period
    unknown = sorted((set(links) | set(links.values()) | kept_apart) - seen_labels)
    if unknown:
        raise LinkError(f"--link/--no-link: no report has an action {', '.join(unknown)}")
    # The plan's introduction as its newest report words it; a blank paragraph, which the plan
    # format refuses, is dropped.
    introduction = next((r.introduction for r in reversed(reports) if r.introduction), [])
    introduction = [p.strip() for p in introduction if p.strip()]
    return LinkResult(
        _document(
            themes, periods, title=title, organisation=organisation, introduction=introduction
        ),
        decisions,
    )


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
    themes: list[_PlanTheme],
    periods: list[str],
    *,
    title: str,
    organisation: str,
    introduction: list[str],
) -> dict[str, Any]:
    used: set[str] = set()
    out_themes = []
    for theme in themes:
        actions = []
        for a in theme.actions:
            updates = []
            for period in periods:
                if period not in a.updates:
                    continue
                update = a.updates[period]
                if a.wording[period] != a.read.text:
                    update["action_text"] = a.wording[period]
                updates.append(update)
            ref = a.read.ref or a.label
            if ref in used:
                # A dropped action's old position-made reference, now another's.
                ref = f"{ref}-{updates[-1]['period']}"
            used.add(ref)
            action: dict[str, Any] = {
                "ref": ref,
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
        if actions:
            out_themes.append(
                {"title": theme.title, "objective": theme.objective, "actions": actions}
            )
    return {
        "format": FORMAT,
        "title": title,
        "organisation": organisation,
        "periods": list(periods),
        # Optional: written only when a report has one, so other plans' documents read as before.
        **({"introduction": list(introduction)} if introduction else {}),
        "themes": out_themes,
    }
