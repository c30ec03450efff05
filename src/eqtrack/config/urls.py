"""The site's URLs."""

from django.contrib import admin
from django.urls import path

from eqtrack.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("<slug:organisation_slug>/<slug:plan_slug>/", views.plan_detail, name="plan-detail"),
]
