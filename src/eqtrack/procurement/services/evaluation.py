"""Evaluating a tender: recording the bids and their commitments, the evaluators (who declare
any conflict of interest first), their independent scores, the moderation meeting's agreed
scores (a reason for every change), the second person's confirmation (four eyes) and the award.

Every function checks who may act and refuses with nothing changed: ValidationError (its
message keyed by the field it is about, where there is one) or PermissionDenied."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from eqtrack.accounts.models import Membership
from eqtrack.accounts.permissions import (
    can_confirm_moderation,
    can_manage_procurement,
    can_record_moderation,
)
from eqtrack.core.types import User

from ..models import (
    SCALE_TOP,
    Bid,
    Commitment,
    Evaluator,
    EvaluatorScore,
    Lot,
    ModeratedScore,
    SocialValueMeasure,
    Tender,
    TenderStage,
)
from ..results import tender_results
from ..selectors.evaluation import CRITERIA, CRITERION_WORDS, EVALUATOR_ROLES
from .tenders import tender_model_check

MINIMUM_EVALUATORS = 2


def _refuse(message: str, field: str | None = None) -> ValidationError:
    return ValidationError({field: message}) if field else ValidationError(message)


def _manager(user: User, tender: Tender, doing: str) -> None:
    if not can_manage_procurement(user, tender.organisation_id):
        raise PermissionDenied(f"only procurement officers and administrators {doing}")


def _stage(tender: Tender, *stages: str, doing: str) -> None:
    if tender.archived_at is not None or tender.stage not in stages:
        raise _refuse(
            f"{doing} is not possible now: the tender's stage is “{tender.get_stage_display()}”"
        )


def _locked(tender: Tender) -> Tender:
    """The tender, locked for the transaction, so two people's clicks do not interleave."""
    return Tender.objects.select_for_update().get(pk=tender.pk)


def score_parse(tender: Tender, value: object, field: str) -> Decimal:
    """A score typed on a page, as a number on the tender's scale (two decimal places at most)."""
    top = SCALE_TOP[tender.scale]
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise _refuse(f"enter a score from 0 to {top}, like {top}", field) from None
    if not score.is_finite() or not 0 <= score <= top:
        raise _refuse(f"enter a score from 0 to {top}; {value} is not on the scale", field)
    if score != score.quantize(Decimal("0.01")):
        raise _refuse("enter a score with at most two decimal places", field)
    return score


# --- Bids ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentInput:
    """What a bid promises on one measure; None for both means no commitment."""

    quantity: Decimal | None
    due_on: dt.date | None


def _no_scores_submitted(tender: Tender) -> None:
    if tender.evaluators.filter(scores_submitted_at__isnull=False).exists():
        raise _refuse(
            "an evaluator has submitted their scores, so the bids can no longer be changed"
        )


def _bid_check(
    *,
    tender: Tender,
    lot: Lot,
    supplier: str,
    price: Decimal,
    commitments: Mapping[int, CommitmentInput],
    bid: Bid | None,
) -> dict[SocialValueMeasure, tuple[Decimal, dt.date]]:
    if lot.tender_id != tender.pk:
        raise _refuse("choose one of the tender's lots", "lot")
    if not supplier.strip():
        raise _refuse("enter the supplier's name", "supplier")
    if price is None or price <= 0:
        raise _refuse("enter a price of more than £0", "price")
    clash = Bid.objects.live().filter(lot=lot, supplier__iexact=supplier.strip())
    if bid is not None:
        clash = clash.exclude(pk=bid.pk)
    if clash.exists():
        raise _refuse(f"{supplier.strip()} has a bid for {lot.name} already", "supplier")
    measures = {m.pk: m for m in tender.measures.all()}
    chosen: dict[SocialValueMeasure, tuple[Decimal, dt.date]] = {}
    for pk, given in commitments.items():
        if pk not in measures:
            raise _refuse("a commitment is to a measure the tender does not ask for")
        measure = measures[pk]
        if given.quantity is None and given.due_on is None:
            continue
        field = f"quantity_{pk}"
        if given.quantity is None:
            raise _refuse(f"enter the quantity of {measure.code}, or clear its date", field)
        if given.quantity < 0:
            raise _refuse(f"enter a quantity of {measure.code} of 0 or more", field)
        if given.due_on is None:
            raise _refuse(f"enter the date {measure.code} is due by", f"due_on_{pk}")
        chosen[measure] = (given.quantity, given.due_on)
    return chosen


def _commitments_set(bid: Bid, chosen: dict[SocialValueMeasure, tuple[Decimal, dt.date]]) -> None:
    kept = {c.measure_id: c for c in bid.commitments.all()}
    for measure, (quantity, due_on) in chosen.items():
        commitment = kept.pop(measure.pk, None)
        if commitment is None:
            Commitment.objects.create(
                organisation_id=bid.organisation_id,
                bid=bid,
                measure=measure,
                quantity=quantity,
                due_on=due_on,
            )
        elif (commitment.quantity, commitment.due_on) != (quantity, due_on):
            commitment.quantity = quantity
            commitment.due_on = due_on
            commitment.save()
    for commitment in kept.values():
        commitment.delete()  # its history keeps it


@transaction.atomic
def bid_record(
    *,
    tender: Tender,
    lot: Lot,
    supplier: str,
    supplier_email: str,
    price: Decimal,
    social_value_answer: str,
    commitments: Mapping[int, CommitmentInput],
    user: User,
) -> Bid:
    """Record a supplier's bid for a lot, with its commitments (measure pk → quantity and date)."""
    _manager(user, tender, "record bids")
    tender = _locked(tender)
    _stage(tender, TenderStage.DRAFT, TenderStage.EVALUATING, doing="recording a bid")
    _no_scores_submitted(tender)
    chosen = _bid_check(
        tender=tender, lot=lot, supplier=supplier, price=price, commitments=commitments, bid=None
    )
    bid = Bid.objects.create(
        organisation_id=tender.organisation_id,
        tender=tender,
        lot=lot,
        supplier=supplier.strip(),
        supplier_email=supplier_email.strip(),
        price=price,
        social_value_answer=social_value_answer.strip(),
    )
    _commitments_set(bid, chosen)
    return bid


@transaction.atomic
def bid_change(
    *,
    bid: Bid,
    lot: Lot,
    supplier: str,
    supplier_email: str,
    price: Decimal,
    social_value_answer: str,
    commitments: Mapping[int, CommitmentInput],
    user: User,
) -> Bid:
    """Correct a bid as recorded, until an evaluator has submitted their scores."""
    tender = bid.tender
    _manager(user, tender, "change bids")
    tender = _locked(tender)
    _stage(tender, TenderStage.DRAFT, TenderStage.EVALUATING, doing="changing a bid")
    if bid.archived_at is not None:
        raise _refuse("this bid was withdrawn")
    _no_scores_submitted(tender)
    chosen = _bid_check(
        tender=tender, lot=lot, supplier=supplier, price=price, commitments=commitments, bid=bid
    )
    bid.lot = lot
    bid.supplier = supplier.strip()
    bid.supplier_email = supplier_email.strip()
    bid.price = price
    bid.social_value_answer = social_value_answer.strip()
    bid.save()
    _commitments_set(bid, chosen)
    return bid


@transaction.atomic
def bid_withdraw(*, bid: Bid, user: User) -> Bid:
    """Withdraw (archive) a bid, with whatever evaluators had saved on it, until an evaluator
    has submitted their scores."""
    tender = bid.tender
    _manager(user, tender, "withdraw bids")
    tender = _locked(tender)
    _stage(tender, TenderStage.DRAFT, TenderStage.EVALUATING, doing="withdrawing a bid")
    if bid.archived_at is not None:
        raise _refuse("this bid was withdrawn already")
    _no_scores_submitted(tender)
    for score in EvaluatorScore.objects.filter(bid=bid):
        score.delete()
    bid.archived_at = timezone.now()
    bid.save()
    return bid


def tender_setup_problems(tender: Tender) -> list[str]:
    """What stops a tender's bids being evaluated: whatever the one check of an evaluation
    model (services.tenders.tender_model_check) refuses in it as it stands, and commitments
    carrying part of the score with no measure to commit to."""
    measures = list(tender.measures.all())
    problems = []
    try:
        tender_model_check(
            price_weight=tender.price_weight,
            quality_weight=tender.quality_weight,
            social_value_weight=tender.social_value_weight,
            low_weighting_reason=tender.low_weighting_reason,
            quantitative_share=tender.quantitative_share,
            quantitative_method=tender.quantitative_method,
            scale=tender.scale,
            descriptors=tender.descriptors or None,
            measures=measures,
        )
    except ValidationError as refused:
        problems = [m for messages in refused.message_dict.values() for m in messages]
    if tender.quantitative_share > 0 and not measures:
        problems.append("commitments carry part of the social value score but no measure is chosen")
    return problems


@transaction.atomic
def tender_evaluation_open(*, tender: Tender, user: User) -> Tender:
    """Bids are in: the evaluators may start (stage draft → evaluating)."""
    _manager(user, tender, "open evaluation")
    tender = _locked(tender)
    _stage(tender, TenderStage.DRAFT, doing="opening evaluation")
    problems = tender_setup_problems(tender)
    if problems:
        raise _refuse(f"the tender's set-up is not finished: {'; '.join(problems)}")
    lots = list(tender.lots.all())
    if not lots:
        raise _refuse("the tender has no lot")
    without = [lot.name for lot in lots if not lot.bids.filter(archived_at__isnull=True).exists()]
    if without:
        raise _refuse(f"no bid is recorded for {', '.join(without)}")
    if tender.evaluators.count() < MINIMUM_EVALUATORS:
        raise _refuse(f"add at least {MINIMUM_EVALUATORS} evaluators first")
    tender.stage = TenderStage.EVALUATING
    tender.save()
    return tender


# --- Evaluators ---------------------------------------------------------------------------


@transaction.atomic
def evaluator_add(*, tender: Tender, member: User, user: User) -> Evaluator:
    """Ask a member of the council (an evaluator, procurement officer or administrator) to
    score the tender."""
    _manager(user, tender, "choose evaluators")
    tender = _locked(tender)
    _stage(tender, TenderStage.DRAFT, TenderStage.EVALUATING, doing="adding an evaluator")
    membership = (
        Membership.objects.live()
        .filter(organisation_id=tender.organisation_id, user=member)
        .first()
    )
    if membership is None or membership.role not in EVALUATOR_ROLES:
        raise _refuse(
            "choose a member who is an evaluator, a procurement officer or an administrator",
            "member",
        )
    if tender.evaluators.filter(user=member).exists():
        raise _refuse(f"{member.get_full_name() or member} is an evaluator already", "member")
    return Evaluator.objects.create(
        organisation_id=tender.organisation_id, tender=tender, user=member
    )


@transaction.atomic
def evaluator_remove(*, evaluator: Evaluator, user: User) -> None:
    """Take an evaluator off the tender (one who declared a conflict, say), with any scores
    they saved; not once they have submitted them."""
    tender = evaluator.tender
    _manager(user, tender, "choose evaluators")
    tender = _locked(tender)
    _stage(tender, TenderStage.DRAFT, TenderStage.EVALUATING, doing="removing an evaluator")
    evaluator = Evaluator.objects.get(pk=evaluator.pk)
    if evaluator.scores_submitted_at is not None:
        raise _refuse("this evaluator has submitted their scores, so they stay on the tender")
    for score in evaluator.scores.all():
        score.delete()
    evaluator.delete()  # its history keeps it, its declaration included


def _own(evaluator: Evaluator, user: User) -> None:
    if evaluator.user_id != user.pk:
        raise PermissionDenied("only the evaluator themselves declares and scores")


@transaction.atomic
def evaluator_declare(
    *, evaluator: Evaluator, user: User, has_conflict: bool, details: str
) -> Evaluator:
    """The evaluator's declaration of any conflict of interest, made before they see the bids."""
    _own(evaluator, user)
    tender = _locked(evaluator.tender)
    _stage(tender, TenderStage.DRAFT, TenderStage.EVALUATING, doing="declaring")
    evaluator = Evaluator.objects.select_for_update().get(pk=evaluator.pk)
    if evaluator.declared_at is not None:
        raise _refuse("you have declared already; ask the procurement officer if it has changed")
    if has_conflict and not details.strip():
        raise _refuse("say what the conflict of interest is", "details")
    evaluator.has_conflict = has_conflict
    evaluator.conflict_details = details.strip() if has_conflict else ""
    evaluator.declared_at = timezone.now()
    evaluator.save()
    return evaluator


@dataclass(frozen=True)
class ScoreInput:
    """An evaluator's score of one bid on one criterion (None: not scored yet) and why."""

    score: Decimal | str | None
    rationale: str


def _may_score(evaluator: Evaluator, user: User) -> tuple[Tender, Evaluator]:
    _own(evaluator, user)
    tender = _locked(evaluator.tender)
    _stage(tender, TenderStage.EVALUATING, doing="scoring")
    evaluator = Evaluator.objects.select_for_update().get(pk=evaluator.pk)
    if evaluator.declared_at is None:
        raise _refuse("declare any conflict of interest before you score")
    if evaluator.has_conflict:
        raise PermissionDenied(
            "you declared a conflict of interest, so you do not score this tender"
        )
    if evaluator.scores_submitted_at is not None:
        raise _refuse("you have submitted your scores, so they can no longer be changed")
    return tender, evaluator


@transaction.atomic
def evaluator_scores_save(
    *, evaluator: Evaluator, user: User, scores: Mapping[tuple[int, str], ScoreInput]
) -> list[EvaluatorScore]:
    """Save the evaluator's scores as they stand ((bid pk, criterion) → score and rationale);
    a blank score leaves that one unscored. Changeable until they submit."""
    tender, evaluator = _may_score(evaluator, user)
    bids = {b.pk: b for b in Bid.objects.live().filter(tender=tender)}
    parsed: dict[tuple[int, str], tuple[Decimal | None, str]] = {}
    for (bid_pk, criterion), given in scores.items():
        if bid_pk not in bids or criterion not in CRITERIA:
            raise _refuse("a score is for a bid or criterion this tender does not have")
        field = f"score_{bid_pk}_{criterion}"
        rationale = given.rationale.strip()
        if given.score is None or str(given.score).strip() == "":
            if rationale:
                raise _refuse(
                    f"enter {bids[bid_pk].supplier}'s {CRITERION_WORDS[criterion]} score, "
                    "or clear its rationale",
                    field,
                )
            parsed[(bid_pk, criterion)] = (None, "")
            continue
        score = score_parse(tender, given.score, field)
        if not rationale:
            raise _refuse(
                f"say why {bids[bid_pk].supplier} scores {score} on {CRITERION_WORDS[criterion]}",
                f"rationale_{bid_pk}_{criterion}",
            )
        parsed[(bid_pk, criterion)] = (score, rationale)
    kept = {(s.bid_id, s.criterion): s for s in evaluator.scores.all()}
    saved = []
    for key, (value, rationale) in parsed.items():
        row = kept.get(key)
        if value is None:
            if row is not None:
                row.delete()
            continue
        if row is None:
            row = EvaluatorScore.objects.create(
                organisation_id=tender.organisation_id,
                evaluator=evaluator,
                bid=bids[key[0]],
                criterion=key[1],
                score=value,
                rationale=rationale,
            )
        elif (row.score, row.rationale) != (value, rationale):
            row.score = value
            row.rationale = rationale
            row.save()
        saved.append(row)
    return saved


@transaction.atomic
def evaluator_scores_submit(*, evaluator: Evaluator, user: User) -> Evaluator:
    """Submit the evaluator's scores: every bid scored on both criteria; final from then."""
    tender, evaluator = _may_score(evaluator, user)
    scored = set(evaluator.scores.values_list("bid_id", "criterion"))
    missing = [
        f"{bid.supplier} ({CRITERION_WORDS[c]})"
        for bid in Bid.objects.live().filter(tender=tender)
        for c in CRITERIA
        if (bid.pk, c) not in scored
    ]
    if missing:
        raise _refuse(f"score every bid before you submit; not yet scored: {', '.join(missing)}")
    evaluator.scores_submitted_at = timezone.now()
    evaluator.save()
    return evaluator


# --- Moderation, confirmation and award ---------------------------------------------------


@transaction.atomic
def tender_moderation_open(*, tender: Tender, user: User) -> Tender:
    """Every evaluator without a conflict has submitted: the moderation meeting may agree the
    scores (stage evaluating → moderation)."""
    _manager(user, tender, "open moderation")
    tender = _locked(tender)
    _stage(tender, TenderStage.EVALUATING, doing="opening moderation")
    evaluators = list(tender.evaluators.select_related("user"))
    undeclared = [e for e in evaluators if e.declared_at is None]
    if undeclared:
        names = ", ".join(e.user.get_full_name() or e.user.get_username() for e in undeclared)
        raise _refuse(f"not every evaluator has declared: {names}")
    scoring = [e for e in evaluators if not e.has_conflict]
    waiting = [e for e in scoring if e.scores_submitted_at is None]
    if waiting:
        names = ", ".join(e.user.get_full_name() or e.user.get_username() for e in waiting)
        raise _refuse(f"not every evaluator has submitted their scores: {names}")
    if len(scoring) < MINIMUM_EVALUATORS:
        raise _refuse(
            f"at least {MINIMUM_EVALUATORS} evaluators without a conflict of interest must score; "
            "replace any who declared one"
        )
    tender.stage = TenderStage.MODERATION
    tender.save()
    return tender


@transaction.atomic
def moderated_score_record(
    *, bid: Bid, criterion: str, score: Decimal | str, reason: str, user: User
) -> ModeratedScore:
    """Record the score the moderation meeting agreed for a bid on a criterion; where it differs
    from any evaluator's own score, the reason is required. Not by one of the evaluators."""
    tender = bid.tender
    _manager(user, tender, "record agreed scores")
    tender = _locked(tender)
    _stage(tender, TenderStage.MODERATION, doing="recording an agreed score")
    if tender.moderation_confirmed_by_id is not None:
        raise _refuse("the moderation is confirmed, so its scores can no longer be changed")
    if not can_record_moderation(user, tender):
        raise PermissionDenied("an evaluator of the tender does not record its agreed scores")
    if bid.archived_at is not None or bid.tender_id != tender.pk:
        raise _refuse("this bid was withdrawn")
    if criterion not in CRITERIA:
        raise _refuse("choose quality or social value", "criterion")
    agreed = score_parse(tender, score, "score")
    given = EvaluatorScore.objects.filter(
        bid=bid, criterion=criterion, evaluator__has_conflict=False
    ).values_list("score", flat=True)
    reason = reason.strip()
    if any(g != agreed for g in given) and not reason:
        raise _refuse(
            "give the reason for the agreed score: it differs from an evaluator's own score",
            "reason",
        )
    row = ModeratedScore.objects.filter(bid=bid, criterion=criterion).first()
    if row is None:
        row = ModeratedScore(organisation_id=tender.organisation_id, bid=bid, criterion=criterion)
    row.score = agreed
    row.reason = reason
    row.recorded_by = user
    row.save()
    # The tender's history names everyone who recorded an agreed score (the four-eyes rule).
    tender.moderated_by = user
    tender.save()
    return row


def _all_agreed(tender: Tender) -> None:
    bids = list(Bid.objects.live().filter(tender=tender))
    agreed = set(ModeratedScore.objects.filter(bid__in=bids).values_list("bid_id", "criterion"))
    missing = [
        f"{b.supplier} ({CRITERION_WORDS[c]})"
        for b in bids
        for c in CRITERIA
        if (b.pk, c) not in agreed
    ]
    if not bids or missing:
        raise _refuse(f"not every bid has its agreed scores: {', '.join(missing) or 'no bids'}")


@transaction.atomic
def moderation_confirm(*, tender: Tender, user: User) -> Tender:
    """A second person confirms the agreed scores (four eyes): never one who recorded any."""
    _manager(user, tender, "confirm moderation")
    tender = _locked(tender)
    _stage(tender, TenderStage.MODERATION, doing="confirming the moderation")
    if tender.moderation_confirmed_by_id is not None:
        raise _refuse("the moderation is confirmed already")
    _all_agreed(tender)
    if not can_confirm_moderation(user, tender):
        raise PermissionDenied(
            "someone other than whoever recorded the agreed scores (and not an evaluator) "
            "confirms them"
        )
    tender.moderation_confirmed_by = user
    tender.save()
    return tender


@transaction.atomic
def tender_award(*, tender: Tender, user: User, bid: Bid | None = None) -> list[Bid]:
    """Award each lot to its top-ranked bid once the moderation is confirmed (stage → awarded).
    A bid, if given, must be the top of its lot: choosing another is not supported. A tie at
    the top is refused, as the award needs a decision this page cannot make."""
    _manager(user, tender, "award tenders")
    tender = _locked(tender)
    _stage(tender, TenderStage.MODERATION, doing="awarding")
    if tender.moderation_confirmed_by_id is None:
        raise _refuse("a second person must confirm the moderation before the award")
    results = tender_results(tender)
    if not results.complete:
        raise _refuse("not every bid has its agreed scores")
    winners = []
    for lot in results.lots:
        top = lot.lines[0]
        if top.result is not None and top.result.tied:
            raise _refuse(
                f"the top bids for {lot.lot.name} are tied; the award needs a decision "
                "recorded outside eqtrack"
            )
        winners.append(top.bid)
    if bid is not None and bid not in winners:
        raise _refuse(f"{bid.supplier} is not the top-ranked bid of its lot", "bid")
    for winner in winners:
        awarded_lot = winner.lot
        awarded_lot.awarded_bid = winner
        awarded_lot.save()
    tender.stage = TenderStage.AWARDED
    tender.awarded_at = timezone.now()
    tender.save()
    return winners
