"""SQLite's full-text tables (the plans' and the directory's search, migrations plans 0007 and
directory 0006) rebuilt with another tokenizer; a step the two apps' migrations share.
PostgreSQL needs none of it: its 'english' configuration stems words already."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Porter stemming, so "disabilities" finds "disability" and "carers" finds "carer", as on
# PostgreSQL; unicode61 underneath, as before.
STEMMED = "porter unicode61 remove_diacritics 2"
UNSTEMMED = "unicode61 remove_diacritics 2"


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
