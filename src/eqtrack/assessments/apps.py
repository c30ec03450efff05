"""The assessments app: the policy register and equality impact assessments (EqIAs), the
characteristics they assess, and their link to the equality action plan."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "eqtrack.assessments"
    default_auto_field = "django.db.models.BigAutoField"
