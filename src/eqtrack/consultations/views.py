"""Consultations and population profiles on the web: the council's list of consultations, the
journey that starts one (or changes one: new responses, another profile or mapping), a
consultation's page, and the council's population profiles. Thin views: the services decide
who may change what, and refuse bad files before anything is kept."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import can_manage_consultations, can_read_unpublished
from eqtrack.core.context import organisation_context
from eqtrack.core.files import max_bytes
from eqtrack.core.forms import add_service_error
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get_public
from eqtrack.plans.models import Action

from .census import AREAS
from .chart import representativeness_svg
from .forms import (
    AnswersForm,
    CensusProfileForm,
    ColumnsForm,
    DetailsForm,
    ProfileChoiceForm,
    ProfileSourceForm,
    ResponsesForm,
    SharesProfileForm,
)
from .mapping import answer_guess, answers_distinct
from .margins import responses_parse
from .models import Consultation, ConsultationDraft
from .page_forms import DocumentForm, FAQForm, PageForm, ResultsPageForm
from .page_selectors import (
    chart_choices,
    consultation_list_public,
    consultation_page_get,
    document_get,
    faq_get,
    group_shares,
    results_charts,
    survey_of,
)
from .page_services import (
    PAGE_FIELDS,
    PageError,
    consultation_page_change,
    consultation_page_create,
    consultation_profile_set,
    document_add,
    document_remove,
    faq_add,
    faq_change,
    faq_move,
    faq_remove,
    results_page_change,
    results_page_publish,
    results_page_unpublish,
)
from .selectors import (
    action_choices,
    consultation_get,
    consultation_get_for_member,
    consultation_list,
    draft_characteristics,
    draft_get,
    organisation_for_member,
    profile_get,
    profile_list,
    profile_table,
)
from .services import (
    draft_answers_set,
    draft_cancel,
    draft_columns_set,
    draft_details_set,
    draft_finish,
    draft_from_consultation,
    draft_missing,
    draft_profile_set,
    draft_responses_set,
    draft_start,
    draft_undecided,
    profile_archive,
    profile_create_from_census,
    profile_create_from_shares,
)
from .weighting import WeightingError

STEPS = ["details", "responses", "profile", "columns", "answers", "check"]


def _sentence(error: Exception) -> str:
    """A service's message as a sentence; one that starts with a file's name keeps it as is."""
    text = str(error)
    first = text.split(" ", 1)[0].rstrip(":")
    if "." in first:
        return text
    return text[:1].upper() + text[1:]


def _managed(request: HttpRequest, organisation_slug: str) -> Organisation:
    """The council, for those who may manage its consultations; its other members are
    refused, anyone else finds nothing."""
    organisation = organisation_for_member(user=request.user, organisation_slug=organisation_slug)
    if not can_manage_consultations(request.user, organisation.pk):
        raise PermissionDenied("Only an administrator changes consultations and profiles.")
    return organisation


@signed_in
def consultation_list_view(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = organisation_for_member(user=request.user, organisation_slug=organisation_slug)
    may_manage = can_manage_consultations(request.user, organisation.pk)
    drafts = (
        ConsultationDraft.objects.live()
        .filter(organisation=organisation, consultation__isnull=True)
        .only("pk", "title", "updated_at", "organisation_id")
        .order_by("-updated_at")
        if may_manage
        else []
    )
    return render(
        request,
        "consultations/consultation_list.html",
        organisation_context(
            organisation,
            # The list shows neither the files nor the results: they are left in the database.
            consultations=consultation_list(organisation=organisation)
            .defer("responses", "weighted", "mapping", "shares", "results")
            .order_by("-created_at"),
            drafts=drafts,
            may_manage=may_manage,
        ),
    )


@signed_in
def consultation_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation = consultation_get_for_member(
        user=request.user, organisation_slug=organisation_slug, pk=pk
    )
    organisation = consultation.organisation
    shares = group_shares(consultation)
    return render(
        request,
        "consultations/consultation_detail.html",
        organisation_context(
            organisation,
            consultation=consultation,
            shares=shares,
            # Every text in the chart is escaped as it is built.
            chart=mark_safe(representativeness_svg(shares)) if shares else "",  # noqa: S308
            documents=consultation.documents.defer("content").order_by("created_at", "pk"),
            faqs=list(consultation.faqs.order_by("position", "pk")),
            chart_labels=[
                dict(chart_choices(consultation)).get(key, key)
                for key in consultation.results_charts
            ],
            may_manage=can_manage_consultations(request.user, organisation.pk),
            versions=consultation.history.select_related("history_user").order_by("-history_date")[
                :20
            ],
        ),
    )


@signed_in
def consultation_weighted_csv(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    consultation = consultation_get_for_member(
        user=request.user, organisation_slug=organisation_slug, pk=pk
    )
    if not consultation.weighted:
        raise Http404("This consultation has no responses weighted yet")
    response = HttpResponse(bytes(consultation.weighted), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="weighted-{consultation.pk}.csv"'
    return response


@signed_in
def consultation_new(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The journey's first question: the title and the action it is evidence for."""
    organisation = _managed(request, organisation_slug)
    form = DetailsForm(form_data(request), actions=action_choices(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        try:
            draft = draft_start(
                organisation=organisation,
                user=signed_in_user(request),
                title=form.cleaned_data["title"],
                action=_action(organisation, form.cleaned_data["action"]),
            )
        except WeightingError as e:
            form.add_error(None, _sentence(e))
        else:
            return redirect("consultation-draft", organisation.slug, draft.pk, "responses")
    return render(
        request,
        "consultations/draft_details.html",
        organisation_context(organisation, form=form, draft=None, back=_list_url(organisation)),
    )


def _action(organisation: Organisation, pk: int | None):
    if pk is None:
        return None
    action = Action.objects.live().filter(organisation=organisation, pk=pk).first()
    if action is None:
        raise WeightingError("that action is not one of the council's")
    return action


def _list_url(organisation: Organisation) -> str:
    return reverse("consultation-list", args=[organisation.slug])


@signed_in
def consultation_change(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Change a consultation: its responses, profile or mapping (and title or action). The
    change is made in a draft, checked, and weighed again when saved."""
    organisation = _managed(request, organisation_slug)
    consultation = consultation_get_for_member(
        user=request.user, organisation_slug=organisation.slug, pk=pk
    )
    if request.method == "POST":
        try:
            draft = draft_from_consultation(consultation=consultation, user=signed_in_user(request))
        except WeightingError as e:
            messages.error(request, _sentence(e))
            return redirect("consultation-detail", organisation.slug, consultation.pk)
        step = request.POST.get("step", "check")
        return redirect(
            "consultation-draft", organisation.slug, draft.pk, step if step in STEPS else "check"
        )
    return render(
        request,
        "consultations/consultation_change.html",
        organisation_context(organisation, consultation=consultation),
    )


@signed_in
def consultation_draft(
    request: HttpRequest, organisation_slug: str, pk: int, step: str
) -> HttpResponse:
    """One page of the journey. Each page keeps its answers in the draft as soon as they are
    good, so the back button and a return later lose nothing; "?check=1" (from a Change link
    on the check page) brings the person back to the check page afterwards."""
    organisation = _managed(request, organisation_slug)
    if step not in STEPS:
        raise Http404("No such step")
    draft = draft_get(organisation=organisation, pk=pk)
    user = signed_in_user(request)
    back_to_check = bool(request.GET.get("check"))

    def onward(next_step: str) -> HttpResponse:
        target = "check" if back_to_check else next_step
        return redirect("consultation-draft", organisation.slug, draft.pk, target)

    # A page that needs an earlier answer sends the person to that question first.
    needs = {
        "columns": ["responses", "profile"],
        "answers": ["responses", "profile", "columns"],
    }
    missing = {s for s, _ in draft_missing(draft)}
    for earlier in needs.get(step, []):
        if earlier in missing:
            return redirect("consultation-draft", organisation.slug, draft.pk, earlier)

    context = organisation_context(
        organisation, draft=draft, step=step, back_to_check=back_to_check
    )
    if step == "details":
        form = DetailsForm(
            form_data(request),
            actions=action_choices(organisation=organisation),
            initial={"title": draft.title, "action": draft.action_id},
        )
        if request.method == "POST" and form.is_valid():
            try:
                draft_details_set(
                    draft=draft,
                    user=user,
                    title=form.cleaned_data["title"],
                    action=_action(organisation, form.cleaned_data["action"]),
                )
            except WeightingError as e:
                form.add_error(None, _sentence(e))
            else:
                return onward("responses")
        context.update(form=form, back=_back(draft, step, back_to_check))
        return render(request, "consultations/draft_details.html", context)

    if step == "responses":
        upload_form = ResponsesForm(
            form_data(request),
            request.FILES if request.method == "POST" else None,
            have_responses=bool(draft.responses_filename),
        )
        if request.method == "POST" and upload_form.is_valid():
            upload = upload_form.cleaned_data["upload"]
            if upload is None:
                return onward("profile")
            try:
                draft_responses_set(
                    draft=draft, user=user, filename=upload.name, data=upload.read()
                )
            except WeightingError as e:
                upload_form.add_error("upload", _sentence(e))
                draft.refresh_from_db()  # what the page shows is what is kept
            else:
                return onward("profile")
        context.update(form=upload_form, back=_back(draft, step, back_to_check))
        return render(request, "consultations/draft_responses.html", context)

    if step == "profile":
        profiles = list(profile_list(organisation=organisation))
        profile_form = ProfileChoiceForm(
            form_data(request), profiles=profiles, initial={"profile": draft.profile_id}
        )
        if request.method == "POST" and profile_form.is_valid():
            profile = next(p for p in profiles if p.pk == profile_form.cleaned_data["profile"])
            try:
                draft_profile_set(draft=draft, user=user, profile=profile)
            except WeightingError as e:
                profile_form.add_error("profile", _sentence(e))
            else:
                # A new profile needs its columns chosen: never straight back to the check.
                return redirect("consultation-draft", organisation.slug, draft.pk, "columns")
        context.update(form=profile_form, profiles=profiles, back=_back(draft, step, back_to_check))
        return render(request, "consultations/draft_profile.html", context)

    characteristics = draft_characteristics(draft=draft)
    if step == "columns":
        names = list(characteristics)
        initial = {"questions": draft.questions}
        for index, variable in enumerate(names):
            chosen = draft.mapping.get(variable, {}).get("column")
            initial[f"c{index}"] = chosen if chosen is not None else _column_guess(variable, draft)
        columns_form = ColumnsForm(
            form_data(request), characteristics=names, columns=draft.columns, initial=initial
        )
        if request.method == "POST" and columns_form.is_valid():
            try:
                draft_columns_set(
                    draft=draft,
                    user=user,
                    columns=columns_form.chosen(),
                    questions=columns_form.cleaned_data["questions"],
                )
            except WeightingError as e:
                columns_form.add_error(None, _sentence(e))
            else:
                # Changed columns have answers to say: the answers page, then the check.
                return redirect("consultation-draft", organisation.slug, draft.pk, "answers")
        context.update(form=columns_form, back=_back(draft, step, back_to_check))
        return render(request, "consultations/draft_columns.html", context)

    groups = _answer_groups(draft, characteristics)
    if step == "answers":
        answers_form = AnswersForm(form_data(request), groups=groups)
        if request.method == "POST" and answers_form.is_valid():
            try:
                draft_answers_set(draft=draft, user=user, answers=answers_form.chosen())
            except WeightingError as e:
                answers_form.add_error(None, _sentence(e))
            else:
                return redirect("consultation-draft", organisation.slug, draft.pk, "check")
        context.update(form=answers_form, back=_back(draft, step, back_to_check))
        return render(request, "consultations/draft_answers.html", context)

    # The check page: everything at once, each with a Change link; then save, or cancel.
    error = None
    if request.method == "POST" and request.POST.get("cancel"):
        draft_cancel(draft=draft, user=user)
        messages.info(request, "Cancelled. Nothing was saved.")
        if draft.consultation_id:
            return redirect("consultation-detail", organisation.slug, draft.consultation_id)
        return redirect("consultation-list", organisation.slug)
    if request.method == "POST":
        try:
            consultation = draft_finish(draft=draft, user=user)
        except WeightingError as e:
            error = _sentence(e)
        else:
            messages.success(
                request,
                f"“{consultation.title}” is saved, its {consultation.diagnostics['respondents']} "
                "responses weighted to the population.",
            )
            return redirect("consultation-detail", organisation.slug, consultation.pk)
    rows = []
    undecided = draft_undecided(draft)
    for group in groups:
        chosen = draft.mapping.get(group["variable"], {}).get("answers", {})
        excluded = [a for a, *_ in group["answers"] if chosen.get(a) == ""]
        rows.append({**group, "excluded": excluded, "undecided": undecided.get(group["variable"])})
    not_asked = [v for v in characteristics if not draft.mapping.get(v, {}).get("column")]
    still_to_do = draft_missing(draft)
    if undecided and not still_to_do:
        still_to_do.append(("answers", "Say what the answers not decided yet mean"))
    context.update(
        rows=rows,
        not_asked=not_asked,
        missing=still_to_do,
        error=error,
        back=_back(draft, step, back_to_check),
    )
    return render(request, "consultations/draft_check.html", context)


def _back(draft: ConsultationDraft, step: str, back_to_check: bool) -> str:
    """The back link: the page before, or the check page for a Change; from the first page,
    the consultation being changed or the list."""
    organisation = draft.organisation
    if back_to_check and step != "check":
        return reverse("consultation-draft", args=[organisation.slug, draft.pk, "check"])
    index = STEPS.index(step)
    if index == 0:
        if draft.consultation_id:
            return reverse("consultation-detail", args=[organisation.slug, draft.consultation_id])
        return _list_url(organisation)
    return reverse("consultation-draft", args=[organisation.slug, draft.pk, STEPS[index - 1]])


def _column_guess(variable: str, draft: ConsultationDraft) -> str:
    """A heading that names the characteristic ("Sex", "Ethnic group"), if there is one."""
    word = variable.split("(")[0].strip().lower()
    for column in draft.columns:
        if column.strip().lower() == word:
            return column
    for column in draft.columns:
        if word and word in column.lower():
            return column
    return ""


def _answer_groups(draft: ConsultationDraft, characteristics: dict[str, list[str]]) -> list[dict]:
    """Each mapped characteristic with its column's different answers and what each means so
    far: as the officer said, else the best guess (None when there is none)."""
    mapped = [(v, draft.mapping.get(v, {})) for v in characteristics]
    mapped = [(v, m) for v, m in mapped if m.get("column")]
    if not mapped or not draft.responses_filename:
        return []
    frame = responses_parse(bytes(draft.responses), source=draft.responses_filename)
    groups = []
    for variable, chosen in mapped:
        column, decided = chosen["column"], chosen.get("answers", {})
        if column not in frame.columns:
            continue
        answers = []
        for answer, count in answers_distinct(frame, column):
            if answer in decided:
                initial: str | None = decided[answer]
            else:
                initial = answer_guess(answer, characteristics[variable])
            answers.append((answer, count, initial))
        groups.append(
            {
                "variable": variable,
                "column": column,
                "categories": characteristics[variable],
                "answers": answers,
            }
        )
    return groups


@signed_in
def profile_list_view(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = organisation_for_member(user=request.user, organisation_slug=organisation_slug)
    return render(
        request,
        "consultations/profile_list.html",
        organisation_context(
            organisation,
            profiles=profile_list(organisation=organisation),
            may_manage=can_manage_consultations(request.user, organisation.pk),
        ),
    )


@signed_in
def profile_new(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _managed(request, organisation_slug)
    form = ProfileSourceForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        target = (
            "profile-new-census"
            if form.cleaned_data["source"] == "census"
            else "profile-new-upload"
        )
        return redirect(target, organisation.slug)
    return render(
        request, "consultations/profile_new.html", organisation_context(organisation, form=form)
    )


@signed_in
def profile_new_census(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _managed(request, organisation_slug)
    form = CensusProfileForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            profile = profile_create_from_census(
                organisation=organisation,
                user=signed_in_user(request),
                name=form.cleaned_data["name"],
                area_code=form.cleaned_data["area"],
                characteristics=form.cleaned_data["characteristics"],
            )
        except WeightingError as e:
            field = "name" if "name" in str(e) else "characteristics"
            form.add_error(field, _sentence(e))
        else:
            messages.success(request, f"The profile “{profile.name}” is added.")
            return redirect("profile-detail", organisation.slug, profile.pk)
    return render(
        request,
        "consultations/profile_census.html",
        organisation_context(organisation, form=form, areas=AREAS),
    )


@signed_in
def profile_new_upload(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _managed(request, organisation_slug)
    form = SharesProfileForm(
        form_data(request), request.FILES if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            profile = profile_create_from_shares(
                organisation=organisation,
                user=signed_in_user(request),
                name=form.cleaned_data["name"],
                filename=upload.name,
                data=upload.read(),
                area=form.cleaned_data["area"],
                source=form.cleaned_data["source"],
            )
        except WeightingError as e:
            field = "name" if "choose another name" in str(e) else "upload"
            form.add_error(field, _sentence(e))
        else:
            messages.success(request, f"The profile “{profile.name}” is added.")
            return redirect("profile-detail", organisation.slug, profile.pk)
    return render(
        request, "consultations/profile_upload.html", organisation_context(organisation, form=form)
    )


@signed_in
def profile_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_member(user=request.user, organisation_slug=organisation_slug)
    profile = profile_get(organisation=organisation, pk=pk)
    return render(
        request,
        "consultations/profile_detail.html",
        organisation_context(
            organisation,
            profile=profile,
            table=profile_table(profile=profile),
            may_manage=can_manage_consultations(request.user, organisation.pk),
        ),
    )


@signed_in
def profile_archive_view(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _managed(request, organisation_slug)
    profile = profile_get(organisation=organisation, pk=pk)
    if request.method == "POST":
        try:
            profile_archive(profile=profile, user=signed_in_user(request))
        except WeightingError as e:
            messages.error(request, _sentence(e))
            return redirect("profile-detail", organisation.slug, profile.pk)
        messages.success(request, f"The profile “{profile.name}” is archived.")
        return redirect("profile-list", organisation.slug)
    return render(
        request,
        "consultations/profile_archive.html",
        organisation_context(organisation, profile=profile),
    )


# The consultation's page: officers change it from the consultation's own page; residents read
# it at /<council>/have-your-say/. Those who manage consultations see a page before it is on the
# public list, marked as a preview; everyone else finds only the public ones.


def _managed_consultation(request: HttpRequest, organisation_slug: str, pk: int):
    organisation = _managed(request, organisation_slug)
    consultation = consultation_get(organisation=organisation, pk=pk)
    if consultation is None:
        raise Http404("No such consultation")
    return organisation, consultation


def _to_detail(consultation, anchor: str = "") -> HttpResponse:
    url = reverse("consultation-detail", args=[consultation.organisation.slug, consultation.pk])
    return redirect(url + (f"#{anchor}" if anchor else ""))


@signed_in
def consultation_page_new(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """Start a consultation with its page and no responses: they come from its survey, or are
    uploaded later."""
    organisation = _managed(request, organisation_slug)
    # A page starts with what an uploaded consultation starts with: its title and action.
    form = DetailsForm(form_data(request), actions=action_choices(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        try:
            consultation = consultation_page_create(
                organisation=organisation,
                user=signed_in_user(request),
                title=form.cleaned_data["title"],
                action=_action(organisation, form.cleaned_data["action"]),
            )
        except (PageError, WeightingError) as e:
            add_service_error(form, e)
        else:
            messages.success(request, f"“{consultation.title}” is started. Now write its page.")
            return redirect("consultation-page-change", organisation.slug, consultation.pk)
    return render(
        request,
        "consultations/page_new.html",
        organisation_context(organisation, form=form),
    )


@signed_in
def consultation_profile_view(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    """Choose the population a hosted consultation's answers are compared with."""
    organisation, consultation = _managed_consultation(request, organisation_slug, pk)
    profiles = list(profile_list(organisation=organisation))
    form = ProfileChoiceForm(
        form_data(request), profiles=profiles, initial={"profile": consultation.profile_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            consultation_profile_set(
                consultation=consultation,
                user=signed_in_user(request),
                profile=profile_get(organisation=organisation, pk=form.cleaned_data["profile"]),
            )
        except PageError as e:
            add_service_error(form, e)
        else:
            messages.success(request, "The population is chosen.")
            return _to_detail(consultation)
    return render(
        request,
        "consultations/consultation_profile.html",
        organisation_context(organisation, form=form, consultation=consultation, profiles=profiles),
    )


@signed_in
def consultation_page_change_view(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    organisation, consultation = _managed_consultation(request, organisation_slug, pk)
    form = PageForm(
        form_data(request),
        initial={name: getattr(consultation, name) for name in PAGE_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            consultation_page_change(
                consultation=consultation, user=signed_in_user(request), **form.cleaned_data
            )
        except PageError as e:
            add_service_error(form, e)
        else:
            messages.success(request, "The consultation's page is saved.")
            return _to_detail(consultation, "page")
    return render(
        request,
        "consultations/page_change.html",
        organisation_context(organisation, form=form, consultation=consultation),
    )


@signed_in
def consultation_document_add(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    organisation, consultation = _managed_consultation(request, organisation_slug, pk)
    form = DocumentForm(form_data(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        if upload is not None and upload.size > max_bytes():
            # Refused before it is read into memory.
            form.add_error(
                "upload",
                f"{upload.name}: is over the {max_bytes() / 1048576:.0f} MB limit",
            )
        else:
            try:
                document_add(
                    consultation=consultation,
                    user=signed_in_user(request),
                    title=form.cleaned_data["title"],
                    url=form.cleaned_data["url"],
                    filename=upload.name if upload is not None else "",
                    data=upload.read() if upload is not None else b"",
                )
            except PageError as e:
                add_service_error(form, e, as_sentence=not str(e).split(" ", 1)[0].endswith(":"))
            else:
                messages.success(request, "The document is added.")
                return _to_detail(consultation, "documents")
    return render(
        request,
        "consultations/document_add.html",
        organisation_context(organisation, form=form, consultation=consultation),
    )


@signed_in
def consultation_document_remove(
    request: HttpRequest, organisation_slug: str, pk: int, document_pk: int
) -> HttpResponse:
    organisation, consultation = _managed_consultation(request, organisation_slug, pk)
    document = document_get(organisation=organisation, consultation_pk=pk, pk=document_pk)
    if request.method == "POST":
        document_remove(document=document, user=signed_in_user(request))
        messages.success(request, f"“{document.title}” is removed.")
        return _to_detail(consultation, "documents")
    return render(
        request,
        "consultations/remove.html",
        organisation_context(
            organisation, consultation=consultation, what="document", name=document.title
        ),
    )


@signed_in
def consultation_faq_add(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation, consultation = _managed_consultation(request, organisation_slug, pk)
    form = FAQForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            faq_add(consultation=consultation, user=signed_in_user(request), **form.cleaned_data)
        except PageError as e:
            add_service_error(form, e)
        else:
            messages.success(request, "The question is added.")
            return _to_detail(consultation, "questions")
    return render(
        request,
        "consultations/faq_form.html",
        organisation_context(organisation, form=form, consultation=consultation, faq=None),
    )


@signed_in
def consultation_faq_change(
    request: HttpRequest, organisation_slug: str, pk: int, faq_pk: int
) -> HttpResponse:
    organisation, consultation = _managed_consultation(request, organisation_slug, pk)
    faq = faq_get(organisation=organisation, consultation_pk=pk, pk=faq_pk)
    form = FAQForm(form_data(request), initial={"question": faq.question, "answer": faq.answer})
    if request.method == "POST" and form.is_valid():
        try:
            faq_change(faq=faq, user=signed_in_user(request), **form.cleaned_data)
        except PageError as e:
            add_service_error(form, e)
        else:
            messages.success(request, "The question is saved.")
            return _to_detail(consultation, "questions")
    return render(
        request,
        "consultations/faq_form.html",
        organisation_context(organisation, form=form, consultation=consultation, faq=faq),
    )


@signed_in
def consultation_faq_remove(
    request: HttpRequest, organisation_slug: str, pk: int, faq_pk: int
) -> HttpResponse:
    organisation, consultation = _managed_consultation(request, organisation_slug, pk)
    faq = faq_get(organisation=organisation, consultation_pk=pk, pk=faq_pk)
    if request.method == "POST":
        faq_remove(faq=faq, user=signed_in_user(request))
        messages.success(request, "The question is removed.")
        return _to_detail(consultation, "questions")
    return render(
        request,
        "consultations/remove.html",
        organisation_context(
            organisation, consultation=consultation, what="question", name=faq.question
        ),
    )


@signed_in
def consultation_faq_move(
    request: HttpRequest, organisation_slug: str, pk: int, faq_pk: int
) -> HttpResponse:
    """Move a question up or down (buttons on the consultation's page; a POST only)."""
    organisation, consultation = _managed_consultation(request, organisation_slug, pk)
    faq = faq_get(organisation=organisation, consultation_pk=pk, pk=faq_pk)
    if request.method != "POST":
        return _to_detail(consultation, "questions")
    try:
        faq_move(faq=faq, user=signed_in_user(request), direction=request.POST.get("direction", ""))
    except PageError as e:
        messages.error(request, _sentence(e))
    return _to_detail(consultation, "questions")


@signed_in
def consultation_results_page(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    """Write the "we asked, you said, we did" page and choose its charts; then publish it (or
    take it down)."""
    organisation, consultation = _managed_consultation(request, organisation_slug, pk)
    user = signed_in_user(request)
    choices = chart_choices(consultation)
    form = ResultsPageForm(
        form_data(request),
        charts=choices,
        initial={
            "we_asked": consultation.we_asked,
            "you_said": consultation.you_said,
            "we_did": consultation.we_did,
            "charts": consultation.results_charts,
        },
    )
    if request.method == "POST" and request.POST.get("unpublish"):
        results_page_unpublish(consultation=consultation, user=user)
        messages.success(request, "The results page is taken down.")
        return _to_detail(consultation, "results")
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                results_page_change(
                    consultation=consultation,
                    user=user,
                    we_asked=form.cleaned_data["we_asked"],
                    you_said=form.cleaned_data["you_said"],
                    we_did=form.cleaned_data["we_did"],
                    charts=form.cleaned_data["charts"],
                )
                if request.POST.get("publish"):
                    results_page_publish(consultation=consultation, user=user)
        except PageError as e:
            consultation.refresh_from_db()
            add_service_error(form, e)
        else:
            published = request.POST.get("publish") or consultation.results_published_at
            messages.success(
                request,
                "The results page is published." if published else "The results page is saved.",
            )
            return _to_detail(consultation, "results")
    return render(
        request,
        "consultations/results_page_form.html",
        organisation_context(organisation, form=form, consultation=consultation),
    )


def _survey_url(organisation: Organisation, survey) -> str:  # type: ignore[no-untyped-def]
    """The address of a survey's first page (the surveys app's)."""
    return reverse("survey-start", args=[organisation.slug, survey.pk])


def _open_survey(consultation):  # type: ignore[no-untyped-def]
    survey = survey_of(consultation)
    return survey if survey is not None and survey.status == "open" else None


def have_your_say(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The council's public list of consultations: open ones first, then upcoming, then closed."""
    organisation = organisation_get_public(slug=organisation_slug)
    today = timezone.localdate()
    rows = []
    for consultation in consultation_list_public(organisation=organisation, today=today):
        survey = _open_survey(consultation)
        rows.append(
            {
                "consultation": consultation,
                "status": consultation.status_on(today),
                # Linked only while the consultation is open by its dates, as its page does.
                "survey_url": _survey_url(organisation, survey)
                if survey and consultation.status_on(today) == Consultation.Status.OPEN
                else "",
            }
        )
    groups = [
        (label, [r for r in rows if r["status"] == status])
        for status, label in (
            (Consultation.Status.OPEN, "Open consultations"),
            (Consultation.Status.UPCOMING, "Upcoming consultations"),
            (Consultation.Status.CLOSED, "Closed consultations"),
        )
    ]
    return render(
        request,
        "consultations/public_list.html",
        organisation_context(organisation, groups=groups, any=bool(rows)),
    )


def _public_page(request: HttpRequest, organisation_slug: str, pk: int, *, members: bool = False):  # type: ignore[no-untyped-def]
    """The council and its consultation, if public; if not, for those who manage consultations
    (a preview), and with `members`, for every member (the officers' page links its files)."""
    organisation = organisation_get_public(slug=organisation_slug)
    preview = can_manage_consultations(request.user, organisation.pk) or (
        members and can_read_unpublished(request.user, organisation.pk)
    )
    consultation = consultation_page_get(organisation=organisation, pk=pk, preview=preview)
    return organisation, consultation


def have_your_say_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation, consultation = _public_page(request, organisation_slug, pk)
    survey = _open_survey(consultation)
    status = consultation.status
    return render(
        request,
        "consultations/public_page.html",
        organisation_context(
            organisation,
            consultation=consultation,
            status=status,
            survey_url=_survey_url(organisation, survey)
            if survey and status == Consultation.Status.OPEN
            else "",
            paragraphs=[p for p in consultation.summary.split("\n\n") if p.strip()],
        ),
    )


def have_your_say_results(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """ "We asked, you said, we did", once published (before, a preview for officers)."""
    organisation, consultation = _public_page(request, organisation_slug, pk)
    preview = can_manage_consultations(request.user, organisation.pk)
    if consultation.results_published_at is None and not preview:
        raise Http404("The results are not published yet")
    charts = results_charts(consultation)
    for chart in charts:
        # Every text in the chart is escaped as it is built.
        chart["svg"] = mark_safe(chart["svg"])  # noqa: S308
    return render(
        request,
        "consultations/public_results.html",
        organisation_context(organisation, consultation=consultation, charts=charts),
    )


def have_your_say_document(
    request: HttpRequest, organisation_slug: str, pk: int, document_pk: int
) -> HttpResponse:
    """An uploaded document of a consultation's page, as the type its name says (checked
    when it was uploaded), never sniffed by the browser."""
    organisation, consultation = _public_page(request, organisation_slug, pk, members=True)
    document = document_get(organisation=organisation, consultation_pk=pk, pk=document_pk)
    if not document.filename:
        raise Http404("This document is a link, not a file")
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    inline = document.content_type in ("application/pdf", "image/png", "image/jpeg")
    response["Content-Disposition"] = (
        content_disposition_header(not inline, document.filename) or "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
