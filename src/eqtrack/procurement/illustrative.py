"""The demo's social value in procurement, made up for trying eqtrack out and said to be so:
the council's own measures (linked to the sample plan's social value action), one tender with
three bidders scored by two evaluators, moderated (one score changed, with its reason),
confirmed by a second person and awarded, and its contract with a year of suppliers' returns,
accepted, and the year's ratings. Everything goes through the services, as a council's
officers would do it on the web."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.contrib.auth.models import User

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action

from .models import KPI, Criterion, Evaluator, SocialValueMeasure, Tender
from .selectors.delivery import rating_suggest
from .services.delivery import (
    contract_create_from_award,
    kpi_rate,
    return_accept,
    return_link_issue,
    return_link_open,
    return_submit,
)
from .services.evaluation import (
    CommitmentInput,
    ScoreInput,
    bid_record,
    evaluator_add,
    evaluator_declare,
    evaluator_scores_save,
    evaluator_scores_submit,
    moderated_score_record,
    moderation_confirm,
    tender_award,
    tender_evaluation_open,
    tender_moderation_open,
)
from .services.library import (
    library_seed_ppn002,
    measure_add,
    measure_change,
    outcome_add,
    theme_add,
)
from .services.tenders import tender_create

REFERENCE = "MBC-2026-014"
MEASURES = [
    # code, name, unit, proxy value (illustrative), characteristic
    (
        "MBC-SV1",
        "Weeks of paid work placement for disabled people",
        "weeks",
        D("300"),
        "Disability",
    ),
    (
        "MBC-SV2",
        "Apprenticeships started by residents of the borough's most deprived wards",
        "apprenticeships",
        D("2000"),
        "Socio-economic disadvantage (poverty)",
    ),
    (
        "MBC-SV3",
        "Hours of staff volunteering with groups in the community directory",
        "hours",
        D("15"),
        "",
    ),
]
Scores = tuple[tuple[int, int], tuple[int, int]]
BIDDERS: list[tuple[str, D, tuple[int, int, int], Scores]] = [
    # supplier, price, commitments per measure, each evaluator's (quality, social value) scores.
    # Kent Green Works wins: 95.03 against 86.83 and 82.90 (price 55%, quality 30%, social
    # value 15% of which half from commitments, relative to the best bid; scores out of 5).
    ("Medway Valley Services Ltd (illustrative)", D("3950000"), (26, 4, 300), ((4, 3), (4, 3))),
    ("Kent Green Works Ltd (illustrative)", D("4100000"), (52, 6, 600), ((4, 4), (5, 4))),
    ("Weald Community Contracts CIC (illustrative)", D("4180000"), (40, 8, 900), ((3, 5), (3, 4))),
]
# What the winner delivered each quarter of its first year, per measure: placements on track
# (Good), volunteering nearly (Approaching target), apprenticeships behind (flagged).
DELIVERED = {"MBC-SV1": (7, 6, 7, 6), "MBC-SV2": (0, 1, 0, 1), "MBC-SV3": (60, 70, 80, 70)}
CONTRACT_START = dt.date(2025, 10, 1)
QUARTERS = [
    (dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
    (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
]


def _social_value_action(organisation: Organisation) -> Action | None:
    return (
        Action.objects.live()
        .filter(
            organisation=organisation,
            plan__archived_at__isnull=True,
            text__icontains="Social Value",
        )
        .order_by("-pk")
        .first()
    )


def illustrative_procurement_add(
    *,
    organisation: Organisation,
    officer: User,
    confirmer: User,
    evaluators: tuple[User, User],
    contract_manager: User,
) -> Tender:
    """The demo's library, tender and contract (see the module's docstring). Run again (the
    demo imports its plan afresh), it adds nothing and links the measures to the new plan's
    action."""
    existing = Tender.objects.filter(organisation=organisation, reference=REFERENCE).first()
    if existing is not None:
        action = _social_value_action(organisation)
        for measure in SocialValueMeasure.objects.live().filter(
            organisation=organisation, code__in=("MBC-SV1", "MBC-SV2")
        ):
            measure_change(
                measure=measure,
                outcome=measure.outcome,
                code=measure.code,
                name=measure.name,
                unit=measure.unit,
                proxy_value=measure.proxy_value,
                characteristic=measure.characteristic,
                action=action,
                user=officer,
                reason="The demo's plan imported again",
            )
        return existing
    return _add(
        organisation=organisation,
        officer=officer,
        confirmer=confirmer,
        evaluators=evaluators,
        contract_manager=contract_manager,
    )


def _add(
    *,
    organisation: Organisation,
    officer: User,
    confirmer: User,
    evaluators: tuple[User, User],
    contract_manager: User,
) -> Tender:
    library_seed_ppn002(organisation=organisation, user=officer)
    theme = theme_add(
        organisation=organisation,
        name="Maidstone's equality objectives (illustrative)",
        user=officer,
    )
    outcome = outcome_add(
        organisation=organisation,
        theme=theme,
        name="More residents facing barriers into good work",
        user=officer,
    )
    action = _social_value_action(organisation)
    measures = [
        measure_add(
            organisation=organisation,
            outcome=outcome,
            code=code,
            name=name,
            unit=unit,
            proxy_value=proxy,
            characteristic=characteristic,
            action=action if code != "MBC-SV3" else None,
            user=officer,
        )
        for code, name, unit, proxy, characteristic in MEASURES
    ]
    tender = tender_create(
        organisation=organisation,
        title="Waste collection and street cleansing (illustrative)",
        reference=REFERENCE,
        value=D("4200000"),
        price_weight=D("55"),
        quality_weight=D("30"),
        social_value_weight=D("15"),
        quantitative_share=D("50"),
        quantitative_method="relative",
        scale="0-5",
        outcomes=[outcome],
        measures=measures,
        user=officer,
    )
    lot = tender.lots.get()
    bids = []
    for supplier, price, quantities, _ in BIDDERS:
        bids.append(
            bid_record(
                tender=tender,
                lot=lot,
                supplier=supplier,
                supplier_email="returns@" + supplier.split()[0].lower() + ".example",
                price=price,
                social_value_answer=(
                    f"{supplier} will recruit through the council's employment support and "
                    "report every quarter. (Illustrative answer.)"
                ),
                commitments={
                    m.pk: CommitmentInput(D(q), dt.date(2027, 9, 30))
                    for m, q in zip(measures, quantities, strict=True)
                },
                user=officer,
            )
        )
    for user in evaluators:
        evaluator_add(tender=tender, member=user, user=officer)
    tender = tender_evaluation_open(tender=tender, user=officer)
    for n, user in enumerate(evaluators):
        evaluator = Evaluator.objects.get(tender=tender, user=user)
        evaluator_declare(evaluator=evaluator, user=user, has_conflict=False, details="")
        scores: dict[tuple[int, str], ScoreInput] = {}
        for bid, (_, _, _, given) in zip(bids, BIDDERS, strict=True):
            quality, social = given[n]
            scores[(bid.pk, Criterion.QUALITY)] = ScoreInput(
                D(quality), "Meets the specification; see the evaluation notes. (Illustrative.)"
            )
            scores[(bid.pk, Criterion.SOCIAL_VALUE)] = ScoreInput(
                D(social), "Commitments are specific and measured. (Illustrative.)"
            )
        evaluator_scores_save(evaluator=evaluator, user=user, scores=scores)
        evaluator_scores_submit(evaluator=evaluator, user=user)
    tender = tender_moderation_open(tender=tender, user=officer)
    for bid, (_, _, _, given) in zip(bids, BIDDERS, strict=True):
        (q1, s1), (q2, s2) = given
        agreed_quality, agreed_social = D(max(q1, q2)), D(s1)
        reasons: dict[str, str] = {Criterion.QUALITY: "", Criterion.SOCIAL_VALUE: ""}
        if q1 != q2:
            reasons[Criterion.QUALITY] = (
                "The panel agreed the method statement met every requirement in full. "
                "(Illustrative.)"
            )
        if s1 != s2:
            agreed_social = D(min(s1, s2))
            reasons[Criterion.SOCIAL_VALUE] = (
                "The panel agreed the answer named no partner for the placements. (Illustrative.)"
            )
        moderated_score_record(
            bid=bid,
            criterion=Criterion.QUALITY,
            score=agreed_quality,
            reason=reasons["quality"],
            user=officer,
        )
        moderated_score_record(
            bid=bid,
            criterion=Criterion.SOCIAL_VALUE,
            score=agreed_social,
            reason=reasons["social_value"],
            user=officer,
        )
    tender = moderation_confirm(tender=tender, user=confirmer)
    (winner,) = tender_award(tender=tender, user=officer)
    tender.refresh_from_db()
    contract = contract_create_from_award(
        tender=tender,
        bid=winner,
        user=officer,
        starts_on=CONTRACT_START,
        ends_on=dt.date(2028, 9, 30),
        manager=contract_manager,
    )
    _year_of_returns(contract=contract, officer=officer, contract_manager=contract_manager)
    return tender


def _year_of_returns(*, contract, officer: User, contract_manager: User) -> None:
    """Four quarters' returns, each filed through its link and accepted, then the year's
    ratings as suggested (DELIVERED)."""
    kpis = list(KPI.objects.filter(contract=contract).select_related("measure"))
    for quarter, (start, end) in enumerate(QUARTERS):
        # The link the supplier would be e-mailed (return_link_send), kept to hand instead.
        _, secret = return_link_issue(
            contract=contract, user=contract_manager, period_start=start, period_end=end
        )
        link = return_link_open(organisation=contract.organisation, secret=secret)
        supplier_return = return_submit(
            link=link,
            name="Sam Taylor (illustrative)",
            lines={
                kpi.pk: (
                    str(DELIVERED[kpi.measure.code][quarter]),
                    "Timesheets and placement agreements held by the supplier. (Illustrative.)",
                )
                for kpi in kpis
            },
        )
        return_accept(supplier_return=supplier_return, user=contract_manager)
    for kpi in kpis:
        suggested, _, _ = rating_suggest(kpi, QUARTERS[-1][1])
        kpi_rate(
            kpi=kpi,
            user=contract_manager,
            year_ending=QUARTERS[-1][1],
            rating=suggested or "other",
            note="" if suggested else "Too early to rate. (Illustrative.)",
        )
