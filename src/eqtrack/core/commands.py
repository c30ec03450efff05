"""What the `eqtrack` commands share: reading a `--date` that lets a daily job act as if on
another day."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone


def date_option(value: str | None) -> dt.date:
    """The day a `--date YYYY-MM-DD` names, or today in the site's time zone without one."""
    if not value:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date: {value!r} is not a date like 2024-11-30") from None
