"""The reports app: committee reports and open data written from a plan, in every format."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "eqtrack.reports"
    default_auto_field = "django.db.models.BigAutoField"
