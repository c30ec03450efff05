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
    # Indicators read from the progress, for the actions' owners and reviewers to check.
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/indicators/",
        views.plan_measures_page,
        name="plan-indicators",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/actions/<int:action_pk>/indicators/",
        views.action_measures_page,
        name="action-indicators",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/dashboard/",
        views.plan_dashboard,
        name="plan-dashboard",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/dashboard/summary.<str:file_format>",
        views.committee_summary_download,
        name="committee-summary",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/download.<str:file_format>",
        views.plan_download,
        name="plan-download",
    ),
    # Editing the plan: for the council's administrators.
    path("<slug:organisation_slug>/<slug:plan_slug>/edit/", views.plan_edit, name="plan-edit"),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/edit/introduction/",
        views.plan_introduction_page,
        name="plan-introduction",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/edit/themes/new/",
        views.theme_add_page,
        name="theme-add",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/edit/themes/<int:theme_pk>/",
        views.theme_edit_page,
        name="theme-edit",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/edit/themes/<int:theme_pk>/archive/",
        views.theme_archive_page,
        name="theme-archive",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/edit/actions/new/",
        views.action_add_page,
        name="action-add",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/edit/actions/<int:action_pk>/",
        views.action_edit_page,
        name="action-edit",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/edit/actions/<int:action_pk>/archive/",
        views.action_archive_page,
        name="action-archive",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/teams/", views.plan_teams_page, name="plan-teams"
    ),
]
