"""eqtrack's URLs with single sign-on's, as config/urls.py makes them when EQTRACK_OIDC_CLIENT_ID
is set at start-up. tests/test_single_sign_on.py turns single sign-on on after start-up, so it
routes through this module (pytest.mark.urls). Imported at the first request, after the test's
settings are in place: mozilla-django-oidc's URLs read OIDC_CALLBACK_CLASS when imported."""

from django.urls import include, path

from eqtrack.config.urls import urlpatterns as eqtrack_urlpatterns

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *eqtrack_urlpatterns]
