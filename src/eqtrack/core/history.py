"""Who made a change and why, for the version django-simple-history keeps of a record."""

from __future__ import annotations

from django.db.models import Model

from eqtrack.core.types import User


def change_record(instance: Model, *, user: User | None, reason: str | None = None) -> None:
    """Say who is making the change about to be saved to `instance`, and why, so its next
    version names them. `user` may be None (a command, a system job): the version then names
    no one, rather than whoever the current request belongs to. Without a reason, the version
    keeps none."""
    instance._history_user = user  # type: ignore[attr-defined]
    if reason is not None:
        instance._change_reason = reason  # type: ignore[attr-defined]
