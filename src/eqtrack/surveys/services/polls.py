"""Writes for quick polls: officers create, change and close a poll; anyone casts a vote with
one click. A closed poll takes no votes; bad input raises PollError naming the field."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.core.history import change_record
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Poll, PollVote

MAX_OPTIONS = 10
QUESTION_LENGTH = 300
OPTION_LENGTH = 200


class PollError(ValueError):
    """A poll or a vote that cannot be kept as given; `field` names the form field."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _may_manage(user: User, organisation_id: int) -> None:
    # Polls sit on the council's public pages beside its consultations: the same people run them.
    if not can_manage_consultations(user, organisation_id):
        raise PermissionDenied("Only an administrator runs the council's polls.")


def _question_check(question: str) -> str:
    question = " ".join(question.split())
    if not question:
        raise PollError("enter the question", "question")
    if len(question) > QUESTION_LENGTH:
        raise PollError(f"the question must be {QUESTION_LENGTH} characters or fewer", "question")
    return question


def _options_check(options: list[str]) -> list[str]:
    """The answers to choose from, blank lines dropped: 2 to 10, each different."""
    kept = [" ".join(o.split()) for o in options if o.strip()]
    if len(kept) < 2:
        raise PollError("enter at least two answers to choose from", "options")
    if len(kept) > MAX_OPTIONS:
        raise PollError(f"a poll has at most {MAX_OPTIONS} answers to choose from", "options")
    seen: set[str] = set()
    for number, option in enumerate(kept, start=1):
        if len(option) > OPTION_LENGTH:
            raise PollError(
                f"answer {number} must be {OPTION_LENGTH} characters or fewer", "options"
            )
        if option.lower() in seen:
            raise PollError(f"the answer “{option}” is given twice", "options")
        seen.add(option.lower())
    return kept


@transaction.atomic
def poll_create(
    *, organisation: Organisation, user: User, question: str, options: list[str]
) -> Poll:
    """A poll, open for votes at once."""
    _may_manage(user, organisation.pk)
    poll = Poll(
        organisation=organisation,
        question=_question_check(question),
        options=_options_check(options),
        is_open=True,
    )
    change_record(poll, user=user, reason="created")
    poll.save()
    return poll


@transaction.atomic
def poll_change(*, poll: Poll, user: User, question: str, options: list[str]) -> Poll:
    """Reword a poll. Once it has votes, each vote is for an answer by its place in the list:
    the answers voted for so far stay as they are, and new ones may be added after them."""
    _may_manage(user, poll.organisation_id)
    question, options = _question_check(question), _options_check(options)
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if locked.votes.exists() and options[: len(locked.options)] != list(locked.options):
        raise PollError(
            "the poll has votes: keep its answers as they are (you may add new ones after them)",
            "options",
        )
    poll.question, poll.options = question, options
    change_record(poll, user=user, reason="changed")
    poll.save()
    return poll


@transaction.atomic
def poll_close(*, poll: Poll, user: User) -> Poll:
    """Close a poll: it takes no more votes, and its results stay on its page."""
    _may_manage(user, poll.organisation_id)
    if poll.is_open:
        poll.is_open = False
        change_record(poll, user=user, reason="closed")
        poll.save()
    return poll


@transaction.atomic
def vote_cast(*, poll: Poll, option: int) -> PollVote:
    """One vote for the answer at place `option` (from 0). Whether this person voted before is
    the page's to remember (the poll keeps no one's identity)."""
    # Read again, so a poll closed since the page was shown takes no vote.
    is_open, options = Poll.objects.filter(pk=poll.pk).values_list("is_open", "options").get()
    if not is_open:
        raise PollError("this poll has closed", "option")
    if not isinstance(option, int) or isinstance(option, bool) or not 0 <= option < len(options):
        raise PollError("choose one of the answers", "option")
    return PollVote.objects.create(organisation_id=poll.organisation_id, poll=poll, option=option)
