"""The residents' survey pages end to end with the test client: start, answer page by page,
errors, save and come back by the link, check your answers, send; e-mail surveys; closed and
draft surveys; the honeypot and the rate limit; the queries a question page makes."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Answer, Response, Survey

from .responding_factories import park_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return Organisation.objects.create(name="Borough Council", slug="borough")


@pytest.fixture
def park(council):
    return park_survey(council)


def _url(survey, rest: str = "") -> str:
    return f"/borough/surveys/{survey.pk}/{rest}"


def _html(response) -> str:
    return response.content.decode()


def _start(client, survey) -> str:
    started = client.post(_url(survey))
    assert started.status_code == 302 and started.url == _url(survey, "questions/1/")
    return started.url


def test_the_start_page_says_what_the_survey_is_and_how_long_it_takes(client, park):
    survey, _ = park
    html = _html(client.get(_url(survey)))
    assert '<h1 class="govuk-heading-l">Parks and open spaces</h1>' in html
    assert "Tell us how you use the borough" in html
    assert "There are 8 questions; it takes about 7 minutes" in html
    assert "Start now" in html and 'name="email"' not in html


def test_a_resident_answers_every_page_checks_and_sends(client, park):
    survey, q = park
    _start(client, survey)
    page = _html(client.get(_url(survey, "questions/1/")))
    # The question is the page's heading, in the fieldset's legend.
    assert '<h1 class="govuk-fieldset__heading">How often do you visit a park?</h1>' in page
    assert "<title>How often do you visit a park? – Parks and open spaces" in page
    # An error: the summary links to the first option; the message sits by the question.
    wrong = client.post(_url(survey, "questions/1/"), {"action": "continue"})
    html = _html(wrong)
    assert wrong.status_code == 200 and "<title>Error: " in html
    assert f'<a href="#id_q{q["visits"].pk}_0">Choose an answer</a>' in html
    assert f'id="id_q{q["visits"].pk}-error"' in html
    assert not Answer.objects.exists()
    sent = client.post(_url(survey, "questions/1/"), {f"q{q['visits'].pk}": "Every week"})
    # "Why do you not visit?" (page 2) is skipped for those who visit.
    assert sent.url == _url(survey, "questions/3/")
    assert client.get(_url(survey, "questions/2/")).url == _url(survey, "questions/3/")
    page3 = _html(client.get(_url(survey, "questions/3/")))
    # "Other, please say": its box is there, labelled, under the Other option, without JS.
    assert "Other, please say</label>" in page3
    assert page3.index('value="Other"') < page3.index(f'name="q{q["what_used"].pk}_other"')
    assert "Choose all that apply." in page3
    other = client.post(
        _url(survey, "questions/3/"), {f"q{q['what_used'].pk}": ["Walking", "Other"]}
    )
    assert "Say what your other answer is" in _html(other)
    steps = [
        (
            3,
            {f"q{q['what_used'].pk}": ["Walking", "Other"], f"q{q['what_used'].pk}_other": "Ducks"},
        ),
        (4, {f"q{q['safety'].pk}": "Safe"}),
        (5, {f"q{q['people'].pk}": "3"}),
        (
            6,
            {
                f"q{q['born'].pk}_day": "5",
                f"q{q['born'].pk}_month": "11",
                f"q{q['born'].pk}_year": "1970",
            },
        ),
        (7, {f"q{q['postcode'].pk}": "me14 1xx"}),
        (8, {f"q{q['else'].pk}": "More bins <script>alert(1)</script>"}),
    ]
    for number, data in steps:
        assert client.post(_url(survey, f"questions/{number}/"), data).status_code == 302, number
    check = _html(client.get(_url(survey, "check/")))
    for shown in ("Every week", "Walking", "Other: Ducks", "Safe", "5 November 1970", "ME14 1XX"):
        assert shown in check, shown
    assert "&lt;script&gt;" in check and "<script>alert" not in check
    assert "Why do you not visit parks?" not in check
    assert f'href="{_url(survey, "questions/5/")}?check=1"' in check
    assert client.post(_url(survey, "check/")).url == _url(survey, "done/")
    done = _html(client.get(_url(survey, "done/")))
    assert "Answers sent" in done
    response = Response.objects.get()
    assert response.submitted_at is not None and response.answers.count() == 7
    # Sent: the pages go to the confirmation, and nothing more can be changed.
    assert client.get(_url(survey, "questions/1/")).url == _url(
        survey, "start/".replace("start/", "")
    )


def test_a_change_from_check_your_answers_returns_there_or_to_a_new_question(client, park):
    survey, q = park
    _start(client, survey)
    for number, data in [
        (1, {f"q{q['visits'].pk}": "Every week"}),
        (3, {f"q{q['what_used'].pk}": ["Play"]}),
        (5, {f"q{q['people'].pk}": "1"}),
    ]:
        client.post(_url(survey, f"questions/{number}/"), data)
    changed = client.post(_url(survey, "questions/5/?check=1"), {f"q{q['people'].pk}": "2"})
    assert changed.url == _url(survey, "check/")
    # A change that routing follows with a new question asks it first.
    rerouted = client.post(_url(survey, "questions/1/?check=1"), {f"q{q['visits'].pk}": "Never"})
    assert rerouted.url == _url(survey, "questions/2/?check=1")
    check = _html(client.post(_url(survey, "check/")))
    assert "Answer “Why do you not visit parks?”" in check
    client.post(_url(survey, "questions/2/?check=1"), {f"q{q['why_not'].pk}": "Too busy"})
    assert client.post(_url(survey, "check/")).url == _url(survey, "done/")
    kept = set(Answer.objects.values_list("question__text", flat=True))
    assert "What do you use the park for?" not in kept and "Why do you not visit parks?" in kept


def test_save_and_come_back_later_by_the_link(client, park):
    survey, q = park
    _start(client, survey)
    client.post(_url(survey, "questions/1/"), {f"q{q['visits'].pk}": "Never"})
    # Saved part-answered: a required question left empty is not an error here.
    saved = client.post(_url(survey, "questions/2/"), {"action": "save"})
    assert saved.url == _url(survey, "saved/")
    html = _html(client.get(saved.url))
    token = Response.objects.get().token
    link = f"http://testserver/borough/surveys/resume/{token}/"
    assert link in html and "we cannot send it to you" in html
    # Another browser (the session gone) comes back by the link, to the first unanswered page.
    later = Client()
    back = later.get(f"/borough/surveys/resume/{token}/")
    assert back.url == _url(survey, "questions/2/")
    assert later.get(back.url).status_code == 200
    assert Response.objects.count() == 1


def test_a_wrong_link_says_so(client, park):
    page = client.get("/borough/surveys/resume/not-a-real-token/")
    assert page.status_code == 404 and "This link does not work" in _html(page)


def test_without_a_response_the_question_pages_go_to_the_start(client, park):
    survey, _ = park
    assert client.get(_url(survey, "questions/1/")).url == _url(survey)
    assert client.get(_url(survey, "check/")).url == _url(survey)


def test_an_answer_sent_after_the_session_ended_is_kept(client, park):
    survey, q = park
    _start(client, survey)
    token = Response.objects.get().token
    fresh = Client()
    sent = fresh.post(
        _url(survey, "questions/1/"), {"response": token, f"q{q['visits'].pk}": "Never"}
    )
    assert sent.status_code == 302 and Answer.objects.get().text == "Never"


@pytest.mark.parametrize(
    ("status", "says"),
    [(Survey.Status.CLOSED, "This survey has closed"), (Survey.Status.DRAFT, "not open")],
)
def test_a_closed_or_draft_survey_says_so_with_no_form(client, council, status, says):
    survey, _ = park_survey(council, status=status)
    for url in (_url(survey), _url(survey, "questions/1/"), _url(survey, "check/")):
        html = _html(client.get(url))
        assert says in html and '<form method="post" novalidate' not in html, url
    assert says in _html(client.post(_url(survey)))
    assert not Response.objects.exists()


def test_a_draft_surveys_other_pages_give_nothing_of_it_away(client, council):
    """A draft's consultation may not be announced yet: its title is on none of its pages,
    including the "sent" and "check your e-mail" ones, which need no response to show."""
    survey, _ = park_survey(council, status=Survey.Status.DRAFT)
    for rest in ("", "done/", "check-your-email/", "saved/"):
        response = client.get(_url(survey, rest), follow=True)
        html = _html(response)
        assert response.status_code == 200 and "This survey is not open" in html, rest
        assert survey.consultation.title not in html, rest


def test_a_survey_closing_while_someone_answers_keeps_them_out(client, park):
    survey, q = park
    _start(client, survey)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    html = _html(client.post(_url(survey, "questions/1/"), {f"q{q['visits'].pk}": "Never"}))
    assert "This survey has closed" in html and not Answer.objects.exists()


def test_an_email_survey_answers_only_after_the_link_is_opened(
    client, council, django_capture_on_commit_callbacks
):
    survey, q = park_survey(council, identity=Survey.Identity.EMAIL)
    start = _html(client.get(_url(survey)))
    assert 'name="email"' in start and 'autocomplete="email"' in start
    refused = _html(client.post(_url(survey), {"email": "not an address"}))
    assert "Enter an e-mail address in the correct format" in refused
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(_url(survey), {"email": "Jo@Example.org"})
    assert sent.url == _url(survey, "check-your-email/")
    assert "jo@example.org" in _html(client.get(sent.url))
    # The page never shows the link: only the e-mail has it.
    response = Response.objects.get()
    assert response.token not in _html(client.get(sent.url))
    assert client.get(_url(survey, "questions/1/")).url == _url(survey)
    [email] = mail.outbox
    link = re.search(r"http://\S+/resume/\S+/", email.body)[0]
    opened = client.get(link.removeprefix("http://127.0.0.1:8000"))
    assert opened.url == _url(survey, "questions/1/")
    response.refresh_from_db()
    assert response.email_confirmed_at is not None
    client.post(_url(survey, "questions/1/"), {f"q{q['visits'].pk}": "Never"})
    # Save for later: the link is shown, and e-mailed again.
    client.post(_url(survey, "questions/2/"), {"action": "save"})
    assert "We have also e-mailed it to" in _html(client.get(_url(survey, "saved/")))
    assert len(mail.outbox) == 2
    # Starting again from another browser with the same address: no second response.
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(_url(survey), {"email": "jo@example.org"})
    assert Response.objects.count() == 1 and len(mail.outbox) == 3


def test_the_honeypot_keeps_nothing(client, park):
    survey, q = park
    assert client.post(_url(survey), {"nickname": "bot"}).url == _url(survey, "done/")
    assert not Response.objects.exists()
    _start(client, survey)
    client.post(_url(survey, "questions/1/"), {f"q{q['visits'].pk}": "Never"})
    assert client.post(_url(survey, "check/"), {"nickname": "bot"}).url == _url(survey, "done/")
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, park):
    survey, _ = park
    html = _html(client.get(_url(survey)))
    assert re.search(r'<div hidden>.*?name="nickname"', html, re.S)


@pytest.fixture
def counting(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"}
    }
    settings.EQTRACK_SURVEY_RATE_LIMIT = "3/h"


def test_starting_too_often_from_one_address_is_refused_plainly(counting, park):
    survey, _ = park
    starts = [Client(REMOTE_ADDR="203.0.113.7").post(_url(survey)).status_code for _ in range(4)]
    assert starts == [302, 302, 302, 429]
    refused = Client(REMOTE_ADDR="203.0.113.7").post(_url(survey))
    assert "Too many surveys started or sent from here" in _html(refused)
    assert Response.objects.count() == 3
    # Another address is not held up.
    assert Client(REMOTE_ADDR="203.0.113.8").post(_url(survey)).status_code == 302


def test_sending_too_often_from_one_address_is_refused(counting, park):
    survey, q = park
    codes = []
    for n in range(4):
        client = Client(REMOTE_ADDR=f"198.51.100.{n}")
        _start(client, survey)
        client.post(_url(survey, "questions/1/"), {f"q{q['visits'].pk}": "Never"})
        client.post(_url(survey, "questions/2/"), {f"q{q['why_not'].pk}": "No time"})
        client.post(_url(survey, "questions/5/"), {f"q{q['people'].pk}": "1"})
        client.defaults["REMOTE_ADDR"] = "192.0.2.1"
        codes.append(client.post(_url(survey, "check/")).status_code)
    assert codes == [302, 302, 302, 429]
    assert Response.objects.filter(submitted_at__isnull=False).count() == 3


def test_a_question_page_makes_few_queries(client, park, django_assert_max_num_queries):
    survey, q = park
    _start(client, survey)
    client.post(_url(survey, "questions/1/"), {f"q{q['visits'].pk}": "Every day"})
    with django_assert_max_num_queries(6):
        assert client.get(_url(survey, "questions/3/")).status_code == 200
    with django_assert_max_num_queries(16):
        client.post(_url(survey, "questions/3/"), {f"q{q['what_used'].pk}": ["Play"]})
    with django_assert_max_num_queries(6):
        assert client.get(_url(survey, "check/")).status_code == 200


def test_a_grouped_page_asks_its_questions_together(client, council):
    from .responding_factories import K, question_add, survey_create

    survey = survey_create(council, one_question_a_page=False)
    a = question_add(survey, K.NUMBER, "How old are you?", page=1)
    b = question_add(survey, K.POSTCODE, "What is your postcode?", page=1, required=True)
    _start(client, survey)
    html = _html(client.get(_url(survey, "questions/1/")))
    assert '<h1 class="govuk-heading-l">Questions, page 1</h1>' in html
    assert "How old are you? (optional)</label>" in html and "govuk-label--m" in html
    wrong = _html(client.post(_url(survey, "questions/1/"), {f"q{a.pk}": "x", f"q{b.pk}": ""}))
    assert f'<a href="#id_q{a.pk}">Enter a number, like 16 or 2.5</a>' in wrong
    assert f'<a href="#id_q{b.pk}">Answer “What is your postcode?”</a>' in wrong
    assert not Answer.objects.exists()
    done = client.post(_url(survey, "questions/1/"), {f"q{a.pk}": "40", f"q{b.pk}": "me14 1xx"})
    assert done.url == _url(survey, "check/")


def test_pressing_start_again_carries_on_with_the_same_response(counting, client, park):
    survey, _ = park
    for _ in range(5):
        assert client.post(_url(survey)).status_code == 302
    assert Response.objects.count() == 1
