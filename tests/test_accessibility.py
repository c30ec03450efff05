"""WCAG 2.2 AA: every page checked with axe-core in a real browser, and usable without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document

from .browsing import WCAG_22_AA, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plan():
    plan = plan_create_from_document(document=document_generate(actions=4, periods=2))
    plan.published = True
    plan.save()
    return plan


def _violations(page, url):
    response = page.goto(url)
    assert response.status == 200
    results = Axe().run(page, options=WCAG_22_AA)
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]


def test_home_page_has_no_accessibility_violations(live_server, page, plan):
    assert _violations(page, live_server.url + "/") == []


def test_plan_page_has_no_accessibility_violations(live_server, page, plan):
    url = f"{live_server.url}/{plan.organisation.slug}/{plan.slug}/"
    assert _violations(page, url) == []


def test_plan_page_works_without_javascript(live_server, browser, plan):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/{plan.organisation.slug}/{plan.slug}/")
    assert page.locator("h1").inner_text() == plan.title
    # The latest period's progress shows and the earlier one is folded away; it opens and
    # folds again without scripts (native <details>).
    latest = page.locator("text=Progress item 0-Q2 2020").first
    earlier = page.locator("text=Progress item 0-Q1 2020").first
    assert latest.is_visible() and not earlier.is_visible()
    page.locator("summary", has_text="Reported for Q1 2020").first.click()
    assert earlier.is_visible()
    page.locator("summary", has_text="Reported for Q1 2020").first.click()
    assert not earlier.is_visible() and latest.is_visible()
    context.close()


def test_no_crown_and_no_gds_transport_font(live_server, page, plan):
    page.goto(live_server.url + "/")
    html = page.content()
    assert "crown" not in html.lower()
    fonts = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "GDS Transport" not in fonts


@pytest.mark.parametrize("period", ["2021", "2022"])
def test_the_html_report_has_no_accessibility_violations(page, period):
    from pathlib import Path

    from eqtrack.importing.parsing import files_parse
    from eqtrack.reports.glossary import DEFAULT_GLOSSARY, SEED_GLOSSARY
    from eqtrack.reports.selectors import report_render

    root = Path(__file__).resolve().parents[1] / "sample_data"
    paths = [
        root / "equalities-actions-update-2021.txt",
        root / "equalities-actions-update-2022.txt",
    ]
    document = files_parse(paths=paths, periods=["2021", "2022"]).document
    html = report_render(
        document=document,
        period=period,
        format="html",
        glossary=DEFAULT_GLOSSARY | SEED_GLOSSARY,
        compare="2021" if period == "2022" else None,
    )
    page.set_content(html.decode())
    results = Axe().run(page, options=WCAG_22_AA)
    violations = [(v["id"], v["help"]) for v in results.response["violations"]]
    assert violations == []


def test_the_who_answered_document_has_no_accessibility_violations(page):
    import pandas as pd

    from eqtrack.consultations.documents import representativeness_document
    from eqtrack.consultations.evidence import representativeness
    from eqtrack.consultations.weighting import Margin

    responses = pd.DataFrame({"age": ["Under 35"] * 30 + ["35 and over"] * 170})
    shares = representativeness(responses, [Margin("age", {"Under 35": 30, "35 and over": 70})])
    html = representativeness_document(
        shares,
        file_format="html",
        title="Who answered",
        responses=200,
        population_name="the borough",
        threshold=0.8,
        notes=[],
    )
    page.set_content(html.decode())
    violations = [v["id"] for v in Axe().run(page, options=WCAG_22_AA).response["violations"]]
    assert violations == []


def test_the_consultation_page_has_no_accessibility_violations(live_server, browser, plan):
    import pandas as pd

    from eqtrack.consultations.services import consultation_create, profile_create
    from eqtrack.consultations.weighting import Margin

    profile = profile_create(
        organisation=plan.organisation,
        name="Borough",
        margins=[Margin("age", {"Under 35": 30, "35 and over": 70})],
    )
    responses = pd.DataFrame(
        {"age": ["Under 35"] * 30 + ["35 and over"] * 170, "q1": ["Yes", "No"] * 100}
    )
    consultation = consultation_create(
        organisation=plan.organisation,
        title="Resident survey",
        responses_filename="s.csv",
        responses=responses.to_csv(index=False).encode(),
        profile=profile,
        questions=["q1"],
    )
    from eqtrack.accounts.tests.factories import member_create

    page = signed_in_page(browser, live_server, member_create(plan.organisation, "viewer"))
    response = page.goto(
        f"{live_server.url}/{plan.organisation.slug}/consultations/{consultation.pk}/"
    )
    assert response.status == 200 and page.locator("h1").inner_text() == "Resident survey"
    violations = [v["id"] for v in Axe().run(page, options=WCAG_22_AA).response["violations"]]
    page.context.close()
    assert violations == []


def test_the_search_page_has_no_accessibility_violations(live_server, page, plan):
    url = f"{live_server.url}/{plan.organisation.slug}/{plan.slug}/search/?q=action&period=Q1+2020"
    assert _violations(page, url) == []
    assert "found" in page.locator("#results").inner_text()


@pytest.mark.parametrize("query", ["", "?period=nonsense"])
def test_the_dashboard_has_no_accessibility_violations(live_server, page, plan, query):
    url = f"{live_server.url}/{plan.organisation.slug}/{plan.slug}/dashboard/{query}"
    assert _violations(page, url) == []
    # The committee's parts are there to be checked: the period form, what needs attention,
    # status changes as a table and a chart (and, for a period unknown, its error message).
    assert page.locator("select#period").count() == 1
    assert page.locator("#attention").count() == 1
    assert page.locator("#status-changes").count() == 1
    assert page.locator("svg[aria-labelledby='change-chart-title change-chart-desc']").count() == 1
    assert page.locator(".govuk-error-summary").count() == (1 if query else 0)


def test_the_history_page_has_no_accessibility_violations(live_server, page, plan):
    from eqtrack.plans.models import Action

    action = Action.objects.filter(plan=plan).first()
    url = f"{live_server.url}/{plan.organisation.slug}/{plan.slug}/actions/{action.pk}/history/"
    assert _violations(page, url) == []
