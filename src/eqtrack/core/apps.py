"""The ground floor every other app builds on: form messages, organisation page context,
full-text queries, safe file reading, spreadsheet cells, the archive flag, the page cache and
the who-and-why of each change. It imports no other eqtrack app."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "eqtrack.core"
    default_auto_field = "django.db.models.BigAutoField"
