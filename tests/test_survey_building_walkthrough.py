"""Building a survey in a real browser with JavaScript off: an administrator starts a survey
from the consultation's page, adds a one-choice question (a repeated answer first, refused)
and a free-text one, asks the second only for one answer to the first, tries to move it above
that question (refused, with the reason), adds the monitoring questions, previews and opens
the survey. axe-core checks every page on the way, error states included."""

import pytest

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Survey
from eqtrack.surveys.tests.building_world import consultation_make

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_builds_and_opens_a_survey_without_javascript(live_server, browser):
    org = Organisation.objects.create(name="Sample Borough Council", slug="sample")
    consultation = consultation_make(org)
    admin = member_create(org, Role.ADMINISTRATOR, username="administrator")
    page = signed_in_page(browser, live_server, admin, javascript=False)
    failures = []

    def check(label):
        page.wait_for_load_state("load")
        failures.extend(axe_failures(page, label))

    def summary() -> str:
        return page.locator(".govuk-error-summary").inner_text()

    page.goto(f"{live_server.url}/{org.slug}/consultations/{consultation.pk}/")
    page.get_by_role("link", name="The consultation's survey").click()
    check("start a survey")
    page.get_by_role("button", name="Start the survey").click()
    check("survey, empty")

    page.get_by_role("link", name="Add a question").click()
    page.get_by_role("button", name="Continue").click()
    assert "Choose the kind of question" in summary()
    check("kind, error")
    page.get_by_label("One choice").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question").fill("Do you use the park?")
    page.get_by_label("Answers to choose from").fill("Yes\nNo\nyes")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Add the question").click()
    assert "Line 3 repeats the answer “yes” of line 1" in summary()
    check("question details, error")
    page.get_by_label("Answers to choose from").fill("Yes\nNo")
    page.get_by_role("button", name="Add the question").click()

    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Free text").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question").fill("Why not?")
    page.get_by_label("No").check()
    check("question details")
    page.get_by_role("button", name="Add the question").click()

    page.get_by_role("link", name="Change when Q2 is asked").click()
    check("routing, which question")
    page.get_by_label("Only for some answers to Q1").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save").click()
    assert "Choose at least one answer" in summary()
    check("routing, answers, error")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save").click()
    assert "Asked only if Q1 is “No”" in page.locator("main").inner_text()
    check("survey with routing")

    page.get_by_role("button", name="Move up Q2").click()
    assert "so it must come after Q1" in summary()
    check("survey, move refused")

    page.get_by_role("link", name="Add the equality monitoring questions").click()
    assert page.get_by_label("What is your sex?").is_checked()
    check("monitoring")
    page.get_by_role("button", name="Add the questions").click()

    page.get_by_role("link", name="Preview the questions").click()
    check("preview")
    page.get_by_role("link", name="Back to the survey").first.click()
    page.get_by_role("link", name="Open the survey").click()
    check("open, confirmation")
    page.get_by_role("button", name="Yes, open the survey").click()
    assert "The survey is open for answers." in page.locator("main").inner_text()
    check("survey, open")
    page.context.close()

    survey = Survey.objects.get()
    assert survey.status == "open" and survey.monitoring_version
    assert [q.text for q in survey.questions.order_by("position")][:2] == [
        "Do you use the park?",
        "Why not?",
    ]
    assert failures == [], failures
