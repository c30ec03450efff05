"""What officers see of a survey's responses, under /<council>/consultations/<pk>/survey/: who
has answered so far against the population (updating as answers arrive), the results
(unweighted while open, weighted with intervals once closed), the responses and results as
CSV and Excel, the questions on paper (Word and PDF), and a page to type in a paper
response. The council's members read the figures and the paper copy; the responses themselves
(residents' own words) and typing in are for those who manage consultations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from eqtrack.accounts.kept_forms import signed_in, signed_in_user
from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.consultations.models import Consultation
from eqtrack.consultations.selectors import consultation_get_for_member
from eqtrack.core.context import organisation_context
from eqtrack.reports.writers.spreadsheets import XLSX

from ..answers import OTHER, OTHER_LABEL, answer_field
from ..exports import responses_csv, responses_xlsx, results_csv, results_xlsx
from ..models import Question, Survey
from ..paper import paper_copy, questions_docx, questions_pdf, routing_words
from ..selectors.results import (
    question_numbers,
    submitted_count,
    survey_questions,
    survey_representativeness,
    survey_results,
)
from ..services.results import ResponseError, paper_response_enter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _survey(
    request: HttpRequest, organisation_slug: str, pk: int, *, manage: bool = False
) -> tuple[Consultation, Survey, bool]:
    """The consultation and its survey, for the council's members (others find nothing);
    with `manage`, only for those who manage consultations. Also whether this person may."""
    consultation = consultation_get_for_member(
        user=request.user, organisation_slug=organisation_slug, pk=pk
    )
    may_manage = can_manage_consultations(request.user, consultation.organisation_id)
    if manage and not may_manage:
        raise PermissionDenied("Only an administrator works with a consultation's responses.")
    survey = Survey.objects.filter(
        organisation=consultation.organisation, consultation=consultation
    ).first()
    if survey is None:
        raise Http404("This consultation has no survey")
    survey.consultation = consultation  # fetched already, with its profile and council
    return consultation, survey, may_manage


def _filename(consultation: Consultation, what: str, extension: str) -> str:
    return f"consultation-{consultation.pk}-{what}.{extension}"


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@signed_in
def survey_responses(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation, survey, may_manage = _survey(request, organisation_slug, pk)
    organisation = consultation.organisation
    found = survey_representativeness(organisation=organisation, survey=survey)
    return render(
        request,
        "surveys/results/responses.html",
        organisation_context(
            organisation,
            consultation=consultation,
            survey=survey,
            counts=submitted_count(organisation=organisation, survey=survey),
            found=found,
            threshold_percent=f"{found.threshold * 100:g}",
            may_manage=may_manage,
            tab="responses",
        ),
    )


@signed_in
def survey_results_view(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation, survey, may_manage = _survey(request, organisation_slug, pk)
    closed = survey.status == Survey.Status.CLOSED
    found = survey_results(organisation=consultation.organisation, survey=survey, weigh=closed)
    # One table a question, in the survey's order.
    questions: dict[str, list[dict[str, Any]]] = {}
    for row in found.results:
        questions.setdefault(row["question"], []).append(row)
    return render(
        request,
        "surveys/results/results.html",
        organisation_context(
            consultation.organisation,
            consultation=consultation,
            survey=survey,
            closed=closed,
            found=found,
            questions=list(questions.items()),
            diagnostics=found.diagnostics_dict()["lines"] if closed else [],
            may_manage=may_manage,
            tab="results",
        ),
    )


def _weights(found) -> Any:
    """Each response's weight, in the responses' files once the survey is closed and weighted."""
    return found.weights if found.weighted else None


@signed_in
def survey_responses_csv(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation, survey, _ = _survey(request, organisation_slug, pk, manage=True)
    closed = survey.status == Survey.Status.CLOSED
    found = survey_results(organisation=consultation.organisation, survey=survey, weigh=closed)
    return _download(
        responses_csv(found.frame, _weights(found)),
        "text/csv; charset=utf-8",
        _filename(consultation, "responses", "csv"),
    )


@signed_in
def survey_responses_xlsx(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation, survey, _ = _survey(request, organisation_slug, pk, manage=True)
    closed = survey.status == Survey.Status.CLOSED
    found = survey_results(organisation=consultation.organisation, survey=survey, weigh=closed)
    data = responses_xlsx(
        found.frame, title=f"{consultation.title}: responses", weights=_weights(found)
    )
    return _download(data, XLSX, _filename(consultation, "responses", "xlsx"))


@signed_in
def survey_results_csv(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation, survey, _ = _survey(request, organisation_slug, pk)
    closed = survey.status == Survey.Status.CLOSED
    found = survey_results(organisation=consultation.organisation, survey=survey, weigh=closed)
    return _download(
        results_csv(found.results),
        "text/csv; charset=utf-8",
        _filename(consultation, "results", "csv"),
    )


@signed_in
def survey_results_xlsx(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation, survey, _ = _survey(request, organisation_slug, pk)
    closed = survey.status == Survey.Status.CLOSED
    found = survey_results(organisation=consultation.organisation, survey=survey, weigh=closed)
    data = results_xlsx(found.results, title=f"{consultation.title}: results")
    return _download(data, XLSX, _filename(consultation, "results", "xlsx"))


def _copy(consultation: Consultation, survey: Survey):
    questions = survey_questions(organisation=consultation.organisation, survey=survey)
    return paper_copy(survey, questions)


@signed_in
def survey_questions_docx(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation, survey, _ = _survey(request, organisation_slug, pk)
    data = questions_docx(_copy(consultation, survey))
    return _download(data, DOCX, _filename(consultation, "questions", "docx"))


@signed_in
def survey_questions_pdf(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    consultation, survey, _ = _survey(request, organisation_slug, pk)
    data = questions_pdf(_copy(consultation, survey))
    return _download(data, "application/pdf", _filename(consultation, "questions", "pdf"))


def _posted(question: Question, data) -> Any:
    """What the form sent for one question, as answers.answer_clean takes it."""
    name = answer_field(question)
    other = data.get(answer_field(question, "other"), "")
    if question.kind == Question.Kind.SEVERAL_CHOICES:
        return {"value": data.getlist(name), "other": other}
    if question.kind == Question.Kind.DATE:
        return {
            part: data.get(answer_field(question, part), "") for part in ("day", "month", "year")
        }
    return {"value": data.get(name, ""), "other": other}


def _fields(questions: list[Question], data, errors: dict[str, str]) -> list[dict[str, Any]]:
    """Each question as the paper response page shows it, with what was typed and its error."""
    numbers = question_numbers(questions)
    out = []
    for question in questions:
        name = answer_field(question)
        options = [str(o) for o in question.options or []]
        if question.other_option:
            options.append(OTHER)
        parts = ("", "other", "day", "month", "year")
        error = next(
            (
                errors[answer_field(question, p)]
                for p in parts
                if answer_field(question, p) in errors
            ),
            "",
        )
        out.append(
            {
                "question": question,
                "number": numbers[question.pk],
                "name": name,
                "routing": routing_words(question, numbers),
                "options": [
                    {
                        "value": o,
                        "label": OTHER_LABEL if o == OTHER and question.other_option else o,
                        "id": name if i == 0 else f"{name}-{i}",
                    }
                    for i, o in enumerate(options)
                ],
                "value": data.get(name, "") if data else "",
                "values": data.getlist(name) if data else [],
                "other": data.get(answer_field(question, "other"), "") if data else "",
                "day": data.get(answer_field(question, "day"), "") if data else "",
                "month": data.get(answer_field(question, "month"), "") if data else "",
                "year": data.get(answer_field(question, "year"), "") if data else "",
                "error": error,
            }
        )
    return out


@signed_in
def survey_paper_new(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Type in a paper response: the whole survey on one page, numbered as the paper copy."""
    consultation, survey, _ = _survey(request, organisation_slug, pk, manage=True)
    organisation = consultation.organisation
    questions = survey_questions(organisation=organisation, survey=survey)
    errors: list[tuple[str, str]] = []
    data = request.POST if request.method == "POST" else None
    if data is not None:
        try:
            response = paper_response_enter(
                survey=survey,
                user=signed_in_user(request),
                answers={q.pk: _posted(q, data) for q in questions},
            )
        except ResponseError as e:
            errors = [(error.field, error.message) for error in e.errors]
        else:
            messages.success(
                request, f"Paper response {response.pk} kept. You can type in the next one."
            )
            return redirect("survey-paper-new", organisation.slug, consultation.pk)
    return render(
        request,
        "surveys/results/paper_new.html",
        organisation_context(
            organisation,
            consultation=consultation,
            survey=survey,
            open=survey.status == Survey.Status.OPEN,
            fields=_fields(questions, data, dict(errors)),
            errors=errors,
            back=reverse("survey-responses", args=[organisation.slug, consultation.pk]),
        ),
    )
