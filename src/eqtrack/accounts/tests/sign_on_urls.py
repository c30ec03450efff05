"""eqtrack's URLs with single sign-on's, as config/urls.py makes them when EQTRACK_OIDC_CLIENT_ID
is set at start-up. The single sign-on tests turn it on after start-up, so they route through
this module (pytest.mark.urls)."""

from django.urls import include, path

from eqtrack.config.urls import urlpatterns as eqtrack_urlpatterns

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *eqtrack_urlpatterns]
