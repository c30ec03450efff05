"""Writes for the API's tokens: make one (shown once), revoke one, and find whose a token is."""

from __future__ import annotations

import hashlib
import secrets
import string
from typing import Any

from django.db import transaction
from django.utils import timezone

from eqtrack.core.types import User

from .models import ApiToken

# 62 symbols x 43 characters: about 256 bits, like token_urlsafe(32).
_KEY_ALPHABET = string.ascii_letters + string.digits


def _hash(key: str) -> str:
    # Tokens are long and random, so one fast hash is enough (unlike passwords).
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for this person; returns it and the key, which is never shown again."""
    if not name.strip():
        raise ValueError("give the token a name that says what it is for")
    # Letters and digits only: a prefix starting with "-" could not be typed after
    # --prefix on the command line, and a double-click selects the whole key.
    key = "eqt_" + "".join(secrets.choice(_KEY_ALPHABET) for _ in range(43))
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=key[4:12], key_hash=_hash(key)
    )
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_user(*, key: str) -> Any | None:
    """The active person a live token belongs to, or None. Notes when it was last used."""
    token = (
        ApiToken.objects.filter(key_hash=_hash(key), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # At most one write a minute per token, so reading in a loop does not write in a loop.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
