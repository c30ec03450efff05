"""The site-wide pages' addresses (config/urls.py includes them last: a council's front page,
"<council>/", would otherwise take "sign-in/" and "admin/")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("<slug:organisation_slug>/", views.organisation_home, name="organisation-home"),
]
