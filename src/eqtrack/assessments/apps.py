"""The assessments app: the policy register and equality impact assessments (EqIAs), the
characteristics they assess, and their link to the equality action plan."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "eqtrack.assessments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported for the receiver it connects: a new organisation's characteristics.
        # And for its own: a merged team's policies move with it.
        from . import (
            receivers,  # noqa: F401
            signals,  # noqa: F401
        )
