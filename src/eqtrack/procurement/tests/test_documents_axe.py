"""WCAG 2.2 AA (axe-core in Chromium) on the score sheet and debrief letter as HTML (the
source of their tagged PDFs) and on the page saying a score sheet is not ready yet."""

from __future__ import annotations

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.urls import reverse

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.procurement.documents import debrief_letter, score_sheet
from eqtrack.procurement.models import Bid, ModeratedScore, TenderStage
from eqtrack.procurement.results import tender_results

from .documents_example import evaluated_tender

pytestmark = pytest.mark.django_db(transaction=True)

CHROMIUM = os.environ.get("EQTRACK_CHROMIUM", "/usr/bin/chromium")
WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def chromium():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the database is touched only
    # before and after the browser works.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def _violations(page) -> list[tuple]:
    result = Axe().run(page, options=WCAG_22_AA).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]][:2]) for v in result]


def test_the_score_sheet_and_a_debrief_letter_as_html(chromium):
    tender = evaluated_tender(stage=TenderStage.AWARDED)
    results = tender_results(tender)
    page = chromium.new_page()
    page.set_content(score_sheet(results, file_format="html").decode())
    assert _violations(page) == []
    cam = Bid.objects.get(supplier="Cam Ltd")
    page.set_content(debrief_letter(results, cam, file_format="html").decode())
    assert _violations(page) == []
    page.close()


def test_the_not_ready_page(chromium, live_server):
    tender = evaluated_tender()
    ModeratedScore.objects.filter(bid__supplier="Cam Ltd").delete()
    session = Client()
    session.force_login(member_create(tender.organisation, Role.PROCUREMENT))
    context = chromium.new_context(java_script_enabled=False)
    host = live_server.url.split("//")[1].split(":")[0]
    cookie = session.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": cookie, "domain": host, "path": "/"}])
    page = context.new_page()
    url = reverse("procurement-tender-score-sheet", args=["worked", tender.pk, "pdf"])
    response = page.goto(live_server.url + url)
    assert response is not None and response.status == 409
    assert page.locator("h1").inner_text() == "The score sheet is not ready yet"
    # axe needs JavaScript: check the page's HTML in a page of its own, on the site's origin.
    checker = chromium.new_page()
    checker.goto(live_server.url + "/healthz")
    checker.set_content(page.content())
    assert _violations(checker) == []
    checker.close()
    context.close()
