"""Evaluating a tender through its services: bids, evaluators and their declarations, scores
kept from one another until submitted, moderation with a reason for every change, the four-eyes
confirmation and the award; every refusal leaves the database as it was."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from eqtrack.accounts.models import Role
from eqtrack.accounts.permissions import can_confirm_moderation, can_read_tender_results
from eqtrack.accounts.tests.factories import member_create
from eqtrack.procurement.models import (
    Bid,
    Criterion,
    Evaluator,
    EvaluatorScore,
    ModeratedScore,
    Tender,
    TenderStage,
)
from eqtrack.procurement.results import tender_results
from eqtrack.procurement.scoring import shown
from eqtrack.procurement.selectors.evaluation import (
    bids_for_evaluator,
    moderation_sheet,
    scores_visible,
)
from eqtrack.procurement.services.evaluation import (
    CommitmentInput,
    ScoreInput,
    bid_change,
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

from .evaluation_world import (
    FIRST,
    SECOND,
    agree_worked_example,
    scores_for,
    world_draft,
    world_evaluating,
    world_moderation,
)
from .permission_world import procurement_state

pytestmark = pytest.mark.django_db


def refused(error, fn, **kwargs):
    """The call is refused with `error`, and nothing in the procurement tables changed."""
    before = procurement_state()
    with pytest.raises(error) as raised:
        fn(**kwargs)
    assert procurement_state() == before
    return raised.value


def test_a_bid_with_its_commitments_and_its_refusals():
    w = world_draft()
    bid = w.bids["Brook Ltd"]
    assert [(c.measure.code, c.quantity) for c in bid.commitments.all()] == [
        ("SV1", D("52")),
        ("SV2", D("600")),
    ]
    base = dict(
        tender=w.tender,
        lot=w.lot,
        supplier="Dee Ltd",
        supplier_email="",
        price=D("100"),
        social_value_answer="",
        commitments={},
        user=w.officer,
    )
    e = refused(ValidationError, bid_record, **{**base, "price": D("0")})
    assert e.message_dict == {"price": ["enter a price of more than £0"]}
    e = refused(
        ValidationError,
        bid_record,
        **{
            **base,
            "commitments": {w.measures["SV1"].pk: CommitmentInput(D("-1"), dt.date.today())},
        },
    )
    assert list(e.message_dict) == [f"quantity_{w.measures['SV1'].pk}"]
    e = refused(ValidationError, bid_record, **{**base, "supplier": "avon ltd"})
    assert e.message_dict == {"supplier": ["avon ltd has a bid for Lot 1 already"]}
    refused(PermissionDenied, bid_record, **{**base, "user": w.first})
    # The commitments given are the bid's whole set: a change drops one left blank and keeps the old version in the history.
    bid_change(
        bid=bid,
        lot=w.lot,
        supplier="Brook Ltd",
        supplier_email="",
        price=D("440000"),
        social_value_answer="Changed",
        commitments={
            w.measures["SV1"].pk: CommitmentInput(D("52"), dt.date(2028, 3, 31)),
            w.measures["SV2"].pk: CommitmentInput(None, None),
        },
        user=w.officer,
    )
    bid.refresh_from_db()
    assert bid.price == D("440000") and bid.commitments.count() == 1
    assert bid.history.count() == 2


def test_opening_evaluation_needs_bids_and_two_evaluators_and_a_valid_setup():
    w = world_draft()
    evaluator_remove(evaluator=w.evaluators[1], user=w.officer)
    e = refused(ValidationError, tender_evaluation_open, tender=w.tender, user=w.officer)
    assert "add at least 2 evaluators" in e.messages[0]
    evaluator_add(tender=w.tender, member=w.second, user=w.officer)
    Tender.objects.filter(pk=w.tender.pk).update(social_value_weight=D("5"), price_weight=D("60"))
    w.tender.refresh_from_db()
    e = refused(ValidationError, tender_evaluation_open, tender=w.tender, user=w.officer)
    assert "PPN 002 sets a minimum of 10%" in e.messages[0]
    Tender.objects.filter(pk=w.tender.pk).update(social_value_weight=D("15"), price_weight=D("50"))
    w.tender.refresh_from_db()
    assert tender_evaluation_open(tender=w.tender, user=w.officer).stage == TenderStage.EVALUATING


def test_a_viewer_cannot_be_an_evaluator():
    w = world_draft()
    e = refused(ValidationError, evaluator_add, tender=w.tender, member=w.viewer, user=w.officer)
    assert list(e.message_dict) == ["member"]


def test_an_evaluator_declares_before_seeing_the_bids_and_a_conflict_scores_nothing():
    w = world_draft()
    tender_evaluation_open(tender=w.tender, user=w.officer)
    first = w.evaluators[0]
    with pytest.raises(PermissionDenied):
        bids_for_evaluator(organisation=w.org, evaluator=first)
    e = refused(
        ValidationError,
        evaluator_declare,
        evaluator=first,
        user=w.first,
        has_conflict=True,
        details=" ",
    )
    assert list(e.message_dict) == ["details"]
    refused(
        PermissionDenied,
        evaluator_declare,
        evaluator=first,
        user=w.second,
        has_conflict=False,
        details="",
    )
    evaluator_declare(evaluator=first, user=w.first, has_conflict=True, details="My brother")
    first.refresh_from_db()
    assert first.has_conflict and first.conflict_details == "My brother"
    with pytest.raises(PermissionDenied):
        bids_for_evaluator(organisation=w.org, evaluator=first)
    refused(
        PermissionDenied,
        evaluator_scores_save,
        evaluator=first,
        user=w.first,
        scores=scores_for(w, FIRST),
    )
    # The officer replaces them; the declaration stays in the history.
    evaluator_remove(evaluator=first, user=w.officer)
    assert Evaluator.history.filter(has_conflict=True, conflict_details="My brother").exists()


def test_scores_are_kept_from_the_others_until_one_submits():
    w = world_evaluating()
    first, second = w.evaluators
    evaluator_scores_save(evaluator=first, user=w.first, scores=scores_for(w, FIRST))
    evaluator_scores_save(evaluator=second, user=w.second, scores=scores_for(w, SECOND))

    def seen(user):
        return {
            s.evaluator.user.username
            for s in scores_visible(organisation=w.org, tender=w.tender, user=user)
        }

    assert seen(w.first) == {"first"}
    assert seen(w.second) == {"second"}
    assert seen(w.officer) == set() and seen(w.viewer) == set()
    evaluator_scores_submit(evaluator=first, user=w.first)
    # Submitting shows the first only what others have submitted: not the second's draft.
    assert seen(w.first) == {"first"}
    assert seen(w.second) == {"second"}  # still only their own
    assert seen(w.officer) == set()
    evaluator_scores_submit(evaluator=second, user=w.second)
    assert seen(w.first) == {"first", "second"}
    assert seen(w.officer) == {"first", "second"}


def test_scores_are_on_the_scale_with_a_rationale_and_every_bid_before_submitting():
    w = world_evaluating()
    first = w.evaluators[0]
    bid = w.bids["Avon Ltd"]
    for score, field in (("6", "score"), ("x", "score"), ("-1", "score"), ("2.555", "score")):
        e = refused(
            ValidationError,
            evaluator_scores_save,
            evaluator=first,
            user=w.first,
            scores={(bid.pk, Criterion.QUALITY): ScoreInput(score, "why")},
        )
        assert list(e.message_dict) == [f"{field}_{bid.pk}_quality"]
    e = refused(
        ValidationError,
        evaluator_scores_save,
        evaluator=first,
        user=w.first,
        scores={(bid.pk, Criterion.QUALITY): ScoreInput("3", " ")},
    )
    assert list(e.message_dict) == [f"rationale_{bid.pk}_quality"]
    evaluator_scores_save(
        evaluator=first, user=w.first, scores={(bid.pk, Criterion.QUALITY): ScoreInput("3", "ok")}
    )
    e = refused(ValidationError, evaluator_scores_submit, evaluator=first, user=w.first)
    assert "Brook Ltd (quality)" in e.messages[0]
    # Changeable until submitted, then final.
    evaluator_scores_save(evaluator=first, user=w.first, scores=scores_for(w, FIRST))
    evaluator_scores_submit(evaluator=first, user=w.first)
    refused(
        ValidationError,
        evaluator_scores_save,
        evaluator=first,
        user=w.first,
        scores=scores_for(w, SECOND),
    )
    # Bids and the evaluator are fixed once someone submitted.
    refused(ValidationError, bid_withdraw, bid=bid, user=w.officer)
    refused(ValidationError, evaluator_remove, evaluator=first, user=w.officer)


def test_moderation_waits_for_every_evaluator():
    w = world_evaluating()
    evaluator_scores_save(evaluator=w.evaluators[0], user=w.first, scores=scores_for(w, FIRST))
    evaluator_scores_submit(evaluator=w.evaluators[0], user=w.first)
    e = refused(ValidationError, tender_moderation_open, tender=w.tender, user=w.officer)
    assert "not every evaluator has submitted" in e.messages[0]


def test_an_agreed_score_that_differs_needs_a_reason():
    w = world_moderation()
    avon, brook = w.bids["Avon Ltd"], w.bids["Brook Ltd"]
    # Both evaluators gave Avon 4 for quality: agreeing 4 needs no reason.
    moderated_score_record(
        bid=avon, criterion=Criterion.QUALITY, score="4", reason="", user=w.officer
    )
    # They gave Brook 5 and 4: agreeing either differs from someone's, so a reason is needed.
    e = refused(
        ValidationError,
        moderated_score_record,
        bid=brook,
        criterion=Criterion.QUALITY,
        score="5",
        reason=" ",
        user=w.officer,
    )
    assert list(e.message_dict) == ["reason"]
    e = refused(
        ValidationError,
        moderated_score_record,
        bid=brook,
        criterion=Criterion.QUALITY,
        score="9",
        reason="Why",
        user=w.officer,
    )
    assert list(e.message_dict) == ["score"]
    # An evaluator does not record agreed scores, even one who is a procurement officer.
    refused(
        PermissionDenied,
        moderated_score_record,
        bid=brook,
        criterion=Criterion.QUALITY,
        score="5",
        reason="Why",
        user=w.first,
    )
    moderated_score_record(
        bid=brook, criterion=Criterion.QUALITY, score="5", reason="Evidence", user=w.officer
    )
    sheet = moderation_sheet(organisation=w.org, tender=w.tender)
    cell = next(c for c in sheet if c.bid == brook and c.criterion == Criterion.QUALITY)
    assert [g.score for g in cell.given] == [D("5"), D("4")] and cell.changed


def test_four_eyes_the_recorder_does_not_confirm_and_the_award_waits_for_confirmation():
    w = world_moderation()
    agree_worked_example(w)
    e = refused(ValidationError, tender_award, tender=w.tender, user=w.officer)
    assert "confirm the moderation" in e.messages[0]
    assert not can_confirm_moderation(w.officer, w.tender)
    refused(PermissionDenied, moderation_confirm, tender=w.tender, user=w.officer)
    refused(PermissionDenied, moderation_confirm, tender=w.tender, user=w.first)
    # Even one whose agreed scores were all overwritten by someone else is refused.
    other = member_create(w.org, Role.PROCUREMENT, username="other")
    moderated_score_record(
        bid=w.bids["Avon Ltd"], criterion="quality", score="4", reason="", user=other
    )
    assert not can_confirm_moderation(other, w.tender)
    assert can_confirm_moderation(w.confirmer, w.tender)
    moderation_confirm(tender=w.tender, user=w.confirmer)
    refused(
        ValidationError,
        moderated_score_record,
        bid=w.bids["Avon Ltd"],
        criterion="quality",
        score="3",
        reason="Late",
        user=w.officer,
    )
    winners = tender_award(tender=w.tender, user=w.officer)
    w.tender.refresh_from_db()
    assert [b.supplier for b in winners] == ["Brook Ltd"]
    assert w.tender.stage == TenderStage.AWARDED and w.tender.awarded_at is not None
    assert w.tender.moderation_confirmed_by == w.confirmer


def test_confirmation_waits_for_every_agreed_score():
    w = world_moderation()
    moderated_score_record(
        bid=w.bids["Avon Ltd"], criterion="quality", score="4", reason="", user=w.officer
    )
    e = refused(ValidationError, moderation_confirm, tender=w.tender, user=w.confirmer)
    assert "Brook Ltd (quality)" in e.messages[0]


def test_the_ranking_is_the_worked_example():
    w = world_moderation()
    agree_worked_example(w)
    (lot,) = tender_results(w.tender).lots
    assert [(line.bid.supplier, str(shown(line.result.total))) for line in lot.lines] == [
        ("Brook Ltd", "88.85"),
        ("Avon Ltd", "85.63"),
        ("Cam Ltd", "81.31"),
    ]
    assert ModeratedScore.history.count() == 6 and EvaluatorScore.objects.count() == 12


def test_a_tie_at_the_top_is_not_awarded():
    w = world_moderation()
    for supplier in ("Avon Ltd", "Brook Ltd", "Cam Ltd"):
        for criterion in ("quality", "social_value"):
            moderated_score_record(
                bid=w.bids[supplier], criterion=criterion, score="4", reason="Same", user=w.officer
            )
    Bid.objects.update(price=D("400000"))
    # Make the commitments equal too.
    for bid in Bid.objects.all():
        bid.commitments.all().delete()
    moderation_confirm(tender=w.tender, user=w.confirmer)
    e = refused(ValidationError, tender_award, tender=w.tender, user=w.officer)
    assert "tied" in e.messages[0]


def test_results_are_seen_by_readers_from_moderation_and_evaluators_after_the_award():
    w = world_moderation()
    assert can_read_tender_results(w.viewer, w.tender)
    assert not can_read_tender_results(w.first, w.tender)
    agree_worked_example(w)
    moderation_confirm(tender=w.tender, user=w.confirmer)
    tender_award(tender=w.tender, user=w.officer)
    w.tender.refresh_from_db()
    assert can_read_tender_results(w.first, w.tender)
