"""The workforce app: the council's staff against the borough, and its pay gaps as the
Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017 define them."""

from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "eqtrack.workforce"
    default_auto_field = "django.db.models.BigAutoField"
