"""The directory's addresses: its Open Referral UK API, its public pages and moderation, and
the diversity calendar."""

from django.urls import path

from . import api, views


def _openreferral(prefix: str) -> list:
    """The Open Referral UK API's addresses: under /openreferral/ for the site's own council,
    and under /<council>/openreferral/ for each council (names prefixed "council-")."""
    name = "council-oruk" if prefix else "oruk"
    return [
        path(f"{prefix}openreferral/{route}", view, name=f"{name}-{suffix}")
        for route, view, suffix in [
            ("", api.index, "index"),
            ("services", api.services, "services"),
            ("services/<str:uid>", api.service, "service"),
            ("taxonomies", api.taxonomies, "taxonomies"),
            ("taxonomies/<str:uid>", api.taxonomy, "taxonomy"),
            ("taxonomy_terms", api.taxonomy_terms, "taxonomy-terms"),
            ("taxonomy_terms/<str:uid>", api.taxonomy_term, "taxonomy-term"),
            ("service_at_locations", api.service_at_locations, "service-at-locations"),
            (
                "service_at_locations/<str:uid>",
                api.service_at_location,
                "service-at-location",
            ),
        ]
    ]


# Included before the admin's (as they always were), the pages after it: "<council>/directory/"
# would otherwise take "admin/directory/".
openreferral_urlpatterns = [*_openreferral(""), *_openreferral("<slug:organisation_slug>/")]

urlpatterns = [
    path("<slug:organisation_slug>/directory/", views.directory_search, name="directory"),
    path(
        "<slug:organisation_slug>/directory/join/check/",
        views.signup_check,
        name="directory-signup-check",
    ),
    path(
        "<slug:organisation_slug>/directory/join/sent/",
        views.signup_done,
        name="directory-signup-done",
    ),
    path(
        "<slug:organisation_slug>/directory/join/<slug:step>/",
        views.signup_step,
        name="directory-signup",
    ),
    path(
        "<slug:organisation_slug>/directory/moderation/",
        views.moderation,
        name="directory-moderation",
    ),
    path(
        "<slug:organisation_slug>/directory/change/",
        views.listing_edit_form,
        name="directory-edit-form",
    ),
    path(
        "<slug:organisation_slug>/directory/change/<str:token>/",
        views.listing_edit,
        name="directory-edit",
    ),
    path(
        "<slug:organisation_slug>/directory/confirm/<str:token>/",
        views.listing_confirm_page,
        name="directory-confirm",
    ),
    path(
        "<slug:organisation_slug>/directory/<str:uid>/",
        views.listing_page,
        name="directory-listing",
    ),
    path(
        "<slug:organisation_slug>/diversity-calendar/",
        views.calendar_page,
        name="diversity-calendar",
    ),
    path(
        "<slug:organisation_slug>/diversity-calendar.ics",
        views.calendar_feed,
        name="diversity-calendar-feed",
    ),
    path(
        "<slug:organisation_slug>/manage/calendar/",
        views.calendar_manage,
        name="manage-calendar",
    ),
    path(
        "<slug:organisation_slug>/manage/calendar/new/",
        views.calendar_event_add_page,
        name="manage-calendar-add",
    ),
    path(
        "<slug:organisation_slug>/manage/calendar/<int:pk>/",
        views.calendar_event_page,
        name="manage-calendar-event",
    ),
    path(
        "<slug:organisation_slug>/manage/calendar/<int:pk>/remove/",
        views.calendar_event_remove_page,
        name="manage-calendar-remove",
    ),
]
