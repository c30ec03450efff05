"""The signed link of an invitation: it lets one person set their first password, once, for
two weeks. Signed with the site's secret under its own salt, so a password-reset token (or any
other) is not an invitation; setting a password (or a new invitation, which changes the unset
password) makes every earlier link stop working."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from eqtrack.core.types import User

INVITATION_DAYS = 14


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "eqtrack.accounts.tokens.InvitationTokenGenerator"
    timeout = dt.timedelta(days=INVITATION_DAYS)

    def check_token(self, user: User | None, token: str | None) -> bool:  # type: ignore[override]
        """As Django's check, but with the invitation's own lifetime, not a password reset's."""
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return (self._num_seconds(self._now()) - ts) <= self.timeout.total_seconds()


invitation_tokens = InvitationTokenGenerator()


def invitation_uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def invitation_user_pk(uidb64: str) -> int | None:
    """The user's key a link's uidb64 names, or None for one that names nothing sensible."""
    try:
        return int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
