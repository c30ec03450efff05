"""The measures library's pages under "<council>/social-value/": the library (every member
reads it), and for procurement officers and administrators the pages that add, change and
archive its themes, outcomes and measures, import it from CSV and add the PPN 002 missions.
Thin views: the services check and refuse; visitors are sent to sign in, other councils'
people get a 404, members who may not change the library a 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import can_manage_procurement
from eqtrack.accounts.selectors import organisation_get_for_member
from eqtrack.core.context import organisation_context
from eqtrack.organisations.models import Organisation

from ..forms.library import ImportForm, MeasureForm, OutcomeForm, ThemeForm
from ..models import Source
from ..selectors.library import (
    action_choices,
    library_has_ppn002,
    library_tree,
    measure_get,
    outcome_get,
    outcome_list,
    theme_get,
    theme_list,
    tree_from_ppn002,
)
from ..services.library import (
    OGL_URL,
    library_csv,
    library_import,
    library_seed_ppn002,
    measure_add,
    measure_archive,
    measure_change,
    outcome_add,
    outcome_archive,
    outcome_change,
    ppn002_seed,
    theme_add,
    theme_archive,
    theme_change,
)

REFUSAL = "Only procurement officers and administrators change the measures library."


def errors_onto(form: Form, error: ValidationError) -> None:
    """A service's refusal on the form: each message under the field it names (so the error
    summary links to it), else at the top."""
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
    else:
        for text in error.messages:
            form.add_error(None, text)


def attribution() -> dict[str, str]:
    """The PPN 002 attribution every page showing its entries carries (OGL v3.0)."""
    source = ppn002_seed()["source"]
    return {"text": source["attribution"], "url": source["url"], "licence_url": OGL_URL}


def _member(request: HttpRequest, slug: str) -> Organisation:
    return organisation_get_for_member(slug=slug, user=request.user)


def _manager(request: HttpRequest, slug: str) -> Organisation:
    organisation = _member(request, slug)
    if not can_manage_procurement(request.user, organisation.pk):
        raise PermissionDenied(REFUSAL)
    return organisation


def _found(get: Any, **kwargs: Any) -> Any:
    try:
        return get(**kwargs)
    except ObjectDoesNotExist:
        raise Http404("Not in the library") from None


def _page(
    request: HttpRequest, template: str, organisation: Organisation, **extra: Any
) -> HttpResponse:
    return render(
        request,
        f"procurement/{template}",
        organisation_context(organisation, attribution=attribution(), **extra),
    )


def _back(organisation: Organisation, anchor: str = "") -> HttpResponse:
    response = redirect("procurement-library", organisation.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@signed_in
def library_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The library: themes, their outcomes, their measures."""
    organisation = _member(request, organisation_slug)
    tree = library_tree(organisation=organisation)
    return _page(
        request,
        "library_list.html",
        organisation,
        tree=tree,
        from_ppn002=tree_from_ppn002(tree),
        can_manage=can_manage_procurement(request.user, organisation.pk),
    )


@signed_in
def library_export(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The library as CSV, one row a measure."""
    organisation = _member(request, organisation_slug)
    response = HttpResponse(library_csv(organisation=organisation), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-measures.csv"'
    return response


@signed_in
def library_import_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    form = ImportForm(form_data(request), request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            counts = library_import(
                organisation=organisation,
                data=upload.read(),
                filename=upload.name,
                user=signed_in_user(request),
            )
        except ValidationError as e:
            problems = e.messages
            form.add_error(
                "upload",
                f"{upload.name} cannot be used, so nothing was saved: its problems are listed "
                "below",
            )
        else:
            messages.success(
                request,
                f"Measures imported: {counts['added']} added, {counts['changed']} changed, "
                f"{counts['unchanged']} unchanged.",
            )
            return _back(organisation)
    return _page(request, "library_import.html", organisation, form=form, problems=problems)


@signed_in
def library_seed_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """Add PPN 002's missions as themes (a page to confirm, then a button)."""
    organisation = _manager(request, organisation_slug)
    seed = ppn002_seed()
    if request.method == "POST":
        added = library_seed_ppn002(organisation=organisation, user=signed_in_user(request))
        messages.success(
            request,
            f"{added} PPN 002 entries added to the library."
            if added
            else "The library already has every PPN 002 entry eqtrack holds.",
        )
        return _back(organisation)
    return _page(request, "library_seed.html", organisation, seed=seed)


# --- Themes ---------------------------------------------------------------------------------


@signed_in
def theme_add_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    form = ThemeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            theme = theme_add(
                organisation=organisation,
                name=form.cleaned_data["name"],
                user=signed_in_user(request),
            )
        except ValidationError as e:
            errors_onto(form, e)
        else:
            messages.success(request, f"Theme “{theme.name}” added.")
            return _back(organisation, f"theme-{theme.pk}")
    return _page(request, "library_theme_form.html", organisation, form=form, theme=None)


@signed_in
def theme_change_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    theme = _found(theme_get, organisation=organisation, pk=pk)
    form = ThemeForm(form_data(request), initial={"name": theme.name})
    if request.method == "POST" and form.is_valid():
        try:
            theme_change(theme=theme, name=form.cleaned_data["name"], user=signed_in_user(request))
        except ValidationError as e:
            errors_onto(form, e)
        else:
            messages.success(request, f"Theme “{theme.name}” saved.")
            return _back(organisation, f"theme-{theme.pk}")
    return _page(request, "library_theme_form.html", organisation, form=form, theme=theme)


def _archive_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    entry: Any,
    kind: str,
    archive: Any,
    consequence: str,
) -> HttpResponse:
    if request.method == "POST":
        archive(**{kind: entry, "user": signed_in_user(request)})
        messages.success(request, f"The {kind} “{entry.name}” is archived.")
        return _back(organisation)
    return _page(
        request,
        "library_archive.html",
        organisation,
        entry=entry,
        kind=kind,
        consequence=consequence,
        from_ppn002=entry.source == Source.PPN002,
    )


@signed_in
def theme_archive_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    theme = _found(theme_get, organisation=organisation, pk=pk)
    return _archive_page(
        request,
        organisation,
        entry=theme,
        kind="theme",
        archive=theme_archive,
        consequence="Its outcomes and measures leave the library with it.",
    )


# --- Outcomes -------------------------------------------------------------------------------


def _theme_choices(organisation: Organisation) -> list[tuple[int, str]]:
    return [(t.pk, t.name) for t in theme_list(organisation=organisation)]


@signed_in
def outcome_add_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    form = OutcomeForm(
        form_data(request),
        themes=_theme_choices(organisation),
        initial={"theme": request.GET.get("theme")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = outcome_add(
                organisation=organisation,
                theme=theme_get(organisation=organisation, pk=form.cleaned_data["theme"]),
                name=form.cleaned_data["name"],
                award_criteria=form.cleaned_data["award_criteria"],
                user=signed_in_user(request),
            )
        except ValidationError as e:
            errors_onto(form, e)
        else:
            messages.success(request, f"Outcome “{outcome.name}” added.")
            return _back(organisation, f"outcome-{outcome.pk}")
    return _page(
        request,
        "library_outcome_form.html",
        organisation,
        form=form,
        outcome=None,
        from_ppn002=library_has_ppn002(organisation=organisation),
    )


@signed_in
def outcome_change_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    outcome = _found(outcome_get, organisation=organisation, pk=pk)
    form = OutcomeForm(
        form_data(request),
        themes=_theme_choices(organisation),
        initial={
            "theme": outcome.theme_id,
            "name": outcome.name,
            "award_criteria": outcome.award_criteria,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome_change(
                outcome=outcome,
                theme=theme_get(organisation=organisation, pk=form.cleaned_data["theme"]),
                name=form.cleaned_data["name"],
                award_criteria=form.cleaned_data["award_criteria"],
                user=signed_in_user(request),
            )
        except ValidationError as e:
            errors_onto(form, e)
        else:
            messages.success(request, f"Outcome “{outcome.name}” saved.")
            return _back(organisation, f"outcome-{outcome.pk}")
    return _page(
        request,
        "library_outcome_form.html",
        organisation,
        form=form,
        outcome=outcome,
        from_ppn002=library_has_ppn002(organisation=organisation),
    )


@signed_in
def outcome_archive_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    outcome = _found(outcome_get, organisation=organisation, pk=pk)
    return _archive_page(
        request,
        organisation,
        entry=outcome,
        kind="outcome",
        archive=outcome_archive,
        consequence="Its measures leave the library with it.",
    )


# --- Measures -------------------------------------------------------------------------------


def _measure_form(request: HttpRequest, organisation: Organisation, initial: dict) -> MeasureForm:
    actions = action_choices(organisation=organisation)
    return MeasureForm(
        form_data(request),
        outcomes=[
            (o.pk, f"{o.theme.name}: {o.name}") for o in outcome_list(organisation=organisation)
        ],
        actions=[
            (a.pk, f"{a.plan.title}: {a.ref + ' ' if a.ref else ''}{a.text[:90]}") for a in actions
        ],
        initial=initial,
    )


def _measure_answers(organisation: Organisation, form: MeasureForm) -> dict[str, Any]:
    data = form.cleaned_data
    action_pk = data["action"]
    action = next((a for a in action_choices(organisation=organisation) if a.pk == action_pk), None)
    return {
        "outcome": outcome_get(organisation=organisation, pk=data["outcome"]),
        "code": data["code"],
        "name": data["name"],
        "unit": data["unit"],
        "proxy_value": data["proxy_value"],
        "characteristic": data["characteristic"],
        "action": action,
    }


@signed_in
def measure_add_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    form = _measure_form(request, organisation, {"outcome": request.GET.get("outcome")})
    if request.method == "POST" and form.is_valid():
        try:
            measure = measure_add(
                organisation=organisation,
                user=signed_in_user(request),
                **_measure_answers(organisation, form),
            )
        except ValidationError as e:
            errors_onto(form, e)
        else:
            messages.success(request, f"Measure {measure.code} added.")
            return _back(organisation, f"measure-{measure.pk}")
    return _page(
        request,
        "library_measure_form.html",
        organisation,
        form=form,
        measure=None,
        from_ppn002=library_has_ppn002(organisation=organisation),
    )


@signed_in
def measure_change_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    measure = _found(measure_get, organisation=organisation, pk=pk)
    form = _measure_form(
        request,
        organisation,
        {
            "outcome": measure.outcome_id,
            "code": measure.code,
            "name": measure.name,
            "unit": measure.unit,
            "proxy_value": "" if measure.proxy_value is None else f"{measure.proxy_value:.2f}",
            "characteristic": measure.characteristic,
            "action": measure.action_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            measure_change(
                measure=measure,
                user=signed_in_user(request),
                **_measure_answers(organisation, form),
            )
        except ValidationError as e:
            errors_onto(form, e)
        else:
            messages.success(request, f"Measure {measure.code} saved.")
            return _back(organisation, f"measure-{measure.pk}")
    return _page(
        request,
        "library_measure_form.html",
        organisation,
        form=form,
        measure=measure,
        from_ppn002=library_has_ppn002(organisation=organisation),
    )


@signed_in
def measure_archive_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _manager(request, organisation_slug)
    measure = _found(measure_get, organisation=organisation, pk=pk)
    return _archive_page(
        request,
        organisation,
        entry=measure,
        kind="measure",
        archive=measure_archive,
        consequence="Tenders that chose it keep it; new tenders cannot choose it.",
    )
