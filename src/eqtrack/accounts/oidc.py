"""Single sign-on: people signing in through the council's OpenID Connect provider (Microsoft
Entra ID) are matched to eqtrack accounts by e-mail address."""

from __future__ import annotations

from typing import Any

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class SignOnBackend(OIDCAuthenticationBackend):
    """A new person gets an account named after their e-mail address and no role: they see
    what visitors see until an administrator gives them a membership."""

    def create_user(self, claims: dict[str, Any]) -> Any:
        email = claims.get("email") or claims.get("preferred_username", "")
        user = self.UserModel.objects.create_user(email, email=email)
        user.first_name = claims.get("given_name", "")[:150]
        user.last_name = claims.get("family_name", "")[:150]
        user.save()
        return user

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        # Entra ID may leave `email` empty and give the address as preferred_username.
        email = claims.get("email") or claims.get("preferred_username")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email)
