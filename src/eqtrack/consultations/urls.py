"""The council's consultations (the list, the journey that starts or changes one, a
consultation's page and its weighted answers) and its population profiles. Included before
the plan's catch-all "<council>/<plan>/"."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "<slug:organisation_slug>/consultations/",
        views.consultation_list_view,
        name="consultation-list",
    ),
    path(
        "<slug:organisation_slug>/consultations/new/",
        views.consultation_new,
        name="consultation-new",
    ),
    path(
        "<slug:organisation_slug>/consultations/new/<int:pk>/<slug:step>/",
        views.consultation_draft,
        name="consultation-draft",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/",
        views.consultation_detail,
        name="consultation-detail",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/change/",
        views.consultation_change,
        name="consultation-change",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/weighted.csv",
        views.consultation_weighted_csv,
        name="consultation-weighted",
    ),
    path(
        "<slug:organisation_slug>/population-profiles/",
        views.profile_list_view,
        name="profile-list",
    ),
    path(
        "<slug:organisation_slug>/population-profiles/new/",
        views.profile_new,
        name="profile-new",
    ),
    path(
        "<slug:organisation_slug>/population-profiles/new/census/",
        views.profile_new_census,
        name="profile-new-census",
    ),
    path(
        "<slug:organisation_slug>/population-profiles/new/upload/",
        views.profile_new_upload,
        name="profile-new-upload",
    ),
    path(
        "<slug:organisation_slug>/population-profiles/<int:pk>/",
        views.profile_detail,
        name="profile-detail",
    ),
    path(
        "<slug:organisation_slug>/population-profiles/<int:pk>/archive/",
        views.profile_archive_view,
        name="profile-archive",
    ),
]
