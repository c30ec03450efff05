"""Who made a change and why, for the version django-simple-history keeps of a record."""

from __future__ import annotations

from django.db.models import Model
from django.utils.text import Truncator

from eqtrack.core.types import User

# What django-simple-history keeps of a reason (its history_change_reason column).
REASON_LENGTH = 100


def change_record(instance: Model, *, user: User | None, reason: str | None = None) -> None:
    """Say who is making the change about to be saved to `instance`, and why, so its next
    version names them. `user` may be None (a command, a system job): the version then names
    no one, rather than whoever the current request belongs to. Without a reason, the version
    keeps none. A reason longer than the history keeps (100 characters) is cut with "…"."""
    instance._history_user = user  # type: ignore[attr-defined]
    if reason is not None:
        instance._change_reason = Truncator(reason).chars(REASON_LENGTH)  # type: ignore[attr-defined]
