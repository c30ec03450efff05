"""The surveys' addresses: officers' (under /<council>/consultations/<pk>/survey/) and the
public's (/<council>/surveys/...). Included before the consultations' and the plan's
catch-all "<council>/<plan>/"."""

from django.urls import path

from .views import building, polls, responding, results, themes

urlpatterns: list = [
    # building
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/",
        building.survey_page,
        name="building-survey",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/start/",
        building.survey_start,
        name="building-start",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/settings/",
        building.survey_settings,
        name="building-settings",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/preview/",
        building.survey_preview,
        name="building-preview",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/open/",
        building.survey_open_view,
        name="building-open",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/close/",
        building.survey_close_view,
        name="building-close",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/monitoring/",
        building.monitoring_add,
        name="building-monitoring",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/questions/new/",
        building.question_new,
        name="building-question-new",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/questions/new/<slug:kind>/",
        building.question_new_details,
        name="building-question-new-details",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/questions/<int:question_pk>/",
        building.question_edit,
        name="building-question",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/questions/<int:question_pk>/"
        "delete/",
        building.question_remove,
        name="building-question-delete",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/questions/<int:question_pk>/move/",
        building.question_move_view,
        name="building-question-move",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/questions/<int:question_pk>/"
        "routing/",
        building.routing_condition,
        name="building-routing",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/questions/<int:question_pk>/"
        "routing/<int:condition_pk>/",
        building.routing_answers,
        name="building-routing-answers",
    ),
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
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/responses/",
        results.survey_responses,
        name="survey-responses",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/results/",
        results.survey_results_view,
        name="survey-results",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/responses.csv",
        results.survey_responses_csv,
        name="survey-responses-csv",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/responses.xlsx",
        results.survey_responses_xlsx,
        name="survey-responses-xlsx",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/results.csv",
        results.survey_results_csv,
        name="survey-results-csv",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/results.xlsx",
        results.survey_results_xlsx,
        name="survey-results-xlsx",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/questions.docx",
        results.survey_questions_docx,
        name="survey-questions-docx",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/questions.pdf",
        results.survey_questions_pdf,
        name="survey-questions-pdf",
    ),
    path(
        "<slug:organisation_slug>/consultations/<int:pk>/survey/paper/new/",
        results.survey_paper_new,
        name="survey-paper-new",
    ),
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
    path("<slug:organisation_slug>/polls/", polls.poll_list_view, name="poll-list"),
    path("<slug:organisation_slug>/polls/new/", polls.poll_new, name="poll-new"),
    path("<slug:organisation_slug>/polls/<int:pk>/", polls.poll_page, name="poll"),
    path(
        "<slug:organisation_slug>/polls/<int:pk>/close/", polls.poll_close_view, name="poll-close"
    ),
]
