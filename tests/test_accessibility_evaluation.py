"""WCAG 2.2 AA on a tender's evaluation pages, JavaScript off: axe-core on the hub, a bid's
form, the evaluators, the declaration, an evaluator's scores, the moderation sheet, an agreed
score and the results, and on their error states."""

import pytest

from eqtrack.procurement.services.evaluation import moderation_confirm, tender_evaluation_open
from eqtrack.procurement.tests.evaluation_world import (
    agree_worked_example,
    world_draft,
    world_moderation,
)

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_evaluation_pages_before_moderation(browser, live_server):
    w = world_draft()
    base = f"{live_server.url}/{w.org.slug}/tenders/{w.tender.pk}/"
    failures: list[tuple] = []
    page = signed_in_page(browser, live_server, w.officer, javascript=False)
    for tail in ("evaluation/", "evaluation/bids/add/", "evaluation/evaluators/"):
        assert page.goto(base + tail).status == 200, tail
        failures += axe_failures(page, tail)
    page.goto(base + "evaluation/bids/add/")
    page.fill("#id_price", "0")
    page.get_by_role("button", name="Save the bid").click()
    page.wait_for_load_state("load")
    assert page.locator(".govuk-error-summary").count() == 1
    failures += axe_failures(page, "bid error")
    page.goto(base + "evaluation/evaluators/")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator(".govuk-error-summary").count() == 1
    failures += axe_failures(page, "evaluator error")
    page.context.close()

    tender_evaluation_open(tender=w.tender, user=w.officer)
    page = signed_in_page(browser, live_server, w.first, javascript=False)
    page.goto(base + "evaluation/declaration/")
    failures += axe_failures(page, "declaration")
    page.check("#id_has_conflict_1")
    page.get_by_role("button", name="Declare").click()
    page.wait_for_load_state("load")
    assert page.locator(".govuk-error-summary").count() == 1
    failures += axe_failures(page, "declaration error")
    page.check("#id_has_conflict_0")
    page.get_by_role("button", name="Declare").click()
    page.goto(base + "evaluation/my-scores/")
    failures += axe_failures(page, "scores")
    page.get_by_role("button", name="Save and submit").click()
    page.wait_for_load_state("load")
    assert page.locator(".govuk-error-summary").count() == 1
    failures += axe_failures(page, "scores error")
    page.context.close()
    assert failures == []


def test_the_moderation_and_results_pages(browser, live_server):
    w = world_moderation()
    base = f"{live_server.url}/{w.org.slug}/tenders/{w.tender.pk}/"
    bid = w.bids["Brook Ltd"]
    failures: list[tuple] = []
    page = signed_in_page(browser, live_server, w.officer, javascript=False)
    page.goto(base + "evaluation/moderation/")
    failures += axe_failures(page, "moderation")
    page.goto(base + f"evaluation/moderation/{bid.pk}/quality/")
    failures += axe_failures(page, "agreed score")
    page.fill("#id_score", "5")
    page.get_by_role("button", name="Record the agreed score").click()
    page.wait_for_load_state("load")
    assert page.locator(".govuk-error-summary").count() == 1
    failures += axe_failures(page, "agreed score error")
    agree_worked_example(w)
    moderation_confirm(tender=w.tender, user=w.confirmer)
    page.goto(base + "results/")
    assert "88.85" in page.content()
    failures += axe_failures(page, "results")
    page.goto(base + "evaluation/")
    failures += axe_failures(page, "hub in moderation")
    page.context.close()
    assert failures == []
