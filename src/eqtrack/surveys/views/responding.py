"""Thin views of the pages residents answer a survey on, without signing in: the start page,
the question pages, "Check your answers", the confirmation, "Save and come back later" and the
secret link back. Which response is being answered is kept in the session (and in each form,
so an answer sent after the session ended is not lost); the link restores it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_ratelimit.core import is_ratelimited

from eqtrack.core.context import organisation_context
from eqtrack.core.forms import GovukForm, sentence
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get_public

from ..answer_forms import FREE_TEXT_MAX, AnswersForm, field_name, has_other, other_name
from ..models import Question, Response, Survey
from ..selectors.responding import (
    OTHER,
    Progress,
    answered,
    minutes_to_answer,
    response_get_by_token,
    response_progress,
    survey_get_public,
    survey_questions,
)
from ..services.responding import (
    AnswersInvalid,
    AnswersMissing,
    ResponseRefused,
    answers_save,
    response_confirm,
    response_link_send,
    response_start,
    response_submit,
)


def _key(survey_pk: int) -> str:
    return f"eqtrack_survey_{survey_pk}"


class Honeypot(GovukForm):
    """A field people never see or fill in (hidden, and skipped by the keyboard and screen
    readers); programs that fill in every field give themselves away. As the directory's."""

    nickname = forms.CharField(required=False, max_length=100, label="Leave this empty")


class StartForm(Honeypot):
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        help_text="We send you a link to answer the survey. One response per address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, with_email: bool, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if not with_email:
            del self.fields["email"]


def _limited(request: HttpRequest, group: str) -> bool:
    return is_ratelimited(
        request,
        group=group,
        key="ip",
        rate=settings.EQTRACK_SURVEY_RATE_LIMIT,
        method="POST",
        increment=True,
    )


def _too_many(request: HttpRequest, organisation: Organisation, survey: Survey) -> HttpResponse:
    return render(
        request,
        "surveys/responding/too_many.html",
        organisation_context(organisation, survey=survey, rate=settings.EQTRACK_SURVEY_RATE_LIMIT),
        status=429,
    )


def _not_open(request: HttpRequest, organisation: Organisation, survey: Survey) -> HttpResponse:
    return render(
        request,
        "surveys/responding/not_open.html",
        organisation_context(organisation, survey=survey),
    )


def _current(request: HttpRequest, organisation: Organisation, survey: Survey) -> Response | None:
    """The response this browser is answering: from the session, or from the form sent (the
    session may have ended while the person was typing)."""
    token = request.session.get(_key(survey.pk)) or request.POST.get("response", "")
    if not token:
        return None
    response = response_get_by_token(organisation=organisation, token=str(token))
    if response is None or response.survey_id != survey.pk:
        return None
    if request.session.get(_key(survey.pk)) != response.token:
        request.session[_key(survey.pk)] = response.token
    response.survey = survey
    response.organisation = organisation
    return response


def survey_start(request: HttpRequest, organisation_slug: str, survey_pk: int) -> HttpResponse:
    """The survey's first page: what it is about and how long it takes; then start (for a
    one-response-per-address survey, by giving the address the link is sent to)."""
    organisation = organisation_get_public(slug=organisation_slug)
    survey = survey_get_public(organisation=organisation, pk=survey_pk)
    if survey.state != Survey.Status.OPEN:
        return _not_open(request, organisation, survey)
    with_email = survey.identity == Survey.Identity.EMAIL
    form = StartForm(request.POST if request.method == "POST" else None, with_email=with_email)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("nickname"):
            # Only a program fills in the hidden field: thank it, and keep nothing.
            return redirect("survey-done", organisation.slug, survey.pk)
        if with_email:
            if _limited(request, "surveys-start"):
                return _too_many(request, organisation, survey)
            response = response_start(survey=survey, email=form.cleaned_data["email"])
            request.session[f"{_key(survey.pk)}_email"] = response.email
            return redirect("survey-link-sent", organisation.slug, survey.pk)
        current = _current(request, organisation, survey)
        # Pressing Start again (after Back) carries on with the same response.
        if current is None or current.submitted_at is not None:
            if _limited(request, "surveys-start"):
                return _too_many(request, organisation, survey)
            current = response_start(survey=survey)
            request.session[_key(survey.pk)] = current.token
        return redirect("survey-question", organisation.slug, survey.pk, 1)
    questions = survey_questions(organisation=organisation, survey=survey)
    return render(
        request,
        "surveys/responding/start.html",
        organisation_context(
            organisation,
            survey=survey,
            form=form,
            with_email=with_email,
            minutes=minutes_to_answer(questions=questions),
            count=len(questions),
        ),
    )


def survey_link_sent(request: HttpRequest, organisation_slug: str, survey_pk: int) -> HttpResponse:
    organisation = organisation_get_public(slug=organisation_slug)
    survey = survey_get_public(organisation=organisation, pk=survey_pk)
    if survey.status == Survey.Status.DRAFT:
        return _not_open(request, organisation, survey)  # nothing of a draft, not even its title
    return render(
        request,
        "surveys/responding/link_sent.html",
        organisation_context(
            organisation, survey=survey, email=request.session.get(f"{_key(survey.pk)}_email", "")
        ),
    )


def _boxes(form: AnswersForm, questions: list[Question]) -> list[dict]:
    """What the template draws for each question: its field, and its "Other" box if any."""
    return [
        {
            "question": q,
            "field": form[field_name(q)],
            "other": form[other_name(q)] if has_other(q) else None,
            "kind": q.kind,
            "hint": q.hint
            or ("Choose all that apply." if q.kind == Question.Kind.SEVERAL_CHOICES else ""),
        }
        for q in questions
    ]


def _after(progress: Progress, page: int, *, checking: bool, asked_before: set[int]) -> int | None:
    """The page to go to after `page`: the next one asked; after a change from "Check your
    answers", the next with a question the change brought in (routing), else none."""
    if not checking:
        return progress.next_page(page)
    for number in range(page + 1, len(progress.pages) + 1):
        if any(
            q.pk not in asked_before and not answered(progress.answers.get(q.pk))
            for q in progress.page_asked(number)
        ):
            return number
    return None


def survey_question(
    request: HttpRequest, organisation_slug: str, survey_pk: int, page: int
) -> HttpResponse:
    """One page of questions (one question, in the GOV.UK pattern, unless the survey groups
    them): Continue, or Save and come back later."""
    organisation = organisation_get_public(slug=organisation_slug)
    survey = survey_get_public(organisation=organisation, pk=survey_pk)
    if survey.state != Survey.Status.OPEN:
        return _not_open(request, organisation, survey)
    response = _current(request, organisation, survey)
    if response is None:
        return redirect("survey-start", organisation.slug, survey.pk)
    if response.submitted_at is not None:
        return redirect("survey-done", organisation.slug, survey.pk)
    questions = survey_questions(organisation=organisation, survey=survey)
    progress = response_progress(organisation=organisation, response=response, questions=questions)
    if not 1 <= page <= len(progress.pages):
        return redirect("survey-check", organisation.slug, survey.pk)
    checking = bool(request.GET.get("check"))
    if not progress.page_shown(page):
        # Routing skips this page: on to the next one that asks something.
        following = progress.next_page(page)
        if following is None:
            return redirect("survey-check", organisation.slug, survey.pk)
        return redirect("survey-question", organisation.slug, survey.pk, following)
    grouped = not survey.one_question_a_page
    saving = request.POST.get("action") == "save"
    form = AnswersForm(progress.page_shown(page), answers=progress.answers, grouped=grouped)
    if request.method == "POST":
        try:
            answers_save(
                response=response,
                page=page,
                data=request.POST,
                check_required=not saving,
                progress=progress,
            )
        except AnswersInvalid as refused:
            form = refused.form
        except ResponseRefused as refused:
            return _refused(request, organisation, survey, str(refused))
        else:
            if saving:
                if response.email:
                    response_link_send(response=response)
                return redirect("survey-saved", organisation.slug, survey.pk)
            asked_before = {q.pk for q in progress.asked}
            progress = response_progress(
                organisation=organisation, response=response, questions=questions
            )
            following = _after(progress, page, checking=checking, asked_before=asked_before)
            if following is None:
                return redirect("survey-check", organisation.slug, survey.pk)
            url = reverse("survey-question", args=[organisation.slug, survey.pk, following])
            return redirect(url + ("?check=1" if checking else ""))
    previous = progress.previous_page(page)
    back = (
        reverse("survey-check", args=[organisation.slug, survey.pk])
        if checking
        else reverse("survey-question", args=[organisation.slug, survey.pk, previous])
        if previous
        else reverse("survey-start", args=[organisation.slug, survey.pk])
    )
    return render(
        request,
        "surveys/responding/question.html",
        organisation_context(
            organisation,
            survey=survey,
            form=form,
            boxes=_boxes(form, form.questions),
            grouped=grouped,
            heading=not grouped,
            page=page,
            back=back,
            checking=checking,
            token=response.token,
            other=OTHER,
            free_text_max=FREE_TEXT_MAX,
        ),
    )


def _refused(
    request: HttpRequest, organisation: Organisation, survey: Survey, why: str
) -> HttpResponse:
    return render(
        request,
        "surveys/responding/refused.html",
        organisation_context(organisation, survey=survey, why=sentence(why)),
        status=409,
    )


def _summary(progress: Progress) -> list[dict]:
    """Each question routing asks, with its answer as the person would read it."""
    rows = []
    for question in progress.asked:
        answer = progress.answers.get(question.pk)
        shown: list[str] = []
        if answer is not None and answered(answer):
            if question.kind == Question.Kind.SEVERAL_CHOICES:
                shown = [c for c in answer.choices if c != OTHER]
            elif answer.text and answer.text != OTHER:
                shown = [answer.text]
            if answer.other:
                shown.append(f"Other: {answer.other}")
            if question.kind == Question.Kind.DATE and answer.text:
                day = dt.date.fromisoformat(answer.text)
                shown = [f"{day.day} {day:%B %Y}"]
        rows.append({"question": question, "answer": shown, "page": progress.page_of(question)})
    return rows


def survey_check(request: HttpRequest, organisation_slug: str, survey_pk: int) -> HttpResponse:
    """Check your answers, with a Change link for each; then send them."""
    organisation = organisation_get_public(slug=organisation_slug)
    survey = survey_get_public(organisation=organisation, pk=survey_pk)
    if survey.state != Survey.Status.OPEN:
        return _not_open(request, organisation, survey)
    response = _current(request, organisation, survey)
    if response is None:
        return redirect("survey-start", organisation.slug, survey.pk)
    if response.submitted_at is not None:
        return redirect("survey-done", organisation.slug, survey.pk)
    form = Honeypot(request.POST if request.method == "POST" else None)
    missing: list[Question] = []
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("nickname"):
            # A program: keep nothing of what it sent.
            response.delete()
            request.session.pop(_key(survey.pk), None)
            return redirect("survey-done", organisation.slug, survey.pk)
        if _limited(request, "surveys-submit"):
            return _too_many(request, organisation, survey)
        try:
            response_submit(response=response)
        except AnswersMissing as refused:
            missing = refused.questions
        except ResponseRefused as refused:
            return _refused(request, organisation, survey, str(refused))
        else:
            request.session.pop(_key(survey.pk), None)
            return redirect("survey-done", organisation.slug, survey.pk)
    progress = response_progress(organisation=organisation, response=response)
    return render(
        request,
        "surveys/responding/check.html",
        organisation_context(
            organisation,
            survey=survey,
            form=form,
            rows=_summary(progress),
            missing=[{"question": q, "page": progress.page_of(q)} for q in missing],
            token=response.token,
        ),
        status=400 if missing else 200,
    )


def survey_done(request: HttpRequest, organisation_slug: str, survey_pk: int) -> HttpResponse:
    organisation = organisation_get_public(slug=organisation_slug)
    survey = survey_get_public(organisation=organisation, pk=survey_pk)
    if survey.status == Survey.Status.DRAFT:
        return _not_open(request, organisation, survey)  # nothing of a draft, not even its title
    return render(
        request, "surveys/responding/done.html", organisation_context(organisation, survey=survey)
    )


def survey_saved(request: HttpRequest, organisation_slug: str, survey_pk: int) -> HttpResponse:
    """The link to come back later, shown (and, for a survey with e-mail addresses, sent)."""
    organisation = organisation_get_public(slug=organisation_slug)
    survey = survey_get_public(organisation=organisation, pk=survey_pk)
    response = _current(request, organisation, survey)
    if response is None:
        return redirect("survey-start", organisation.slug, survey.pk)
    return render(
        request,
        "surveys/responding/saved.html",
        organisation_context(
            organisation,
            survey=survey,
            response=response,
            # On the page, the address the person reached us at; e-mails use the site's.
            url=request.build_absolute_uri(
                reverse("survey-resume", args=[organisation.slug, response.token])
            ),
        ),
    )


def survey_resume(request: HttpRequest, organisation_slug: str, token: str) -> HttpResponse:
    """The secret link: confirms the e-mail address it was sent to, and picks up where the
    person left off."""
    organisation = organisation_get_public(slug=organisation_slug)
    response = response_get_by_token(organisation=organisation, token=token)
    if response is None:
        return render(
            request,
            "surveys/responding/no_link.html",
            organisation_context(organisation),
            status=404,
        )
    survey = response.survey
    if response.submitted_at is not None:
        return redirect("survey-done", organisation.slug, survey.pk)
    if survey.state != Survey.Status.OPEN:
        return _not_open(request, organisation, survey)
    response_confirm(response=response)
    request.session[_key(survey.pk)] = response.token
    progress = response_progress(organisation=organisation, response=response)
    following = progress.first_unanswered_page()
    if following is None:
        return redirect("survey-check", organisation.slug, survey.pk)
    return redirect("survey-question", organisation.slug, survey.pk, following)
