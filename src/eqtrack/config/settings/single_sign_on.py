"""Single sign-on's settings (mozilla-django-oidc's OIDC_*) from the EQTRACK_OIDC_* environment
variables: Microsoft Entra ID from its tenant alone, or any OpenID Connect provider from its
endpoints. base.py applies them when EQTRACK_OIDC_CLIENT_ID is set; the end-to-end test applies
them for a provider it starts itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

# The provider's addresses: variable, setting, and Entra ID's address given its tenant.
_ENDPOINTS = [
    (
        "EQTRACK_OIDC_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
    ),
    (
        "EQTRACK_OIDC_TOKEN_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
    ),
    (
        "EQTRACK_OIDC_USER_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "https://graph.microsoft.com/oidc/userinfo",
    ),
    (
        "EQTRACK_OIDC_JWKS_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
        "https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys",
    ),
]


def single_sign_on_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings for signing in through the provider `environ` describes. An endpoint not
    given is Entra ID's for EQTRACK_OIDC_TENANT; with neither, the variable is named."""
    tenant = environ.get("EQTRACK_OIDC_TENANT", "").strip()
    result: dict[str, Any] = {
        "OIDC_RP_CLIENT_ID": environ["EQTRACK_OIDC_CLIENT_ID"],
        "OIDC_RP_CLIENT_SECRET": environ.get("EQTRACK_OIDC_CLIENT_SECRET", ""),
        # ID tokens are checked against the provider's published keys (the JWKS endpoint).
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": "openid email profile",
        # Only people a council invited may sign in (accounts/oidc.py); nobody gets an account
        # by signing in, and the refused are told why on the sign-in page.
        "OIDC_CREATE_USER": False,
        "LOGIN_REDIRECT_URL_FAILURE": "/sign-in/",
    }
    for variable, setting, entra in _ENDPOINTS:
        value = environ.get(variable, "").strip()
        if not value and tenant:
            value = entra.format(tenant=tenant)
        if not value:
            raise ImproperlyConfigured(
                f"Single sign-on needs {variable} (the provider's address for it), "
                "or EQTRACK_OIDC_TENANT for Microsoft Entra ID"
            )
        result[setting] = value
    return result
