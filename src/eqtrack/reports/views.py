"""Thin views of the glossary and Word template pages, for the council's administrators: they
find the records and hand the changes to the services, which check who may make them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.selectors import (
    organisation_get_for_administrator,
)
from eqtrack.core.context import organisation_context
from eqtrack.organisations.models import Organisation

from .data import ReportError
from .forms import GlossaryEntryForm, WordTemplateForm
from .glossary import DEFAULT_GLOSSARY
from .selectors import glossary_entries, glossary_entry_get, word_template_about, word_template_for
from .services import (
    GlossaryError,
    glossary_entry_add,
    glossary_entry_change,
    glossary_entry_remove,
    word_template_reset,
    word_template_set,
)


def _administered(request: HttpRequest, organisation_slug: str) -> Organisation:
    return organisation_get_for_administrator(
        slug=organisation_slug,
        user=request.user,
        refusal="Only the council's administrators manage this.",
    )


@signed_in
def glossary(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    form = GlossaryEntryForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            entry = glossary_entry_add(
                organisation=organisation,
                term=form.cleaned_data["term"],
                expansion=form.cleaned_data["expansion"],
                user=signed_in_user(request),
            )
        except GlossaryError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, f"{entry.term} is in the glossary.")
            return redirect("manage-glossary", organisation.slug)
    entries = list(glossary_entries(organisation=organisation))
    return render(
        request,
        "reports/manage/glossary.html",
        organisation_context(
            organisation,
            form=form,
            entries=entries,
            standard=sorted(DEFAULT_GLOSSARY.items()) if not entries else [],
        ),
    )


@signed_in
def glossary_entry(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    entry = glossary_entry_get(organisation=organisation, pk=pk)
    form = GlossaryEntryForm(
        form_data(request), initial={"term": entry.term, "expansion": entry.expansion}
    )
    if request.method == "POST" and form.is_valid():
        try:
            glossary_entry_change(
                entry=entry,
                term=form.cleaned_data["term"],
                expansion=form.cleaned_data["expansion"],
                user=signed_in_user(request),
            )
        except GlossaryError as e:
            entry.refresh_from_db()
            form.add_error(e.field, str(e))
        else:
            messages.success(request, f"{entry.term} is changed.")
            return redirect("manage-glossary", organisation.slug)
    return render(
        request,
        "reports/manage/glossary_entry.html",
        organisation_context(organisation, form=form, entry=entry),
    )


@signed_in
def glossary_entry_remove_page(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    entry = glossary_entry_get(organisation=organisation, pk=pk)
    if request.method == "POST":
        term = entry.term
        glossary_entry_remove(entry=entry, user=signed_in_user(request))
        messages.success(request, f"{term} is no longer in the glossary.")
        return redirect("manage-glossary", organisation.slug)
    return render(
        request,
        "reports/manage/glossary_remove.html",
        organisation_context(organisation, entry=entry),
    )


@signed_in
def word_template(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    if request.method == "POST" and request.POST.get("reset"):
        if word_template_reset(organisation=organisation, user=signed_in_user(request)):
            messages.success(request, "Word reports use the built-in template again.")
        else:
            messages.info(request, "Word reports already use the built-in template.")
        return redirect("manage-word-template", organisation.slug)
    form = WordTemplateForm(form_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            word_template_set(
                organisation=organisation,
                filename=upload.name,
                content=upload.read(),
                user=signed_in_user(request),
            )
        except ReportError as e:
            form.add_error("upload", f"The file could not be used: {e}")
        else:
            messages.success(request, f"Word reports now use {upload.name}.")
            return redirect("manage-word-template", organisation.slug)
    return render(
        request,
        "reports/manage/word_template.html",
        organisation_context(
            organisation, form=form, current=word_template_about(organisation=organisation)
        ),
    )


@signed_in
def word_template_download(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    about = word_template_about(organisation=organisation)
    content = word_template_for(organisation=organisation)
    if about is None or content is None:
        messages.info(request, "There is no template of the council's own to download.")
        return redirect("manage-word-template", organisation.slug)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = about.filename.replace('"', "").replace("\\", "") or "template.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
