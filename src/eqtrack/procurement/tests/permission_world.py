"""The world the procurement permission matrix runs in: a council with a measure, a tender being
evaluated (one lot, one bid with a commitment, one evaluator who has declared no conflict), an
awarded tender's contract with a KPI, and a person in every role (the procurement roles too)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.organisations.models import Organisation
from eqtrack.procurement.models import (
    KPI,
    Bid,
    Commitment,
    Contract,
    Evaluator,
    Lot,
    SocialValueMeasure,
    SocialValueOutcome,
    SocialValueTheme,
    Tender,
    TenderStage,
)

ROLES = [
    "anonymous",
    "outsider",
    "viewer",
    "owner",
    "procurement",
    "evaluator",
    "other_evaluator",
    "contract_manager",
    "administrator",
]


def world_build() -> dict:
    org = Organisation.objects.create(name="Procuring Council", slug="procuring-council")
    other = Organisation.objects.create(name="Other Council", slug="other-council")
    people = {
        "anonymous": None,
        "outsider": member_create(other, Role.ADMINISTRATOR),
        "viewer": member_create(org, Role.VIEWER),
        "owner": member_create(org, Role.OWNER),
        "procurement": member_create(org, Role.PROCUREMENT),
        "evaluator": member_create(org, Role.EVALUATOR),
        "other_evaluator": member_create(org, Role.EVALUATOR),
        "contract_manager": member_create(org, Role.CONTRACT_MANAGER),
        "administrator": member_create(org, Role.ADMINISTRATOR),
    }
    theme = SocialValueTheme.objects.create(organisation=org, name="Equal opportunity")
    outcome = SocialValueOutcome.objects.create(
        organisation=org, theme=theme, name="Tackle workforce inequality"
    )
    measure = SocialValueMeasure.objects.create(
        organisation=org,
        outcome=outcome,
        code="SV1",
        name="Weeks of apprenticeship for people from groups under-represented",
        unit="weeks",
        proxy_value=Decimal("200.00"),
    )
    tender = Tender.objects.create(
        organisation=org,
        title="Cleaning services",
        reference="T-001",
        value=Decimal("500000"),
        stage=TenderStage.EVALUATING,
        created_by=people["procurement"],
    )
    tender.measures.add(measure)
    tender.outcomes.add(outcome)
    lot = Lot.objects.create(organisation=org, tender=tender, name="Lot 1")
    bid = Bid.objects.create(
        organisation=org, tender=tender, lot=lot, supplier="Bright Ltd", price=Decimal("400000")
    )
    commitment = Commitment.objects.create(
        organisation=org,
        bid=bid,
        measure=measure,
        quantity=Decimal("52"),
        due_on=dt.date(2027, 3, 31),
    )
    evaluator = Evaluator.objects.create(
        organisation=org, tender=tender, user=people["evaluator"], declared_at=timezone.now()
    )
    awarded = Tender.objects.create(
        organisation=org,
        title="Grounds maintenance",
        reference="T-000",
        value=Decimal("250000"),
        stage=TenderStage.AWARDED,
        awarded_at=timezone.now(),
    )
    awarded_lot = Lot.objects.create(organisation=org, tender=awarded, name="Lot 1")
    won = Bid.objects.create(
        organisation=org,
        tender=awarded,
        lot=awarded_lot,
        supplier="Green Ltd",
        supplier_email="returns@green.example",
        price=Decimal("200000"),
    )
    won_commitment = Commitment.objects.create(
        organisation=org,
        bid=won,
        measure=measure,
        quantity=Decimal("26"),
        due_on=dt.date(2027, 3, 31),
    )
    contract = Contract.objects.create(
        organisation=org,
        tender=awarded,
        bid=won,
        title="Grounds maintenance",
        supplier="Green Ltd",
        supplier_email="returns@green.example",
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2028, 3, 31),
        manager=people["contract_manager"],
    )
    kpi = KPI.objects.create(
        organisation=org,
        contract=contract,
        commitment=won_commitment,
        measure=measure,
        target=Decimal("26"),
        due_on=dt.date(2027, 3, 31),
    )
    return {
        "org": org,
        "other": other,
        "people": people,
        "theme": theme,
        "outcome": outcome,
        "measure": measure,
        "tender": tender,
        "lot": lot,
        "bid": bid,
        "commitment": commitment,
        "evaluator": evaluator,
        "awarded": awarded,
        "contract": contract,
        "kpi": kpi,
    }


def procurement_state() -> tuple:
    """Everything a refused request must leave alone: every procurement table's history."""
    from eqtrack.procurement import models

    return tuple(
        list(model.history.values_list("history_id", flat=True))
        for model in (
            models.SocialValueTheme,
            models.SocialValueOutcome,
            models.SocialValueMeasure,
            models.Tender,
            models.Lot,
            models.Bid,
            models.Commitment,
            models.Evaluator,
            models.EvaluatorScore,
            models.ModeratedScore,
            models.Contract,
            models.KPI,
            models.SupplierReturn,
            models.ReturnLine,
            models.KPIRating,
        )
    ) + (list(models.ReturnLink.objects.values_list("pk", "opened_at", "used_at", "revoked_at")),)
