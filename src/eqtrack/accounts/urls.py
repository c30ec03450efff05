"""Signing in and out, landing after, invitations, and a council's people, teams, details and
logo (config/urls.py includes these before a council's catch-all addresses)."""

from django.urls import path

from . import views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-in/", views.landing, name="landing"),
    path(
        "invitation/<str:uidb64>/<str:token>/",
        views.invitation_accept_page,
        name="invitation-accept",
    ),
    path("<slug:organisation_slug>/logo", views.organisation_logo_file, name="organisation-logo"),
    path("<slug:organisation_slug>/manage/people/", views.people, name="people"),
    path(
        "<slug:organisation_slug>/manage/people/invite/",
        views.person_invite_page,
        name="person-invite",
    ),
    path(
        "<slug:organisation_slug>/manage/people/<int:pk>/",
        views.person_detail,
        name="person-detail",
    ),
    path("<slug:organisation_slug>/manage/teams/", views.teams_page, name="teams"),
    path("<slug:organisation_slug>/manage/teams/<int:pk>/", views.team_detail, name="team-detail"),
    path("<slug:organisation_slug>/manage/council/", views.council_details, name="council-details"),
]
