"""WCAG 2.2 AA on the contract delivery pages, JavaScript off, forms in their error states
included: the contracts, a contract, a return and its decision, a KPI's ratings, the supplier's
pages from the e-mailed link to the return sent, a link that does not work, and the social
value on the plan page and the dashboard's flags."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from eqtrack.procurement.models import KPI, Contract
from eqtrack.procurement.tests.permission_world import world_build

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_delivery_pages_without_javascript(browser, live_server):
    from eqtrack.plans.tests.factories import ActionFactory

    w = world_build()
    today = timezone.localdate()
    # The contract running since 200 days ago: its first quarter's return is overdue.
    Contract.objects.filter(pk=w["contract"].pk).update(
        starts_on=today - dt.timedelta(days=200), ends_on=today + dt.timedelta(days=500)
    )
    KPI.objects.filter(pk=w["kpi"].pk).update(due_on=today + dt.timedelta(days=100))
    action = ActionFactory(theme__plan__organisation=w["org"], ref="A1")
    w["measure"].action = action
    w["measure"].save()
    contract = Contract.objects.get(pk=w["contract"].pk)
    base = f"{live_server.url}/{w['org'].slug}"
    failures: list[tuple] = []

    manager = signed_in_page(
        browser, live_server, w["people"]["contract_manager"], javascript=False
    )
    manager.goto(f"{base}/contracts/")
    assert "Grounds maintenance" in manager.content()
    failures += axe_failures(manager, "contracts")
    manager.goto(f"{base}/contracts/{contract.pk}/")
    assert "Return overdue" in manager.content()
    failures += axe_failures(manager, "contract")
    manager.click("button:has-text('Send the link')")
    assert "We have e-mailed Green Ltd a link" in manager.content()
    failures += axe_failures(manager, "contract, link sent")

    # The supplier, from the e-mail.
    path = re.search(r"http://[^/\s]+(/\S+/supplier-returns/\S+/)", mail.outbox[-1].body)
    url = live_server.url + path.group(1)
    supplier = browser.new_context(java_script_enabled=False).new_page()
    supplier.goto(url)
    failures += axe_failures(supplier, "return link")
    supplier.click("button:has-text('Start your return')")
    failures += axe_failures(supplier, "return form")
    supplier.fill(f"#id_delivered_{w['kpi'].pk}", "lots")
    supplier.click("button:has-text('Send the return')")
    assert "There is a problem" in supplier.content()
    failures += axe_failures(supplier, "return form, errors")
    supplier.fill(f"#id_delivered_{w['kpi'].pk}", "6")
    supplier.fill(f"#id_evidence_{w['kpi'].pk}", "Two apprentices started")
    supplier.fill("#id_name", "Sam Supplier")
    supplier.click("button:has-text('Send the return')")
    assert "Return sent" in supplier.content()
    failures += axe_failures(supplier, "return sent")
    assert supplier.goto(url).status == 410
    failures += axe_failures(supplier, "link used")

    # The contract manager: the return, a query without a note, then accepted.
    manager.goto(f"{base}/contracts/{contract.pk}/")
    manager.click("table >> a:has-text(' to ')")
    failures += axe_failures(manager, "return")
    manager.check("input[value='query']")
    manager.click("button:has-text('Save the decision')")
    assert "Say what is wrong with the return" in manager.content()
    failures += axe_failures(manager, "return, error")
    manager.check("input[value='accept']")
    manager.click("button:has-text('Save the decision')")
    assert "Return accepted" in manager.content()

    manager.click("a:has-text('Rate')")
    failures += axe_failures(manager, "ratings")
    manager.check("input[value='other']")
    manager.click("button:has-text('Save the rating')")
    assert "There is a problem" in manager.content()
    failures += axe_failures(manager, "ratings, error")

    # Elsewhere: the plan page's social value, and the dashboard's flags.
    plan = action.plan
    manager.goto(f"{base}/{plan.slug}/")
    assert "Social value from contracts (1)" in manager.content()
    failures += axe_failures(manager, "plan page with social value")
    manager.goto(f"{base}/{plan.slug}/dashboard/")
    assert "Social value commitments flagged" in manager.content()
    failures += axe_failures(manager, "dashboard with delivery flags")
    manager.goto(f"{base}/")
    assert "Social value commitments flagged" in manager.content()
    failures += axe_failures(manager, "council page with delivery flags")
    assert failures == []
