"""Receivers for the signals of the apps below notifications, connected in its AppConfig.ready."""

from typing import Any

from django.dispatch import receiver

from eqtrack.plans.models import Update
from eqtrack.plans.signals import update_approved

from .services import approval_notify


@receiver(update_approved)
def update_approved_notify(sender: Any, *, update: Update, **kwargs: Any) -> None:
    """An approved update is e-mailed to everyone following its action or theme."""
    approval_notify(update=update)
