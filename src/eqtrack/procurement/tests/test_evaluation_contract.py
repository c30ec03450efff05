"""Setting up the contract of an awarded tender's winning bid, from the evaluation's page: its
commitments become the contract's KPIs; a second contract for it is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from eqtrack.procurement.models import KPI, Contract
from eqtrack.procurement.services.evaluation import moderation_confirm, tender_award

from .evaluation_world import agree_worked_example, world_moderation

pytestmark = pytest.mark.django_db


def _awarded():
    w = world_moderation()
    agree_worked_example(w)
    moderation_confirm(tender=w.tender, user=w.confirmer)
    tender_award(tender=w.tender, user=w.officer)
    return w


def _dates(name: str, day: dt.date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def test_the_winning_bids_commitments_become_the_contracts_kpis(client):
    w = _awarded()
    brook = w.bids["Brook Ltd"]
    client.force_login(w.officer)
    base = f"/{w.org.slug}/tenders/{w.tender.pk}/"
    hub = client.get(base + "evaluation/").content.decode()
    assert "Brook Ltd. No contract yet." in hub and "Set up the contract" in hub
    page = client.get(base + "contract/")
    assert page.status_code == 200
    # Only the winner is offered.
    assert "Brook Ltd (Lot 1)" in page.content.decode()
    assert "Avon Ltd" not in page.content.decode()
    refused = client.post(
        base + "contract/",
        {
            "bid": str(brook.pk),
            **_dates("starts_on", dt.date(2027, 4, 1)),
            **_dates("ends_on", dt.date(2027, 3, 1)),
        },
    )
    assert refused.status_code == 200
    assert "The contract must end on or after the day it starts" in refused.content.decode()
    assert not Contract.objects.exists()
    response = client.post(
        base + "contract/",
        {
            "bid": str(brook.pk),
            **_dates("starts_on", dt.date(2027, 4, 1)),
            **_dates("ends_on", dt.date(2030, 3, 31)),
            "manager": str(w.officer.pk),
        },
    )
    contract = Contract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/{w.org.slug}/contracts/{contract.pk}/"
    assert (contract.bid, contract.supplier, contract.manager) == (brook, "Brook Ltd", w.officer)
    assert sorted(
        (k.measure.code, k.target) for k in KPI.objects.filter(contract=contract)
    ) == sorted((c.measure.code, c.quantity) for c in brook.commitments.all())
    # Nothing is left waiting: the page is gone, the hub links to the contract.
    assert client.get(base + "contract/").status_code == 404
    assert "The contract and its KPIs" in client.get(base + "evaluation/").content.decode()


def test_no_contract_page_before_the_award_or_for_those_who_do_not_manage(client):
    w = world_moderation()
    client.force_login(w.officer)
    assert client.get(f"/{w.org.slug}/tenders/{w.tender.pk}/contract/").status_code == 404
    client.force_login(w.viewer)
    assert client.get(f"/{w.org.slug}/tenders/{w.tender.pk}/contract/").status_code == 403


def test_the_council_page_lists_an_evaluators_tenders_waiting_for_scores(client):
    from .evaluation_world import world_evaluating

    w = world_evaluating()
    client.force_login(w.first)
    page = client.get(f"/{w.org.slug}/").content.decode()
    assert "Tenders waiting for your scores" in page
    assert f"/{w.org.slug}/tenders/{w.tender.pk}/evaluation/" in page
    # An evaluator reads no tender list of their own: the link is for those who read tenders.
    assert f'href="/{w.org.slug}/tenders/"' not in page
    client.force_login(w.viewer)
    page = client.get(f"/{w.org.slug}/").content.decode()
    assert "Tenders waiting for your scores" not in page
    assert f'href="/{w.org.slug}/tenders/"' in page


def test_the_results_page_links_each_bidders_debrief_letter_once_awarded(client):
    w = _awarded()
    avon = w.bids["Avon Ltd"]
    results = f"/{w.org.slug}/tenders/{w.tender.pk}/results/"
    client.force_login(w.officer)
    page = client.get(results).content.decode()
    assert "Debrief letters" in page
    letter = f"/{w.org.slug}/tenders/{w.tender.pk}/debrief/{avon.pk}.pdf"
    assert letter in page
    assert client.get(letter).status_code == 200
    # Viewers read the results, but the letters are for those who send them.
    client.force_login(w.viewer)
    assert "Debrief letters" not in client.get(results).content.decode()
