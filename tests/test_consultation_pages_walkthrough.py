"""A consultation's public page and a quick poll in a real browser with JavaScript off, axe-core
on every page, error states included: an administrator writes the page of a consultation whose
responses are weighted (a mistake first), adds a document and questions, writes and publishes
the results page with its charts, and starts a poll; then a resident, signed out, finds the
consultation on the public list, reads its page and its results, and votes in the poll from
the council's front page. No step opens /admin/."""

import datetime as dt

import pandas as pd
import pytest
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.models import Consultation
from eqtrack.consultations.services import consultation_create, profile_create
from eqtrack.consultations.weighting import Margin
from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document
from eqtrack.surveys.models import PollVote

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_officer_publishes_a_page_and_its_results_and_a_resident_reads_them_and_votes(
    live_server, browser, tmp_path
):
    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    org = plan.organisation
    admin = member_create(org, Role.ADMINISTRATOR, username="administrator")
    profile = profile_create(
        organisation=org,
        name="Borough",
        margins=[Margin("age", {"Under 35": 30, "35 and over": 70})],
    )
    responses = pd.DataFrame(
        {"age": ["Under 35"] * 30 + ["35 and over"] * 170, "Keep the library?": ["Yes", "No"] * 100}
    )
    consultation = consultation_create(
        organisation=org,
        title="Library opening hours",
        responses_filename="library.csv",
        responses=responses.to_csv(index=False).encode(),
        profile=profile,
        questions=["Keep the library?"],
    )
    page = signed_in_page(browser, live_server, admin, javascript=False)
    failures: list = []

    def check(p, label):
        assert "/admin/" not in p.url
        failures.extend(axe_failures(p, label))

    base = f"{live_server.url}/{org.slug}"
    page.goto(f"{base}/consultations/{consultation.pk}/")
    check(page, "officers' consultation page")
    page.get_by_role("link", name="Change the page").click()
    check(page, "page form")
    page.get_by_label("Show it on the council's public list of consultations").check()
    page.get_by_role("button", name="Save").click()
    assert "Enter a summary" in page.locator(".govuk-error-summary").inner_text()
    check(page, "page form, error")
    page.get_by_label("Summary").fill("When should the library open?\n\nTell us.")
    opened, closed = timezone.localdate() - dt.timedelta(60), timezone.localdate() - dt.timedelta(1)
    for name, day in (("opens_on", opened), ("closes_on", closed)):
        page.fill(f"#id_{name}_0", str(day.day))
        page.fill(f"#id_{name}_1", str(day.month))
        page.fill(f"#id_{name}_2", str(day.year))
    page.get_by_label("Who to contact").fill("Libraries team")
    page.get_by_label("Contact e-mail address").fill("libraries@example.org")
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Library opening hours"

    page.get_by_role("link", name="Add a document").click()
    check(page, "document form")
    pdf = tmp_path / "hours.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("Title of the document").fill("The proposed hours")
    page.set_input_files("#id_upload", str(pdf))
    page.get_by_role("button", name="Add the document").click()
    for question in ("Why change the hours?", "Where can I get a paper copy?"):
        page.get_by_role("link", name="Add a question and its answer").click()
        page.get_by_label("Question").fill(question)
        page.get_by_label("Answer").fill("From the library.")
        page.get_by_role("button", name="Save").click()
    check(page, "officers' page with documents and questions")
    page.get_by_role("button", name="Move up “Where can I get a paper copy?”").click()

    page.get_by_role("link", name="Write the results page").click()
    check(page, "results page form")
    page.get_by_label("We asked").fill("We asked when the library should open.")
    page.get_by_label("We did").fill("We open on Sundays from May.")
    page.get_by_label("Who answered, against the population").check()
    page.get_by_label("Answers to “Keep the library?”, weighted").check()
    page.get_by_role("button", name="Save and publish").click()
    assert "Write what you said" in page.locator(".govuk-error-summary").inner_text()
    check(page, "results page form, error")
    page.get_by_label("You said").fill("Most of you want Sunday opening.")
    page.get_by_role("button", name="Save and publish").click()
    assert "The results page is published." in page.locator("main").inner_text()

    page.goto(f"{base}/polls/new/")
    page.get_by_role("button", name="Start the poll").click()
    check(page, "new poll, error")
    page.get_by_label("Question").fill("Should the library open on Sundays?")
    page.get_by_label("Answers to choose from").fill("Yes\nNo\nNot sure")
    page.get_by_role("button", name="Start the poll").click()
    check(page, "polls list")
    page.context.close()

    # A resident, signed out, on a phone-width screen.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    resident = context.new_page()
    resident.goto(f"{base}/")
    resident.get_by_role("link", name="Have your say").click()
    check(resident, "have your say")
    assert "Closed consultations" in resident.locator("main").inner_text()
    resident.get_by_role("link", name="Library opening hours", exact=True).click()
    check(resident, "public page")
    text = resident.locator("main").inner_text()
    assert text.index("Where can I get a paper copy?") < text.index("Why change the hours?")
    assert "libraries@example.org" in text
    resident.get_by_role("link", name="Read what we did with your answers").click()
    check(resident, "public results")
    assert resident.locator("svg[role=img]").count() == 2

    resident.goto(f"{base}/")
    check(resident, "front page with a poll")
    resident.get_by_role(
        "button", name="Vote in the poll “Should the library open on Sundays?”"
    ).click()
    assert "Choose an answer" in resident.locator(".govuk-error-summary").inner_text()
    check(resident, "poll, error")
    resident.get_by_label("Yes").check()
    resident.get_by_role("button", name="Vote").click()
    assert "your vote is counted" in resident.locator("main").inner_text()
    check(resident, "poll results")
    resident.reload()
    assert "Results: 1 vote" in resident.locator("main").inner_text()
    context.close()

    assert PollVote.objects.count() == 1
    consultation = Consultation.objects.get()
    assert consultation.results_published_at and consultation.is_public
    assert failures == [], failures
