"""Writes about a survey's results: its weighted results kept on the consultation when it
closes (so the consultation's page and the reports show them as for uploaded responses), and
a paper response typed in by an officer, checked as an online answer is."""

from __future__ import annotations

import io
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.core.cells import frame_escape
from eqtrack.core.history import change_record
from eqtrack.core.types import User

from ..answers import AnswerError, CleanAnswer, answer_clean, answer_field, question_asked
from ..models import Answer, Question, Response, Survey
from ..selectors.results import WEIGHT, question_numbers, survey_questions, survey_results


class ResponseError(ValueError):
    """A paper response that cannot be kept: every answer's problem, in the survey's order."""

    def __init__(self, errors: list[AnswerError]) -> None:
        super().__init__(errors[0].message if errors else "the response cannot be kept")
        self.errors = errors


def _may_manage(user: User, organisation_id: int) -> None:
    if not can_manage_consultations(user, organisation_id):
        raise PermissionDenied("Only an administrator works with a consultation's responses.")


@transaction.atomic
def survey_results_store(*, survey: Survey, user: User | None) -> dict[str, Any]:
    """Weigh the survey's responses to the consultation's profile and keep what was found on
    the consultation, in the fields an uploaded consultation's weighting fills: its results,
    representativeness (shares), diagnostics, the questions reported, and the responses as
    CSV with and without their weights. Called when the survey closes; a survey that cannot be
    weighted keeps unweighted shares and diagnostics saying why. With a `user` (the web), they
    must be allowed to manage consultations. Returns the fields kept."""
    if user is not None:
        _may_manage(user, survey.organisation_id)
    consultation = survey.consultation
    organisation = consultation.organisation
    found = survey_results(organisation=organisation, survey=survey, weigh=True)
    frame = found.frame
    plain = io.StringIO()
    frame.reset_index().to_csv(plain, index=False)
    weighted = io.StringIO()
    # Answers are residents' words: escaped so the download holds no formulas.
    frame_escape(frame.assign(**{WEIGHT: found.weights}).reset_index()).to_csv(
        weighted, index=False
    )
    fields: dict[str, Any] = {
        "results": found.results,
        "shares": found.shares_list(),
        "diagnostics": found.diagnostics_dict(),
        # The reported questions that are columns of the responses kept (a several-choice
        # question is a column an option), so that weighing them again by the consultation's
        # own journey finds each one.
        "questions": [
            q for q in dict.fromkeys(r["question"] for r in found.results) if q in frame.columns
        ],
        "responses_filename": f"survey-{survey.pk}-responses.csv",
        "responses": plain.getvalue().encode("utf-8"),
        "weighted": weighted.getvalue().encode("utf-8"),
    }
    for name, value in fields.items():
        setattr(consultation, name, value)
    change_record(
        consultation,
        user=user,
        reason=f"survey results kept: {found.responses} responses"
        + (", weighted" if found.weighted else ", not weighted"),
    )
    consultation.save()
    return fields


def _routing_words(question: Question, numbers: dict[int, int]) -> str:
    wanted = " or ".join(f"“{a}”" for a in question.show_if_answers or [])
    return f"question {numbers.get(question.show_if_question_id or 0, '?')} was answered {wanted}"


@transaction.atomic
def paper_response_enter(*, survey: Survey, user: User, answers: Mapping[int, Any]) -> Response:
    """Keep a response from a paper copy, typed in by an officer: `answers` maps a question's
    pk to what the form sent for it (see answers.answer_clean). Each answer is checked as an
    online one is; a required question may be blank (the paper may come back so), but an
    answer to a question the respondent's route skips is refused, as online it is never
    asked. Any problem raises ResponseError naming every field, and nothing is stored."""
    _may_manage(user, survey.organisation_id)
    if survey.status != Survey.Status.OPEN:
        raise ResponseError(
            [
                AnswerError(
                    "",
                    "Paper responses are typed in while the survey is open; this one is "
                    f"{survey.get_status_display().lower()}",
                )
            ]
        )
    organisation = survey.consultation.organisation
    questions = survey_questions(organisation=organisation, survey=survey)
    known = {q.pk for q in questions}
    unknown = [pk for pk in answers if pk not in known]
    if unknown:
        raise ResponseError([AnswerError("", "That answer is to a question of another survey")])
    numbers = question_numbers(questions)
    errors: list[AnswerError] = []
    cleaned: dict[int, CleanAnswer] = {}
    values: dict[int, list[str]] = {}
    earlier: set[int] = set()
    for question in questions:
        asked = question_asked(question, values, earlier)
        earlier.add(question.pk)
        try:
            answer = answer_clean(question, answers.get(question.pk))
        except AnswerError as e:
            errors.append(AnswerError(e.field, f"Question {numbers[question.pk]}: {e.message}"))
            continue
        if answer.blank:
            continue
        if not asked:
            errors.append(
                AnswerError(
                    answer_field(question),
                    f"Question {numbers[question.pk]}: leave it blank, as it is asked only "
                    f"when {_routing_words(question, numbers)}",
                )
            )
            continue
        cleaned[question.pk] = answer
        values[question.pk] = answer.values()
    if not errors and not cleaned:
        first = answer_field(questions[0]) if questions else ""
        errors.append(AnswerError(first, "Type in at least one answer"))
    if errors:
        raise ResponseError(errors)
    now = timezone.now()
    response = Response.objects.create(
        organisation=organisation,
        survey=survey,
        token=secrets.token_urlsafe(32),
        source=Response.Source.PAPER,
        entered_by=user,
        submitted_at=now,
    )
    Answer.objects.bulk_create(
        Answer(
            organisation=organisation,
            response=response,
            question_id=pk,
            text=answer.text,
            choices=answer.choices,
            other=answer.other,
        )
        for pk, answer in cleaned.items()
    )
    return response
