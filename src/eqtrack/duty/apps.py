"""The duty app: the dates the Equality Act 2010 (Specific Duties and Public Authorities)
Regulations 2017 (SI 2017/353) set a council, and the warnings as each one nears."""

from django.apps import AppConfig


class DutyConfig(AppConfig):
    name = "eqtrack.duty"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Duty calendar"
