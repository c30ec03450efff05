"""The surveys app: consultations' questions asked in eqtrack itself (surveys built by
officers, answered by residents), quick polls, and the themes found in free-text answers."""

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "eqtrack.surveys"
    default_auto_field = "django.db.models.BigAutoField"
