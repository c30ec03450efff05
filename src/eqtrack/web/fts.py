"""Full-text matching shared by the plans' and the directory's search on SQLite (FTS5 tables
of plans migration 0007 and directory migration 0006): the words people type, as an FTS5
query that also finds other forms of each word, and the step that re-creates a table with
a tokenizer (used by migrations)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STEMMED = "porter unicode61 remove_diacritics 2"
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


def retokenize(*, table: str, content: str, tokenizer: str) -> Callable[[Any, Any], None]:
    """A RunPython step that re-creates `table` (an external-content FTS5 table over
    `content`'s search_text) with `tokenizer` and indexes every row again. Its triggers refer
    to the table by name, so they carry on working once it exists again."""

    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5(search_text, content='{content}', "
            f"content_rowid='id', tokenize='{tokenizer}')"
        )
        schema_editor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")

    return run
