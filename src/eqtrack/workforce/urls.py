"""The workforce pages: the administrators' staff snapshots under "<council>/workforce/", the
published pay gaps under "<council>/pay-gaps/". Included before the plan's catch-all."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:organisation_slug>/workforce/", views.workforce_list, name="workforce"),
    path(
        "<slug:organisation_slug>/workforce/retention/",
        views.workforce_settings,
        name="workforce-settings",
    ),
    path(
        "<slug:organisation_slug>/workforce/uploads/<int:pk>/",
        views.workforce_columns,
        name="workforce-columns",
    ),
    path(
        "<slug:organisation_slug>/workforce/<str:day>/",
        views.workforce_snapshot,
        name="workforce-snapshot",
    ),
    path(
        "<slug:organisation_slug>/workforce/<str:day>/pay-gaps.<str:file_format>",
        views.workforce_document,
        name="workforce-document",
    ),
    path("<slug:organisation_slug>/pay-gaps/", views.pay_gaps_public, name="pay-gaps"),
    path(
        "<slug:organisation_slug>/pay-gaps/<str:day>/",
        views.pay_gaps_public_snapshot,
        name="pay-gaps-snapshot",
    ),
    path(
        "<slug:organisation_slug>/pay-gaps/<str:day>/pay-gaps.<str:file_format>",
        views.pay_gaps_public_document,
        name="pay-gaps-document",
    ),
]
