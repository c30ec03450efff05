"""The security log: sign-ins, failed sign-ins, sign-outs, every change to who may do what, and
every sign-off, publication, moderation decision and import, each with who did it and from
which address (the log line's time says when), written to the `eqtrack.security` logger (to
standard error by default; see README)."""

from __future__ import annotations

import getpass
import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from eqtrack.core.types import Person, User

from .client_address import client_ip
from .models import Membership, Team

log = logging.getLogger("eqtrack.security")


def _address(request: Any) -> str:
    return (client_ip(request) or "?") if request is not None else "?"


def _current_request() -> Any:
    # simple_history's HistoryRequestMiddleware keeps the request being answered (per thread);
    # outside a request (the eqtrack command, a cron job) there is none.
    return getattr(HistoricalRecords.context, "request", None)


def _who_and_where(user: Person | None = None) -> str:
    request = _current_request()
    if request is None:
        try:
            account = getpass.getuser()
        except (KeyError, OSError):  # no name for this process's user
            account = "?"
        name = user.get_username() if user is not None else account
        return f"by {name} from command line"
    person = user if user is not None else getattr(request, "user", None)
    name = person.get_username() if person is not None and person.is_authenticated else "a visitor"
    return f"by {name} from {_address(request)}"


def audit_record(event: str, *, user: Person | None = None) -> None:
    """Log `event` with who did it (`user`, else whoever is signed in, else the command line's
    account) and from which address, once the change it records is committed (a change rolled
    back, like a dry run, is not logged)."""
    line = f"{event} {_who_and_where(user)}"
    transaction.on_commit(lambda: log.info("%s", line))


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    log.info("sign-in: %s from %s", user.get_username(), _address(request))


@receiver(user_login_failed)
def _sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # Only the user name: Django has already removed the password from `credentials`.
    log.warning("failed sign-in: %s from %s", credentials.get("username", "?"), _address(request))


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    log.info("sign-out: %s", user.get_username() if user else "?")


@receiver(post_save, sender=Membership)
def _membership_saved(
    sender: Any, instance: Membership, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw:  # loaddata restores rows; nobody changed anyone's role
        return
    log.info(
        "permission change: %s %s %s at %s %s",
        instance.user.get_username(),
        "given role" if created else "now has role",
        instance.role,
        instance.organisation,
        _who_and_where(),
    )


@receiver(post_delete, sender=Membership)
def _membership_deleted(sender: Any, instance: Membership, **kwargs: Any) -> None:
    log.info(
        "permission change: %s removed from %s %s",
        instance.user.get_username(),
        instance.organisation,
        _who_and_where(),
    )


@receiver(m2m_changed, sender=Membership.teams.through)
def _teams_changed(sender: Any, instance: Any, action: str, pk_set: Any, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Membership):
        names = sorted(Team.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
        verb = {"post_add": "added to", "post_remove": "removed from"}.get(action, "removed from")
        log.info(
            "permission change: %s %s teams %s at %s %s",
            instance.user.get_username(),
            verb,
            ", ".join(names) or "(all)",
            instance.organisation,
            _who_and_where(),
        )


@receiver(pre_save, sender="auth.User")
def _user_flags(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Becoming (or ceasing to be) a superuser or staff is a permission change too."""
    fields = kwargs.get("update_fields")
    if (
        kwargs.get("raw")
        or instance.pk is None
        or (fields is not None and not {"is_superuser", "is_staff"} & set(fields))
    ):
        return
    before = sender.objects.filter(pk=instance.pk).values("is_superuser", "is_staff").first()
    if before is None:
        return
    for flag in ("is_superuser", "is_staff"):
        if before[flag] != getattr(instance, flag):
            log.info(
                "permission change: %s %s set to %s %s",
                instance.get_username(),
                flag,
                getattr(instance, flag),
                _who_and_where(),
            )
