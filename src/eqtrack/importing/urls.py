"""Importing a plan from the web."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:organisation_slug>/import/", views.import_start, name="import-start"),
    # Before the check page's, whose token would otherwise take "statuses".
    path(
        "<slug:organisation_slug>/import/statuses/",
        views.import_statuses,
        name="import-statuses",
    ),
    path("<slug:organisation_slug>/import/<str:token>/", views.import_check, name="import-check"),
]
