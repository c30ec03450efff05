"""The procurement app: social value in the award of contracts (Public Services (Social Value)
Act 2012, Procurement Act 2023, PPN 002), from the council's measures library through a
tender's evaluation to the commitments its winner delivers."""

from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "eqtrack.procurement"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .caching import signals_connect

        signals_connect()  # the plan pages' social value is cached with the plans
