"""Reads for quick polls: the council's polls with their vote counts, one poll, its results
(each answer's count and share), and the poll to show on the council's front page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Poll, PollVote


@dataclass(frozen=True)
class OptionResult:
    number: int  # the answer's place, from 0
    option: str
    votes: int
    share: float  # of all votes, 0 to 1 (0 when there are none)

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True)
class PollResults:
    poll: Poll
    total: int
    options: list[OptionResult]


def poll_list(*, organisation: Organisation) -> QuerySet[Poll]:
    """The council's polls, newest first, each with its number of votes (`vote_count`)."""
    return (
        Poll.objects.filter(organisation=organisation)
        .annotate(vote_count=Count("votes"))
        .order_by("-created_at", "-pk")
    )


def poll_get(*, organisation: Organisation, pk: int) -> Poll:
    poll = Poll.objects.filter(organisation=organisation, pk=pk).first()
    if poll is None:
        raise Http404("No such poll")
    return poll


def poll_results(*, organisation: Organisation, poll: Poll) -> PollResults:
    """Each answer in the poll's order with its votes and share: one query, however many votes."""
    counts = dict(
        PollVote.objects.filter(organisation=organisation, poll=poll)
        .values_list("option")
        .annotate(n=Count("pk"))
        .values_list("option", "n")
    )
    total = sum(counts.values())
    return PollResults(
        poll=poll,
        total=total,
        options=[
            OptionResult(
                number=n,
                option=option,
                votes=counts.get(n, 0),
                share=counts.get(n, 0) / total if total else 0.0,
            )
            for n, option in enumerate(poll.options)
        ],
    )


def poll_latest_open(*, organisation: Organisation) -> Poll | None:
    """The newest open poll, for the council's front page (None when there is none)."""
    return (
        Poll.objects.filter(organisation=organisation, is_open=True)
        .order_by("-created_at", "-pk")
        .first()
    )
