"""Quick polls: the services tested directly (create, change, close, one vote, a closed poll
refusing votes), the results' counts and shares, and the pages end to end — an administrator
starts and closes a poll; a resident votes with one click, anonymously, sees the results, and
sees them straight away on coming back; a program filling the hidden field and a flood of votes
from one address are turned away."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Poll, PollVote
from eqtrack.surveys.selectors.polls import poll_latest_open, poll_list, poll_results
from eqtrack.surveys.services.polls import (
    PollError,
    poll_change,
    poll_close,
    poll_create,
    vote_cast,
)
from eqtrack.surveys.views.polls import VOTED_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    org = Organisation.objects.create(name="Poll Borough Council", slug="poll-borough")
    return {
        "org": org,
        "admin": member_create(org, Role.ADMINISTRATOR),
        "viewer": member_create(org, Role.VIEWER),
    }


def _poll(council, question="Should the library open on Sundays?", options=("Yes", "No")):
    return poll_create(
        organisation=council["org"], user=council["admin"], question=question, options=list(options)
    )


# Services


def test_a_poll_is_created_open_with_its_answers_tidied(council):
    poll = _poll(
        council, question="  Open   on Sundays? ", options=["Yes ", "", "  No", "Not sure"]
    )
    assert poll.is_open and poll.question == "Open on Sundays?"
    assert poll.options == ["Yes", "No", "Not sure"]
    assert poll.history.first().history_change_reason == "created"


@pytest.mark.parametrize(
    ("question", "options", "words"),
    [
        ("", ["Yes", "No"], "enter the question"),
        ("Q?", ["Yes"], "at least two answers"),
        ("Q?", ["Yes", "yes"], "given twice"),
        ("Q?", [str(n) for n in range(11)], "at most 10"),
        ("Q" * 301, ["Yes", "No"], "300 characters"),
        ("Q?", ["Yes", "N" * 201], "answer 2 must be 200"),
    ],
)
def test_a_bad_poll_is_refused_naming_the_field(council, question, options, words):
    with pytest.raises(PollError, match=words):
        _poll(council, question=question, options=options)
    assert not Poll.objects.exists()


def test_only_administrators_run_polls(council):
    with pytest.raises(PermissionDenied):
        poll_create(
            organisation=council["org"], user=council["viewer"], question="Q?", options=["a", "b"]
        )
    poll = _poll(council)
    with pytest.raises(PermissionDenied):
        poll_close(poll=poll, user=council["viewer"])


def test_votes_are_counted_with_shares_and_a_closed_poll_takes_none(council):
    poll = _poll(council, options=["Yes", "No", "Not sure"])
    results = poll_results(organisation=council["org"], poll=poll)
    assert results.total == 0 and [r.share for r in results.options] == [0, 0, 0]
    for option in (0, 0, 0, 1):
        vote_cast(poll=poll, option=option)
    results = poll_results(organisation=council["org"], poll=poll)
    assert results.total == 4
    assert [(r.option, r.votes, r.percent) for r in results.options] == [
        ("Yes", 3, 75),
        ("No", 1, 25),
        ("Not sure", 0, 0),
    ]
    for bad in (3, -1, True, "0"):
        with pytest.raises(PollError, match="choose one of the answers"):
            vote_cast(poll=poll, option=bad)  # type: ignore[arg-type]
    stale = Poll.objects.get(pk=poll.pk)  # a page shown before the poll closed
    poll_close(poll=poll, user=council["admin"])
    with pytest.raises(PollError, match="closed"):
        vote_cast(poll=stale, option=0)
    assert PollVote.objects.count() == 4
    assert poll_latest_open(organisation=council["org"]) is None


def test_a_poll_with_votes_keeps_its_answers_in_place(council):
    poll = _poll(council)
    poll_change(
        poll=poll, user=council["admin"], question="Sundays?", options=["Yes", "No", "Maybe"]
    )
    vote_cast(poll=poll, option=1)
    with pytest.raises(PollError, match="keep its answers"):
        poll_change(poll=poll, user=council["admin"], question="Sundays?", options=["No", "Yes"])
    poll_change(
        poll=poll,
        user=council["admin"],
        question="Sundays?",
        options=["Yes", "No", "Maybe", "Later"],
    )
    poll.refresh_from_db()
    assert poll.options == ["Yes", "No", "Maybe", "Later"]


# Pages


def test_an_administrator_starts_and_closes_a_poll(council, client):
    org = council["org"]
    client.force_login(council["viewer"])
    assert client.get(f"/{org.slug}/polls/").status_code == 403
    client.force_login(council["admin"])
    page = client.post(f"/{org.slug}/polls/new/", {"question": "Sundays?", "options": "Yes"})
    assert "Enter at least two answers to choose from" in page.content.decode()
    response = client.post(
        f"/{org.slug}/polls/new/", {"question": "Sundays?", "options": "Yes\r\nNo\r\n"}
    )
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert poll.options == ["Yes", "No"]
    vote_cast(poll=poll, option=0)
    text = client.get(f"/{org.slug}/polls/").content.decode()
    assert "Sundays?" in text and ">1</td>" in text and "Open" in text
    assert client.post(f"/{org.slug}/polls/{poll.pk}/close/").status_code == 302
    poll.refresh_from_db()
    assert not poll.is_open


def test_a_resident_votes_with_one_click_and_sees_the_results(council, client):
    poll = _poll(council)
    org = council["org"]
    url = f"/{org.slug}/polls/{poll.pk}/"
    page = client.get(url).content.decode()
    assert 'type="radio"' in page and "Results" not in page
    page = client.post(url, {})
    assert "Choose an answer" in page.content.decode() and PollVote.objects.count() == 0
    response = client.post(url, {"option": "1"})
    assert response.status_code == 302 and response.url == url
    assert list(PollVote.objects.values_list("option", flat=True)) == [1]
    page = client.get(url).content.decode()
    assert "your vote is counted" in page
    assert "Results: 1 vote" in page and "100%" in page and 'type="radio"' not in page
    # The browser remembers: a second vote from it is not counted.
    client.post(url, {"option": "0"})
    assert PollVote.objects.count() == 1
    # Another browser is asked the question.
    other = type(client)()
    assert 'type="radio"' in other.get(url).content.decode()
    # A cookie edited by hand is ignored.
    other.cookies[VOTED_COOKIE] = f"{poll.pk}:forged"
    assert 'type="radio"' in other.get(url).content.decode()


def test_a_closed_poll_shows_its_results_and_takes_no_vote(council, client):
    poll = _poll(council)
    vote_cast(poll=poll, option=0)
    poll_close(poll=poll, user=council["admin"])
    url = f"/{council['org'].slug}/polls/{poll.pk}/"
    page = client.get(url).content.decode()
    assert "This poll takes no more votes" in page and "Results: 1 vote" in page
    client.post(url, {"option": "1"})
    assert PollVote.objects.count() == 1


def test_the_honeypot_and_the_rate_limit_turn_programs_away(council, client, settings):
    # The limit counts in the cache (the tests' own counts nothing): a real one here.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "poll"}
    }
    poll = _poll(council)
    url = f"/{council['org'].slug}/polls/{poll.pk}/"
    response = client.post(url, {"option": "0", "nickname": "spam"})
    assert response.status_code == 302 and PollVote.objects.count() == 0
    statuses = []
    for _ in range(31):
        fresh = type(client)()  # a new browser each time, from the same address
        statuses.append(fresh.post(url, {"option": "0"}).status_code)
    assert statuses[:30] == [302] * 30 and statuses[30] == 429
    assert PollVote.objects.count() == 30


def test_polls_of_another_council_are_not_found(council, client):
    poll = _poll(council)
    other = Organisation.objects.create(name="Other Council", slug="other-council")
    assert client.get(f"/{other.slug}/polls/{poll.pk}/").status_code == 404


def test_the_newest_open_poll_is_on_the_front_page(council, client):
    org = council["org"]
    _poll(council, question="Older question?")
    newest = _poll(council, question="Newest question?")
    text = client.get(f"/{org.slug}/").content.decode()
    assert "Newest question?" in text and "Older question?" not in text
    assert f'action="/{org.slug}/polls/{newest.pk}/"' in text
    response = client.post(f"/{org.slug}/polls/{newest.pk}/", {"option": "0"})
    assert response.status_code == 302 and PollVote.objects.filter(poll=newest).count() == 1


def test_the_polls_list_takes_a_fixed_number_of_queries(
    council, client, django_assert_max_num_queries
):
    for n in range(10):
        poll = _poll(council, question=f"Question {n}?")
        vote_cast(poll=poll, option=n % 2)
    assert len(poll_list(organisation=council["org"])) == 10
    client.force_login(council["admin"])
    with django_assert_max_num_queries(12):
        page = client.get(f"/{council['org'].slug}/polls/")
    text = page.content.decode()
    assert text.count("</a></th>") == 10 and text.count(">1</td>") == 10
