"""Importing from the web: upload files, see what they hold and how their actions were linked
across years, then import or cancel. The importing services decide everything."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.selectors import (
    organisation_get_for_administrator,
)
from eqtrack.core.context import organisation_context
from eqtrack.core.files import FileRefused, InputError
from eqtrack.organisations.models import Organisation
from eqtrack.plans.selectors import plan_list

from .forms import CheckForm, StatusWordingForm, UploadForm
from .selectors import status_wording_list
from .services import plan_import_upload, status_wording_forget, status_wording_remember
from .staging import staging_discard, staging_names, staging_save
from .summary import summary_build

SESSION = "eqtrack_imports"


def _administered(request: HttpRequest, slug: str) -> Organisation:
    return organisation_get_for_administrator(
        slug=slug, user=request.user, refusal="Only an administrator imports a plan."
    )


@signed_in
def import_start(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    plans = plan_list(organisation=organisation)
    # Files only with a post: an empty request.FILES on a GET would bind the form and show
    # "Choose the files to import" before anyone has tried.
    form = UploadForm(
        form_data(request), request.FILES if request.method == "POST" else None, plans=plans
    )
    if request.method == "POST" and form.is_valid():
        try:
            token = staging_save(files=form.cleaned_data["files"])
        except InputError as e:
            form.add_error("files", str(e))
        else:
            kind, _, slug = form.cleaned_data["target"].partition(":")
            request.session.setdefault(SESSION, {})[token] = {
                "organisation": organisation.pk,
                "periods": form.period_list(),
                "title": form.cleaned_data["title"],
                "publish": form.cleaned_data["publish"],
                "kind": kind,
                "slug": slug,
            }
            request.session.modified = True
            return redirect("import-check", organisation.slug, token)
    return render(
        request,
        "importing/import_start.html",
        organisation_context(organisation, form=form),
    )


@signed_in
def import_check(request: HttpRequest, organisation_slug: str, token: str) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    options = request.session.get(SESSION, {}).get(token)
    if options is None or options["organisation"] != organisation.pk:
        raise Http404("No such upload")
    unknown = options.get("unknown_statuses", [])
    form = CheckForm(form_data(request) or None, unknown_statuses=unknown)
    if request.method == "POST" and request.POST.get("cancel"):
        staging_discard(token=token)
        request.session[SESSION].pop(token, None)
        request.session.modified = True
        messages.info(request, "Cancelled. Nothing was imported and the files were deleted.")
        return redirect("import-start", organisation.slug)
    confirm = request.method == "POST" and bool(request.POST.get("confirm"))
    links = kept_apart = []
    status_choices: dict[str, str] = {}
    if form.is_bound:
        if not form.is_valid():
            confirm = False  # a choice the page did not offer: show it again, import nothing
        # What was valid is checked again, so the summary keeps the person's other choices.
        links, kept_apart = form.pairs(), form.refs()
        status_choices = form.status_choices()
    common = {
        "organisation": organisation,
        "user": request.user,
        "token": token,
        "periods": options["periods"],
        "title": options["title"],
        "links": links,
        "kept_apart": kept_apart,
        "publish": options["publish"],
        "slug": options["slug"] or None,
        "replace": options["kind"] == "replace",
        "status_choices": status_choices,
    }
    error, result, refused = None, None, False
    try:
        result = plan_import_upload(**common, dry_run=not confirm)
    except FileRefused as e:
        # The service has deleted the files already; this upload is over.
        error, refused = str(e), True
        request.session[SESSION].pop(token, None)
        request.session.modified = True
    except InputError as e:
        error = str(e)
    if confirm and result is not None:
        request.session[SESSION].pop(token, None)
        request.session.modified = True
        plan = result.plan
        messages.success(
            request,
            f"Imported “{plan.title}”." if not result.updated else f"Updated “{plan.title}”.",
        )
        return redirect("plan-detail", organisation.slug, plan.slug)
    if result is not None and result.unknown_statuses != unknown:
        # The wordings to ask about, as this check found them, kept for the next post.
        options["unknown_statuses"] = result.unknown_statuses
        request.session.modified = True
        form = CheckForm(form_data(request) or None, unknown_statuses=result.unknown_statuses)
    # The import's actions that name a lead: after importing, they are given teams by lead.
    leads = (
        sum(1 for t in result.document["themes"] for a in t["actions"] if a.get("lead"))
        if result is not None and not result.updated
        else 0
    )
    summary = (
        summary_build(
            document=result.document,
            decisions=result.decisions,
            warnings=result.warnings,
            guesses=result.guesses,
            chosen=result.chosen,
        )
        if result is not None
        else None
    )
    try:
        files = staging_names(token=token)
    except InputError:
        files = []
    return render(
        request,
        "importing/import_check.html",
        organisation_context(
            organisation,
            form=form,
            files=files,
            options=options,
            summary=summary,
            result=result,
            error=error,
            refused=refused,
            leads=leads,
        ),
    )


@signed_in
def import_statuses(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The status wordings the organisation chose categories for: change or forget each."""
    organisation = _administered(request, organisation_slug)
    form = StatusWordingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        wording = form.cleaned_data["wording"]
        if request.POST.get("forget"):
            status_wording_forget(
                organisation=organisation, wording=wording, user=signed_in_user(request)
            )
            messages.success(request, f"Forgotten “{wording}”: imports read it as eqtrack would.")
            return redirect("import-statuses", organisation.slug)
        try:
            status_wording_remember(
                organisation=organisation,
                wording=wording,
                category=form.cleaned_data["category"],
                user=signed_in_user(request),
            )
        except InputError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"Changed what “{wording}” means.")
            return redirect("import-statuses", organisation.slug)
    return render(
        request,
        "importing/import_statuses.html",
        organisation_context(
            organisation, wordings=status_wording_list(organisation=organisation), form=form
        ),
    )
