"""The secrets of e-mailed links (the directory's edit links, procurement's supplier return
links): a new secret for the address, the hash that is all the database keeps of it, so a
copy of the database opens nothing, and the one rule of a link's life (link_refusal)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone


def link_secret_new() -> str:
    """A secret for an e-mailed address: 32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def link_secret_hash(secret: str) -> str:
    """What is kept of a secret (SHA-256, hex): enough to find its link, useless to open it."""
    return hashlib.sha256(secret.encode()).hexdigest()


def link_refusal(link: object, *, opened: bool, session_hours: int) -> str | None:
    """Why an e-mailed link grants nothing now, by its own dates ("revoked", "used",
    "expired"), or None if it still grants what it is for. `opened` is whether the caller holds
    it through the session its secret was traded for, rather than as an address: the address
    works until opened, the session for `session_hours` after. The link is any record with
    revoked_at, used_at, opened_at and expires_at (the callers check what is their own first:
    an erased contact, an archived contract)."""
    now = timezone.now()
    revoked_at, used_at, opened_at, expires_at = (
        getattr(link, name) for name in ("revoked_at", "used_at", "opened_at", "expires_at")
    )
    if revoked_at is not None:
        return "revoked"
    if used_at is not None or (opened_at is not None and not opened):
        return "used"
    if opened and (opened_at is None or opened_at < now - dt.timedelta(hours=session_hours)):
        return "expired"
    if expires_at < now:
        return "expired"
    return None
