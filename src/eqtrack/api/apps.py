"""The JSON API: plans in the plan format, for other systems and open-data users."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "eqtrack.api"
    default_auto_field = "django.db.models.BigAutoField"
