"""The residents' survey pages on a phone (390 px wide, JavaScript off): no page scrolls
sideways, and axe-core finds no WCAG 2.2 AA violation on any of them, error states included:
the start page, a question of every kind, "Other, please say", a wrong date, check your
answers (and with a question missing), save and come back later, the confirmation, a closed
survey, an e-mail survey's start and "check your e-mail", a wrong link and "too many"."""

import re

import pytest
from django.core import mail

from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Survey
from eqtrack.surveys.tests.responding_factories import park_survey

from .browsing import axe_failures

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world():
    council = Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")
    survey, questions = park_survey(council)
    closed, _ = park_survey(council, title="Bus routes", status=Survey.Status.CLOSED)
    by_email, _ = park_survey(council, title="Libraries", identity=Survey.Identity.EMAIL)
    return {"survey": survey, "q": questions, "closed": closed, "by_email": by_email}


def _check(page, label: str, failures: list) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], (label, width)
    failures += axe_failures(page, label)


def _button(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("load")


def test_a_resident_answers_on_a_phone_without_javascript(browser, live_server, world):
    survey = world["survey"]
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    base = f"{live_server.url}/maidstone/surveys/{survey.pk}"
    failures: list[tuple] = []

    assert page.goto(base + "/").status == 200
    _check(page, "start", failures)
    _button(page, "Start now")
    _check(page, "one choice", failures)
    _button(page, "Continue")
    assert page.locator(".govuk-error-summary").count() == 1
    _check(page, "one choice, error", failures)
    page.get_by_label("Every week").check()
    _button(page, "Continue")
    # Several choices with "Other, please say": the box is shown and labelled without JS.
    assert page.get_by_label("Other, please say").is_visible()
    _check(page, "several choices", failures)
    page.get_by_label("Other", exact=True).check()
    _button(page, "Continue")
    assert "Say what your other answer is" in page.content()
    _check(page, "other, error", failures)
    page.get_by_label("Other, please say").fill("Feeding the ducks")
    _button(page, "Continue")
    _check(page, "scale", failures)
    page.get_by_label("Safe", exact=True).check()
    _button(page, "Continue")
    _check(page, "number", failures)
    page.get_by_label("How many people live in your home?").fill("lots")
    _button(page, "Continue")
    _check(page, "number, error", failures)
    page.get_by_label("How many people live in your home?").fill("3")
    _button(page, "Continue")
    _check(page, "date", failures)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("1980")
    _button(page, "Continue")
    assert "The date must be a real date" in page.content()
    _check(page, "date, error", failures)
    page.get_by_label("Day").fill("28")
    _button(page, "Continue")
    _check(page, "postcode", failures)
    page.get_by_label("What is your postcode? (optional)").fill("me141xx")
    _button(page, "Continue")
    _check(page, "free text", failures)
    _button(page, "Save and come back later")
    _check(page, "saved", failures)
    link = re.search(r'href="(http[^"]+/resume/[^"]+/)"', page.content())[1]
    # Another phone, by the link: back to the question not yet answered.
    other = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    other.goto(link)
    assert other.url.endswith(f"/surveys/{survey.pk}/questions/8/")
    other.get_by_label("Is there anything else you want to tell us? (optional)").fill(
        "More benches"
    )
    _button(other, "Continue")
    assert other.url.endswith("/check/")
    _check(other, "check your answers", failures)
    # Change the first answer to one that routing follows with a required question, and try
    # to send without it: the check page's error state.
    other.goto(f"{base}/questions/1/?check=1")
    other.get_by_label("Never").check()
    _button(other, "Continue")
    other.goto(f"{base}/check/")
    _button(other, "Send your answers")
    assert other.locator(".govuk-error-summary").count() == 1
    _check(other, "check your answers, error", failures)
    other.get_by_role("link", name="Answer “Why do you not visit parks?”").click()
    other.get_by_label("Why do you not visit parks?").fill("Too far")
    _button(other, "Continue")
    _button(other, "Send your answers")
    assert "Answers sent" in other.content()
    _check(other, "answers sent", failures)
    other.context.close()

    assert page.goto(f"{live_server.url}/maidstone/surveys/{world['closed'].pk}/").status == 200
    assert "This survey has closed" in page.content()
    _check(page, "closed", failures)
    assert page.goto(f"{live_server.url}/maidstone/surveys/resume/nothing/").status == 404
    _check(page, "wrong link", failures)
    context.close()
    assert failures == []


def test_an_email_survey_and_the_limit_pages(browser, live_server, world, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"}
    }
    settings.EQTRACK_SURVEY_RATE_LIMIT = "1/h"
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    failures: list[tuple] = []
    page.goto(f"{live_server.url}/maidstone/surveys/{world['by_email'].pk}/")
    _check(page, "e-mail start", failures)
    page.get_by_label("Your e-mail address").fill("not an address")
    _button(page, "Send me the link")
    assert page.locator(".govuk-error-summary").count() == 1
    _check(page, "e-mail start, error", failures)
    page.get_by_label("Your e-mail address").fill("jo@example.org")
    _button(page, "Send me the link")
    assert "Check your e-mail" in page.content()
    _check(page, "check your e-mail", failures)
    assert len(mail.outbox) == 1
    page.goto(f"{live_server.url}/maidstone/surveys/{world['survey'].pk}/")
    _button(page, "Start now")
    assert "Too many surveys started" in page.content()
    _check(page, "too many", failures)
    context.close()
    assert failures == []
