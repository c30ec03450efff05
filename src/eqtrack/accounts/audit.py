"""The security log: sign-ins, failed sign-ins, sign-outs and every change to who may do what,
written to the `eqtrack.security` logger (to standard error by default; see README)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .client_address import client_ip
from .models import Membership

log = logging.getLogger("eqtrack.security")


def _address(request: Any) -> str:
    return (client_ip(request) or "?") if request is not None else "?"


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    log.info("sign-in: %s from %s", user.get_username(), _address(request))


@receiver(user_login_failed)
def _sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # Only the user name: Django has already removed the password from `credentials`.
    log.warning("failed sign-in: %s from %s", credentials.get("username", "?"), _address(request))


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    log.info("sign-out: %s", user.get_username() if user else "?")


@receiver(post_save, sender=Membership)
def _membership_saved(sender: Any, instance: Membership, created: bool, **kwargs: Any) -> None:
    log.info(
        "permission change: %s %s %s at %s",
        instance.user.get_username(),
        "given role" if created else "now has role",
        instance.role,
        instance.organisation,
    )


@receiver(post_delete, sender=Membership)
def _membership_deleted(sender: Any, instance: Membership, **kwargs: Any) -> None:
    log.info(
        "permission change: %s removed from %s", instance.user.get_username(), instance.organisation
    )


@receiver(m2m_changed, sender=Membership.teams.through)
def _teams_changed(sender: Any, instance: Any, action: str, pk_set: Any, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Membership):
        from .models import Team

        names = sorted(Team.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
        verb = {"post_add": "added to", "post_remove": "removed from"}.get(action, "removed from")
        log.info(
            "permission change: %s %s teams %s at %s",
            instance.user.get_username(),
            verb,
            ", ".join(names) or "(all)",
            instance.organisation,
        )


@receiver(pre_save, sender="auth.User")
def _user_flags(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Becoming (or ceasing to be) a superuser or staff is a permission change too."""
    fields = kwargs.get("update_fields")
    if instance.pk is None or (
        fields is not None and not {"is_superuser", "is_staff"} & set(fields)
    ):
        return
    before = sender.objects.filter(pk=instance.pk).values("is_superuser", "is_staff").first()
    if before is None:
        return
    for flag in ("is_superuser", "is_staff"):
        if before[flag] != getattr(instance, flag):
            log.info(
                "permission change: %s %s set to %s",
                instance.get_username(),
                flag,
                getattr(instance, flag),
            )
