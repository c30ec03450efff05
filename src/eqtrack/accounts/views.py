"""Signing in and out, in the service's own GOV.UK-style pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView


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


class SignOnCallbackView(OIDCAuthenticationCallbackView):
    """Where the council's sign-in provider sends people back. Someone it vouches for but the
    council did not invite (or has deactivated) goes back to the sign-in page, told why and
    what to do; settings.OIDC_CALLBACK_CLASS names this view."""

    def login_failure(self) -> HttpResponse:
        email = getattr(self.request, "single_sign_on_email", "")
        name = getattr(settings, "EQTRACK_OIDC_NAME", "")
        if email:
            text = (
                f"{email} may not use eqtrack: nobody has invited that address, or its access "
                "was ended. Ask your council's eqtrack administrator to invite you."
            )
        else:
            text = (
                f"Signing in with {name} did not work. Try again, or sign in with your "
                "eqtrack user name and password."
            )
        messages.error(self.request, text)
        return super().login_failure()


class SignOutView(auth_views.LogoutView):
    """Signs out on a POST (a link cannot sign anyone out) and says so."""

    template_name = "accounts/signed_out.html"
