"""Back to an index of whole words (0009 stemmed them): a stemmed index could not find a word
typed in part; other forms of a word are now found by the query (core/fts.py: fts5_match)."""

from collections.abc import Callable
from typing import Any

from django.db import migrations

# Frozen here, not imported from the live code, so this migration does the same whatever that
# code becomes (as Django advises for RunPython code).
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


TABLE = {"table": "directory_service_search", "content": "directory_service"}


class Migration(migrations.Migration):
    dependencies = [("directory", "0009_search_stemming")]
    operations = [
        migrations.RunPython(
            retokenize(**TABLE, tokenizer=UNSTEMMED), retokenize(**TABLE, tokenizer=STEMMED)
        )
    ]
