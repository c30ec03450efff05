"""The site's URLs."""

from django.contrib import admin
from django.urls import path

from eqtrack.api import views as api_views
from eqtrack.consultations import views as consultation_views
from eqtrack.rounds import views as round_views
from eqtrack.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/plans/", api_views.plans, name="api-plans"),
    path(
        "api/v1/plans/<slug:organisation_slug>/<slug:plan_slug>/", api_views.plan, name="api-plan"
    ),
    path("api/openapi.json", api_views.openapi_json, name="api-openapi"),
    path("admin/", admin.site.urls),
    path(
        "<slug:organisation_slug>/rounds/<int:pk>/", round_views.round_detail, name="round-detail"
    ),
    path(
        "<slug:organisation_slug>/rounds/<int:pk>/actions/<int:action_pk>/",
        round_views.update_edit,
        name="round-update",
    ),
    path(
        "<slug:organisation_slug>/rounds/<int:pk>/updates/<int:update_pk>/review/",
        round_views.update_review_page,
        name="round-review",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/",
        consultation_views.consultation_detail,
        name="consultation-detail",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/weighted.csv",
        consultation_views.consultation_weighted_csv,
        name="consultation-weighted",
    ),
    path("<slug:organisation_slug>/<slug:plan_slug>/", views.plan_detail, name="plan-detail"),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/search/", views.plan_search, name="plan-search"
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/actions/<int:action_pk>/history/",
        views.action_history_page,
        name="action-history",
    ),
    path("<slug:organisation_slug>/<slug:plan_slug>/rounds/", round_views.rounds, name="rounds"),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/dashboard/",
        views.plan_dashboard,
        name="plan-dashboard",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/download.<str:format>",
        views.plan_download,
        name="plan-download",
    ),
]
