"""Following an action or a theme; choosing one's notices."""

from django.urls import path

from . import views

urlpatterns = [
    path("account/notices/", views.notices, name="notices"),
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/follow/<str:kind>/<int:pk>/",
        views.follow,
        name="follow",
    ),
]
