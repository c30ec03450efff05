"""The glossary's and Word template's pages, under the council's "manage" pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:organisation_slug>/manage/glossary/", views.glossary, name="manage-glossary"),
    path(
        "<slug:organisation_slug>/manage/glossary/<int:pk>/",
        views.glossary_entry,
        name="manage-glossary-entry",
    ),
    path(
        "<slug:organisation_slug>/manage/glossary/<int:pk>/remove/",
        views.glossary_entry_remove_page,
        name="manage-glossary-remove",
    ),
    path(
        "<slug:organisation_slug>/manage/word-template/",
        views.word_template,
        name="manage-word-template",
    ),
    path(
        "<slug:organisation_slug>/manage/word-template/download/",
        views.word_template_download,
        name="manage-word-template-download",
    ),
]
