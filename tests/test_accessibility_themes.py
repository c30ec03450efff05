"""WCAG 2.2 AA on the themes pages, JavaScript off: axe-core on the free-text questions, a
question's themes with its breakdown, a theme's answers, the answers in no theme, and the error
states; an officer renames a theme and merges two by keyboard-free form posts in the browser."""

import pytest

from eqtrack.surveys.models import Theme
from eqtrack.surveys.services.themes import themes_run
from eqtrack.surveys.tests.themes_data import answers_create, respond, world_create

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_themes_pages_have_no_accessibility_violations(browser, live_server, tmp_path):
    world = world_create()
    answers_create(world)
    themes_run(question=world.question, user=world.admin, themes=3)
    respond(world, "Something new about the market", "Female")
    page = signed_in_page(browser, live_server, world.admin, javascript=False)
    base = (
        f"{live_server.url}/{world.org.slug}/consultations/{world.consultation.pk}/survey/themes/"
    )
    q = f"{base}{world.question.pk}/"
    failures: list[tuple] = []
    for url in (base, q, f"{q}1/", f"{q}no-theme/"):
        assert page.goto(url).status == 200, url
        failures += axe_failures(page, url)
    page.goto(q)
    page.screenshot(path=str(tmp_path / "question.png"), full_page=True)

    # Rename theme 1, then merge 3 into 2, as an officer would with the forms.
    page.goto(f"{q}1/")
    page.fill("#id_name", "Parking and cars")
    page.get_by_role("button", name="Rename", exact=True).click()
    assert "Parking and cars" in page.content()
    page.goto(q)
    page.select_option("#id_theme", "3")
    page.select_option("#id_into", "2")
    page.get_by_role("button", name="Merge", exact=True).click()
    assert Theme.objects.get(number=3).merged_into == Theme.objects.get(number=2)
    failures += axe_failures(page, "after merge")

    # Error states: merging a theme into itself; moving no answers.
    page.select_option("#id_theme", "1")
    page.select_option("#id_into", "1")
    page.get_by_role("button", name="Merge", exact=True).click()
    assert page.locator(".govuk-error-summary").count() == 1
    failures += axe_failures(page, "merge error")
    page.goto(f"{q}1/")
    page.get_by_role("button", name="Move the chosen answers").click()
    assert page.locator(".govuk-error-summary").count() == 1
    failures += axe_failures(page, "move error")
    page.context.close()
    assert failures == []
