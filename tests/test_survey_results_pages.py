"""The officers' survey results pages in a real browser with JavaScript off: an administrator
reads who has answered (an under-represented group flagged), types in a paper response with
a mistake and then correctly, and reads the results; axe-core checks every page, the error
state included, at desktop and phone widths."""

from __future__ import annotations

import pytest

from eqtrack.surveys.tests.results_fixtures import respond, survey_build

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_reads_who_answered_and_types_in_a_paper_response(live_server, browser):
    b = survey_build()
    female, male = b["sex_options"][0], b["sex_options"][1]
    for _ in range(40):
        respond(b["survey"], {b["support"]: "Yes", b["sex"]: female, b["safe"]: "Safe"})
    for _ in range(5):
        respond(b["survey"], {b["support"]: "No", b["why"]: "Bins", b["sex"]: male})
    page = signed_in_page(browser, live_server, b["admin"], javascript=False)
    failures = []

    def check(label):
        failures.extend(axe_failures(page, label))
        page.set_viewport_size({"width": 375, "height": 800})
        failures.extend(axe_failures(page, f"{label}, phone"))
        page.set_viewport_size({"width": 1280, "height": 800})

    base = f"{live_server.url}/{b['org'].slug}/consultations/{b['consultation'].pk}/survey"
    page.goto(f"{base}/responses/")
    assert "Under-represented so far: sex: Male" in page.locator("main").inner_text()
    check("who has answered")
    page.get_by_role("link", name="Type in a paper response").click()
    page.get_by_label("Yes").first.check()
    page.get_by_label("6. What is your postcode?").fill("nowhere")
    page.get_by_role("button", name="Keep this response").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Question 6: Enter a real postcode" in summary
    check("paper response, error")
    page.get_by_label("6. What is your postcode?").fill("ME14 1XX")
    page.get_by_role("button", name="Keep this response").click()
    assert "kept" in page.locator(".govuk-notification-banner").inner_text()
    check("paper response, kept")
    page.goto(f"{base}/results/")
    assert "Do you support the plan?" in page.locator("main").inner_text()
    check("results")
    assert failures == []
