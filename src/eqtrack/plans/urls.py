"""A plan's pages (config/urls.py includes them after the other apps': "<council>/<plan>/"
would otherwise take "<council>/policies/" and the like)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:organisation_slug>/<slug:plan_slug>/", views.plan_detail, name="plan-detail"),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/publish/",
        views.plan_publish_page,
        name="plan-publish",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/search/", views.plan_search, name="plan-search"
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/actions/<int:action_pk>/history/",
        views.action_history_page,
        name="action-history",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/actions/<int:action_pk>/updates/<int:update_pk>/proposal/",
        views.update_proposal_page,
        name="update-proposal",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/dashboard/",
        views.plan_dashboard,
        name="plan-dashboard",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/download.<str:file_format>",
        views.plan_download,
        name="plan-download",
    ),
]
