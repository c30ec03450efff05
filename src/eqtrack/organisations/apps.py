"""The organisations app: the councils and public bodies that own every other record."""

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "eqtrack.organisations"
    default_auto_field = "django.db.models.BigAutoField"
