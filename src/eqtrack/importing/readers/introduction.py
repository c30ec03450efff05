"""Telling a plan's own text (its introduction, and the notes, keys and footers around its
tables) from a theme's objective, and the guesses a reader names when it decides which is
which. Shared by every reader."""

from __future__ import annotations

import re

# A note, key or footer about the tables, labelled as such: never a theme's objective.
_NOTE = re.compile(
    r"^(\*|(key|notes?|please note|nb|n\.b\.|source|sources|footnotes?)\s*[:–—-]"
    r"|(last updated|updated by|updated on|prepared by|produced by|compiled by)\b)",
    re.I,
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
    "Updated by the Policy team, March 2023")."""
    return bool(_NOTE.match(text.strip()))


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
