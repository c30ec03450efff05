"""How faithfully a read report matches the plan a person would have typed in from it: the
measures issue 16 sets for the importer, scored per layout and over a corpus.

Measures, each between 0 and 1:
- recall: expected actions found, matched by reference or else by wording;
- precision: read actions that are one of the expected actions, each expected action matched
  once: an action invented from a stray line, or one action read as two, counts against it;
- text_f1: token F1 of the matched actions' progress and next-steps items (nested items
  flattened), pooled over the layout's actions;
- status: expected actions with a status whose read status has the same category, over
  those and the found actions given a status where the expected one has none;
- fields: matched actions' reference, lead and due date exactly equal (after whitespace
  is normalised), over the fields either side gives;
- themes: expected themes whose title and objective were read exactly, with each of their
  actions that was found read under them;
- introduction: token F1 of the introduction read (the text before the first theme and the
  notes around the tables) against the one expected, pooled over the layout's paragraphs;
  nothing expected and nothing read is a perfect match, anything read where nothing is
  expected (a site's cookie banner, an e-mail's greeting) scores nothing.

The overall figures are micro averages (every action, item token or field of every layout
counts once, so a big layout weighs more than a small one), and the single combined score is
the lowest of them: the importer is only as good as its weakest measure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .readers.base import Item, NestedItem, ReadAction, ReadReport, ReadStatus, ReadTheme

MEASURES = ("recall", "precision", "text_f1", "status", "fields", "themes", "introduction")
# The "Done when": overall thresholds, and the floor no layout may fall below.
# Precision is held to recall's mark: an invented action is as wrong as a lost one.
THRESHOLDS = {
    "recall": 0.98,
    "precision": 0.98,
    "text_f1": 0.95,
    "status": 0.95,
    "fields": 0.95,
    "themes": 0.95,
    "introduction": 0.95,
}
LAYOUT_FLOOR = 0.9
# Two actions without matching references are the same when their wording is this close.
_SAME_ACTION = 0.8
_TOKEN = re.compile(r"\w+")


def normalise(text: str | None) -> str:
    """Text compared as a reader should give it: spacing ignored, nothing else."""
    return " ".join((text or "").split())


def tokens(text: str) -> list[str]:
    """Words, lowercased, punctuation dropped: the units text F1 counts."""
    return _TOKEN.findall(text.lower())


def item_texts(items: list[Item]) -> list[str]:
    """Every item's text, nested ones included, in order."""
    out: list[str] = []
    for item in items:
        if isinstance(item, NestedItem):
            out.append(item.text)
            out.extend(item_texts(item.items))
        else:
            out.append(item)
    return out


def overlap(read: list[str], expected: list[str]) -> tuple[int, int, int]:
    """(tokens in common, tokens read, tokens expected), each token counted as often as it
    occurs."""
    common = Counter(read) & Counter(expected)
    return sum(common.values()), len(read), len(expected)


def f1(common: int, read: int, expected: int) -> float:
    """F1 from counts; nothing expected and nothing read is a perfect match."""
    if read == 0 and expected == 0:
        return 1.0
    if common == 0:
        return 0.0
    precision, recall = common / read, common / expected
    return 2 * precision * recall / (precision + recall)


def text_similarity(a: str, b: str) -> float:
    return f1(*overlap(tokens(a), tokens(b)))


@dataclass
class Counts:
    """A layout's tallies, which add up across layouts for micro averages."""

    expected_actions: int = 0
    read_actions: int = 0
    found_actions: int = 0  # each the match of one expected action and one read action
    common_tokens: int = 0
    read_tokens: int = 0
    expected_tokens: int = 0
    statuses: int = 0
    statuses_right: int = 0
    fields: int = 0
    fields_right: int = 0
    themes: int = 0
    themes_right: int = 0
    intro_common: int = 0
    intro_read: int = 0
    intro_expected: int = 0
    misses: list[str] = field(default_factory=list)  # what went wrong, for a person to read

    def __add__(self, other: Counts) -> Counts:
        total = Counts(misses=self.misses + other.misses)
        for name in self.__dataclass_fields__:
            if name != "misses":
                setattr(total, name, getattr(self, name) + getattr(other, name))
        return total

    def scores(self) -> dict[str, float]:
        def ratio(right: int, total: int) -> float:
            return right / total if total else 1.0

        return {
            "recall": ratio(self.found_actions, self.expected_actions),
            "precision": ratio(self.found_actions, self.read_actions),
            "text_f1": f1(self.common_tokens, self.read_tokens, self.expected_tokens),
            "status": ratio(self.statuses_right, self.statuses),
            "fields": ratio(self.fields_right, self.fields),
            "themes": ratio(self.themes_right, self.themes),
            "introduction": f1(self.intro_common, self.intro_read, self.intro_expected),
        }


def _all_actions(report: ReadReport) -> list[ReadAction]:
    return [action for theme in report.themes for action in theme.actions]


def actions_match(read: list[ReadAction], expected: list[ReadAction]) -> list[ReadAction | None]:
    """For each expected action, the read one it is: the same reference, else the closest
    wording (at least `_SAME_ACTION` alike); each read action used once."""
    used: set[int] = set()
    out: list[ReadAction | None] = []
    for want in expected:
        found = None
        if want.ref:
            found = next(
                (
                    i
                    for i, got in enumerate(read)
                    if i not in used
                    and normalise(got.ref) == normalise(want.ref)
                    and text_similarity(got.text, want.text) >= 0.5
                ),
                None,
            )
        if found is None:
            alike = [
                (text_similarity(got.text, want.text), i)
                for i, got in enumerate(read)
                if i not in used
            ]
            best = max(alike, default=(0.0, -1))
            found = best[1] if best[0] >= _SAME_ACTION else None
        if found is not None:
            used.add(found)
        out.append(read[found] if found is not None else None)
    return out


def _items(raw: list[Any]) -> list[Item]:
    return [
        NestedItem(item["text"], _items(item.get("items", []))) if isinstance(item, dict) else item
        for item in raw
    ]


def report_from_document(document: dict[str, Any], *, period: str | None = None) -> ReadReport:
    """A plan-format document (what `files_parse` gives) as a read report of one period, the
    latest by default, so a parsed plan can be scored like a reader's output. Actions not
    reported in that period are left out."""
    period = period or (document.get("periods") or [None])[-1]
    report = ReadReport(
        source=document.get("title", ""),
        period=period,
        introduction=list(document.get("introduction", [])),
    )
    for theme in document.get("themes", []):
        read = ReadTheme(theme["title"], theme.get("objective", ""))
        for action in theme.get("actions", []):
            update = next((u for u in action.get("updates", []) if u["period"] == period), None)
            if update is None:
                continue
            status = update.get("status")
            read.actions.append(
                ReadAction(
                    text=action["text"],
                    ref=action.get("ref"),
                    lead=action.get("lead"),
                    due=action.get("due"),
                    progress=_items(update.get("progress", [])),
                    next_steps=_items(update.get("next_steps", [])),
                    status=ReadStatus(status["text"], status.get("category")) if status else None,
                )
            )
        report.themes.append(read)
    return report


def report_score(read: ReadReport, expected: ReadReport) -> Counts:
    """The tallies of one read report against the plan expected from it."""
    counts = Counts()
    wanted = _all_actions(expected)
    read_actions = _all_actions(read)
    matches = actions_match(read_actions, wanted)
    counts.read_actions = len(read_actions)
    matched = {id(got) for got in matches if got is not None}
    for extra in read_actions:
        if id(extra) not in matched:
            counts.misses.append(f"{extra.ref or extra.text[:40]}: read, but no expected action")
    theme_of = {id(a): t for t in read.themes for a in t.actions}
    for want, got in zip(wanted, matches, strict=True):
        label = want.ref or want.text[:40]
        counts.expected_actions += 1
        if want.status is not None:
            counts.statuses += 1
        if got is None:
            counts.misses.append(f"{label}: not found")
            continue
        counts.found_actions += 1
        for name in ("progress", "next_steps"):
            common, n_read, n_expected = overlap(
                tokens(" ".join(item_texts(getattr(got, name)))),
                tokens(" ".join(item_texts(getattr(want, name)))),
            )
            counts.common_tokens += common
            counts.read_tokens += n_read
            counts.expected_tokens += n_expected
            if common != n_read or common != n_expected:
                counts.misses.append(f"{label}: {name} differs")
        if want.status is not None:
            category = got.status.category if got.status else None
            if category == want.status.category:
                counts.statuses_right += 1
            else:
                counts.misses.append(
                    f"{label}: status {got.status.text if got.status else None!r} read as "
                    f"{category}, expected {want.status.category}"
                )
        if want.status is None and got.status is not None:
            # A status where the report gives none: as wrong as a status misread.
            counts.statuses += 1
            counts.misses.append(f"{label}: status {got.status.text!r} read, expected none")
        for name in ("ref", "lead", "due"):
            mine, theirs = normalise(getattr(got, name)), normalise(getattr(want, name))
            if mine or theirs:
                counts.fields += 1
                if mine == theirs:
                    counts.fields_right += 1
                else:
                    counts.misses.append(f"{label}: {name} {mine!r}, expected {theirs!r}")
    for theme in expected.themes:
        counts.themes += 1
        found = [
            got
            for want, got in zip(wanted, matches, strict=True)
            if got is not None and any(want is a for a in theme.actions)
        ]
        same = next(
            (
                t
                for t in read.themes
                if normalise(t.title) == normalise(theme.title)
                and normalise(t.objective) == normalise(theme.objective)
            ),
            None,
        )
        if same is not None and all(theme_of.get(id(got)) is same for got in found):
            counts.themes_right += 1
        else:
            counts.misses.append(f"theme {theme.title!r}: title, objective or actions differ")
    common, n_read, n_expected = overlap(
        tokens(" ".join(read.introduction)), tokens(" ".join(expected.introduction))
    )
    counts.intro_common, counts.intro_read, counts.intro_expected = common, n_read, n_expected
    if common != n_read or common != n_expected:
        counts.misses.append(
            f"introduction {[normalise(p) for p in read.introduction]!r}, "
            f"expected {[normalise(p) for p in expected.introduction]!r}"
        )
    return counts


def below_thresholds(per_layout: dict[str, Counts]) -> list[str]:
    """Each way the corpus falls short of the issue's thresholds, in words; empty when met."""
    failures = []
    overall = sum(per_layout.values(), Counts()).scores()
    for measure, threshold in THRESHOLDS.items():
        if overall[measure] < threshold:
            failures.append(f"overall {measure} {overall[measure]:.3f} < {threshold}")
    for name, counts in per_layout.items():
        for measure, value in counts.scores().items():
            if value < LAYOUT_FLOOR:
                failures.append(f"{name}: {measure} {value:.3f} < {LAYOUT_FLOOR}")
    return failures


def combined(scores: dict[str, float]) -> float:
    """The single score: the weakest measure."""
    return min(scores[m] for m in MEASURES)
