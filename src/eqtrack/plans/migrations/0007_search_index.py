"""Full-text search over actions' search_text: an FTS5 table kept by triggers on SQLite, a
GIN index on PostgreSQL; and the text filled in for actions that already exist."""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE plans_action_search USING fts5("
    "search_text, content='plans_action', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER plans_action_search_ai AFTER INSERT ON plans_action BEGIN "
    "INSERT INTO plans_action_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER plans_action_search_ad AFTER DELETE ON plans_action BEGIN "
    "INSERT INTO plans_action_search(plans_action_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER plans_action_search_au AFTER UPDATE ON plans_action BEGIN "
    "INSERT INTO plans_action_search(plans_action_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO plans_action_search(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS plans_action_search_ai",
    "DROP TRIGGER IF EXISTS plans_action_search_ad",
    "DROP TRIGGER IF EXISTS plans_action_search_au",
    "DROP TABLE IF EXISTS plans_action_search",
]
POSTGRES_CREATE = [
    "CREATE INDEX plans_action_search_gin ON plans_action USING gin "
    "(to_tsvector('english'::regconfig, COALESCE(search_text, '')))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS plans_action_search_gin"]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)
    # Fill the text in for existing actions (the triggers index it as it is written).
    Action = apps.get_model("plans", "Action")
    Update = apps.get_model("plans", "Update")
    for action in Action.objects.all().iterator():
        parts = [action.text]
        for update in Update.objects.filter(action=action, archived_at__isnull=True):
            for items in (update.progress, update.next_steps):
                stack = list(items)
                while stack:
                    item = stack.pop(0)
                    if isinstance(item, dict):
                        parts.append(item.get("text", ""))
                        stack[:0] = item.get("items", [])
                    else:
                        parts.append(str(item))
            parts.append(update.status_text or "")
        Action.objects.filter(pk=action.pk).update(search_text="\n".join(p for p in parts if p))


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, SQLITE_DROP if vendor == "sqlite" else POSTGRES_DROP if vendor == "postgresql" else [])


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_action_search_text")]
    operations = [migrations.RunPython(create, drop)]
