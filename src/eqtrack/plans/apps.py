"""The plans app: action plans, their themes and actions, and each period's update."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "eqtrack.plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .caching import signals_connect

        signals_connect()  # the content version changes with every change to a plan
        # Imported for the receiver it connects: a merged team's actions move with it.
        from . import receivers  # noqa: F401
