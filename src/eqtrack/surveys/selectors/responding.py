"""Reads for residents answering a survey: the survey's public page, its questions in pages,
a response's answers, and the routing rule (which questions a response is asked, given its
answers so far), kept here in one place for the pages, the checks and the submission."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.http import Http404

from eqtrack.organisations.models import Organisation

from ..models import Answer, Question, Response, Survey

# The answer stored for "Other, please say": in `text` (one choice) or among `choices` (several
# choices), with the person's own words in Answer.other. Routing may name it like any option.
OTHER = "Other"


def survey_get_public(*, organisation: Organisation, pk: int) -> Survey:
    """The survey of a public page, in any state (the page says when it is not open); its
    consultation with it, for the title."""
    survey = (
        Survey.objects.select_related("consultation")
        .filter(organisation=organisation, pk=pk, consultation__archived_at__isnull=True)
        .first()
    )
    if survey is None:
        raise Http404("No such survey")
    return survey


def survey_questions(*, organisation: Organisation, survey: Survey) -> list[Question]:
    return list(Question.objects.filter(organisation=organisation, survey=survey))


def survey_pages(*, survey: Survey, questions: Iterable[Question]) -> list[list[Question]]:
    """The survey's pages, in order: one question each, or the questions grouped by their page
    number. Routing may skip a page: see `pages_asked`."""
    ordered = list(questions)
    if survey.one_question_a_page:
        return [[q] for q in ordered]
    pages: dict[int, list[Question]] = {}
    for question in ordered:
        pages.setdefault(question.page, []).append(question)
    return [pages[number] for number in sorted(pages)]


def answered(answer: Answer | None) -> bool:
    return answer is not None and bool(answer.text or answer.choices or answer.other)


def _matches(answer: Answer | None, wanted: Iterable[str]) -> bool:
    if answer is None or not answered(answer):
        return False
    given = {answer.text, *answer.choices} - {""}
    return bool(given & set(wanted))


def questions_asked(
    *, questions: Iterable[Question], answers: Mapping[int, Answer]
) -> list[Question]:
    """The routing rule, the only one: a question is asked unless it depends on an earlier
    question (show_if_question) that was itself asked and answered with one of show_if_answers.
    A question whose earlier question was skipped is skipped too. `answers` maps question ids
    to the answers so far (saved, or about to be saved)."""
    asked: list[Question] = []
    asked_ids: set[int] = set()
    seen: set[int] = set()
    for question in questions:
        seen.add(question.pk)
        controller = question.show_if_question_id
        if controller is None or controller not in seen:
            # No routing, or routing on a later or removed question, which cannot be honoured:
            # asking is safer than silently skipping.
            keep = True
        else:
            keep = controller in asked_ids and _matches(
                answers.get(controller), question.show_if_answers
            )
        if keep:
            asked.append(question)
            asked_ids.add(question.pk)
    return asked


def response_get_by_token(*, organisation: Organisation, token: str) -> Response | None:
    return (
        Response.objects.select_related("survey__consultation")
        .filter(organisation=organisation, token=token, source=Response.Source.ONLINE)
        .first()
    )


def response_answers(*, organisation: Organisation, response: Response) -> dict[int, Answer]:
    """The response's answers by question id."""
    return {
        a.question_id: a
        for a in Answer.objects.filter(organisation=organisation, response=response)
    }


@dataclass
class Progress:
    """Where a response stands: its survey's pages, the questions routing asks, its answers."""

    pages: list[list[Question]]
    asked: list[Question]
    answers: dict[int, Answer]

    def page_asked(self, number: int) -> list[Question]:
        """The questions of page `number` (from 1) that routing asks; [] for a skipped page."""
        ids = {q.pk for q in self.asked}
        return [q for q in self.pages[number - 1] if q.pk in ids]

    def page_shown(self, number: int) -> list[Question]:
        """The questions page `number` shows: those asked, and on a grouped page also those
        that depend on a question shown on the same page (without JavaScript the page cannot
        know the answer before it is sent; the answer decides whether they are kept)."""
        ids = {q.pk for q in self.asked}
        shown: list[Question] = []
        for question in self.pages[number - 1]:
            controller = question.show_if_question_id
            if question.pk in ids or any(q.pk == controller for q in shown):
                shown.append(question)
        return shown

    def page_of(self, question: Question) -> int:
        return next(n for n, page in enumerate(self.pages, start=1) if question in page)

    def next_page(self, after: int) -> int | None:
        """The first page after `after` that asks anything, or None when there is none."""
        for number in range(after + 1, len(self.pages) + 1):
            if self.page_asked(number):
                return number
        return None

    def previous_page(self, before: int) -> int | None:
        for number in range(before - 1, 0, -1):
            if self.page_asked(number):
                return number
        return None

    def first_unanswered_page(self, after: int = 0) -> int | None:
        """The first page after `after` with a question asked and not yet answered."""
        for number in range(after + 1, len(self.pages) + 1):
            if any(not answered(self.answers.get(q.pk)) for q in self.page_asked(number)):
                return number
        return None

    def missing(self) -> list[Question]:
        """The required questions routing asks that have no answer."""
        return [q for q in self.asked if q.required and not answered(self.answers.get(q.pk))]


def response_progress(
    *,
    organisation: Organisation,
    response: Response,
    questions: list[Question] | None = None,
) -> Progress:
    survey = response.survey
    if questions is None:
        questions = survey_questions(organisation=organisation, survey=survey)
    answers = response_answers(organisation=organisation, response=response)
    return Progress(
        pages=survey_pages(survey=survey, questions=questions),
        asked=questions_asked(questions=questions, answers=answers),
        answers=answers,
    )


def minutes_to_answer(*, questions: list[Question]) -> int:
    """A fair guess at how long the survey takes: half a minute a question, two minutes for
    each free-text question, at least one minute."""
    seconds = sum(120 if q.kind == Question.Kind.FREE_TEXT else 30 for q in questions)
    return max(1, -(-seconds // 60))
