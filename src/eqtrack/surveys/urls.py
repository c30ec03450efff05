"""The surveys' addresses: officers' (under /<council>/consultations/<pk>/survey/) and the
public's (/<council>/surveys/...). Included before the consultations' and the plan's
catch-all "<council>/<plan>/"."""

from django.urls import path

from .views import responding, themes

urlpatterns: list = [
    # building
    # responding
    path(
        "<slug:organisation_slug>/surveys/<int:survey_pk>/",
        responding.survey_start,
        name="survey-start",
    ),
    path(
        "<slug:organisation_slug>/surveys/<int:survey_pk>/check-your-email/",
        responding.survey_link_sent,
        name="survey-link-sent",
    ),
    path(
        "<slug:organisation_slug>/surveys/<int:survey_pk>/questions/<int:page>/",
        responding.survey_question,
        name="survey-question",
    ),
    path(
        "<slug:organisation_slug>/surveys/<int:survey_pk>/check/",
        responding.survey_check,
        name="survey-check",
    ),
    path(
        "<slug:organisation_slug>/surveys/<int:survey_pk>/saved/",
        responding.survey_saved,
        name="survey-saved",
    ),
    path(
        "<slug:organisation_slug>/surveys/<int:survey_pk>/done/",
        responding.survey_done,
        name="survey-done",
    ),
    path(
        "<slug:organisation_slug>/surveys/resume/<str:token>/",
        responding.survey_resume,
        name="survey-resume",
    ),
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
