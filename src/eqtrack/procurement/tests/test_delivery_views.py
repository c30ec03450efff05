"""Delivery's pages end to end: the contracts list (and its query count), a contract's page,
sending a link and the supplier following it from the e-mail to a filed return, accepting it,
refusals of a bad link, and rating a KPI."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from eqtrack.procurement.models import (
    KPI,
    Bid,
    Commitment,
    Contract,
    KPIRating,
    Lot,
    Rating,
    ReturnLine,
    ReturnLink,
    ReturnState,
    SupplierReturn,
    Tender,
    TenderStage,
)

from .permission_world import world_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world_build()


def _link_in(message) -> str:
    found = re.search(r"http://\S+?(/procuring-council/supplier-returns/\S+/)", message.body)
    assert found is not None
    return found.group(1)


def _contract_url(w):
    return reverse("procurement-contract-detail", args=["procuring-council", w["contract"].pk])


def test_the_contract_page_shows_each_kpi_and_its_flags(w, client):
    client.force_login(w["people"]["viewer"])
    response = client.get(_contract_url(w))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Weeks of apprenticeship" in page and "26 weeks" in page and "31 March 2027" in page
    # Today (whatever it is) the page says how far the KPI has got, and a viewer changes nothing.
    assert "Expected by now" in page and "Send the link" not in page
    client.force_login(w["people"]["contract_manager"])
    assert "Send the link" in client.get(_contract_url(w)).content.decode()


def test_from_the_email_to_an_accepted_return(w, client, django_capture_on_commit_callbacks):
    manager = w["people"]["contract_manager"]
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("procurement-return-link-send", args=["procuring-council", w["contract"].pk]),
            {"period": "2026-04-01_2026-06-30"},
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["returns@green.example"]
    url = _link_in(message)
    client.logout()

    # The supplier: the link's page changes nothing (mail scanners fetch it)...
    page = client.get(url)
    assert page.status_code == 200 and "Start your return" in page.content.decode()
    assert ReturnLink.objects.get().opened_at is None
    # ... its button opens the form, at an address without the secret.
    response = client.post(url)
    assert response.status_code == 302
    form_url = reverse("procurement-return-form", args=["procuring-council"])
    assert response["Location"] == form_url
    kpi = w["kpi"]
    form = client.get(form_url)
    assert "1 April 2026 to 30 June 2026" in form.content.decode()

    # A bad number: named, nothing saved.
    bad = client.post(
        form_url, {f"delivered_{kpi.pk}": "six", f"evidence_{kpi.pk}": "", "name": "Sam"}
    )
    text = bad.content.decode()
    assert bad.status_code == 400 and "There is a problem" in text
    assert f'href="#id_delivered_{kpi.pk}"' in text and "as a number" in text
    assert SupplierReturn.objects.count() == 0
    missing = client.post(form_url, {f"delivered_{kpi.pk}": "", "name": ""})
    assert "Enter your name" in missing.content.decode()
    assert SupplierReturn.objects.count() == 0

    done = client.post(
        form_url,
        {f"delivered_{kpi.pk}": "6", f"evidence_{kpi.pk}": "Two apprentices", "name": "Sam"},
    )
    assert done.status_code == 200 and "Return sent" in done.content.decode()
    filed = SupplierReturn.objects.get()
    assert filed.state == ReturnState.SUBMITTED and filed.lines.get().delivered == Decimal("6")
    # The link is spent: again from the e-mail, or the form again, says so.
    again = client.get(url)
    assert (
        again.status_code == 410
        and "ask Procuring Council for a new link" in again.content.decode()
    )
    assert client.get(form_url).status_code == 404

    # The contract manager accepts it: it counts as delivered.
    client.force_login(manager)
    return_url = reverse(
        "procurement-return-detail", args=["procuring-council", w["contract"].pk, filed.pk]
    )
    assert "Two apprentices" in client.get(return_url).content.decode()
    assert client.post(return_url, {"decision": "accept", "note": ""}).status_code == 302
    filed.refresh_from_db()
    assert filed.state == ReturnState.ACCEPTED and filed.decided_by == manager
    page = client.get(_contract_url(w)).content.decode()
    assert "Accepted" in page


def test_a_query_needs_a_note(w, client):
    r = SupplierReturn.objects.create(
        organisation=w["org"],
        contract=w["contract"],
        period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 6, 30),
        submitted_at=timezone.now(),
    )
    ReturnLine.objects.create(organisation=w["org"], supplier_return=r, kpi=w["kpi"], delivered=1)
    client.force_login(w["people"]["procurement"])
    url = reverse("procurement-return-detail", args=["procuring-council", w["contract"].pk, r.pk])
    response = client.post(url, {"decision": "query", "note": ""})
    assert response.status_code == 400
    assert "Say what is wrong with the return" in response.content.decode()
    r.refresh_from_db()
    assert r.state == ReturnState.SUBMITTED
    assert client.post(url, {"decision": "query", "note": "Which weeks?"}).status_code == 302
    r.refresh_from_db()
    assert (r.state, r.decision_note) == (ReturnState.QUERIED, "Which weeks?")


@pytest.mark.parametrize("secret", ["not-a-real-secret", "x" * 43])
def test_an_unknown_link_gives_a_clear_page_not_an_error(w, client, secret):
    url = reverse("procurement-return-open", args=["procuring-council", secret])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert "ask Procuring Council for a new link" in response.content.decode()


def test_an_expired_link_says_so(w, client, django_capture_on_commit_callbacks):
    client.force_login(w["people"]["procurement"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("procurement-return-link-send", args=["procuring-council", w["contract"].pk]),
            {"period": "2026-04-01_2026-06-30"},
        )
    ReturnLink.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(_link_in(mail.outbox[-1]))
    assert response.status_code == 410 and "This link has expired" in response.content.decode()


def test_a_revoked_link_says_so(w, client, django_capture_on_commit_callbacks):
    client.force_login(w["people"]["contract_manager"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("procurement-return-link-send", args=["procuring-council", w["contract"].pk]),
            {"period": "2026-04-01_2026-06-30"},
        )
    link = ReturnLink.objects.get()
    client.post(
        reverse(
            "procurement-return-link-revoke",
            args=["procuring-council", w["contract"].pk, link.pk],
        )
    )
    client.logout()
    response = client.post(_link_in(mail.outbox[-1]))
    assert response.status_code == 410 and "withdrawn" in response.content.decode()


def test_rating_a_kpi_with_the_suggestion_and_history(w, client):
    client.force_login(w["people"]["contract_manager"])
    url = reverse("procurement-kpi-rate", args=["procuring-council", w["contract"].pk, w["kpi"].pk])
    page = client.get(url).content.decode()
    assert "only a suggestion" in page and "regulation 39(5)" in page
    # Nothing delivered: the year to 31 March 2027 suggests Inadequate; Good needs a note.
    response = client.post(url, {"year_ending": "2027-03-31", "rating": "good", "note": ""})
    assert response.status_code == 400
    assert "Say why you chose a rating other than the suggested one" in response.content.decode()
    assert KPIRating.objects.count() == 0
    assert (
        client.post(
            url, {"year_ending": "2027-03-31", "rating": "inadequate", "note": ""}
        ).status_code
        == 302
    )
    assert KPIRating.objects.get().rating == Rating.INADEQUATE
    assert "Inadequate</strong> for the year to 31 March 2027" in client.get(url).content.decode()


def _contract(w, n: int) -> Contract:
    tender = Tender.objects.create(
        organisation=w["org"],
        title=f"Contract {n}",
        reference=f"Q-{n}",
        value=Decimal("1000"),
        stage=TenderStage.AWARDED,
    )
    lot = Lot.objects.create(organisation=w["org"], tender=tender, name="Lot 1")
    bid = Bid.objects.create(
        organisation=w["org"], tender=tender, lot=lot, supplier=f"S{n}", price=Decimal("900")
    )
    contract = Contract.objects.create(
        organisation=w["org"],
        tender=tender,
        bid=bid,
        title=f"Contract {n}",
        supplier=f"S{n}",
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31),
        manager=w["people"]["contract_manager"],
    )
    commitment = Commitment.objects.create(
        organisation=w["org"],
        bid=bid,
        measure=w["measure"],
        quantity=10,
        due_on=dt.date(2027, 3, 31),
    )
    kpi = KPI.objects.create(
        organisation=w["org"],
        contract=contract,
        commitment=commitment,
        measure=w["measure"],
        target=10,
        due_on=dt.date(2027, 3, 31),
    )
    r = SupplierReturn.objects.create(
        organisation=w["org"],
        contract=contract,
        period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 6, 30),
        state=ReturnState.ACCEPTED,
    )
    ReturnLine.objects.create(organisation=w["org"], supplier_return=r, kpi=kpi, delivered=1)
    KPIRating.objects.create(
        organisation=w["org"],
        kpi=kpi,
        year_ending=dt.date(2027, 3, 31),
        rating=Rating.GOOD,
        rated_by=w["people"]["procurement"],
    )
    return contract


def test_the_contracts_list_takes_the_same_queries_for_many_contracts(
    w, client, django_assert_max_num_queries
):
    client.force_login(w["people"]["procurement"])
    url = reverse("procurement-contract-list", args=["procuring-council"])
    for n in range(8):
        _contract(w, n)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200 and "Contract 7" in page and "Green Ltd" in page


# --- Elsewhere: the plan action's page and the dashboard ---------------------------------------


def _action_served(w):
    """A published plan whose action the world's measure serves, with the contract running
    since 200 days ago (so its first quarter's return is overdue today, whatever today is)."""
    from eqtrack.plans.tests.factories import ActionFactory

    action = ActionFactory(theme__plan__organisation=w["org"], ref="A1")
    w["measure"].action = action
    w["measure"].save()
    today = timezone.localdate()
    Contract.objects.filter(pk=w["contract"].pk).update(
        starts_on=today - dt.timedelta(days=200), ends_on=today + dt.timedelta(days=500)
    )
    KPI.objects.filter(pk=w["kpi"].pk).update(due_on=today + dt.timedelta(days=100))
    return action


def _accepted(w, delivered, evidence="Names on file"):
    contract = Contract.objects.get(pk=w["contract"].pk)
    r = SupplierReturn.objects.create(
        organisation=w["org"],
        contract=contract,
        period_start=contract.starts_on,
        period_end=contract.starts_on + dt.timedelta(days=30),
        state=ReturnState.ACCEPTED,
        submitted_at=timezone.now(),
    )
    ReturnLine.objects.create(
        organisation=w["org"],
        supplier_return=r,
        kpi=w["kpi"],
        delivered=delivered,
        evidence=evidence,
    )


def test_the_plan_page_shows_the_social_value_delivered_for_an_action(w, client):
    action = _action_served(w)
    plan = action.plan
    url = reverse("plan-detail", args=["procuring-council", plan.slug])
    _accepted(w, 4, evidence="Apprentice names: Jo Bloggs")
    page = client.get(url).content.decode()
    assert "Social value from contracts (1)" in page
    assert "Green Ltd, Grounds maintenance" in page and "Weeks of apprenticeship" in page
    assert "26 weeks by" in page and "4 weeks</td>" in page
    # Public: no e-mail address, no evidence.
    assert "returns@green.example" not in page and "Jo Bloggs" not in page
    # The page is cached for visitors: a newly accepted return shows at once all the same.
    _accepted(w, 6)
    assert "10 weeks</td>" in client.get(url).content.decode()


def test_the_dashboard_flags_late_commitments_to_those_who_read_tenders(w, client):
    action = _action_served(w)
    url = reverse("plan-dashboard", args=["procuring-council", action.plan.slug])
    assert "Social value commitments flagged" not in client.get(url).content.decode()
    client.force_login(w["people"]["evaluator"])
    assert "Social value commitments flagged" not in client.get(url).content.decode()
    client.force_login(w["people"]["viewer"])
    page = client.get(url).content.decode()
    assert "Social value commitments flagged (1)" in page
    assert "Grounds maintenance</a> (Green Ltd)" in page and "Return overdue" in page


def test_sending_a_link_for_a_quarter_whose_return_waits_is_refused_by_name(w, client):
    SupplierReturn.objects.create(
        organisation=w["org"],
        contract=w["contract"],
        period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 6, 30),
        submitted_at=timezone.now(),
    )
    client.force_login(w["people"]["contract_manager"])
    url = reverse("procurement-return-link-send", args=["procuring-council", w["contract"].pk])
    response = client.post(url, {"period": "2026-04-01_2026-06-30"})
    text = response.content.decode()
    assert response.status_code == 400 and 'href="#id_period"' in text
    assert "accept or query it first" in text
    response = client.post(url, {"period": "1999-01-01_1999-03-31"})
    assert "Choose one of the contract&#x27;s quarters so far" in response.content.decode()
    assert ReturnLink.objects.count() == 0 and mail.outbox == []


def test_a_contract_manager_not_named_on_the_contract_reads_but_changes_nothing(w, client):
    from eqtrack.accounts.models import Role
    from eqtrack.accounts.tests.factories import member_create

    client.force_login(member_create(w["org"], Role.CONTRACT_MANAGER))
    page = client.get(_contract_url(w))
    assert page.status_code == 200 and "Send the link" not in page.content.decode()
    url = reverse("procurement-return-link-send", args=["procuring-council", w["contract"].pk])
    assert client.post(url, {"period": "2026-04-01_2026-06-30"}).status_code == 403
    assert ReturnLink.objects.count() == 0


def test_the_council_page_flags_late_commitments_to_those_who_read_tenders(w, client):
    _action_served(w)
    url = reverse("organisation-home", args=["procuring-council"])
    client.force_login(w["people"]["evaluator"])
    page = client.get(url).content.decode()
    assert "Social value commitments flagged" not in page and "/contracts/" not in page
    client.force_login(w["people"]["contract_manager"])
    page = client.get(url).content.decode()
    assert "Social value commitments flagged (1)" in page and "Return overdue" in page
    assert 'href="/procuring-council/contracts/"' in page
