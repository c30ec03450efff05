"""The consultations app: who answered, against the area's population, and weighting."""

from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "eqtrack.consultations"
    default_auto_field = "django.db.models.BigAutoField"
