"""Full-text matching shared by the plans' and the directory's search on SQLite (FTS5 tables
of plans migration 0007 and directory migration 0006): the words people type, as an FTS5
query that also finds other forms of each word."""

from __future__ import annotations

UNSTEMMED = "unicode61 remove_diacritics 2"

# Endings taken off a typed word to find its other forms by prefix: "disabilities" also looks
# for "disabilit…" (disability), "sleeping" for "sleep…" (sleepers), "spaces" for "spac…".
# The index keeps whole words (no stemming), so a word typed in part ("communit") still
# finds its start, which a stemmed index would not.
_ENDINGS = ("ies", "ing", "ers", "ed", "er", "es", "s")
_SHORTEST_ROOT = 4  # "caring" would be "car…": too many other words


def word_forms(word: str) -> list[str]:
    """The prefixes to look for a typed word by: itself, and its root without a common
    ending when that leaves enough of it."""
    forms = [word]
    for ending in _ENDINGS:
        root = word[: -len(ending)]
        if word.endswith(ending) and len(root) >= _SHORTEST_ROOT:
            forms.append(root)
            break
    return forms


def fts5_match(words: list[str]) -> str:
    """An FTS5 query: every word must match, each as any of its forms, each form a prefix."""
    terms = []
    for word in words:
        forms = [f'"{form}"*' for form in word_forms(word)]
        terms.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    return " AND ".join(terms)
