"""The operations app: site-wide jobs for the people who run eqtrack, not for councils."""

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "eqtrack.operations"
    verbose_name = "Operations"
