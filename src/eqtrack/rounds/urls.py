"""A reporting round's pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:organisation_slug>/rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path(
        "<slug:organisation_slug>/rounds/<int:pk>/actions/<int:action_pk>/",
        views.update_edit,
        name="round-update",
    ),
    path(
        "<slug:organisation_slug>/rounds/<int:pk>/updates/<int:update_pk>/review/",
        views.update_review_page,
        name="round-review",
    ),
    path("<slug:organisation_slug>/rounds/<int:pk>/late/", views.round_late, name="round-late"),
    path("<slug:organisation_slug>/<slug:plan_slug>/rounds/", views.rounds, name="rounds"),
]
