"""The web app's shell: the home page, the plan pages, and the demo and serve commands."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "eqtrack.web"
    default_auto_field = "django.db.models.BigAutoField"
