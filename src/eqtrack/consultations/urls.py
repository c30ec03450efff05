"""A consultation's page and its weighted answers."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/",
        views.consultation_detail,
        name="consultation-detail",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/weighted.csv",
        views.consultation_weighted_csv,
        name="consultation-weighted",
    ),
]
