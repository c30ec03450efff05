"""The duty calendar's pages: "<council>/duties/" and "<council>/manage/duty/". Included
before the plan's catch-all ("duties" is a reserved plan slug)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:organisation_slug>/duties/", views.duty_calendar_page, name="duty-calendar"),
    path("<slug:organisation_slug>/manage/duty/", views.duty_record, name="duty-record"),
]
