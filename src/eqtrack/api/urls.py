"""The API's addresses: plans to read, a round's updates to write and review."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/v1/plans/", views.plans, name="api-plans"),
    path("api/v1/plans/<slug:organisation_slug>/<slug:plan_slug>/", views.plan, name="api-plan"),
    path(
        "api/v1/plans/<slug:organisation_slug>/<slug:plan_slug>/committee-summary",
        views.committee_summary,
        name="api-committee-summary",
    ),
    path("api/openapi.json", views.openapi_json, name="api-openapi"),
    path(
        "api/v1/<slug:organisation_slug>/rounds/<int:pk>/actions/",
        views.round_actions,
        name="api-round-actions",
    ),
    path(
        "api/v1/<slug:organisation_slug>/rounds/<int:pk>/actions/<int:action_pk>/update",
        views.round_update,
        name="api-round-update",
    ),
    path(
        "api/v1/<slug:organisation_slug>/rounds/<int:pk>/updates/<int:update_pk>/review",
        views.round_review,
        name="api-round-review",
    ),
]
