"""Quick polls on the web: the officers' list, a new poll and closing one (for those who manage
consultations), and the public poll page — one question, one click, then the results. A signed
cookie remembers the polls this browser voted in, so it is shown their results straight away;
votes are rate limited by address, and a hidden field a person never fills in catches programs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_ratelimit.core import is_ratelimited

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.accounts.selectors import organisation_get_for_member
from eqtrack.core.context import organisation_context
from eqtrack.core.forms import GovukForm, add_service_error
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get_public
from eqtrack.surveys.models import Poll
from eqtrack.surveys.selectors.polls import poll_get, poll_list, poll_results
from eqtrack.surveys.services.polls import PollError, poll_close, poll_create, vote_cast

# The cookie that remembers which polls this browser voted in: poll numbers, signed so they
# cannot be edited into another poll's "voted" (which would only show the results anyway).
VOTED_COOKIE = "eqtrack_polls_voted"
VOTED_SALT = "eqtrack.surveys.polls.voted"
VOTED_MAX_AGE = 365 * 24 * 3600
# Votes from one address to one poll in an hour: enough for a household or an office behind
# one address, too few to stuff the ballot.
VOTE_RATE = "30/h"


class PollForm(GovukForm):
    question = forms.CharField(
        label="Question",
        max_length=300,
        help_text="One short question, for example “Should the library open on Sundays?”",
        error_messages={"required": "Enter the question"},
    )
    options = forms.CharField(
        label="Answers to choose from",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One answer a line, 2 to 10 answers.",
        error_messages={"required": "Enter the answers to choose from"},
    )


class VoteForm(GovukForm):
    option = forms.TypedChoiceField(
        coerce=int,
        error_messages={"required": "Choose an answer", "invalid_choice": "Choose an answer"},
    )
    # Hidden from people (and from their screen readers); only a program fills it in.
    nickname = forms.CharField(required=False, max_length=100, label="Leave this empty")

    def __init__(self, *args: Any, poll: Poll, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].label = poll.question
        self.fields["option"].choices = list(enumerate(poll.options))  # type: ignore[attr-defined]


def _managed(request: HttpRequest, organisation_slug: str) -> Organisation:
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    if not can_manage_consultations(request.user, organisation.pk):
        raise PermissionDenied("Only an administrator runs the council's polls.")
    return organisation


def voted_polls(request: HttpRequest) -> set[int]:
    """The polls this browser has voted in, from its signed cookie (none if it was tampered)."""
    try:
        value = request.get_signed_cookie(VOTED_COOKIE, default="", salt=VOTED_SALT)
    except (signing.BadSignature, ValueError):
        return set()
    return {int(p) for p in (value or "").split(",") if p.isdigit()}


def _remember_vote(request: HttpRequest, response: HttpResponse, poll: Poll) -> None:
    voted = sorted(voted_polls(request) | {poll.pk})[-50:]  # a cookie stays small
    response.set_signed_cookie(
        VOTED_COOKIE,
        ",".join(str(p) for p in voted),
        salt=VOTED_SALT,
        max_age=VOTED_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


@signed_in
def poll_list_view(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _managed(request, organisation_slug)
    return render(
        request,
        "surveys/polls/poll_list.html",
        organisation_context(organisation, polls=list(poll_list(organisation=organisation))),
    )


@signed_in
def poll_new(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _managed(request, organisation_slug)
    form = PollForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            poll = poll_create(
                organisation=organisation,
                user=signed_in_user(request),
                question=form.cleaned_data["question"],
                options=form.cleaned_data["options"].splitlines(),
            )
        except PollError as e:
            add_service_error(form, e)
        else:
            messages.success(request, f"The poll “{poll.question}” is open.")
            return redirect("poll-list", organisation.slug)
    return render(
        request, "surveys/polls/poll_new.html", organisation_context(organisation, form=form)
    )


@signed_in
def poll_close_view(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _managed(request, organisation_slug)
    poll = poll_get(organisation=organisation, pk=pk)
    if request.method == "POST":
        poll_close(poll=poll, user=signed_in_user(request))
        messages.success(request, f"The poll “{poll.question}” is closed.")
        return redirect("poll-list", organisation.slug)
    return render(
        request, "surveys/polls/poll_close.html", organisation_context(organisation, poll=poll)
    )


def poll_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """The public poll: its question as radios with one button; after voting (or once this
    browser has voted, or the poll has closed) its results."""
    organisation = organisation_get_public(slug=organisation_slug)
    poll = poll_get(organisation=organisation, pk=pk)
    voted = poll.pk in voted_polls(request)
    form = VoteForm(request.POST if request.method == "POST" else None, poll=poll)
    if request.method == "POST" and not voted and poll.is_open and form.is_valid():
        if form.cleaned_data["nickname"]:
            # Only a program fills in the hidden field: it is shown the results, nothing kept.
            response = redirect("poll", organisation.slug, poll.pk)
            _remember_vote(request, response, poll)
            return response
        if is_ratelimited(
            request,
            group=f"poll-vote-{poll.pk}",
            key="ip",
            rate=VOTE_RATE,
            method="POST",
            increment=True,
        ):
            return render(
                request,
                "surveys/polls/too_many.html",
                organisation_context(organisation, poll=poll),
                status=429,
            )
        try:
            vote_cast(poll=poll, option=form.cleaned_data["option"])
        except PollError as e:
            add_service_error(form, e)
            poll.refresh_from_db()
        else:
            response = redirect("poll", organisation.slug, poll.pk)
            _remember_vote(request, response, poll)
            return response
    elif request.method == "POST" and (voted or not poll.is_open):
        return redirect("poll", organisation.slug, poll.pk)
    show_results = voted or not poll.is_open
    return render(
        request,
        "surveys/polls/poll_page.html",
        organisation_context(
            organisation,
            poll=poll,
            form=form,
            voted=voted,
            results=poll_results(organisation=organisation, poll=poll) if show_results else None,
        ),
    )
