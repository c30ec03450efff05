"""The importing app: reading councils' report documents and plan-format files into plans."""

from django.apps import AppConfig


class ImportingConfig(AppConfig):
    name = "eqtrack.importing"
    default_auto_field = "django.db.models.BigAutoField"
