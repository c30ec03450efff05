"""Full-text search over services' search_text: an FTS5 table kept by triggers on SQLite, a
GIN index on PostgreSQL (as the plans' search: plans migration 0007); and the text filled in
for services that already exist."""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE directory_service_search USING fts5("
    "search_text, content='directory_service', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER directory_service_search_ai AFTER INSERT ON directory_service BEGIN "
    "INSERT INTO directory_service_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER directory_service_search_ad AFTER DELETE ON directory_service BEGIN "
    "INSERT INTO directory_service_search(directory_service_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER directory_service_search_au AFTER UPDATE ON directory_service BEGIN "
    "INSERT INTO directory_service_search(directory_service_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO directory_service_search(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS directory_service_search_ai",
    "DROP TRIGGER IF EXISTS directory_service_search_ad",
    "DROP TRIGGER IF EXISTS directory_service_search_au",
    "DROP TABLE IF EXISTS directory_service_search",
]
POSTGRES_CREATE = [
    "CREATE INDEX directory_service_search_gin ON directory_service USING gin "
    "(to_tsvector('english'::regconfig, COALESCE(search_text, '')))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS directory_service_search_gin"]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)
    Service = apps.get_model("directory", "Service")
    for service in Service.objects.select_related("group").iterator():
        Service.objects.filter(pk=service.pk).update(
            search_text="\n".join(
                [service.name, service.description, service.group.name, service.group.description]
            )
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_search_text")]
    operations = [migrations.RunPython(create, drop)]
