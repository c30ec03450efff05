"""The surveys' addresses: officers' (under /<council>/consultations/<pk>/survey/) and the
public's (/<council>/surveys/...). Included before the consultations' and the plan's
catch-all "<council>/<plan>/"."""

from django.urls import path  # noqa: F401

urlpatterns: list = [
    # building
    # responding
    # results
    # themes
    # pages
    # polls
]
