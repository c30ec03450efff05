"""Single sign-on: people signing in through the council's OpenID Connect provider (Microsoft
Entra ID, or any other) are matched to the accounts their council invited, by e-mail address.
Nobody gets an account by signing in: the provider says who someone is, the council says
whether they may use eqtrack."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import Membership


def claimed_email(claims: dict[str, Any]) -> str:
    """The e-mail address the provider vouches for ("" if none). Entra ID may leave `email`
    empty and give the address as `preferred_username`."""
    return str(claims.get("email") or claims.get("preferred_username") or "").strip()


def invited_people(email: str) -> QuerySet[Any]:
    """The people who may sign in as `email`: an active account with that address holding a
    live membership of a council, which is what a council's invitation creates. Someone
    deactivated (account switched off, or every membership archived) is not among them."""
    if not email:
        return get_user_model().objects.none()
    memberships = Membership.objects.live()
    return get_user_model().objects.filter(
        email__iexact=email,
        is_active=True,
        pk__in=memberships.values("user_id"),
    )


class SignOnBackend(OIDCAuthenticationBackend):
    """Signs in only someone a council invited; anyone else is refused and no account is made.
    The address the provider gave is left on the request (`single_sign_on_email`) so the
    callback page can say whose sign-in was refused."""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # An address the provider says it has not checked proves nothing: refused. (Entra ID
        # sends no `email_verified`; its addresses are the tenant's own.)
        if claims.get("email_verified") is False:
            return False
        return bool(claimed_email(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = claimed_email(claims)
        self.request.single_sign_on_email = email
        return invited_people(email)

    def create_user(self, claims: dict[str, Any]) -> None:
        # Belt and braces: OIDC_CREATE_USER is off, so this is never called; were it turned on
        # by mistake, still nobody gets an account the council did not give them.
        return None

    def get_user(self, user_id: Any) -> Any:
        # A person deactivated while signed in is signed out at their next request.
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
