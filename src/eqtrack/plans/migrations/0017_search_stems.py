"""Search finds every form of a word on SQLite as on PostgreSQL ("disabled" finds
"disability"): each action keeps its search text as Snowball English stems too, made by the
stemmer PostgreSQL's 'english' configuration uses, and SQLite's FTS5 table indexes those stems
instead of the whole words (0007, 0011). PostgreSQL's index (0007) is unchanged."""

import re
from typing import Any

import snowballstemmer
from django.db import migrations, models

# Frozen here, not imported from the live code (core/fts.py: stems), so this migration does the
# same whatever that code becomes (as Django advises for RunPython code).
_WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("english")


def stems(text: str) -> str:
    return " ".join(_STEMMER.stemWords(_WORD.findall(text.lower())))


TABLE, CONTENT = "plans_action_search", "plans_action"


def _drop_index(schema_editor: Any) -> None:
    for statement in [
        f"DROP TRIGGER IF EXISTS {TABLE}_ai",
        f"DROP TRIGGER IF EXISTS {TABLE}_ad",
        f"DROP TRIGGER IF EXISTS {TABLE}_au",
        f"DROP TABLE IF EXISTS {TABLE}",
    ]:
        schema_editor.execute(statement)


def _make_index(schema_editor: Any, column: str, *, updated: str) -> None:
    """The FTS5 table over `column` of the actions, kept by triggers, indexing every row."""
    for statement in [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5({column}, content='{CONTENT}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {TABLE}_ai AFTER INSERT ON {CONTENT} BEGIN "
        f"INSERT INTO {TABLE}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"CREATE TRIGGER {TABLE}_ad AFTER DELETE ON {CONTENT} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END",
        f"CREATE TRIGGER {TABLE}_au AFTER {updated} ON {CONTENT} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
        f"INSERT INTO {TABLE}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
    ]:
        schema_editor.execute(statement)


def index_stems(apps: Any, schema_editor: Any) -> None:
    """Every action's stems made, then (SQLite) the index made of them. Only a change to the
    stems changes the index, so its triggers fire on nothing else."""
    sqlite = schema_editor.connection.vendor == "sqlite"
    if sqlite:
        _drop_index(schema_editor)
    Action = apps.get_model("plans", "Action")
    for pk, text in Action.objects.values_list("pk", "search_text").iterator(chunk_size=500):
        Action.objects.filter(pk=pk).update(search_stems=stems(text))
    if sqlite:
        _make_index(schema_editor, "search_stems", updated="UPDATE OF search_stems")


def drop_stems_index(apps: Any, schema_editor: Any) -> None:
    """Going back: no index may refer to the stems once they go."""
    if schema_editor.connection.vendor == "sqlite":
        _drop_index(schema_editor)


def index_whole_words(apps: Any, schema_editor: Any) -> None:
    """Going back: the index of whole words as 0007 and 0011 left it."""
    if schema_editor.connection.vendor == "sqlite":
        _drop_index(schema_editor)
        _make_index(schema_editor, "search_text", updated="UPDATE")


class Migration(migrations.Migration):
    dependencies = [("plans", "0016_measure_state")]
    # Adding a column can make SQLite's table again, which drops its triggers: the index is
    # made after it (and, going back, again after the column has gone).
    operations = [
        migrations.RunPython(migrations.RunPython.noop, index_whole_words),
        migrations.AddField(
            model_name="action",
            name="search_stems",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(index_stems, drop_stems_index),
    ]
