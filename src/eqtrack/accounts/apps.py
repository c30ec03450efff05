"""The accounts app: who belongs to which organisation and team, in which role, and what
each role may do."""

from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _council_administrators_ensure(sender: AppConfig, **kwargs: Any) -> None:
    """After `migrate`, the Council administrators group exists with today's permissions, so
    an operator on a new site only marks people staff and adds them to it. Django makes each
    app's permissions as that app's post_migrate arrives: wait for the last app (of those with
    models, the only ones Django sends it for)."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:
        return
    # Here, not at the top: an AppConfig module is imported before the models are ready, and
    # the service imports models (as AppConfig.ready's imports do).
    from .services import council_administrators_group_ensure

    council_administrators_group_ensure()


class AccountsConfig(AppConfig):
    name = "eqtrack.accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib import admin

        from . import audit  # noqa: F401  (connects the security log's signal receivers)
        from .admin_scoping import scope_every_registration

        # The admin has found every app's registrations by now (it is the first app).
        scope_every_registration(admin.site)
        post_migrate.connect(_council_administrators_ensure, dispatch_uid="council-administrators")
