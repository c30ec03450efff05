"""The accounts app: who belongs to which organisation and team, in which role, and what
each role may do."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "eqtrack.accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib import admin

        from . import audit  # noqa: F401  (connects the security log's signal receivers)
        from .admin_scoping import scope_every_registration

        # The admin has found every app's registrations by now (it is the first app).
        scope_every_registration(admin.site)
