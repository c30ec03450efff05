"""The evaluation pages end to end: a tender's bids, evaluators, declarations, scores,
moderation, confirmation, award and results through the pages; bad input answered with an
error summary and nothing changed; the moderation and results pages in a fixed number of
queries whatever the number of bids."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eqtrack.procurement.models import (
    Bid,
    Criterion,
    Evaluator,
    EvaluatorScore,
    ModeratedScore,
    TenderStage,
)
from eqtrack.procurement.services.evaluation import bid_record

from .evaluation_world import (
    FIRST,
    SECOND,
    agree_worked_example,
    world_draft,
    world_evaluating,
    world_moderation,
)
from .permission_world import procurement_state

pytestmark = pytest.mark.django_db


def url(w, tail=""):
    return f"/{w.org.slug}/tenders/{w.tender.pk}/{tail}"


def scores_post(w, given, submit="no"):
    data = {"submit": submit}
    for supplier, (quality, social) in given.items():
        bid = w.bids[supplier]
        data[f"score_{bid.pk}_quality"] = quality
        data[f"rationale_{bid.pk}_quality"] = f"{supplier} quality because"
        data[f"score_{bid.pk}_social_value"] = social
        data[f"rationale_{bid.pk}_social_value"] = f"{supplier} social value because"
    return data


def test_the_whole_evaluation_through_the_pages(client):
    w = world_draft()
    sv1, sv2 = w.measures["SV1"], w.measures["SV2"]
    client.force_login(w.officer)
    page = client.get(url(w, "evaluation/"))
    assert page.status_code == 200
    assert "Avon Ltd" in page.content.decode() and "Open evaluation" in page.content.decode()
    # A fourth bid, recorded through its page.
    response = client.post(
        url(w, "evaluation/bids/add/"),
        {
            "lot": str(w.lot.pk),
            "supplier": "Dee Ltd",
            "supplier_email": "bids@dee.example",
            "price": "500000",
            "social_value_answer": "We will hire locally.",
            f"quantity_{sv1.pk}": "10",
            f"due_on_{sv1.pk}": "31 March 2028",
            f"quantity_{sv2.pk}": "",
            f"due_on_{sv2.pk}": "",
        },
    )
    assert response.status_code == 302
    dee = Bid.objects.get(supplier="Dee Ltd")
    assert [(c.measure.code, c.quantity) for c in dee.commitments.all()] == [("SV1", D("10"))]
    # ... and withdrawn again.
    assert client.post(url(w, f"evaluation/bids/{dee.pk}/withdraw/")).status_code == 302
    dee.refresh_from_db()
    assert dee.archived_at is not None
    assert client.post(url(w, "evaluation/open/")).status_code == 302
    w.tender.refresh_from_db()
    assert w.tender.stage == TenderStage.EVALUATING

    # The first evaluator is sent to declare before seeing the bids.
    client.force_login(w.first)
    response = client.get(url(w, "evaluation/my-scores/"))
    assert response.status_code == 302 and response["Location"].endswith("declaration/")
    response = client.post(url(w, "evaluation/declaration/"), {"has_conflict": "no"})
    assert response.status_code == 302
    page = client.get(url(w, "evaluation/my-scores/")).content.decode()
    assert "Avon Ltd will train local people." in page and "Level 3" in page
    assert client.post(url(w, "evaluation/my-scores/"), scores_post(w, FIRST)).status_code == 302
    response = client.post(url(w, "evaluation/my-scores/"), scores_post(w, FIRST, "yes"))
    assert response.status_code == 302
    client.force_login(w.second)
    client.post(url(w, "evaluation/declaration/"), {"has_conflict": "no"})
    response = client.post(url(w, "evaluation/my-scores/"), scores_post(w, SECOND, "yes"))
    assert response.status_code == 302
    # Submitted, the second evaluator now sees the first's scores beside their own.
    page = client.get(url(w, "evaluation/my-scores/")).content.decode()
    assert "The other evaluators" in page and "Brook Ltd quality because" in page
    assert EvaluatorScore.objects.count() == 12

    client.force_login(w.officer)
    assert client.post(url(w, "evaluation/moderation/open/")).status_code == 302
    page = client.get(url(w, "evaluation/moderation/")).content.decode()
    assert "Brook Ltd quality because" in page
    brook = w.bids["Brook Ltd"]
    cell = url(w, f"evaluation/moderation/{brook.pk}/quality/")
    # The evaluators gave 5 and 4: agreeing 5 without a reason is refused, naming the field.
    before = procurement_state()
    page = client.post(cell, {"score": "5", "reason": ""})
    assert page.status_code == 200 and procurement_state() == before
    assert 'href="#id_reason"' in page.content.decode()
    assert "Give the reason for the agreed score" in page.content.decode()
    assert client.post(cell, {"score": "5", "reason": "Its method statement"}).status_code == 302
    for supplier, (quality, social) in (
        ("Avon Ltd", ("4", "3")),
        ("Brook Ltd", (None, "4")),
        ("Cam Ltd", ("3", "5")),
    ):
        bid = w.bids[supplier]
        for criterion, score in (("quality", quality), ("social_value", social)):
            if score is not None:
                client.post(
                    url(w, f"evaluation/moderation/{bid.pk}/{criterion}/"),
                    {"score": score, "reason": "Agreed"},
                )
    assert ModeratedScore.objects.count() == 6
    # The recorder cannot confirm (four eyes).
    assert client.post(url(w, "evaluation/moderation/confirm/")).status_code == 403
    client.force_login(w.confirmer)
    assert client.post(url(w, "evaluation/moderation/confirm/")).status_code == 302
    assert client.post(url(w, "evaluation/award/")).status_code == 302
    w.tender.refresh_from_db()
    assert w.tender.stage == TenderStage.AWARDED
    page = client.get(url(w, "results/")).content.decode()
    for figure in ("88.85", "85.63", "81.31", "50.00", "35.00", "Its method statement"):
        assert figure in page
    assert page.index("Brook Ltd") < page.index("Avon Ltd") < page.index("Cam Ltd")
    # Evaluators see the results once awarded.
    client.force_login(w.first)
    assert client.get(url(w, "results/")).status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price", "0", "Enter a price of more than £0"),
        ("price", "lots", "Enter the price in pounds"),
        ("quantity", "-3", "of 0 or more"),
        ("quantity", "many", "Enter a number"),
    ],
)
def test_bad_bids_are_refused_on_the_page(client, field, value, message):
    w = world_draft()
    sv1 = w.measures["SV1"]
    client.force_login(w.officer)
    data = {
        "lot": str(w.lot.pk),
        "supplier": "Dee Ltd",
        "price": "100",
        f"quantity_{sv1.pk}": "1",
        f"due_on_{sv1.pk}": "31/03/2028",
    }
    data[field if field == "price" else f"quantity_{sv1.pk}"] = value
    before = procurement_state()
    response = client.post(url(w, "evaluation/bids/add/"), data)
    assert response.status_code == 200 and procurement_state() == before
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()


@pytest.mark.parametrize(("score", "message"), [("x", "Select a valid choice"), ("7", "Select")])
def test_bad_scores_are_refused_on_the_page(client, score, message):
    w = world_evaluating()
    client.force_login(w.first)
    data = scores_post(w, FIRST)
    data[f"score_{w.bids['Avon Ltd'].pk}_quality"] = score
    before = procurement_state()
    response = client.post(url(w, "evaluation/my-scores/"), data)
    assert response.status_code == 200 and procurement_state() == before
    assert message in response.content.decode()


def test_a_hundred_point_scale_refuses_scores_off_it(client):
    w = world_evaluating()
    w.tender.scale = "0-100"
    w.tender.save()
    client.force_login(w.first)
    for bad, message in (("101", "not on the scale"), ("ten", "Enter a score from 0 to 100")):
        data = scores_post(w, {"Avon Ltd": (bad, "50")})
        before = procurement_state()
        response = client.post(url(w, "evaluation/my-scores/"), data)
        assert response.status_code == 200 and procurement_state() == before
        assert message in response.content.decode()
    assert (
        client.post(
            url(w, "evaluation/my-scores/"), scores_post(w, {"Avon Ltd": ("75.5", "50")})
        ).status_code
        == 302
    )


def test_an_agreed_score_off_the_scale_is_refused(client):
    w = world_moderation()
    client.force_login(w.officer)
    bid = w.bids["Avon Ltd"]
    for bad in ("six", "6", ""):
        before = procurement_state()
        response = client.post(
            url(w, f"evaluation/moderation/{bid.pk}/quality/"), {"score": bad, "reason": "x"}
        )
        assert response.status_code == 200 and procurement_state() == before
        assert 'href="#id_score"' in response.content.decode()


def test_a_conflict_is_declared_with_its_details_and_shown(client):
    w = world_draft()
    from eqtrack.procurement.services.evaluation import tender_evaluation_open

    tender_evaluation_open(tender=w.tender, user=w.officer)
    client.force_login(w.first)
    response = client.post(url(w, "evaluation/declaration/"), {"has_conflict": "yes"})
    assert response.status_code == 200 and "Say what the conflict of interest is" in (
        response.content.decode()
    )
    client.post(
        url(w, "evaluation/declaration/"), {"has_conflict": "yes", "details": "I advise Cam Ltd"}
    )
    assert client.get(url(w, "evaluation/my-scores/")).status_code == 403
    client.force_login(w.officer)
    assert "I advise Cam Ltd" in client.get(url(w, "evaluation/")).content.decode()
    evaluator = Evaluator.objects.get(user=w.first)
    response = client.post(url(w, f"evaluation/evaluators/{evaluator.pk}/remove/"))
    assert response.status_code == 302 and not Evaluator.objects.filter(user=w.first).exists()


def test_the_officer_sees_who_submitted_but_not_the_scores(client):
    w = world_evaluating()
    client.force_login(w.first)
    client.post(url(w, "evaluation/my-scores/"), scores_post(w, FIRST, "yes"))
    client.force_login(w.officer)
    page = client.get(url(w, "evaluation/")).content.decode()
    assert "Submitted" in page and "Not submitted yet" in page
    assert "quality because" not in page
    assert client.get(url(w, "evaluation/moderation/")).status_code == 403
    assert client.get(url(w, "results/")).status_code == 403


# The moderation sheet asks once whether the reader ever evaluated the tender.
QUERIES = {"evaluation/": 14, "evaluation/moderation/": 12, "results/": 16}


def _more_bids(w, n):
    for i in range(n):
        bid_record(
            tender=w.tender,
            lot=w.lot,
            supplier=f"Extra {i} Ltd",
            supplier_email="",
            price=D("500000") + i,
            social_value_answer="",
            commitments={},
            user=w.officer,
        )


@pytest.mark.parametrize("extra", [0, 6])
def test_moderation_and_results_take_a_fixed_number_of_queries(
    client, extra, django_assert_max_num_queries
):
    w = world_draft()
    _more_bids(w, extra)
    w.bids = {b.supplier: b for b in Bid.objects.filter(tender=w.tender)}
    from eqtrack.procurement.services.evaluation import (
        ScoreInput,
        evaluator_declare,
        evaluator_scores_save,
        evaluator_scores_submit,
        moderated_score_record,
        moderation_confirm,
        tender_evaluation_open,
        tender_moderation_open,
    )

    tender_evaluation_open(tender=w.tender, user=w.officer)
    for evaluator in w.evaluators:
        evaluator_declare(evaluator=evaluator, user=evaluator.user, has_conflict=False, details="")
        evaluator_scores_save(
            evaluator=evaluator,
            user=evaluator.user,
            scores={
                (bid.pk, c): ScoreInput("3", "fine")
                for bid in w.bids.values()
                for c in (Criterion.QUALITY, Criterion.SOCIAL_VALUE)
            },
        )
        evaluator_scores_submit(evaluator=evaluator, user=evaluator.user)
    tender_moderation_open(tender=w.tender, user=w.officer)
    for bid in w.bids.values():
        for c in (Criterion.QUALITY, Criterion.SOCIAL_VALUE):
            moderated_score_record(bid=bid, criterion=c, score="4", reason="Up", user=w.officer)
    moderation_confirm(tender=w.tender, user=w.confirmer)
    client.force_login(w.officer)
    client.get(url(w, "evaluation/"))  # the session and membership, read once
    counts = {}
    for tail in ("evaluation/", "evaluation/moderation/", "results/"):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url(w, tail))
            assert page.status_code == 200
        counts[tail] = len(queries)
    # The same for 3 bids as for 9 (measured): no query per bid.
    assert counts == QUERIES, counts
    with django_assert_max_num_queries(QUERIES["results/"]):
        page = client.get(url(w, "results/"))
    assert page.content.decode().count("Extra ") >= extra


def test_the_ranking_page_matches_the_worked_example(client):
    w = world_moderation()
    agree_worked_example(w)
    client.force_login(w.viewer)
    page = client.get(url(w, "results/")).content.decode()
    assert "88.85" in page and "85.63" in page and "81.31" in page
    # Brook's quality: the evaluators gave 5 and 4, the meeting agreed 5, with its reason.
    assert "Agreed at the meeting: Brook Ltd quality" in page
    # Avon's quality: both gave 4, agreed 4: no change to list.
    assert "Agreed at the meeting: Avon Ltd quality" not in page
