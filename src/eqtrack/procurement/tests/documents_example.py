"""The worked example (worked_example.py) with its evaluation recorded as it happens: three
evaluators declare their interests (one declares a conflict and scores nothing), two score every
bid independently, and moderation changes one score with a reason."""

from __future__ import annotations

from decimal import Decimal as D

from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.organisations.models import Organisation
from eqtrack.procurement.models import (
    Bid,
    Criterion,
    Evaluator,
    EvaluatorScore,
    ModeratedScore,
    Tender,
    TenderStage,
)

from .worked_example import worked_tender

CHANGED_REASON = "The method statement meets every requirement, as both agreed at moderation."
CONFLICT = "Was a director of a bidder until 2024."


def _evaluator(tender: Tender, first: str, last: str, *, conflict: str = "") -> Evaluator:
    user = member_create(tender.organisation, Role.EVALUATOR)
    user.first_name, user.last_name = first, last
    user.save()
    return Evaluator.objects.create(
        organisation=tender.organisation,
        tender=tender,
        user=user,
        declared_at=timezone.now(),
        has_conflict=bool(conflict),
        conflict_details=conflict,
    )


def evaluated_tender(
    method: str = "relative",
    *,
    stage: str = TenderStage.MODERATION,
    organisation: Organisation | None = None,
) -> Tender:
    """The worked example's tender, its evaluators' own scores recorded: each gave the agreed
    score, except on Avon Ltd's quality, which the first evaluator scored 3 and moderation
    agreed at 4."""
    tender = worked_tender(method, organisation=organisation)
    first = _evaluator(tender, "Asha", "Patel")
    second = _evaluator(tender, "Ben", "Jones")
    _evaluator(tender, "Carys", "Evans", conflict=CONFLICT)
    for agreed in ModeratedScore.objects.filter(bid__tender=tender).select_related("bid"):
        bid: Bid = agreed.bid
        for evaluator in (first, second):
            score = agreed.score
            if bid.supplier == "Avon Ltd" and agreed.criterion == Criterion.QUALITY:
                score = D("3") if evaluator == first else agreed.score
            EvaluatorScore.objects.create(
                organisation=tender.organisation,
                evaluator=evaluator,
                bid=bid,
                criterion=agreed.criterion,
                score=score,
                rationale=f"{bid.supplier}: {agreed.get_criterion_display()} scored {score}.",
            )
        if bid.supplier == "Avon Ltd" and agreed.criterion == Criterion.QUALITY:
            agreed.reason = CHANGED_REASON
            agreed.save()
    tender.stage = stage
    tender.save()
    return tender
