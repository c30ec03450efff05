"""The pages officers build a consultation's survey on, under
/<council>/consultations/<pk>/survey/: the survey page (its questions in order, with their
routing in words), starting a survey, its settings, adding, changing, removing and moving a
question, its routing, the standard monitoring questions, opening and closing it, and a
preview. Thin views: the services decide who may change what and refuse what would not do."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.consultations.models import Consultation
from eqtrack.consultations.monitoring import CURRENT_VERSION, monitoring_set
from eqtrack.consultations.selectors import organisation_for_member
from eqtrack.core.context import organisation_context
from eqtrack.core.forms import add_service_error, sentence

from ..forms.building import (
    MonitoringForm,
    QuestionForm,
    QuestionKindForm,
    RoutingAnswersForm,
    RoutingConditionForm,
    SurveySettingsForm,
)
from ..models import Question, Survey
from ..selectors.building import (
    consultation_get,
    monitoring_choices,
    question_get,
    question_lines,
    routing_conditions,
    submitted_count,
    survey_changes,
    survey_for_consultation,
    survey_get,
)
from ..services.building import (
    SurveyError,
    monitoring_set_add,
    question_add,
    question_change,
    question_delete,
    question_move,
    routing_set,
    survey_change,
    survey_close,
    survey_create,
    survey_open,
)

REFUSAL = "Only the council's administrators build and open surveys."
TEMPLATES = "surveys/building/"


def _consultation(request: HttpRequest, organisation_slug: str, pk: int) -> Consultation:
    """The consultation, for those who may manage the council's consultations: to outsiders it
    does not exist (404), its other members are refused (403)."""
    organisation = organisation_for_member(user=request.user, organisation_slug=organisation_slug)
    if not can_manage_consultations(request.user, organisation.pk):
        raise PermissionDenied(REFUSAL)
    return consultation_get(organisation=organisation, pk=pk)


def _survey(request: HttpRequest, organisation_slug: str, pk: int) -> Survey:
    consultation = _consultation(request, organisation_slug, pk)
    survey = survey_get(organisation=consultation.organisation, consultation=consultation)
    survey.consultation = consultation  # with its organisation, read already
    return survey


def _survey_url(survey: Survey, anchor: str = "") -> str:
    url = reverse(
        "building-survey", args=[survey.consultation.organisation.slug, survey.consultation_id]
    )
    return url + (f"#{anchor}" if anchor else "")


def _page_url(consultation: Consultation) -> str:
    return reverse("building-survey", args=[consultation.organisation.slug, consultation.pk])


def _render(request: HttpRequest, template: str, survey: Survey, **extra: object) -> HttpResponse:
    consultation = survey.consultation
    return render(
        request,
        TEMPLATES + template,
        organisation_context(
            consultation.organisation,
            consultation=consultation,
            survey=survey,
            survey_url=_page_url(consultation),
            **extra,
        ),
    )


def _yes(value: str) -> bool:
    return value == "yes"


@signed_in
def survey_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """The survey: its settings, its questions in order, and what can be done next."""
    consultation = _consultation(request, organisation_slug, pk)
    survey = survey_for_consultation(
        organisation=consultation.organisation, consultation=consultation
    )
    if survey is None:
        return redirect("building-start", consultation.organisation.slug, consultation.pk)
    survey.consultation = consultation
    return _survey_page(request, survey)


def _survey_page(
    request: HttpRequest, survey: Survey, *, error: str = "", error_anchor: str = ""
) -> HttpResponse:
    organisation = survey.consultation.organisation
    submitted = submitted_count(organisation=organisation, survey=survey)
    lines = question_lines(organisation=organisation, survey=survey)
    return _render(
        request,
        "survey.html",
        survey,
        lines=lines,
        submitted=submitted,
        locked=submitted > 0,
        # Offered while some standard monitoring question is not asked yet.
        monitoring_missing=bool(
            {q.key for q in monitoring_set(CURRENT_VERSION)}
            - {line.question.monitoring_key for line in lines}
        ),
        error=error,
        error_anchor=error_anchor,
        changes=survey_changes(organisation=organisation, survey=survey),
    )


@signed_in
def survey_start(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Start a survey for a consultation that has none: its settings first."""
    consultation = _consultation(request, organisation_slug, pk)
    organisation = consultation.organisation
    if survey_for_consultation(organisation=organisation, consultation=consultation):
        return redirect("building-survey", organisation.slug, consultation.pk)
    form = SurveySettingsForm(
        form_data(request),
        initial={"one_question_a_page": "yes", "identity": Survey.Identity.ANONYMOUS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey_create(
                consultation=consultation,
                user=signed_in_user(request),
                introduction=form.cleaned_data["introduction"],
                one_question_a_page=_yes(form.cleaned_data["one_question_a_page"]),
                identity=form.cleaned_data["identity"],
            )
        except SurveyError as e:
            add_service_error(form, e)
        else:
            messages.success(request, "The survey is started. Add its questions.")
            return redirect("building-survey", organisation.slug, consultation.pk)
    return render(
        request,
        TEMPLATES + "start.html",
        organisation_context(organisation, consultation=consultation, form=form),
    )


@signed_in
def survey_settings(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    survey = _survey(request, organisation_slug, pk)
    form = SurveySettingsForm(
        form_data(request),
        initial={
            "introduction": survey.introduction,
            "one_question_a_page": "yes" if survey.one_question_a_page else "no",
            "identity": survey.identity,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey_change(
                survey=survey,
                user=signed_in_user(request),
                introduction=form.cleaned_data["introduction"],
                one_question_a_page=_yes(form.cleaned_data["one_question_a_page"]),
                identity=form.cleaned_data["identity"],
            )
        except SurveyError as e:
            add_service_error(form, e)
        else:
            messages.success(request, "The survey's settings are saved.")
            return redirect(_survey_url(survey))
    return _render(request, "settings.html", survey, form=form)


@signed_in
def question_new(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Adding a question, first page: its kind."""
    survey = _survey(request, organisation_slug, pk)
    form = QuestionKindForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        return redirect(
            "building-question-new-details",
            survey.consultation.organisation.slug,
            survey.consultation_id,
            form.cleaned_data["kind"],
        )
    return _render(request, "question_kind.html", survey, form=form)


def _last_page(survey: Survey) -> int:
    last = survey.questions.order_by("-position", "-pk").only("page").first()
    return last.page if last else 1


@signed_in
def question_new_details(
    request: HttpRequest, organisation_slug: str, pk: int, kind: str
) -> HttpResponse:
    """Adding a question, second page: its wording, answers and whether it must be answered."""
    survey = _survey(request, organisation_slug, pk)
    if kind not in Question.Kind.values:
        raise Http404("No such kind of question")
    grouped = not survey.one_question_a_page
    form = QuestionForm(
        form_data(request),
        kind=kind,
        grouped=grouped,
        initial={"required": "no", "page": _last_page(survey)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = question_add(
                survey=survey,
                user=signed_in_user(request),
                kind=kind,
                text=data["text"],
                hint=data["hint"],
                required=_yes(data["required"]),
                options=form.option_lines() or (),
                other_option=data.get("other_option", False),
                page=data.get("page"),
            )
        except SurveyError as e:
            add_service_error(form, e)
        else:
            messages.success(request, f"The question “{question.text}” is added.")
            return redirect(_survey_url(survey, f"q-{question.pk}"))
    return _render(
        request,
        "question_details.html",
        survey,
        form=form,
        kind_label=Question.Kind(kind).label,
        question=None,
        back=reverse("building-question-new", args=[organisation_slug, survey.consultation_id]),
    )


@signed_in
def question_edit(
    request: HttpRequest, organisation_slug: str, pk: int, question_pk: int
) -> HttpResponse:
    survey = _survey(request, organisation_slug, pk)
    question = question_get(
        organisation=survey.consultation.organisation, survey=survey, pk=question_pk
    )
    form = QuestionForm(
        form_data(request),
        kind=question.kind,
        grouped=not survey.one_question_a_page,
        monitoring=bool(question.monitoring_key),
        initial={
            "text": question.text,
            "hint": question.hint,
            "options": "\n".join(question.options),
            "other_option": question.other_option,
            "required": "yes" if question.required else "no",
            "page": question.page,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = question_change(
                question=question,
                user=signed_in_user(request),
                text=data.get("text"),
                hint=data.get("hint"),
                required=_yes(data["required"]),
                options=form.option_lines(),
                other_option=data.get("other_option") if "other_option" in form.fields else None,
                page=data.get("page"),
            )
        except SurveyError as e:
            add_service_error(form, e)
        else:
            messages.success(request, f"The question “{question.text}” is saved.")
            return redirect(_survey_url(survey, f"q-{question.pk}"))
    return _render(
        request,
        "question_details.html",
        survey,
        form=form,
        kind_label=question.get_kind_display(),
        question=question,
        back=_survey_url(survey, f"q-{question.pk}"),
    )


@signed_in
def question_remove(
    request: HttpRequest, organisation_slug: str, pk: int, question_pk: int
) -> HttpResponse:
    survey = _survey(request, organisation_slug, pk)
    question = question_get(
        organisation=survey.consultation.organisation, survey=survey, pk=question_pk
    )
    error = ""
    if request.method == "POST":
        try:
            question_delete(question=question, user=signed_in_user(request))
        except SurveyError as e:
            error = sentence(str(e))
        else:
            messages.success(request, f"The question “{question.text}” is removed.")
            return redirect(_survey_url(survey))
    return _render(request, "question_delete.html", survey, question=question, error=error)


@signed_in
@require_POST
def question_move_view(
    request: HttpRequest, organisation_slug: str, pk: int, question_pk: int
) -> HttpResponse:
    """Move a question up or down (buttons on the survey page, so no JavaScript is needed)."""
    survey = _survey(request, organisation_slug, pk)
    question = question_get(
        organisation=survey.consultation.organisation, survey=survey, pk=question_pk
    )
    try:
        question_move(
            question=question,
            user=signed_in_user(request),
            direction=request.POST.get("direction", ""),
        )
    except SurveyError as e:
        return _survey_page(
            request, survey, error=sentence(str(e)), error_anchor=f"q-{question.pk}"
        )
    return redirect(_survey_url(survey, f"q-{question.pk}"))


@signed_in
def routing_condition(
    request: HttpRequest, organisation_slug: str, pk: int, question_pk: int
) -> HttpResponse:
    """Routing, first page: always ask the question, or only for some answers to which
    earlier question."""
    survey = _survey(request, organisation_slug, pk)
    organisation = survey.consultation.organisation
    question = question_get(organisation=organisation, survey=survey, pk=question_pk)
    conditions = routing_conditions(organisation=organisation, survey=survey, question=question)
    form = RoutingConditionForm(
        form_data(request),
        conditions=conditions,
        initial={"condition": question.show_if_question_id or 0},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["condition"]
        if chosen:
            return redirect(
                "building-routing-answers",
                organisation.slug,
                survey.consultation_id,
                question.pk,
                chosen,
            )
        try:
            routing_set(question=question, user=signed_in_user(request), condition=None)
        except SurveyError as e:
            add_service_error(form, e)
        else:
            messages.success(request, f"“{question.text}” is always asked.")
            return redirect(_survey_url(survey, f"q-{question.pk}"))
    return _render(
        request,
        "routing_condition.html",
        survey,
        form=form,
        question=question,
        conditions=conditions,
    )


@signed_in
def routing_answers(
    request: HttpRequest, organisation_slug: str, pk: int, question_pk: int, condition_pk: int
) -> HttpResponse:
    """Routing, second page: which answers to the earlier question lead to this one."""
    survey = _survey(request, organisation_slug, pk)
    organisation = survey.consultation.organisation
    question = question_get(organisation=organisation, survey=survey, pk=question_pk)
    conditions = routing_conditions(organisation=organisation, survey=survey, question=question)
    found = [(number, c) for number, c in conditions if c.pk == condition_pk]
    if not found:
        raise Http404("That question cannot decide whether this one is asked")
    number, condition = found[0]
    form = RoutingAnswersForm(
        form_data(request),
        options=condition.options,
        label=f"Which answers to {number} lead to this question?",
        initial={
            "answers": question.show_if_answers
            if question.show_if_question_id == condition.pk
            else []
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            routing_set(
                question=question,
                user=signed_in_user(request),
                condition=condition,
                answers=form.cleaned_data["answers"],
            )
        except SurveyError as e:
            add_service_error(form, e)
        else:
            messages.success(
                request, f"“{question.text}” is asked only for some answers to {number}."
            )
            return redirect(_survey_url(survey, f"q-{question.pk}"))
    return _render(
        request,
        "routing_answers.html",
        survey,
        form=form,
        question=question,
        condition=condition,
        number=number,
        back=reverse(
            "building-routing", args=[organisation.slug, survey.consultation_id, question.pk]
        ),
    )


@signed_in
def monitoring_add(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Add the standard equality monitoring questions: all ticked to start with."""
    survey = _survey(request, organisation_slug, pk)
    missing, asked = monitoring_choices(
        organisation=survey.consultation.organisation, survey=survey
    )
    form = MonitoringForm(form_data(request), choices=[(q.key, q.text) for q in missing])
    if request.method == "POST" and form.is_valid():
        try:
            added = monitoring_set_add(
                survey=survey, user=signed_in_user(request), keys=form.cleaned_data["keys"]
            )
        except SurveyError as e:
            add_service_error(form, e)
        else:
            messages.success(
                request,
                f"{len(added)} monitoring question{'' if len(added) == 1 else 's'} added.",
            )
            return redirect(_survey_url(survey))
    return _render(request, "monitoring.html", survey, form=form, missing=missing, asked=asked)


def _open_close(
    request: HttpRequest, organisation_slug: str, pk: int, *, opening: bool
) -> HttpResponse:
    survey = _survey(request, organisation_slug, pk)
    error = ""
    if request.method == "POST":
        try:
            if opening:
                survey_open(survey=survey, user=signed_in_user(request))
            else:
                survey_close(survey=survey, user=signed_in_user(request))
        except SurveyError as e:
            error = sentence(str(e))
        else:
            messages.success(
                request, "The survey is open for answers." if opening else "The survey is closed."
            )
            return redirect(_survey_url(survey))
    organisation = survey.consultation.organisation
    return _render(
        request,
        "open.html" if opening else "close.html",
        survey,
        error=error,
        questions=len(question_lines(organisation=organisation, survey=survey)),
        submitted=submitted_count(organisation=organisation, survey=survey),
    )


@signed_in
def survey_open_view(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    return _open_close(request, organisation_slug, pk, opening=True)


@signed_in
def survey_close_view(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    return _open_close(request, organisation_slug, pk, opening=False)


@signed_in
def survey_preview(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """The questions as residents will see them, page by page; nothing can be sent."""
    survey = _survey(request, organisation_slug, pk)
    lines = question_lines(organisation=survey.consultation.organisation, survey=survey)
    if survey.one_question_a_page:
        pages = [[line] for line in lines]
    else:
        pages = [
            list(group)
            for _, group in groupby(
                sorted(lines, key=lambda line: (line.question.page, line.question.position)),
                key=lambda line: line.question.page,
            )
        ]
    return _render(request, "preview.html", survey, pages=pages)
