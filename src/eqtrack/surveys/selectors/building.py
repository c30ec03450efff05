"""Reads for officers building a survey: a consultation's survey, its questions in order with
their numbers and routing in words, one question, and what may be asked about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404

from eqtrack.consultations.models import Consultation
from eqtrack.consultations.monitoring import CURRENT_VERSION, MonitoringQuestion, monitoring_set
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation

from ..models import Question, Survey

CHOICE_KINDS = (Question.Kind.ONE_CHOICE, Question.Kind.SEVERAL_CHOICES)


@dataclass(frozen=True)
class QuestionLine:
    """A question as the survey page lists it: its number ("Q3") and when it is asked."""

    number: str
    question: Question
    routing: str  # "" when always asked
    first: bool
    last: bool


def consultation_get(*, organisation: Organisation, pk: int) -> Consultation:
    """A live consultation of the council, without its uploaded files and results (a hosted
    survey's pages have no use for them, and they can be large)."""
    consultation = (
        Consultation.objects.filter(organisation=organisation, pk=pk, archived_at__isnull=True)
        .defer("responses", "weighted", "mapping", "diagnostics", "shares", "results")
        .first()
    )
    if consultation is None:
        raise Http404("No such consultation")
    consultation.organisation = organisation  # read already
    return consultation


def survey_for_consultation(
    *, organisation: Organisation, consultation: Consultation
) -> Survey | None:
    """The consultation's survey, or None when it has none yet."""
    return Survey.objects.filter(organisation=organisation, consultation=consultation).first()


def survey_get(*, organisation: Organisation, consultation: Consultation) -> Survey:
    survey = survey_for_consultation(organisation=organisation, consultation=consultation)
    if survey is None:
        raise Http404("This consultation has no survey")
    return survey


def submitted_count(*, organisation: Organisation, survey: Survey) -> int:
    return survey.responses.filter(organisation=organisation, submitted_at__isnull=False).count()


def question_list(*, organisation: Organisation, survey: Survey) -> list[Question]:
    """The survey's questions in the order they are asked."""
    return list(
        Question.objects.filter(organisation=organisation, survey=survey).order_by("position", "pk")
    )


def _answers_words(answers: list[str]) -> str:
    quoted = [f"“{a}”" for a in answers]
    if not quoted:
        return "answered"
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def routing_words(condition_number: str, condition: Question, answers: list[str]) -> str:
    """When a question is asked, in words: "Asked only if Q2 is “Yes”" (one choice), or "…if
    Q2's answers include “Bus” or “Train”" (several choices)."""
    if condition.kind == Question.Kind.SEVERAL_CHOICES:
        return f"Asked only if {condition_number}'s answers include {_answers_words(answers)}"
    return f"Asked only if {condition_number} is {_answers_words(answers)}"


def question_lines(*, organisation: Organisation, survey: Survey) -> list[QuestionLine]:
    """The survey's questions in order, numbered, each with its routing in words (one query)."""
    questions = question_list(organisation=organisation, survey=survey)
    numbers = {q.pk: f"Q{i}" for i, q in enumerate(questions, start=1)}
    by_pk = {q.pk: q for q in questions}
    lines = []
    for index, question in enumerate(questions):
        condition = by_pk.get(question.show_if_question_id or 0)
        routing = (
            routing_words(numbers[condition.pk], condition, question.show_if_answers)
            if condition is not None
            else ""
        )
        lines.append(
            QuestionLine(
                number=numbers[question.pk],
                question=question,
                routing=routing,
                first=index == 0,
                last=index == len(questions) - 1,
            )
        )
    return lines


def question_get(*, organisation: Organisation, survey: Survey, pk: int) -> Question:
    question = (
        Question.objects.filter(organisation=organisation, survey=survey, pk=pk)
        .select_related("survey")
        .first()
    )
    if question is None:
        raise Http404("No such question")
    return question


def routing_conditions(
    *, organisation: Organisation, survey: Survey, question: Question
) -> list[tuple[str, Question]]:
    """The questions `question` may depend on, numbered: the one-choice and several-choices
    questions before it (grouped by page: on an earlier page)."""
    questions = question_list(organisation=organisation, survey=survey)
    out = []
    for index, q in enumerate(questions, start=1):
        if q.pk == question.pk:
            break
        if q.kind in CHOICE_KINDS and (survey.one_question_a_page or q.page < question.page):
            out.append((f"Q{index}", q))
    return out


def monitoring_choices(
    *, organisation: Organisation, survey: Survey
) -> tuple[list[MonitoringQuestion], list[MonitoringQuestion]]:
    """The standard monitoring questions the survey does not ask yet, and those it does."""
    asked = set(
        Question.objects.filter(organisation=organisation, survey=survey)
        .exclude(monitoring_key="")
        .values_list("monitoring_key", flat=True)
    )
    standard = monitoring_set(CURRENT_VERSION)
    return [q for q in standard if q.key not in asked], [q for q in standard if q.key in asked]


@dataclass(frozen=True)
class Change:
    when: datetime
    what: str
    who: User | None


def survey_changes(*, organisation: Organisation, survey: Survey, limit: int = 20) -> list[Change]:
    """The latest changes to the survey and its questions, newest first, with who made them
    (two queries, however many questions)."""
    survey_versions = (
        Survey.history.filter(id=survey.pk, organisation=organisation)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    question_versions = (
        Question.history.filter(survey_id=survey.pk, organisation=organisation)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    changes = [
        Change(v.history_date, v.history_change_reason or "changed", v.history_user)
        for v in survey_versions
    ] + [
        Change(
            v.history_date,
            f"{v.history_change_reason or 'changed'}: “{v.text}”",
            v.history_user,
        )
        for v in question_versions
    ]
    return sorted(changes, key=lambda c: c.when, reverse=True)[:limit]
