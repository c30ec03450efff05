"""The evaluation pages of a tender, under "<council>/tenders/<pk>/": the hub (where the
evaluation stands and what comes next), the bids, the evaluators, an evaluator's declaration
and scores, the moderation sheet and agreed scores, confirmation, award and the results. Thin
views: the services decide who may do what and refuse with nothing changed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import (
    can_confirm_moderation,
    can_manage_procurement,
    can_read_tender_results,
    can_read_tenders,
    can_record_moderation,
)
from eqtrack.accounts.selectors import organisation_get_for_member
from eqtrack.core.context import organisation_context
from eqtrack.core.forms import sentence
from eqtrack.organisations.models import Organisation

from ..forms.evaluation import (
    BidForm,
    ContractForm,
    DeclarationForm,
    EvaluatorAddForm,
    ModeratedScoreForm,
    ScoresForm,
)
from ..models import Bid, Criterion, Evaluator, Tender, TenderStage
from ..scoring import shown
from ..selectors.evaluation import (
    all_submitted,
    bid_get,
    bid_list,
    bids_for_evaluator,
    contract_manager_candidates,
    evaluation_tender_for,
    evaluator_candidates,
    evaluator_for,
    evaluator_get,
    evaluator_list,
    lot_list,
    moderation_cell,
    moderation_sheet,
    own_scores,
    results_for,
    scores_visible,
    winning_bids,
)
from ..services.delivery import DeliveryError, contract_create_from_award
from ..services.evaluation import (
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

SHEET_FORMATS = (("xlsx", "Excel (XLSX)"), ("pdf", "PDF"), ("docx", "Word (DOCX)"))
MANAGERS_ONLY = "Only procurement officers and administrators do this."


def _tender(request: HttpRequest, organisation_slug: str, pk: int) -> tuple[Organisation, Tender]:
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    try:
        tender = evaluation_tender_for(organisation=organisation, user=request.user, pk=pk)
    except Tender.DoesNotExist:
        raise Http404("No such tender") from None
    return organisation, tender


def _managed(request: HttpRequest, organisation_slug: str, pk: int) -> tuple[Organisation, Tender]:
    organisation, tender = _tender(request, organisation_slug, pk)
    if not can_manage_procurement(request.user, organisation.pk):
        raise PermissionDenied(MANAGERS_ONLY)
    return organisation, tender


def _messages(error: ValidationError) -> list[str]:
    return [sentence(m) for m in error.messages]


def _on_form(form: Form, error: ValidationError) -> None:
    """Put a service's refusal on the form, by the field it names if the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, [sentence(m) for m in errors])
    else:
        form.add_error(None, _messages(error))


def _context(organisation: Organisation, tender: Tender, **extra: Any) -> dict[str, Any]:
    return organisation_context(
        organisation,
        tender=tender,
        tender_url=reverse("procurement-tender", args=[organisation.slug, tender.pk]),
        **extra,
    )


def _hub(
    request: HttpRequest,
    organisation: Organisation,
    tender: Tender,
    problems: list[str] | None = None,
) -> HttpResponse:
    """The hub page, with a refused step's problems at the top if there are any."""
    user = request.user
    me = evaluator_for(organisation=organisation, tender=tender, user=user)
    manager = can_manage_procurement(user, organisation.pk)
    reader = can_read_tenders(user, organisation.pk)
    evaluators = evaluator_list(organisation=organisation, tender=tender)
    winners = winning_bids(organisation=organisation, tender=tender) if manager else []
    return render(
        request,
        "procurement/evaluation_hub.html",
        _context(
            organisation,
            tender,
            problems=problems or [],
            lots=lot_list(organisation=organisation, tender=tender),
            bids=list(bid_list(organisation=organisation, tender=tender)) if reader else [],
            evaluators=evaluators,
            me=me,
            manager=manager,
            reader=reader,
            everyone_submitted=all_submitted(organisation=organisation, tender=tender),
            can_change_bids=manager
            and tender.stage in (TenderStage.DRAFT, TenderStage.EVALUATING)
            and not any(e.scores_submitted_at for e in evaluators),
            can_confirm=can_confirm_moderation(user, tender),
            winners=winners,
            winners_waiting=any(contract is None for *_, contract in winners),
            results_visible=can_read_tender_results(user, tender),
        ),
    )


@signed_in
def evaluation_hub(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Where the tender's evaluation stands, and the next step for whoever may take it."""
    organisation, tender = _tender(request, organisation_slug, pk)
    return _hub(request, organisation, tender)


def _action(
    request: HttpRequest, organisation_slug: str, pk: int, act: Any, done: str
) -> HttpResponse:
    organisation, tender = _managed(request, organisation_slug, pk)
    try:
        act(tender=tender, user=signed_in_user(request))
    except ValidationError as e:
        return _hub(request, organisation, tender, _messages(e))
    messages.success(request, done)
    return redirect("procurement-tender-evaluation", organisation.slug, tender.pk)


@signed_in
@require_POST
def evaluation_open(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    return _action(
        request,
        organisation_slug,
        pk,
        tender_evaluation_open,
        "Evaluation is open: the evaluators may declare and score.",
    )


@signed_in
@require_POST
def evaluation_moderation_open(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    return _action(request, organisation_slug, pk, tender_moderation_open, "Moderation is open.")


@signed_in
@require_POST
def evaluation_confirm(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    return _action(
        request, organisation_slug, pk, moderation_confirm, "The agreed scores are confirmed."
    )


@signed_in
@require_POST
def evaluation_award(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    return _action(
        request,
        organisation_slug,
        pk,
        tender_award,
        "The tender is awarded to the top-ranked bid of each lot.",
    )


def _commitments(form: BidForm) -> dict[int, CommitmentInput]:
    data = form.cleaned_data
    return {
        m.pk: CommitmentInput(data.get(f"quantity_{m.pk}"), data.get(f"due_on_{m.pk}"))
        for m in form.measures
    }


@signed_in
def evaluation_bid(
    request: HttpRequest, organisation_slug: str, pk: int, bid_pk: int | None = None
) -> HttpResponse:
    """Record a bid, or correct one, with its commitments to the tender's measures."""
    organisation, tender = _managed(request, organisation_slug, pk)
    bid = None
    if bid_pk is not None:
        try:
            bid = bid_get(organisation=organisation, tender=tender, pk=bid_pk)
        except Bid.DoesNotExist:
            raise Http404("No such bid") from None
    measures = list(tender.measures.all())
    form = BidForm(
        form_data(request),
        tender=tender,
        measures=measures,
        initial=BidForm.initial_for(bid) if bid else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lot = tender.lots.get(pk=int(data["lot"]))
        fields = dict(
            lot=lot,
            supplier=data["supplier"],
            supplier_email=data["supplier_email"],
            price=data["price"],
            social_value_answer=data["social_value_answer"],
            commitments=_commitments(form),
            user=signed_in_user(request),
        )
        try:
            if bid is None:
                saved = bid_record(tender=tender, **fields)
            else:
                saved = bid_change(bid=bid, **fields)
        except ValidationError as e:
            _on_form(form, e)
        else:
            messages.success(request, f"{saved.supplier}'s bid is recorded.")
            return redirect("procurement-tender-evaluation", organisation.slug, tender.pk)
    return render(
        request,
        "procurement/evaluation_bid.html",
        _context(organisation, tender, form=form, bid=bid),
    )


@signed_in
@require_POST
def evaluation_bid_withdraw(
    request: HttpRequest, organisation_slug: str, pk: int, bid_pk: int
) -> HttpResponse:
    organisation, tender = _managed(request, organisation_slug, pk)
    try:
        bid = bid_get(organisation=organisation, tender=tender, pk=bid_pk)
    except Bid.DoesNotExist:
        raise Http404("No such bid") from None
    try:
        bid_withdraw(bid=bid, user=signed_in_user(request))
    except ValidationError as e:
        return _hub(request, organisation, tender, _messages(e))
    messages.success(request, f"{bid.supplier}'s bid is withdrawn.")
    return redirect("procurement-tender-evaluation", organisation.slug, tender.pk)


@signed_in
def evaluation_evaluators(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Choose the evaluators (and see their declarations)."""
    organisation, tender = _managed(request, organisation_slug, pk)
    candidates = evaluator_candidates(organisation=organisation, tender=tender)
    form = EvaluatorAddForm(
        form_data(request),
        choices=[
            (
                str(m.user_id),
                f"{m.user.get_full_name() or m.user.get_username()} ({m.get_role_display()})",
            )
            for m in candidates
        ],
    )
    if request.method == "POST" and form.is_valid():
        member = next(m.user for m in candidates if str(m.user_id) == form.cleaned_data["member"])
        try:
            evaluator_add(tender=tender, member=member, user=signed_in_user(request))
        except ValidationError as e:
            _on_form(form, e)
        else:
            messages.success(request, f"{member.get_full_name() or member} is an evaluator.")
            return redirect("procurement-evaluation-evaluators", organisation.slug, tender.pk)
    return render(
        request,
        "procurement/evaluation_evaluators.html",
        _context(
            organisation,
            tender,
            form=form,
            evaluators=evaluator_list(organisation=organisation, tender=tender),
        ),
    )


@signed_in
@require_POST
def evaluation_evaluator_remove(
    request: HttpRequest, organisation_slug: str, pk: int, evaluator_pk: int
) -> HttpResponse:
    organisation, tender = _managed(request, organisation_slug, pk)
    try:
        evaluator = evaluator_get(organisation=organisation, tender=tender, pk=evaluator_pk)
    except Evaluator.DoesNotExist:
        raise Http404("No such evaluator") from None
    try:
        evaluator_remove(evaluator=evaluator, user=signed_in_user(request))
    except ValidationError as e:
        return _hub(request, organisation, tender, _messages(e))
    messages.success(request, "The evaluator is taken off the tender.")
    return redirect("procurement-evaluation-evaluators", organisation.slug, tender.pk)


def _me(request: HttpRequest, organisation: Organisation, tender: Tender) -> Evaluator:
    me = evaluator_for(organisation=organisation, tender=tender, user=request.user)
    if me is None:
        raise PermissionDenied("Only the tender's evaluators declare and score.")
    return me


@signed_in
def evaluation_declare(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """The signed-in evaluator declares any conflict of interest, before seeing the bids."""
    organisation, tender = _tender(request, organisation_slug, pk)
    me = _me(request, organisation, tender)
    form = DeclarationForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            evaluator_declare(
                evaluator=me,
                user=signed_in_user(request),
                has_conflict=form.cleaned_data["has_conflict"] == "yes",
                details=form.cleaned_data["details"],
            )
        except ValidationError as e:
            _on_form(form, e)
        else:
            messages.success(request, "Your declaration is recorded.")
            return redirect("procurement-tender-evaluation", organisation.slug, tender.pk)
    return render(
        request,
        "procurement/evaluation_declare.html",
        _context(organisation, tender, form=form, me=me),
    )


@signed_in
def evaluation_scores(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """The signed-in evaluator's own scores: saved as they go, submitted once complete."""
    organisation, tender = _tender(request, organisation_slug, pk)
    me = _me(request, organisation, tender)
    if me.declared_at is None:
        return redirect("procurement-evaluation-declare", organisation.slug, tender.pk)
    bids = bids_for_evaluator(organisation=organisation, evaluator=me)
    mine = own_scores(organisation=organisation, evaluator=me)
    initial = {}
    for (bid_pk, criterion), row in mine.items():
        score = row.score.normalize() if tender.scale == "0-5" else shown(row.score)
        initial[f"score_{bid_pk}_{criterion}"] = f"{score:f}"
        initial[f"rationale_{bid_pk}_{criterion}"] = row.rationale
    form = ScoresForm(form_data(request), tender=tender, bids=bids, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scores = {
            (bid.pk, c): ScoreInput(data[f"score_{bid.pk}_{c}"], data[f"rationale_{bid.pk}_{c}"])
            for bid in bids
            for c in (str(Criterion.QUALITY), str(Criterion.SOCIAL_VALUE))
        }
        user = signed_in_user(request)
        try:
            evaluator_scores_save(evaluator=me, user=user, scores=scores)
            if request.POST.get("submit") == "yes":
                evaluator_scores_submit(evaluator=me, user=user)
        except ValidationError as e:
            _on_form(form, e)
        else:
            if request.POST.get("submit") == "yes":
                messages.success(request, "Your scores are submitted.")
                return redirect("procurement-tender-evaluation", organisation.slug, tender.pk)
            messages.success(
                request, "Your scores are saved. Submit them once every bid is scored."
            )
            return redirect("procurement-evaluation-scores", organisation.slug, tender.pk)
    others = [
        s
        for s in scores_visible(organisation=organisation, tender=tender, user=request.user)
        if s.evaluator_id != me.pk
    ]
    return render(
        request,
        "procurement/evaluation_scores.html",
        _context(organisation, tender, form=form, me=me, others=others),
    )


@signed_in
def evaluation_moderation(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Every evaluator's score and rationale side by side, bid by bid, with the agreed ones."""
    organisation, tender = _tender(request, organisation_slug, pk)
    if not can_read_tenders(request.user, organisation.pk) or tender.stage not in (
        TenderStage.MODERATION,
        TenderStage.AWARDED,
    ):
        raise PermissionDenied(
            "The moderation sheet is for those who read tenders, once moderation is open."
        )
    return render(
        request,
        "procurement/evaluation_moderation.html",
        _context(
            organisation,
            tender,
            cells=moderation_sheet(organisation=organisation, tender=tender),
            evaluators=evaluator_list(organisation=organisation, tender=tender),
            # Who may record agreed scores (never one of the tender's evaluators).
            manager=can_record_moderation(request.user, tender),
            can_confirm=can_confirm_moderation(request.user, tender),
        ),
    )


@signed_in
def evaluation_moderated_score(
    request: HttpRequest, organisation_slug: str, pk: int, bid_pk: int, criterion: str
) -> HttpResponse:
    """Record the score the moderation meeting agreed for one bid on one criterion."""
    organisation, tender = _managed(request, organisation_slug, pk)
    try:
        bid = bid_get(organisation=organisation, tender=tender, pk=bid_pk)
        cell = moderation_cell(
            organisation=organisation, tender=tender, bid=bid, criterion=criterion
        )
    except Bid.DoesNotExist:
        raise Http404("No such bid") from None
    if tender.stage != TenderStage.MODERATION:
        raise PermissionDenied("Agreed scores are recorded while moderation is open.")
    initial = (
        {"score": f"{cell.agreed.score.normalize():f}", "reason": cell.agreed.reason}
        if cell.agreed
        else None
    )
    form = ModeratedScoreForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            moderated_score_record(
                bid=bid,
                criterion=criterion,
                score=form.cleaned_data["score"],
                reason=form.cleaned_data["reason"],
                user=signed_in_user(request),
            )
        except ValidationError as e:
            _on_form(form, e)
        else:
            messages.success(
                request,
                f"The agreed {cell.criterion_label} score for {bid.supplier} is recorded.",
            )
            return redirect("procurement-evaluation-moderation", organisation.slug, tender.pk)
    return render(
        request,
        "procurement/evaluation_moderated_score.html",
        _context(organisation, tender, form=form, cell=cell, bid=bid),
    )


@signed_in
def evaluation_results(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Each lot's ranking from the agreed scores, the evaluation model, and moderation's changes."""
    organisation, tender = _tender(request, organisation_slug, pk)
    results = results_for(organisation=organisation, tender=tender, user=request.user)
    lots = [
        (
            lot,
            [
                {
                    "line": line,
                    "figures": {
                        name: str(shown(getattr(line.result, name)))
                        for name in (
                            "price_score",
                            "quality_score",
                            "qualitative_score",
                            "quantitative_score",
                            "total",
                        )
                    }
                    if line.result
                    else None,
                }
                for line in lot.lines
            ],
        )
        for lot in results.lots
    ]
    changes = [
        (line.bid, Criterion(criterion).label, agreed)
        for lot in results.lots
        for line in lot.lines
        for criterion, agreed in sorted(line.agreed.items())
        if agreed.changed
    ]
    evaluators = evaluator_list(organisation=organisation, tender=tender)
    return render(
        request,
        "procurement/evaluation_results.html",
        _context(
            organisation,
            tender,
            results=results,
            lots=lots,
            changes=changes,
            evaluators=evaluators,
            sheets=[
                (
                    label,
                    reverse(
                        "procurement-tender-score-sheet", args=[organisation.slug, tender.pk, fmt]
                    ),
                )
                for fmt, label in SHEET_FORMATS
            ],
            # The section 50 assessment summaries, once awarded, for those who send them.
            debriefs=[
                (
                    line.bid,
                    [
                        (
                            label,
                            reverse(
                                "procurement-tender-debrief",
                                args=[organisation.slug, tender.pk, line.bid.pk, fmt],
                            ),
                        )
                        for fmt, label in SHEET_FORMATS
                        if fmt != "xlsx"
                    ],
                )
                for lot in results.lots
                for line in lot.lines
            ]
            if tender.stage == TenderStage.AWARDED
            and can_manage_procurement(request.user, organisation.pk)
            else [],
        ),
    )


@signed_in
def evaluation_contract(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Set up the contract for an awarded lot's winning bid: its commitments become the
    contract's KPIs (services.delivery.contract_create_from_award)."""
    organisation, tender = _managed(request, organisation_slug, pk)
    waiting = [
        (lot, bid)
        for lot, bid, contract in winning_bids(organisation=organisation, tender=tender)
        if contract is None
    ]
    if not waiting:
        raise Http404("No awarded bid is waiting for its contract")
    members = contract_manager_candidates(organisation=organisation)
    form = ContractForm(
        form_data(request),
        bids=[(str(bid.pk), f"{bid.supplier} ({lot.name})") for lot, bid in waiting],
        managers=[
            (str(m.user_id), m.user.get_full_name() or m.user.get_username()) for m in members
        ],
    )
    if request.method == "POST" and form.is_valid():
        bid = next(b for _, b in waiting if str(b.pk) == form.cleaned_data["bid"])
        manager = next(
            (m.user for m in members if str(m.user_id) == form.cleaned_data["manager"]), None
        )
        try:
            contract = contract_create_from_award(
                tender=tender,
                bid=bid,
                user=signed_in_user(request),
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                manager=manager,
            )
        except DeliveryError as e:
            form.add_error(e.field if e.field in form.fields else None, sentence(str(e)))
        else:
            messages.success(
                request, f"The contract is set up: {contract.supplier}'s commitments are its KPIs."
            )
            return redirect("procurement-contract-detail", organisation.slug, contract.pk)
    return render(
        request,
        "procurement/evaluation_contract.html",
        _context(organisation, tender, form=form, waiting=waiting),
    )
