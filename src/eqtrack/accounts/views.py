"""Signing in and out, in the service's own GOV.UK-style pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "User name"
        self.fields["username"].error_messages["required"] = "Enter your user name"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.error_messages["invalid_login"] = (
            "Enter a correct user name and password. Both are case-sensitive."
        )


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        context["single_sign_on"] = getattr(settings, "EQTRACK_OIDC_ENABLED", False)
        context["single_sign_on_name"] = getattr(settings, "EQTRACK_OIDC_NAME", "")
        return context


class SignOutView(auth_views.LogoutView):
    """Signs out on a POST (a link cannot sign anyone out) and says so."""

    template_name = "accounts/signed_out.html"
