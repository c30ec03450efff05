"""Finding indicators in progress text: numbers with what they count ("1453 responses",
"77% response rate", "£58,429.00"), and targets stated beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Words that end what is being counted: "20 organisations were funded" counts organisations.
_STOPWORDS = frozenset(
    [
        "of",
        "to",
        "in",
        "by",
        "from",
        "for",
        "have",
        "has",
        "had",
        "were",
        "was",
        "are",
        "is",
        "be",
        "been",
        "being",
        "and",
        "or",
        "the",
        "a",
        "an",
        "with",
        "which",
        "that",
        "this",
        "these",
        "those",
        "on",
        "at",
        "as",
        "under",
        "so",
        "per",
        "each",
        "who",
        "will",
        "would",
        "can",
        "could",
        "it",
        "its",
        "their",
        "our",
        "we",
        "since",
        "until",
        "across",
        "into",
        "over",
        "than",
        "between",
        "during",
        "within",
    ]
)
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# £58,429.00 (and the seed's "£58, 429.00"); £2.1m.
_MONEY = re.compile(rf"£\s?(?P<value>{_NUMBER})\s?(?P<scale>m|million|k|bn)?\b", re.I)
# 77% response rate; 10% of the contract evaluation.
_PERCENT = re.compile(
    rf"(?<![\w.,/-])(?P<value>{_NUMBER})\s?%\s+(?:of\s+(?:the\s+|our\s+)?)?(?P<label>[A-Za-z][\w'’ -]*)"
)
# 1453 responses; 20 Mental Health First Aiders (MHFA). Not years, dates, ordinals ("1st"),
# durations ("18-month"), codes ("COVID-19"), ratios ("1:1s") or fractions of years ("2020/21").
_COUNT = re.compile(
    rf"(?<![\w£.,/:-])(?P<value>{_NUMBER})(?![\w%/:-]|\.\d|\s?%)\s+(?P<label>[A-Za-z][\w'’ -]*)"
)
_TARGET = re.compile(
    rf"\b(?:target (?:to achieve|to reach|of)|aim(?:ing)? to (?:reach|achieve))\s+(?P<value>{_NUMBER})",
    re.I,
)
_SCALES = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9}
_MAX_LABEL_WORDS = 5
# A number followed by one of these is a length of time or an age, not a count: "repeated
# every 2 years" is no measure called "years …", "Under 35 age group" no "age group" of 35.
_NOT_COUNTED = frozenset(
    [
        "year",
        "years",
        "yr",
        "yrs",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "age",
        "ages",
        "aged",
        "times",
        "plus",
    ]
)
# Words that end what is counted though not first: "35 age group identified as …" was read
# as a measure named "age group identified"; "people aged 65" counts people.
_LABEL_ENDS = frozenset(["identified", "age", "aged", "ages"])
# Words ending in -ed that are nouns, so a one-word label of them is a thing counted.
_ED_NOUNS = frozenset(["bed", "beds", "need", "seed", "shed", "speed", "hundred"])


@dataclass(frozen=True)
class Indicator:
    label: str  # what is counted, lowercased: "mental health first aiders"
    value: float
    unit: str  # "count", "percent" or "gbp"
    target: float | None = None
    text: str = ""  # the words as written, to show the reader where it came from

    def as_document(self) -> dict:
        out: dict = {"label": self.label, "value": self.value, "unit": self.unit}
        if self.target is not None:
            out["target"] = self.target
        out["text"] = self.text
        return out


def _number(text: str) -> float:
    return float(re.sub(r"[,\s]", "", text))


def _label(words: str) -> str:
    """What a number counts, from the words after it; "" when they name nothing counted."""
    out: list[str] = []
    for word in words.split():
        bare = word.strip("'’-").lower()
        if not bare or bare in _STOPWORDS or not re.fullmatch(r"[a-z][\w'’-]*", bare):
            break
        if not out and bare in _NOT_COUNTED:
            return ""
        if out and bare in _LABEL_ENDS:
            break
        out.append(bare)
        if len(out) == _MAX_LABEL_WORDS:
            break
    # "3584 provided age and gender": a verb alone ("provided", "completed") counts nothing.
    if len(out) == 1 and out[0].endswith("ed") and out[0] not in _ED_NOUNS:
        return ""
    return " ".join(out)


def _is_year(value: str) -> bool:
    return re.fullmatch(r"(19|20)\d\d", value) is not None


def indicators_find(text: str) -> list[Indicator]:
    """The indicators in a piece of progress text, in the order they appear."""
    found: list[tuple[int, Indicator]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _MONEY.finditer(text):
        value = _number(match.group("value")) * _SCALES.get((match.group("scale") or "").lower(), 1)
        sentence = text[max(0, text.rfind(".", 0, match.start())) : text.find(".", match.end())]
        label = "funding" if re.search(r"\bfund", sentence, re.I) else "amount"
        found.append((match.start(), Indicator(label, value, "gbp", text=match.group(0).strip())))
        taken.append(match.span())
    for match in _PERCENT.finditer(text):
        label = _label(match.group("label"))
        if label and free(*match.span()):
            value = _number(match.group("value"))
            words = f"{match.group('value')}% {label}"
            found.append((match.start(), Indicator(label, value, "percent", text=words)))
            taken.append(match.span("value"))
    for match in _COUNT.finditer(text):
        written, label = match.group("value"), _label(match.group("label"))
        if not label or _is_year(written) or label.split()[0] in _MONTHS:
            continue
        if not free(*match.span("value")):
            continue
        found.append(
            (match.start(), Indicator(label, _number(written), "count", text=f"{written} {label}"))
        )
    for match in _TARGET.finditer(text):
        # A target belongs to the nearest count stated before it ("9 completed dashboards …
        # on target to achieve 18").
        before = [
            i
            for i, (position, ind) in enumerate(found)
            if position < match.start() and ind.unit == "count"
        ]
        target = _number(match.group("value"))
        found = [
            (p, ind)
            for p, ind in found
            if not (ind.unit == "count" and ind.value == target and p > match.start())
        ]
        if before:
            position, indicator = found[before[-1]]
            found[before[-1]] = (
                position,
                Indicator(indicator.label, indicator.value, indicator.unit, target, indicator.text),
            )
    return [indicator for _, indicator in sorted(found, key=lambda f: f[0])]
