"""A consultation in a real browser with JavaScript off, from nothing: an administrator adds
a population profile from the Census 2021 figures eqtrack ships, starts a consultation, uploads
its responses (a bad file first), chooses the profile, the columns and what an unmatched answer
means, checks and saves; the weighted consultation page follows. axe-core checks every page on
the way, error states included. No step opens /admin/."""

import pandas as pd
import pytest

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.models import Consultation, PopulationProfile
from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)

GROUPS = [
    "White",
    "Asian, Asian British or Asian Welsh",
    "Black, Black British, Black Welsh, Caribbean or African",
    "Mixed or Multiple ethnic groups",
    "Other ethnic group",
]


def _responses(tmp_path):
    rows = []
    for i in range(120):
        group = GROUPS[i % 5] if i % 3 else "White"
        rows.append(
            {
                "Sex": "Female" if i % 2 else "Male",
                "Ethnic group": "Roma" if i == 7 else group,
                "Happy with the parks?": "Yes" if i % 4 else "No",
            }
        )
    path = tmp_path / "parks-survey.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    bad = tmp_path / "broken.csv"
    bad.write_text('Sex,Ethnic group\nFemale,"White\n')
    return path, bad


def test_an_administrator_weights_a_consultation_to_census_2021_without_the_admin(
    live_server, browser, tmp_path
):
    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    org = plan.organisation
    admin = member_create(org, Role.ADMINISTRATOR, username="administrator")
    page = signed_in_page(browser, live_server, admin, javascript=False)
    failures = []
    visited = []

    def check(label):
        assert "/admin/" not in page.url
        visited.append(page.url)
        failures.extend(axe_failures(page, label))

    base = f"{live_server.url}/{org.slug}"
    page.goto(f"{base}/population-profiles/")
    check("profiles, empty")
    page.get_by_role("link", name="Add a population profile").click()
    check("profile source")
    page.get_by_label("Census 2021 figures shipped with eqtrack").check()
    page.get_by_role("button", name="Continue").click()
    check("census profile")
    page.get_by_role("button", name="Add the profile").click()  # no name: the error
    assert "Enter a name for the profile" in page.locator(".govuk-error-summary").inner_text()
    check("census profile, error")
    page.get_by_label("Name of the profile").fill("Maidstone, Census 2021")
    page.get_by_role("button", name="Add the profile").click()
    assert page.locator("h1").inner_text() == "Maidstone, Census 2021"
    assert "Open Government Licence" in page.locator("main").inner_text()
    check("profile page")

    responses, bad = _responses(tmp_path)
    page.goto(f"{base}/consultations/")
    check("consultations, empty")
    page.get_by_role("link", name="Start a consultation").click()
    page.get_by_label("What is the consultation called?").fill("Parks survey 2026")
    check("title")
    page.get_by_role("button", name="Continue").click()
    page.set_input_files("#id_upload", str(bad))
    page.get_by_role("button", name="Continue").click()
    assert "broken.csv" in page.locator(".govuk-error-summary").inner_text()
    check("upload, error")
    page.set_input_files("#id_upload", str(responses))
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Maidstone, Census 2021").check()
    check("profile choice")
    page.get_by_role("button", name="Continue").click()
    # The columns named after a characteristic are chosen already.
    assert page.get_by_label("Which column holds sex?").input_value() == "Sex"
    assert page.get_by_label("Which column holds ethnic group (5)?").input_value() == (
        "Ethnic group"
    )
    page.get_by_label("Happy with the parks?").check()
    check("columns")
    page.get_by_role("button", name="Continue").click()
    assert "1 answer did not match a category" in page.locator("main").inner_text()
    page.get_by_role("button", name="Continue").click()
    assert (
        "Choose what “Roma” in Ethnic group means"
        in page.locator(".govuk-error-summary").inner_text()
    )
    check("answers, error")
    page.get_by_label("“Roma” (1 response)").select_option("White")
    page.get_by_role("button", name="Continue").click()
    check("check answers")
    assert "disability (all ages)" in page.locator("main").inner_text()  # not weighted by
    page.get_by_role("button", name="Save the consultation").click()
    assert page.locator("h1").inner_text() == "Parks survey 2026"
    check("consultation page")
    page.get_by_role("link", name="Consultations").first.click()
    check("consultations")
    page.context.close()

    consultation = Consultation.objects.get()
    assert consultation.profile == PopulationProfile.objects.get(name="Maidstone, Census 2021")
    assert consultation.diagnostics["respondents"] == 120 and consultation.results
    assert failures == [], failures
