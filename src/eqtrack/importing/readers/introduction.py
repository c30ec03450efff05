"""Telling a plan's own text (its introduction, and the notes, keys and footers around its
tables) from a theme's objective, and the guesses a reader names when it decides which is
which. Shared by every reader."""

from __future__ import annotations

import re

# A note, key or footer about the tables, labelled as such: never a theme's objective. Only a
# label with its colon ("Key:", "Note:", "Source:") counts: "Key-worker housing…", "Key stage 2
# pupils…" or "Notes were shared…" are a council's own words, and a progress line taken for a
# note is lost from its action, where a note missed is only left in place.
_NOTE_LABEL = re.compile(
    r"^(key|notes?|n\.?\s?b\.?|please note|sources?|footnotes?)\s*:",
    re.I,
)
# A footnote explaining a marker ("* denotes a new action", "* = new this year"); a line that
# only starts with an asterisk ("* Delivered 3 sessions") is a bullet.
_MARKER_NOTE = re.compile(
    r"^[*†]+\s*(=|denotes\b|indicates\b|means\b|actions? (marked|with)\b)", re.I
)
_MONTH = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?)\.?"
)
_DAY = r"\d{1,2}(st|nd|rd|th)?"
_WEEKDAY = r"((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DATE = (
    rf"({_WEEKDAY}{_DAY}\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+\d{{4}}"
    rf"|{_MONTH},?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    r"|(q[1-4]\s+)?\d{4}(/\d{2,4})?)"
)
# "Last updated: 4 April 2024", "Updated on 03/04/2024", optionally "… by the Policy Team".
_UPDATED_ON = re.compile(
    rf"^(last updated|updated on|updated\s*:|date updated\s*:?)\s*:?\s*(on\s+)?{_DATE}"
    r"(\s*,?\s+by\s+(?P<name>.+?))?\s*\.?$",
    re.I,
)
# "Updated by the Policy team, March 2023", "Prepared by J. Smith, Equality Officer".
_MADE_BY = re.compile(
    rf"^(updated|prepared|produced|compiled)\s+by\s+(?P<name>.+?)"
    rf"(\s*,?\s+(on\s+|in\s+)?{_DATE})?\s*\.?$",
    re.I,
)
# The words of who made a document: names (capitalised), initials, and the few lower-case
# words of a team's name. Anything else ("…by the council a new accessibility statement")
# reads as an action done, not a signature.
_NAME_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "for",
        "&",
        "team",
        "teams",
        "service",
        "services",
        "unit",
        "department",
        "directorate",
        "council",
        "officer",
        "officers",
        "lead",
        "manager",
        "group",
        "board",
        "office",
        "partnership",
        "policy",
        "performance",
        "equality",
        "equalities",
        "diversity",
        "inclusion",
        "communities",
        "engagement",
        "strategy",
    ]
)
_NAME_MAX_WORDS = 10


def _is_name(text: str) -> bool:
    """Whether text reads as who wrote a document ("the Policy team", "J. Smith, Equality
    Officer"), not as what someone did."""
    words = text.replace(",", " ").split()
    return 0 < len(words) <= _NAME_MAX_WORDS and all(
        word[:1].isupper() or word.lower() in _NAME_WORDS for word in words
    )


# A paragraph that speaks of the document or its tables ("The table below lists…", "This
# report sets out…"): the plan's introduction, even where it follows a heading.
_ABOUT_THE_DOCUMENT = re.compile(
    r"\b(tables?|list) (below|overleaf|that follows?)\b"
    r"|\b(below|following) tables?\b"
    r"|^(this|the following) (action plan|plan|report|document|update|appendix|table)s?\b",
    re.I,
)
# A line of a contents list: "2. Healthier lives ........ 3", "Introduction\t2", "Contents".
_CONTENTS_ENTRY = re.compile(r"(\.{3,}|…{2,}|\t)\s*\d{1,3}$|^(table of )?contents$", re.I)
# How much of a paragraph a guess quotes.
_QUOTE_LENGTH = 80


def is_note(text: str) -> bool:
    """Whether a paragraph is a note, key or footer ("Key: R = off track", "Note: …",
    "Updated by the Policy team, March 2023", "Last updated: 4 April 2024"). Kept strict: a
    line that could be an action or its progress is not one."""
    text = text.strip()
    if _NOTE_LABEL.match(text) or _MARKER_NOTE.match(text):
        return True
    updated = _UPDATED_ON.match(text)
    if updated:
        return updated.group("name") is None or _is_name(updated.group("name"))
    made = _MADE_BY.match(text)
    return made is not None and _is_name(made.group("name"))


def about_the_document(text: str) -> bool:
    """Whether a paragraph speaks of the document or its tables rather than of one theme."""
    return bool(_ABOUT_THE_DOCUMENT.search(text.strip()))


def without_cover(paragraphs: list[str]) -> list[str]:
    """The paragraphs before the first theme less a cover page and its contents list: where the
    document has a contents list, what comes up to its last entry is the cover (the title, the
    committee and date) and the list itself, neither of which introduces the plan."""
    entries = [i for i, text in enumerate(paragraphs) if _CONTENTS_ENTRY.search(text.strip())]
    if not any(not _is_contents_heading(paragraphs[i]) for i in entries):
        return paragraphs
    return paragraphs[entries[-1] + 1 :]


def _is_contents_heading(text: str) -> bool:
    return text.strip().lower() in ("contents", "table of contents")


def quoted(text: str) -> str:
    """A paragraph quoted in a guess, cut to a readable length."""
    text = text.strip()
    if len(text) > _QUOTE_LENGTH:
        text = text[: _QUOTE_LENGTH - 1].rstrip() + "…"
    return f"'{text}'"


def objective_guess(heading: str, text: str) -> str:
    """The guess a reader names when it takes an unlabelled paragraph as a theme's objective."""
    return (
        f"took the paragraph after the heading {quoted(heading)} as its objective: {quoted(text)}"
    )


def introduction_guess(paragraphs: list[str]) -> str:
    """The guess a reader names when it keeps text outside the themes as the introduction."""
    count = "1 paragraph" if len(paragraphs) == 1 else f"{len(paragraphs)} paragraphs"
    return (
        f"kept {count} that belong to no one theme (before the first, or notes around the "
        f"tables) as the plan's introduction, not as an objective: {quoted(paragraphs[0])}"
    )
