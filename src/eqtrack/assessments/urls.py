"""The policy register's and the assessments' pages, and the published assessments."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:organisation_slug>/policies/", views.register, name="policy-register"),
    path(
        "<slug:organisation_slug>/policies/register.<str:file_format>",
        views.register_download,
        name="policy-register-download",
    ),
    path("<slug:organisation_slug>/policies/new/", views.policy_add, name="policy-add"),
    path("<slug:organisation_slug>/policies/<int:pk>/", views.policy_detail, name="policy-detail"),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/",
        views.assessment_detail,
        name="assessment-detail",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/screening/",
        views.assessment_screening,
        name="assessment-screening",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/impacts/",
        views.assessment_impacts,
        name="assessment-impacts",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/impacts/<int:impact_pk>/action/",
        views.impact_action,
        name="assessment-impact-action",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/outcome/",
        views.assessment_outcome,
        name="assessment-outcome",
    ),
    path(
        "<slug:organisation_slug>/assessments/<int:pk>/download.<str:file_format>",
        views.assessment_download,
        name="assessment-download",
    ),
    path(
        "<slug:organisation_slug>/equality-impact-assessments/",
        views.published_list,
        name="assessments-published",
    ),
    path(
        "<slug:organisation_slug>/equality-impact-assessments/<int:pk>/",
        views.published_detail,
        name="assessment-published",
    ),
    path(
        "<slug:organisation_slug>/manage/characteristics/",
        views.characteristics,
        name="manage-characteristics",
    ),
    path(
        "<slug:organisation_slug>/manage/characteristics/<int:pk>/",
        views.characteristic_page,
        name="manage-characteristic",
    ),
]
