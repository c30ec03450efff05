"""The demo's procurement, built through the services: a tender with three bidders scored,
moderated, confirmed by a second person and awarded, and a contract with a year of returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document
from eqtrack.procurement.illustrative import illustrative_procurement_add
from eqtrack.procurement.models import (
    KPI,
    Contract,
    KPIRating,
    ModeratedScore,
    ReturnState,
    SupplierReturn,
    TenderStage,
)
from eqtrack.procurement.results import tender_results
from eqtrack.procurement.scoring import shown
from eqtrack.procurement.selectors.delivery import action_social_value

pytestmark = pytest.mark.django_db


def test_the_demos_tender_contract_and_year_of_returns():
    plan = plan_create_from_document(document=document_generate(actions=3, periods=1))
    org = plan.organisation
    action = Action.objects.filter(plan=plan).order_by("pk").first()
    Action.objects.filter(pk=action.pk).update(
        text="We will develop processes to ensure Social Value is a core consideration"
    )
    tender = illustrative_procurement_add(
        organisation=org,
        officer=member_create(org, Role.PROCUREMENT),
        confirmer=member_create(org, Role.ADMINISTRATOR),
        evaluators=(member_create(org, Role.EVALUATOR), member_create(org, Role.EVALUATOR)),
        contract_manager=member_create(org, Role.CONTRACT_MANAGER),
    )
    assert tender.stage == TenderStage.AWARDED
    (lot,) = tender_results(tender).lots
    # Worked by hand in illustrative.BIDDERS' comment.
    assert [
        (line.bid.supplier.split()[0], str(shown(line.result.total))) for line in lot.lines
    ] == [
        ("Kent", "95.03"),
        ("Medway", "86.83"),
        ("Weald", "82.90"),
    ]
    assert ModeratedScore.objects.exclude(reason="").count() == 2
    contract = Contract.objects.get()
    assert contract.supplier.startswith("Kent Green Works")
    assert KPI.objects.filter(contract=contract).count() == 3
    assert SupplierReturn.objects.filter(state=ReturnState.ACCEPTED).count() == 4
    assert sorted(KPIRating.objects.values_list("kpi__measure__code", "rating")) == [
        ("MBC-SV1", "good"),
        ("MBC-SV2", "requires_improvement"),
        ("MBC-SV3", "approaching"),
    ]
    rows = action_social_value(organisation=org, action=action, today=dt.date(2026, 12, 1))
    delivered = {row.measure: (row.target, row.delivered, row.flags) for row in rows}
    assert delivered == {
        "Weeks of paid work placement for disabled people": (D("52"), D("26"), []),
        "Apprenticeships started by residents of the borough's most deprived wards": (
            D("6"),
            D("2"),
            ["behind"],
        ),
    }
