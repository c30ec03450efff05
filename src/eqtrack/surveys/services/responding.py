"""Writes for residents answering a survey: start a response (for a one-response-per-address
survey, by e-mailing the link that confirms the address), save a page's answers (checked by
kind; nothing saved when any is wrong), send the link to come back later, and submit (every
question routing asks that is required is answered; answers routing now skips are removed).

Answering is public: the checks here, not a sign-in, keep responses honest: the survey is
open, the response not yet sent, and its e-mail address confirmed where the survey asks for one.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.core.mail import BadHeaderError, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..answer_forms import AnswersForm
from ..models import Answer, Question, Response, Survey
from ..selectors.responding import (
    Progress,
    answered,
    questions_asked,
    response_progress,
    survey_questions,
)

log = logging.getLogger("eqtrack.surveys")


class ResponseRefused(Exception):
    """The response cannot be changed now; the message says why, for the person answering."""


class AnswersInvalid(Exception):
    """A page's answers have errors: `form` holds them, and the answers as typed."""

    def __init__(self, form: AnswersForm) -> None:
        super().__init__("the answers have errors")
        self.form = form


class AnswersMissing(Exception):
    """Required questions are not answered yet: `questions`, in order."""

    def __init__(self, questions: list[Question]) -> None:
        super().__init__(f"{len(questions)} required questions are not answered")
        self.questions = questions


def _check_open(survey: Survey) -> None:
    # As residents meet it: the consultation's dates bound its survey too (Survey.state_on).
    state = survey.state
    if state == Survey.Status.DRAFT:
        raise ResponseRefused("this survey is not open yet")
    if state == Survey.Status.CLOSED:
        raise ResponseRefused("this survey has closed")


def _check_answerable(response: Response) -> None:
    _check_open(response.survey)
    if response.submitted_at is not None:
        raise ResponseRefused("these answers have already been sent")
    if response.survey.identity == Survey.Identity.EMAIL and response.email_confirmed_at is None:
        raise ResponseRefused("open the link we e-mailed you to confirm your address first")


def resume_url(response: Response) -> str:
    """The secret link back to a response, in full."""
    path = reverse("survey-resume", args=[response.organisation.slug, response.token])
    return settings.EQTRACK_BASE_URL.rstrip("/") + path


def email_normalise(email: str) -> str:
    # One response per address: "Jo@Example.org" and "jo@example.org " are the same person.
    return (email or "").strip().lower()


@transaction.atomic
def response_start(*, survey: Survey, email: str | None = None) -> Response:
    """Begin a response. For an anonymous survey, a new one each time. For a one-response-
    per-address survey, the address's response (the one it already has, if any: a second start
    resumes the first) and its link e-mailed to the address: opening the link confirms the
    address, and nothing can be answered until it is. Whoever typed the address learns nothing
    from the page about whether it had answered before."""
    _check_open(survey)
    if survey.identity == Survey.Identity.ANONYMOUS:
        return Response.objects.create(
            organisation_id=survey.organisation_id, survey=survey, token=secrets.token_urlsafe(32)
        )
    address = email_normalise(email or "")
    if not address:
        raise ValueError("this survey needs an e-mail address")
    # Two starts with one address at once must not make two responses: take the survey's row
    # first (PostgreSQL waits here; SQLite writes one transaction at a time anyway).
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    response = Response.objects.filter(
        survey=survey, email=address, source=Response.Source.ONLINE
    ).first()
    if response is None:
        response = Response.objects.create(
            organisation_id=survey.organisation_id,
            survey=survey,
            email=address,
            token=secrets.token_urlsafe(32),
        )
    chosen = response
    transaction.on_commit(lambda: response_link_send(response=chosen))
    return response


def response_link_send(*, response: Response) -> bool:
    """E-mail a response's secret link to its address: to confirm it, or to come back later.
    A mail server that fails is logged, not raised: the answers stand."""
    if not response.email:
        return False
    survey = response.survey
    title = survey.consultation.title
    text = render_to_string(
        "surveys/responding/link_email.txt",
        {
            "title": title,
            "organisation": response.organisation,
            "url": resume_url(response),
            "confirmed": response.email_confirmed_at is not None,
            "submitted": response.submitted_at is not None,
        },
    )
    try:
        send_mail(
            # One line: a header never holds a line break, whatever the title was typed with.
            subject=" ".join(f"Your link to the survey: {title}".split()),
            message=text,
            from_email=None,
            recipient_list=[response.email],
        )
    except (SMTPException, OSError, BadHeaderError):
        log.exception("could not e-mail the survey link to response %s", response.pk)
        return False
    return True


@transaction.atomic
def response_confirm(*, response: Response) -> Response:
    """The link was opened: the address is confirmed (the first time; later opens change
    nothing)."""
    if response.email and response.email_confirmed_at is None:
        response.email_confirmed_at = timezone.now()
        response.save(update_fields=["email_confirmed_at", "updated_at"])
    return response


def _merged(
    answers: dict[int, Answer], values: Mapping[int, tuple[str, list[str], str]], response: Response
) -> dict[int, Answer]:
    """The answers so far with this page's in place of theirs (unsaved), for routing."""
    merged = dict(answers)
    for pk, (text, choices, other) in values.items():
        merged[pk] = Answer(
            response=response, question_id=pk, text=text, choices=choices, other=other
        )
    return merged


@transaction.atomic
def answers_save(
    *,
    response: Response,
    page: int,
    data: Mapping[str, Any],
    check_required: bool = True,
    progress: Progress | None = None,
) -> list[Question]:
    """Check and save the answers to page `page` (from 1) of the response's survey. Each is
    checked by its question's kind; if any is wrong, AnswersInvalid carries the form with its
    messages and nothing is saved. `check_required=False` lets a page be saved part-answered
    (to come back later). Questions routing skips on the page lose their answers. Returns the
    page's questions that were asked."""
    _check_answerable(response)
    organisation = response.organisation
    if progress is None:
        progress = response_progress(organisation=organisation, response=response)
    if not 1 <= page <= len(progress.pages):
        raise ResponseRefused("there is no such page in this survey")
    grouped = not response.survey.one_question_a_page
    on_page = progress.page_shown(page)
    # First what was typed, then routing on it: a question may depend on one on its own page.
    typed = AnswersForm(on_page, data, required=False, grouped=grouped)
    values = typed.values() if typed.is_valid() else {}
    asked_ids = {
        q.pk
        for q in questions_asked(
            questions=[q for p in progress.pages for q in p],
            answers=_merged(progress.answers, values, response),
        )
    }
    asked = [q for q in on_page if q.pk in asked_ids]
    form = AnswersForm(asked, data, required=check_required, grouped=grouped)
    if not form.is_valid():
        raise AnswersInvalid(form)
    for pk, (text, choices, other) in form.values().items():
        if text or choices:
            Answer.objects.update_or_create(
                response=response,
                question_id=pk,
                defaults={
                    "organisation": organisation,
                    "text": text,
                    "choices": choices,
                    "other": other,
                },
            )
        else:
            Answer.objects.filter(response=response, question_id=pk).delete()
    skipped = [q.pk for q in progress.pages[page - 1] if q.pk not in asked_ids]
    if skipped:
        Answer.objects.filter(response=response, question_id__in=skipped).delete()
    Response.objects.filter(pk=response.pk).update(updated_at=timezone.now())
    return asked


@transaction.atomic
def response_submit(*, response: Response) -> Response:
    """Send the answers: every required question routing asks must be answered (else
    AnswersMissing names them); answers to questions routing now skips are removed, so none
    is left from a route the person changed their mind about."""
    locked = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
    _check_answerable(locked)
    organisation = response.organisation
    questions = survey_questions(organisation=organisation, survey=locked.survey)
    progress = response_progress(organisation=organisation, response=locked, questions=questions)
    missing = progress.missing()
    if missing:
        raise AnswersMissing(missing)
    asked_ids = {q.pk for q in progress.asked}
    stale = [pk for pk, a in progress.answers.items() if pk not in asked_ids or not answered(a)]
    if stale:
        Answer.objects.filter(response=locked, question_id__in=stale).delete()
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["submitted_at", "updated_at"])
    response.submitted_at = locked.submitted_at
    return locked
