"""The surveys' addresses: officers' (under /<council>/consultations/<pk>/survey/) and the
public's (/<council>/surveys/...). Included before the consultations' and the plan's
catch-all "<council>/<plan>/"."""

from django.urls import path

from .views import themes

urlpatterns: list = [
    # building
    # responding
    # results
    # themes
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/themes/",
        themes.themes_questions,
        name="survey-themes",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/themes/<int:question_pk>/",
        themes.themes_question,
        name="survey-question-themes",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/themes/<int:question_pk>/no-theme/",
        themes.themes_theme,
        name="survey-themes-unthemed",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/themes/<int:question_pk>/"
        "<int:number>/",
        themes.themes_theme,
        name="survey-theme",
    ),
    # pages
    # polls
]
