"""Issue 18's Done-when walkthrough in a real browser with JavaScript off, axe-core on every
page, error states included: an administrator starts a consultation, builds its survey with
routing and the monitoring questions, and opens it; a resident on a 390 px phone answers,
saves, comes back by the link in another browser and submits; the officer sees who has
answered update, closes the survey, reads the weighted results and the themes, renames and
merges two themes, finds them again and the edits hold; the results page is published and read
by a visitor who is not signed in."""

import datetime as dt
import re
import time

import pytest
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.models import Consultation
from eqtrack.consultations.services import profile_create_from_census
from eqtrack.organisations.models import Organisation
from eqtrack.surveys.illustrative import illustrative_responses_add
from eqtrack.surveys.models import Response, Survey, Theme

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _dates(page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def test_an_officer_runs_a_survey_from_building_to_published_results(live_server, browser):
    started = time.monotonic()
    org = Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")
    admin = member_create(org, Role.ADMINISTRATOR, username="administrator")
    profile = profile_create_from_census(
        organisation=org,
        user=admin,
        name="Maidstone",
        area_code="E07000110",
        characteristics=["sex", "ethnic group (19)", "disability (all ages)"],
    )
    failures: list[tuple] = []

    def check(p, label: str) -> None:
        assert "/admin/" not in p.url
        failures.extend(axe_failures(p, label))

    def phone_check(p, label: str) -> None:
        width = p.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (label, width)
        check(p, label)

    def main(p) -> str:
        return p.locator("main").inner_text()

    def summary(p) -> str:
        return p.locator(".govuk-error-summary").inner_text()

    base = f"{live_server.url}/{org.slug}"
    officer = signed_in_page(browser, live_server, admin, javascript=False)

    # 1. The officer starts the consultation and writes its page.
    officer.goto(f"{base}/consultations/new-page/")
    officer.get_by_role("button", name="Continue").click()
    assert summary(officer)
    check(officer, "new consultation, error")
    officer.get_by_label("What is the consultation called?").fill("Libraries and parks")
    officer.get_by_role("button", name="Continue").click()
    check(officer, "page form")
    officer.get_by_label("Summary").fill("Tell us how you use the libraries and parks.")
    today = timezone.localdate()
    _dates(officer, "opens_on", today - dt.timedelta(7))
    _dates(officer, "closes_on", today + dt.timedelta(30))
    officer.get_by_label("Show it on the council's public list of consultations").check()
    officer.get_by_label("Who to contact").fill("Consultation team")
    officer.get_by_label("Contact e-mail address").fill("consult@example.org")
    officer.get_by_role("button", name="Save").click()
    assert officer.locator("h1").inner_text() == "Libraries and parks"
    consultation = Consultation.objects.get(title="Libraries and parks")
    # A consultation started from its page has no way to choose a population profile in the
    # web app yet: the Census 2021 profile is set here.
    Consultation.objects.filter(pk=consultation.pk).update(profile=profile)

    # The survey: a required one-choice question, a free-text one routed on it, monitoring.
    officer.goto(f"{base}/consultations/{consultation.pk}/")
    check(officer, "consultation")
    officer.get_by_role("link", name="The consultation's survey").click()
    officer.get_by_role("button", name="Start the survey").click()
    check(officer, "survey, empty")
    officer.get_by_role("link", name="Add a question").click()
    officer.get_by_label("One choice").check()
    officer.get_by_role("button", name="Continue").click()
    officer.get_by_label("Answers to choose from").fill("Yes\nNo")
    officer.get_by_label("Yes").check()
    officer.get_by_role("button", name="Add the question").click()
    assert "Enter the question" in summary(officer)
    check(officer, "question, no text")
    officer.get_by_label("Question").fill("Do you use the library?")
    officer.get_by_role("button", name="Add the question").click()
    officer.get_by_role("link", name="Add a question").click()
    officer.get_by_label("Free text").check()
    officer.get_by_role("button", name="Continue").click()
    officer.get_by_label("Question").fill("Why not, and what would change that?")
    officer.get_by_label("No").check()
    officer.get_by_role("button", name="Add the question").click()
    officer.get_by_role("link", name="Change when Q2 is asked").click()
    check(officer, "routing, which question")
    officer.get_by_label("Only for some answers to Q1").check()
    officer.get_by_role("button", name="Continue").click()
    officer.get_by_role("button", name="Save").click()
    assert "Choose at least one answer" in summary(officer)
    check(officer, "routing, answers, error")
    officer.get_by_label("No", exact=True).check()
    officer.get_by_role("button", name="Save").click()
    assert "Asked only if Q1 is “No”" in main(officer)
    officer.get_by_role("link", name="Add the equality monitoring questions").click()
    check(officer, "monitoring")
    officer.get_by_role("button", name="Add the questions").click()
    assert "What is your sex?" in main(officer)
    officer.get_by_role("link", name="Open the survey").click()
    check(officer, "open, confirmation")
    officer.get_by_role("button", name="Yes, open the survey").click()
    assert "The survey is open for answers." in main(officer)
    check(officer, "survey, open")
    survey = Survey.objects.get(consultation=consultation)

    officer.get_by_role("link", name="Who has answered").click()
    assert re.search(r"Responses\s+0 \(0 online", main(officer))
    check(officer, "who has answered, none")

    # 2. A resident answers on a phone, saves, and carries on from the link elsewhere.
    phone = browser.new_context(viewport=PHONE, java_script_enabled=False)
    resident = phone.new_page()
    resident.set_default_timeout(15000)
    resident.goto(f"{base}/surveys/{survey.pk}/")
    assert "Libraries and parks" in main(resident)
    phone_check(resident, "resident, start")
    resident.get_by_role("button", name="Start now").click()
    phone_check(resident, "resident, Q1")
    resident.get_by_role("button", name="Continue", exact=True).click()
    assert summary(resident)
    phone_check(resident, "resident, Q1 left blank")
    resident.get_by_label("No", exact=True).check()
    resident.get_by_role("button", name="Continue", exact=True).click()
    phone_check(resident, "resident, Q2 (routed)")
    resident.get_by_label("Why not, and what would change that?").fill(
        "The library closes before I finish work; later opening on weekdays."
    )
    resident.get_by_role("button", name="Continue", exact=True).click()
    assert "What is your date of birth?" in main(resident)
    resident.get_by_label("Day").fill("12")
    resident.get_by_label("Month").fill("5")
    resident.get_by_label("Year").fill("1988")
    resident.get_by_role("button", name="Save and come back later").click()
    phone_check(resident, "resident, saved")
    link = re.search(r'href="(http[^"]+/resume/[^"]+/)"', resident.content())[1]
    assert link in main(resident)
    phone.close()

    other = browser.new_context(viewport=PHONE, java_script_enabled=False)
    resident = other.new_page()
    resident.set_default_timeout(15000)
    resident.goto(link)
    assert "/questions/" in resident.url
    phone_check(resident, "resident, back by the link")
    for step in range(30):
        if resident.url.endswith("/check/"):
            break
        if step:
            phone_check(resident, f"resident, monitoring page {step}")
        if resident.get_by_label("Female", exact=True).count():
            resident.get_by_label("Female", exact=True).check()
        resident.get_by_role("button", name="Continue", exact=True).click()
        assert resident.locator(".govuk-error-summary").count() == 0, main(resident)
    assert resident.url.endswith("/check/")
    phone_check(resident, "resident, check your answers")
    answers = main(resident)
    assert "The library closes before I finish work" in answers and "Female" in answers
    assert "12 May 1988" in answers
    resident.get_by_role("button", name="Send your answers").click()
    assert "Answers sent" in main(resident)
    phone_check(resident, "resident, answers sent")
    other.close()
    assert Response.objects.filter(survey=survey, submitted_at__isnull=False).count() == 1

    # 3. Who has answered updates; with more (illustrative) answers, groups are flagged.
    officer.reload()
    assert re.search(r"Responses\s+1 \(1 online", main(officer))
    assert "sex: Female" in main(officer)
    check(officer, "who has answered, one")
    illustrative_responses_add(survey=survey, count=300)
    officer.reload()
    text = main(officer)
    assert re.search(r"Responses\s+301 \(301 online", text)
    flagged = re.search(r"Under-represented so far: ([^.]+)\.", text)
    assert flagged and "ethnic group" in flagged[1], text
    check(officer, "who has answered, groups flagged")

    # 4. Close, read the weighted results, the themes; rename, merge, find again.
    officer.get_by_role("link", name="Libraries and parks").click()
    officer.get_by_role("link", name="The consultation's survey").click()
    officer.get_by_role("link", name="Close the survey").click()
    assert "301" in main(officer)
    check(officer, "close, confirmation")
    officer.get_by_role("button", name="Yes, close the survey").click()
    check(officer, "survey, closed")
    officer.get_by_role("link", name="Results", exact=True).click()
    text = main(officer)
    assert "responses are weighted to Maidstone" in text and "Weighted share" in text
    assert re.search(r"\d+–\d+%", text)
    check(officer, "weighted results")

    officer.get_by_role("link", name="Themes in free-text answers").click()
    check(officer, "themes, questions")
    officer.get_by_role("button", name="Find themes in “Why not").click()
    assert "Themes: Why not, and what would change that?" in main(officer)
    assert "Shares are of them, weighted" in main(officer)
    check(officer, "themes of a question")
    question_url = officer.url
    officer.get_by_role("link", name=re.compile(r"^1\. ")).click()
    check(officer, "theme 1")
    officer.get_by_label("Name", exact=True).fill("Opening hours")
    officer.get_by_role("button", name="Rename", exact=True).click()
    assert "Opening hours" in main(officer)
    officer.get_by_role("link", name="All themes of this question").click()
    officer.select_option("#id_theme", "2")
    officer.select_option("#id_into", "2")
    officer.get_by_role("button", name="Merge", exact=True).click()
    assert summary(officer)
    check(officer, "merge, error")
    officer.select_option("#id_theme", "3")
    officer.select_option("#id_into", "2")
    officer.get_by_role("button", name="Merge", exact=True).click()
    assert "With 3 merged in" in main(officer)
    officer.get_by_role("button", name="Find the themes again").click()
    officer.goto(question_url)
    text = main(officer)
    assert "1. Opening hours" in text and "With 3 merged in" in text
    check(officer, "themes, found again")
    question = survey.questions.get(kind="free_text")
    themes = Theme.objects.filter(question=question)
    assert themes.get(number=1).name == "Opening hours"
    assert themes.get(number=3).merged_into == themes.get(number=2)

    # 5. The results page: the consultation closed (its closing date moved to yesterday, as
    # the survey closed early), we asked, you said, we did, a chart; published.
    officer.goto(f"{base}/consultations/{consultation.pk}/")
    officer.get_by_role("link", name="Change the page").click()
    _dates(officer, "closes_on", today - dt.timedelta(1))
    officer.get_by_role("button", name="Save").click()
    officer.get_by_role("link", name="Write the results page").click()
    check(officer, "results page form")
    officer.get_by_label("We asked").fill("We asked how you use the libraries and parks.")
    officer.get_by_label("We did").fill("From May the central library opens until 8pm.")
    officer.get_by_label("Answers to “Do you use the library?”, weighted").check()
    officer.get_by_role("button", name="Save and publish").click()
    assert "Write what you said" in summary(officer)
    check(officer, "results page form, error")
    officer.get_by_label("You said").fill("Many of you cannot reach the library before it shuts.")
    officer.get_by_role("button", name="Save and publish").click()
    assert "The results page is published." in main(officer)
    officer.context.close()

    visitor = browser.new_context(java_script_enabled=False).new_page()
    visitor.goto(f"{base}/have-your-say/")
    visitor.get_by_role("link", name="Libraries and parks", exact=True).click()
    check(visitor, "public page")
    visitor.get_by_role("link", name="Read what we did with your answers").click()
    assert visitor.url.endswith(f"/have-your-say/{consultation.pk}/results/")
    text = main(visitor)
    for words in (
        "We asked how you use the libraries and parks.",
        "Many of you cannot reach the library before it shuts.",
        "From May the central library opens until 8pm.",
    ):
        assert words in text
    assert visitor.locator("svg[role=img]").count() == 1
    check(visitor, "public results")
    visitor.context.close()

    assert failures == [], failures
    print(f"walkthrough took {time.monotonic() - started:.0f} s")
