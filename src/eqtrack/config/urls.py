"""The site's URLs: each app's own, in an order that keeps the catch-all shapes after the fixed
addresses (a council's pages, "<council>/directory/", after "admin/"; its plan,
"<council>/<plan>/", and its front page, "<council>/", last)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from eqtrack.directory.urls import openreferral_urlpatterns

urlpatterns = [
    path("", include("eqtrack.api.urls")),
    path("", include(openreferral_urlpatterns)),
    path("admin/", admin.site.urls),
    path("", include("eqtrack.accounts.urls")),
    path("", include("eqtrack.directory.urls")),
    path("", include("eqtrack.rounds.urls")),
    path("", include("eqtrack.assessments.urls")),
    path("", include("eqtrack.importing.urls")),
    path("", include("eqtrack.surveys.urls")),
    path("", include("eqtrack.consultations.urls")),
    path("", include("eqtrack.workforce.urls")),
    path("", include("eqtrack.procurement.urls")),
    path("", include("eqtrack.duty.urls")),
    path("", include("eqtrack.notifications.urls")),
    path("", include("eqtrack.reports.urls")),
    path("", include("eqtrack.plans.urls")),
    path("", include("eqtrack.web.urls")),
]

if settings.EQTRACK_OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
