"""The workforce pages: for the council's administrators, the staff snapshots (upload, map
the columns, choose the population, publish, delete, retention); for everyone, the published
pay gaps and staff profile on the council's public pages; and the figures as documents. Thin
views: the services decide who may change what and refuse bad files before anything is kept."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.selectors import organisation_get_for_administrator
from eqtrack.consultations.models import PopulationProfile
from eqtrack.core.context import organisation_context
from eqtrack.core.files import InputError
from eqtrack.core.forms import sentence
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get_public

from .forms import MappingForm, RetentionForm, UploadForm
from .models import StaffSnapshot
from .report import Section, snapshot_sections
from .selectors import (
    paygap_trend,
    profile_choices,
    snapshot_population,
    staff_snapshot_get,
    staff_snapshot_list,
    staff_upload_get,
)
from .services import (
    WorkforceError,
    staff_snapshot_delete,
    staff_snapshot_import,
    staff_snapshot_profile_set,
    staff_snapshot_publish,
    staff_upload_cancel,
    staff_upload_import,
    staff_upload_keep,
    workforce_settings_get,
    workforce_settings_set,
)
from .snapshot_documents import CONTENT_TYPES, FORMATS, sections_with_svg, snapshot_document
from .staff import StaffFileError

REFUSAL = "Only the council's administrators see and change the staff figures."


def _administered(request: HttpRequest, organisation_slug: str) -> Organisation:
    return organisation_get_for_administrator(
        slug=organisation_slug, user=request.user, refusal=REFUSAL
    )


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Http404("No such snapshot") from None


def _profile(organisation: Organisation, pk: int | None) -> PopulationProfile | None:
    if pk is None:
        return None
    profile = PopulationProfile.objects.live().filter(organisation=organisation, pk=pk).first()
    if profile is None:
        raise WorkforceError("that population profile is not one of the council's")
    return profile


@signed_in
def workforce_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The council's snapshots, the upload form and the retention period."""
    organisation = _administered(request, organisation_slug)
    user = signed_in_user(request)
    choices = profile_choices(organisation=organisation)
    form = UploadForm(form_data(request), request.FILES or None, profiles=choices)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        data, source = upload.read(), upload.name
        try:
            profile = _profile(organisation, form.cleaned_data["profile"])
            snapshot = staff_snapshot_import(
                organisation=organisation,
                data=data,
                source=source,
                snapshot=form.cleaned_data["snapshot"],
                replace=form.cleaned_data["replace"],
                profile=profile,
                user=user,
            )
        except StaffFileError as e:
            if e.columns is not None:
                kept = staff_upload_keep(
                    organisation=organisation,
                    user=user,
                    data=data,
                    source=source,
                    columns=e.columns,
                    snapshot=form.cleaned_data["snapshot"],
                    replace=form.cleaned_data["replace"],
                    profile=profile,
                )
                return redirect("workforce-columns", organisation.slug, kept.pk)
            problems = str(e).splitlines()
            form.add_error(
                "upload",
                f"{source} cannot be used: nothing was kept. Its problems are listed below the form",
            )
        except InputError as e:
            form.add_error("upload", sentence(str(e)))
        else:
            messages.success(request, f"Staff figures for {snapshot.snapshot:%-d %B %Y} uploaded.")
            return redirect("workforce-snapshot", organisation.slug, snapshot.snapshot.isoformat())
    settings = workforce_settings_get(organisation=organisation)
    return render(
        request,
        "workforce/workforce_list.html",
        organisation_context(
            organisation,
            snapshots=list(staff_snapshot_list(organisation=organisation)),
            form=form,
            problems=problems,
            retention=RetentionForm(
                initial={"keep_personal_months": settings.keep_personal_months}
            ),
            settings=settings,
        ),
    )


@signed_in
def workforce_settings(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """How long staff rows are kept."""
    organisation = _administered(request, organisation_slug)
    settings = workforce_settings_get(organisation=organisation)
    form = RetentionForm(
        form_data(request),
        initial={
            "keep_personal_months": settings.keep_personal_months,
            "reference_ethnic_group": settings.reference_ethnic_group,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            workforce_settings_set(
                organisation=organisation,
                keep_personal_months=form.cleaned_data["keep_personal_months"],
                reference_ethnic_group=form.cleaned_data["reference_ethnic_group"],
                user=signed_in_user(request),
            )
        except WorkforceError as e:
            form.add_error("keep_personal_months", sentence(str(e)))
        else:
            messages.success(request, "The workforce settings are saved.")
            return redirect("workforce", organisation.slug)
    return render(
        request,
        "workforce/workforce_settings.html",
        organisation_context(organisation, form=form),
    )


@signed_in
def workforce_columns(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Which of the file's columns holds each of eqtrack's fields (remembered for next time)."""
    organisation = _administered(request, organisation_slug)
    upload = staff_upload_get(organisation=organisation, pk=pk)
    if upload is None:
        raise Http404("No such upload")
    user = signed_in_user(request)
    if request.method == "POST" and request.POST.get("cancel"):
        staff_upload_cancel(upload=upload, user=user)
        messages.success(request, f"{upload.source} was not kept.")
        return redirect("workforce", organisation.slug)
    form = MappingForm(
        form_data(request),
        columns=upload.columns,
        initial_mapping=workforce_settings_get(organisation=organisation).column_mapping,
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            snapshot = staff_upload_import(upload=upload, mapping=form.mapping(), user=user)
        except StaffFileError as e:
            problems = str(e).splitlines()
            form.add_error(None, "The file still has problems: see the list below the form")
        except InputError as e:
            form.add_error(None, sentence(str(e)))
        else:
            messages.success(request, f"Staff figures for {snapshot.snapshot:%-d %B %Y} uploaded.")
            return redirect("workforce-snapshot", organisation.slug, snapshot.snapshot.isoformat())
    return render(
        request,
        "workforce/workforce_columns.html",
        organisation_context(organisation, upload=upload, form=form, problems=problems),
    )


def _sections(
    organisation: Organisation, snapshot: StaffSnapshot, *, published_only: bool
) -> list[Section]:
    margins, population = snapshot_population(snapshot=snapshot)
    return snapshot_sections(
        figures=snapshot.figures,
        characteristics=snapshot.characteristics,
        margins=margins,
        population=population,
        trend=paygap_trend(organisation=organisation, published_only=published_only),
    )


@signed_in
def workforce_snapshot(request: HttpRequest, organisation_slug: str, day: str) -> HttpResponse:
    """A snapshot's figures for the administrators, with publish, population and delete."""
    organisation = _administered(request, organisation_slug)
    snapshot = staff_snapshot_get(organisation=organisation, snapshot=_day(day))
    if snapshot is None:
        raise Http404("No such snapshot")
    user = signed_in_user(request)
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step in ("publish", "unpublish"):
                staff_snapshot_publish(snapshot=snapshot, published=step == "publish", user=user)
                messages.success(
                    request,
                    "The figures are on the council's public pages."
                    if step == "publish"
                    else "The figures are no longer public.",
                )
            elif step == "profile":
                pk = request.POST.get("profile") or None
                staff_snapshot_profile_set(
                    snapshot=snapshot,
                    profile=_profile(organisation, int(pk) if pk and pk.isdigit() else None),
                    user=user,
                )
                messages.success(request, "The population is changed.")
            elif step == "delete":
                staff_snapshot_delete(snapshot=snapshot, user=user)
                messages.success(request, f"The staff figures for {day} are deleted.")
                return redirect("workforce", organisation.slug)
            else:
                raise WorkforceError("choose what to do")
        except WorkforceError as e:
            messages.error(request, sentence(str(e)))
        return redirect("workforce-snapshot", organisation.slug, day)
    return render(
        request,
        "workforce/snapshot.html",
        organisation_context(
            organisation,
            snapshot=snapshot,
            sections=sections_with_svg(_sections(organisation, snapshot, published_only=False)),
            profiles=profile_choices(organisation=organisation),
            public=False,
            formats=FORMATS,
        ),
    )


def _document(
    organisation: Organisation, snapshot: StaffSnapshot, file_format: str, *, published_only: bool
) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404("No such format")
    title = f"Pay gaps and workforce profile, {organisation.name}, {snapshot.snapshot:%-d %B %Y}"
    body = snapshot_document(
        _sections(organisation, snapshot, published_only=published_only),
        file_format=file_format,
        title=title,
        intro=[
            f"Staff at the snapshot date {snapshot.snapshot:%-d %B %Y}: {snapshot.employees} "
            "employees. Figures for fewer than 10 people are not shown."
        ],
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    filename = f"pay-gaps-{organisation.slug}-{snapshot.snapshot.isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@signed_in
def workforce_document(
    request: HttpRequest, organisation_slug: str, day: str, file_format: str
) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    snapshot = staff_snapshot_get(organisation=organisation, snapshot=_day(day))
    if snapshot is None:
        raise Http404("No such snapshot")
    return _document(organisation, snapshot, file_format, published_only=False)


def pay_gaps_public(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The council's published pay gaps, for everyone: each year's, and the trend."""
    organisation = organisation_get_public(slug=organisation_slug)
    snapshots = list(staff_snapshot_list(organisation=organisation, published_only=True))
    return render(
        request,
        "workforce/public_list.html",
        organisation_context(organisation, snapshots=snapshots),
    )


def _published(organisation_slug: str, day: str) -> tuple[Organisation, StaffSnapshot]:
    organisation = organisation_get_public(slug=organisation_slug)
    snapshot = staff_snapshot_get(
        organisation=organisation, snapshot=_day(day), published_only=True
    )
    if snapshot is None:
        raise Http404("No such snapshot")
    return organisation, snapshot


def pay_gaps_public_snapshot(
    request: HttpRequest, organisation_slug: str, day: str
) -> HttpResponse:
    organisation, snapshot = _published(organisation_slug, day)
    return render(
        request,
        "workforce/snapshot.html",
        organisation_context(
            organisation,
            snapshot=snapshot,
            sections=sections_with_svg(_sections(organisation, snapshot, published_only=True)),
            public=True,
            formats=FORMATS,
        ),
    )


def pay_gaps_public_document(
    request: HttpRequest, organisation_slug: str, day: str, file_format: str
) -> HttpResponse:
    organisation, snapshot = _published(organisation_slug, day)
    return _document(organisation, snapshot, file_format, published_only=True)
