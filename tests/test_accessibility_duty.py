"""WCAG 2.2 AA on the duty calendar's pages, JavaScript off, the form in its error state
included: the administrator records the dates (a day to come refused, then the real ones), the
full calendar with an overdue and a due-soon item, the council's page with its warnings and
the plan's dashboard with the overdue duty in red."""

import datetime as dt

import pytest
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document
from eqtrack.workforce.models import months_after

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(page, name, day):
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def test_the_duty_pages_without_javascript(browser, live_server):
    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    org = plan.organisation
    admin = member_create(org, Role.ADMINISTRATOR)
    today = timezone.localdate()
    base = f"{live_server.url}/{org.slug}"
    failures: list[tuple] = []

    page = signed_in_page(browser, live_server, admin, javascript=False)
    page.goto(f"{base}/manage/duty/")
    failures += axe_failures(page, "record")
    _fill(page, "objectives_set_on", today + dt.timedelta(days=1))
    page.click("button:has-text('Save')")
    assert "There is a problem" in page.content()
    failures += axe_failures(page, "record, a day to come")
    # Information a year and a day ago (overdue), objectives due in 10 days.
    _fill(page, "information_published_on", months_after(today, -12) - dt.timedelta(days=1))
    _fill(page, "objectives_set_on", months_after(today + dt.timedelta(days=10), -48))
    page.click("button:has-text('Save')")
    assert "Duty calendar" in page.locator("h1").inner_text()
    assert "Overdue" in page.content() and "Due soon" in page.content()
    failures += axe_failures(page, "calendar")
    page.goto(f"{base}/")
    assert page.locator("#duty-warnings li").count() == 2
    failures += axe_failures(page, "council page")
    page.goto(f"{base}/{plan.slug}/dashboard/")
    assert page.locator("#duty-overdue li").count() == 1
    failures += axe_failures(page, "dashboard")
    assert failures == []
