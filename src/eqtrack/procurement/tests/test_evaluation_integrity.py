"""What a review of the procurement change found, each fixed and held here: the award stays as
decided whatever the library does later, scores stay private to those who have submitted, one
who ever evaluated a tender stays out of its moderation, and bad input is refused by name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eqtrack.procurement.models import Bid, Commitment, Criterion
from eqtrack.procurement.selectors.evaluation import scores_visible, winning_bids
from eqtrack.procurement.services.delivery import DeliveryError, contract_create_from_award
from eqtrack.procurement.services.evaluation import (
    ScoreInput,
    bid_record,
    bid_withdraw,
    evaluator_add,
    evaluator_declare,
    evaluator_remove,
    evaluator_scores_save,
    evaluator_scores_submit,
    moderated_score_record,
    moderation_confirm,
    tender_award,
    tender_evaluation_open,
    tender_moderation_open,
)
from eqtrack.procurement.services.library import measure_change
from eqtrack.procurement.services.tenders import tender_measures_set

from .evaluation_world import (
    FIRST,
    SECOND,
    agree_worked_example,
    scores_for,
    world_draft,
    world_evaluating,
)

pytestmark = pytest.mark.django_db


def _awarded(method: str = "proxy"):
    w = world_draft()
    w.tender.quantitative_method = method
    w.tender.save()
    tender_evaluation_open(tender=w.tender, user=w.officer)
    for e in w.evaluators:
        evaluator_declare(evaluator=e, user=e.user, has_conflict=False, details="")
    for e, given in zip(w.evaluators, (FIRST, SECOND), strict=True):
        evaluator_scores_save(evaluator=e, user=e.user, scores=scores_for(w, given))
        evaluator_scores_submit(evaluator=e, user=e.user)
    tender_moderation_open(tender=w.tender, user=w.officer)
    agree_worked_example(w)
    moderation_confirm(tender=w.tender, user=w.confirmer)
    tender_award(tender=w.tender, user=w.officer)
    w.tender.refresh_from_db()
    return w


def test_the_award_stands_and_its_proxy_values_cannot_change_under_it():
    w = _awarded("proxy")
    [(lot, winner, _)] = winning_bids(organisation=w.org, tender=w.tender)
    assert winner.supplier == "Brook Ltd" and lot.awarded_bid == winner
    sv1 = w.measures["SV1"]
    for proxy in ("5000", ""):
        with pytest.raises(ValidationError) as refused:
            measure_change(
                measure=sv1,
                outcome=sv1.outcome,
                code=sv1.code,
                name=sv1.name,
                unit=sv1.unit,
                proxy_value=proxy,
                user=w.officer,
            )
        assert "scores the bids of W-1" in str(refused.value.message_dict["proxy_value"])
    # Its words may still change.
    measure_change(
        measure=sv1,
        outcome=sv1.outcome,
        code=sv1.code,
        name="Weeks of apprenticeship (paid)",
        unit=sv1.unit,
        proxy_value=sv1.proxy_value,
        user=w.officer,
    )
    # Only the awarded bid gets a contract, even from a caller holding the tender as it was.
    with pytest.raises(DeliveryError, match="Avon Ltd's bid is not the one its lot was awarded"):
        contract_create_from_award(
            tender=w.tender,
            bid=w.bids["Avon Ltd"],
            user=w.officer,
            starts_on=dt.date(2027, 4, 1),
            ends_on=dt.date(2029, 3, 31),
        )
    contract = contract_create_from_award(
        tender=w.tender,
        bid=winner,
        user=w.officer,
        starts_on=dt.date(2027, 4, 1),
        ends_on=dt.date(2029, 3, 31),
    )
    assert contract.supplier == "Brook Ltd"


def test_a_contract_of_more_than_25_years_is_refused_by_its_end_date():
    w = _awarded("relative")
    with pytest.raises(DeliveryError, match="more than 25 years") as refused:
        contract_create_from_award(
            tender=w.tender,
            bid=w.bids["Brook Ltd"],
            user=w.officer,
            starts_on=dt.date(2027, 4, 1),
            ends_on=dt.date(9999, 12, 31),
        )
    assert refused.value.field == "ends_on"


def test_a_submitted_evaluator_sees_no_colleagues_draft():
    w = world_evaluating()
    first, second = w.evaluators
    evaluator_scores_save(evaluator=second, user=second.user, scores=scores_for(w, SECOND))
    evaluator_scores_save(evaluator=first, user=first.user, scores=scores_for(w, FIRST))
    evaluator_scores_submit(evaluator=first, user=first.user)
    seen = scores_visible(organisation=w.org, tender=w.tender, user=first.user)
    assert {s.evaluator_id for s in seen} == {first.pk}


def test_one_taken_off_the_tender_after_declaring_a_conflict_stays_out_of_its_moderation():
    w = world_draft()
    # The administrator is asked to evaluate, declares a conflict and is taken off.
    conflicted = evaluator_add(tender=w.tender, member=w.confirmer, user=w.officer)
    evaluator_declare(
        evaluator=conflicted, user=w.confirmer, has_conflict=True, details="Director of Brook"
    )
    evaluator_remove(evaluator=conflicted, user=w.officer)
    tender_evaluation_open(tender=w.tender, user=w.officer)
    for e in w.evaluators:
        evaluator_declare(evaluator=e, user=e.user, has_conflict=False, details="")
    for e, given in zip(w.evaluators, (FIRST, SECOND), strict=True):
        evaluator_scores_save(evaluator=e, user=e.user, scores=scores_for(w, given))
        evaluator_scores_submit(evaluator=e, user=e.user)
    tender_moderation_open(tender=w.tender, user=w.officer)
    with pytest.raises(PermissionDenied):
        moderated_score_record(
            bid=w.bids["Brook Ltd"],
            criterion=Criterion.QUALITY,
            score="5",
            reason="Agreed",
            user=w.confirmer,
        )
    agree_worked_example(w)
    with pytest.raises((PermissionDenied, ValidationError)):
        moderation_confirm(tender=w.tender, user=w.confirmer)
    w.tender.refresh_from_db()
    assert w.tender.moderation_confirmed_by_id is None


def test_a_withdrawn_suppliers_new_bid_is_taken(client):
    w = world_draft()
    bid_withdraw(bid=w.bids["Cam Ltd"], user=w.officer)
    client.force_login(w.officer)
    response = client.post(
        f"/{w.org.slug}/tenders/{w.tender.pk}/evaluation/bids/add/",
        {
            "lot": str(w.lot.pk),
            "supplier": "Cam Ltd",
            "supplier_email": "",
            "price": "380000",
            "social_value_answer": "A corrected bid",
        },
    )
    assert response.status_code == 302
    assert Bid.objects.filter(tender=w.tender, supplier="Cam Ltd").count() == 2
    assert Bid.objects.live().filter(tender=w.tender, supplier="Cam Ltd").count() == 1


def test_a_measure_bids_committed_to_stays_on_the_tender():
    w = world_draft()
    with pytest.raises(ValidationError) as refused:
        tender_measures_set(
            tender=w.tender, outcomes=[], measures=[w.measures["SV1"]], user=w.officer
        )
    assert "bids have committed to SV2 (Avon Ltd), SV2 (Brook Ltd)" in str(
        refused.value.message_dict["measures"]
    )
    assert Commitment.objects.filter(bid__tender=w.tender, measure=w.measures["SV2"]).count() == 2
    assert set(w.tender.measures.all()) == set(w.measures.values())


def test_a_descriptor_score_of_thousands_of_digits_is_refused_on_the_page(client):
    w = world_draft()
    client.force_login(w.officer)
    data = {
        "title": "T",
        "reference": "R-9",
        "value": "100",
        "lots": "Lot 1",
        "price_weight": "50",
        "quality_weight": "40",
        "social_value_weight": "10",
        "quantitative_share": "50",
        "quantitative_method": "relative",
        "scale": "0-5",
        "descriptors": "9" * 5000 + ": x",
    }
    response = client.post(f"/{w.org.slug}/tenders/new/", data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_the_tender_change_message_names_the_new_reference(client):
    w = world_draft()
    client.force_login(w.officer)
    url = f"/{w.org.slug}/tenders/{w.tender.pk}/change/"
    data = dict(client.get(url).context["form"].initial)
    data["reference"] = "NEW-REF"
    data["outcomes"] = data.get("outcomes") or []
    response = client.post(url, data, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Tender NEW-REF saved."]


def test_an_evaluators_scores_page_reads_each_bid_once():
    w = world_draft()
    for i in range(6):
        bid_record(
            tender=w.tender,
            lot=w.lot,
            supplier=f"Extra {i}",
            supplier_email="",
            price=D("500000"),
            social_value_answer="",
            commitments={},
            user=w.officer,
        )
    tender_evaluation_open(tender=w.tender, user=w.officer)
    bids = list(Bid.objects.filter(tender=w.tender))
    for e in w.evaluators:
        evaluator_declare(evaluator=e, user=e.user, has_conflict=False, details="")
        evaluator_scores_save(
            evaluator=e,
            user=e.user,
            scores={(b.pk, c): ScoreInput("3", "why") for b in bids for c in Criterion.values},
        )
        evaluator_scores_submit(evaluator=e, user=e.user)
    from django.test import Client

    client = Client()
    client.force_login(w.first)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{w.org.slug}/tenders/{w.tender.pk}/evaluation/my-scores/")
    assert response.status_code == 200
    one_bid = [
        q
        for q in queries.captured_queries
        if 'FROM "procurement_bid"' in q["sql"] and '"procurement_bid"."id" =' in q["sql"]
    ]
    assert one_bid == []
