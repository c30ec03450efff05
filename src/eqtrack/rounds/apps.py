"""The rounds app: reporting rounds, in which owners write updates and reviewers approve them."""

from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "eqtrack.rounds"
    default_auto_field = "django.db.models.BigAutoField"
