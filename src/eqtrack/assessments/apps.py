"""The assessments app: the policy register and equality impact assessments (EqIAs), the
characteristics they assess, and their link to the equality action plan."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "eqtrack.assessments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported for the receiver it connects: a new organisation's characteristics.
        from . import signals  # noqa: F401
