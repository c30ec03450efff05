"""A tender taken through evaluation by its services, for the evaluation tests: the worked
example's three bids (tests/worked_example.py), two evaluators who score them, a procurement
officer who records the agreed scores and an administrator who confirms them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.procurement.models import (
    Bid,
    Criterion,
    Evaluator,
    Lot,
    SocialValueMeasure,
    SocialValueOutcome,
    SocialValueTheme,
    Tender,
)
from eqtrack.procurement.services.evaluation import (
    CommitmentInput,
    ScoreInput,
    bid_record,
    evaluator_add,
    evaluator_declare,
    evaluator_scores_save,
    evaluator_scores_submit,
    moderated_score_record,
    tender_evaluation_open,
    tender_moderation_open,
)

from .worked_example import BIDS

# What each evaluator gives (quality, social value) per supplier; the agreed scores are the
# worked example's, so moderation changes some and keeps others.
FIRST = {"Avon Ltd": ("4", "3"), "Brook Ltd": ("5", "4"), "Cam Ltd": ("3", "4")}
SECOND = {"Avon Ltd": ("4", "3"), "Brook Ltd": ("4", "4"), "Cam Ltd": ("3", "5")}


@dataclass
class World:
    org: Organisation
    officer: User
    confirmer: User
    first: User
    second: User
    viewer: User
    tender: Tender
    lot: Lot
    measures: dict[str, SocialValueMeasure]
    bids: dict[str, Bid]
    evaluators: list[Evaluator]


def world_draft() -> World:
    """A tender set up (the worked example's model), its bids recorded, two evaluators added."""
    org = Organisation.objects.create(name="Scoring Council", slug="scoring")
    officer = member_create(org, Role.PROCUREMENT, username="officer")
    confirmer = member_create(org, Role.ADMINISTRATOR, username="confirmer")
    first = member_create(org, Role.EVALUATOR, username="first")
    second = member_create(org, Role.EVALUATOR, username="second")
    viewer = member_create(org, Role.VIEWER, username="viewer")
    theme = SocialValueTheme.objects.create(organisation=org, name="Equal opportunity")
    outcome = SocialValueOutcome.objects.create(organisation=org, theme=theme, name="Jobs")
    measures = {
        code: SocialValueMeasure.objects.create(
            organisation=org, outcome=outcome, code=code, name=name, unit=unit, proxy_value=proxy
        )
        for code, name, unit, proxy in (
            ("SV1", "Weeks of apprenticeship", "weeks", D("250")),
            ("SV2", "Hours volunteered", "hours", D("15")),
        )
    }
    tender = Tender.objects.create(
        organisation=org,
        title="Worked example",
        reference="W-1",
        value=D("450000"),
        price_weight=D("50"),
        quality_weight=D("35"),
        social_value_weight=D("15"),
        quantitative_share=D("50"),
        quantitative_method="relative",
        scale="0-5",
        descriptors=[{"score": n, "descriptor": f"Level {n}"} for n in range(6)],
        created_by=officer,
    )
    tender.measures.set(measures.values())
    lot = Lot.objects.create(organisation=org, tender=tender, name="Lot 1")
    bids = {}
    for supplier, (price, _q, _s, commitments) in BIDS.items():
        bids[supplier] = bid_record(
            tender=tender,
            lot=lot,
            supplier=supplier,
            supplier_email=f"bids@{supplier.split()[0].lower()}.example",
            price=price,
            social_value_answer=f"{supplier} will train local people.",
            commitments={
                measures[code].pk: CommitmentInput(quantity, dt.date(2028, 3, 31))
                for code, quantity in commitments.items()
            },
            user=officer,
        )
    evaluators = [evaluator_add(tender=tender, member=m, user=officer) for m in (first, second)]
    return World(
        org, officer, confirmer, first, second, viewer, tender, lot, measures, bids, evaluators
    )


def scores_for(w: World, given: dict[str, tuple[str, str]]) -> dict:
    return {
        (w.bids[s].pk, c): ScoreInput(score, f"{s} {c} rationale")
        for s, (quality, social) in given.items()
        for c, score in ((Criterion.QUALITY, quality), (Criterion.SOCIAL_VALUE, social))
    }


def world_evaluating() -> World:
    w = world_draft()
    tender_evaluation_open(tender=w.tender, user=w.officer)
    for evaluator in w.evaluators:
        evaluator_declare(evaluator=evaluator, user=evaluator.user, has_conflict=False, details="")
    w.tender.refresh_from_db()
    return w


def world_moderation() -> World:
    """Both evaluators have submitted; moderation is open, nothing agreed yet."""
    w = world_evaluating()
    for evaluator, given in zip(w.evaluators, (FIRST, SECOND), strict=True):
        evaluator_scores_save(evaluator=evaluator, user=evaluator.user, scores=scores_for(w, given))
        evaluator_scores_submit(evaluator=evaluator, user=evaluator.user)
    tender_moderation_open(tender=w.tender, user=w.officer)
    w.tender.refresh_from_db()
    return w


def agree_worked_example(w: World) -> None:
    """The officer records the worked example's agreed scores, with reasons where changed."""
    for supplier, (_p, quality, social, _c) in BIDS.items():
        for criterion, score in ((Criterion.QUALITY, quality), (Criterion.SOCIAL_VALUE, social)):
            moderated_score_record(
                bid=w.bids[supplier],
                criterion=criterion,
                score=score,
                reason=f"Agreed at the meeting: {supplier} {criterion}",
                user=w.officer,
            )
    w.tender.refresh_from_db()
