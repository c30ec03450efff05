"""Sending a signal after the change it announces is committed: a rolled-back change tells
nobody, and a failing receiver (a mail server down) cannot undo it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal


def send_on_commit(signal: Signal, *, sender: Any, **kwargs: Any) -> None:
    """Send the signal once the current transaction commits (at once, outside one)."""
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))
