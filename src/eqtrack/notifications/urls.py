"""Following an action or a theme."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "<slug:organisation_slug>/<slug:plan_slug>/follow/<str:kind>/<int:pk>/",
        views.follow,
        name="follow",
    ),
]
