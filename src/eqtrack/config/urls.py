"""The site's URLs."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from eqtrack.accounts import views as account_views
from eqtrack.api import views as api_views
from eqtrack.assessments import views as assessment_views
from eqtrack.consultations import views as consultation_views
from eqtrack.directory import api as oruk_api
from eqtrack.directory import views as directory_views
from eqtrack.importing import views as import_views
from eqtrack.notifications import views as notification_views
from eqtrack.rounds import views as round_views
from eqtrack.web import views


def _openreferral(prefix: str) -> list:
    """The Open Referral UK API's addresses: under /openreferral/ for the site's own council,
    and under /<council>/openreferral/ for each council (names prefixed "council-")."""
    name = "council-oruk" if prefix else "oruk"
    return [
        path(f"{prefix}openreferral/{route}", view, name=f"{name}-{suffix}")
        for route, view, suffix in [
            ("", oruk_api.index, "index"),
            ("services", oruk_api.services, "services"),
            ("services/<str:uid>", oruk_api.service, "service"),
            ("taxonomies", oruk_api.taxonomies, "taxonomies"),
            ("taxonomies/<str:uid>", oruk_api.taxonomy, "taxonomy"),
            ("taxonomy_terms", oruk_api.taxonomy_terms, "taxonomy-terms"),
            ("taxonomy_terms/<str:uid>", oruk_api.taxonomy_term, "taxonomy-term"),
            ("service_at_locations", oruk_api.service_at_locations, "service-at-locations"),
            (
                "service_at_locations/<str:uid>",
                oruk_api.service_at_location,
                "service-at-location",
            ),
        ]
    ]


urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/plans/", api_views.plans, name="api-plans"),
    path(
        "api/v1/plans/<slug:organisation_slug>/<slug:plan_slug>/", api_views.plan, name="api-plan"
    ),
    path("api/openapi.json", api_views.openapi_json, name="api-openapi"),
    *_openreferral(""),
    *_openreferral("<slug:organisation_slug>/"),
    path(
        "api/v1/<slug:organisation_slug>/rounds/<int:pk>/actions/",
        api_views.round_actions,
        name="api-round-actions",
    ),
    path(
        "api/v1/<slug:organisation_slug>/rounds/<int:pk>/actions/<int:action_pk>/update",
        api_views.round_update,
        name="api-round-update",
    ),
    path(
        "api/v1/<slug:organisation_slug>/rounds/<int:pk>/updates/<int:update_pk>/review",
        api_views.round_review,
        name="api-round-review",
    ),
    path("admin/", admin.site.urls),
    path("sign-in/", account_views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", account_views.SignOutView.as_view(), name="sign-out"),
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
    path("<slug:organisation_slug>/policies/", assessment_views.register, name="policy-register"),
    path(
        "<slug:organisation_slug>/policies/register.<str:format>",
        assessment_views.register_download,
        name="policy-register-download",
    ),
    path("<slug:organisation_slug>/policies/new/", assessment_views.policy_add, name="policy-add"),
    path(
        "<slug:organisation_slug>/policies/<int:pk>/",
        assessment_views.policy_detail,
        name="policy-detail",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/",
        assessment_views.assessment_detail,
        name="assessment-detail",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/screening/",
        assessment_views.assessment_screening,
        name="assessment-screening",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/impacts/",
        assessment_views.assessment_impacts,
        name="assessment-impacts",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/impacts/<int:impact_pk>/action/",
        assessment_views.impact_action,
        name="assessment-impact-action",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/outcome/",
        assessment_views.assessment_outcome,
        name="assessment-outcome",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/download.<str:format>",
        assessment_views.assessment_download,
        name="assessment-download",
    ),
    path(
        "<slug:organisation_slug>/equality-impact-assessments/",
        assessment_views.published_list,
        name="assessments-published",
    ),
    path(
        "<slug:organisation_slug>/equality-impact-assessments/<int:pk>/",
        assessment_views.published_detail,
        name="assessment-published",
    ),
    path("<slug:organisation_slug>/", views.organisation_home, name="organisation-home"),
    path("<slug:organisation_slug>/directory/", directory_views.directory_search, name="directory"),
    path(
        "<slug:organisation_slug>/directory/join/check/",
        directory_views.signup_check,
        name="directory-signup-check",
    ),
    path(
        "<slug:organisation_slug>/directory/join/sent/",
        directory_views.signup_done,
        name="directory-signup-done",
    ),
    path(
        "<slug:organisation_slug>/directory/join/<slug:step>/",
        directory_views.signup_step,
        name="directory-signup",
    ),
    path(
        "<slug:organisation_slug>/directory/moderation/",
        directory_views.moderation,
        name="directory-moderation",
    ),
    path(
        "<slug:organisation_slug>/directory/change/",
        directory_views.listing_edit_form,
        name="directory-edit-form",
    ),
    path(
        "<slug:organisation_slug>/directory/change/<str:token>/",
        directory_views.listing_edit,
        name="directory-edit",
    ),
    path(
        "<slug:organisation_slug>/directory/confirm/<str:token>/",
        directory_views.listing_confirm_page,
        name="directory-confirm",
    ),
    path(
        "<slug:organisation_slug>/directory/<str:uid>/",
        directory_views.listing_page,
        name="directory-listing",
    ),
    path(
        "<slug:organisation_slug>/diversity-calendar/",
        directory_views.calendar_page,
        name="diversity-calendar",
    ),
    path(
        "<slug:organisation_slug>/diversity-calendar.ics",
        directory_views.calendar_feed,
        name="diversity-calendar-feed",
    ),
    path("<slug:organisation_slug>/import/", import_views.import_start, name="import-start"),
    path(
        "<slug:organisation_slug>/import/<str:token>/",
        import_views.import_check,
        name="import-check",
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
        "<slug:organisation_slug>/<slug:plan_slug>/publish/",
        views.plan_publish_page,
        name="plan-publish",
    ),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/follow/<str:kind>/<int:pk>/",
        notification_views.follow,
        name="follow",
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

if settings.EQTRACK_OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
