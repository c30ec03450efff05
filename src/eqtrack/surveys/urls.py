"""The surveys' addresses: officers' (under /<council>/consultations/<pk>/survey/) and the
public's (/<council>/surveys/...). Included before the consultations' and the plan's
catch-all "<council>/<plan>/"."""

from django.urls import path

from .views import polls

urlpatterns: list = [
    # building
    # responding
    # results
    # themes
    # pages
    # polls
    path("<slug:organisation_slug>/polls/", polls.poll_list_view, name="poll-list"),
    path("<slug:organisation_slug>/polls/new/", polls.poll_new, name="poll-new"),
    path("<slug:organisation_slug>/polls/<int:pk>/", polls.poll_page, name="poll"),
    path(
        "<slug:organisation_slug>/polls/<int:pk>/close/", polls.poll_close_view, name="poll-close"
    ),
]
