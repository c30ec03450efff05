"""The three-bidder example of test_scoring.py (and the README) as a tender in the database:
price 50%, quality 35%, social value 15% (half from commitments), scores out of 5, two
measures with proxy values; each bid's agreed scores recorded, as after moderation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.organisations.models import Organisation
from eqtrack.procurement.models import (
    Bid,
    Commitment,
    Criterion,
    Lot,
    ModeratedScore,
    SocialValueMeasure,
    SocialValueOutcome,
    SocialValueTheme,
    Tender,
    TenderStage,
)

BIDS = {
    # supplier: price, quality, social value, {measure: quantity}
    "Avon Ltd": (D("400000"), D("4"), D("3"), {"SV1": D("104"), "SV2": D("300")}),
    "Brook Ltd": (D("450000"), D("5"), D("4"), {"SV1": D("52"), "SV2": D("600")}),
    "Cam Ltd": (D("380000"), D("3"), D("5"), {"SV1": D("78")}),
}


def worked_tender(method: str = "relative", *, organisation: Organisation | None = None) -> Tender:
    org = organisation or Organisation.objects.create(name="Worked Council", slug="worked")
    officer = member_create(org, Role.PROCUREMENT)
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
        reference=f"W-{method}",
        value=D("450000"),
        price_weight=D("50"),
        quality_weight=D("35"),
        social_value_weight=D("15"),
        quantitative_share=D("50"),
        quantitative_method=method,
        scale="0-5",
        stage=TenderStage.MODERATION,
    )
    tender.measures.set(measures.values())
    lot = Lot.objects.create(organisation=org, tender=tender, name="Lot 1")
    for supplier, (price, quality, social, commitments) in BIDS.items():
        bid = Bid.objects.create(
            organisation=org, tender=tender, lot=lot, supplier=supplier, price=price
        )
        for code, quantity in commitments.items():
            Commitment.objects.create(
                organisation=org,
                bid=bid,
                measure=measures[code],
                quantity=quantity,
                due_on=dt.date(2028, 3, 31),
            )
        for criterion, score in ((Criterion.QUALITY, quality), (Criterion.SOCIAL_VALUE, social)):
            ModeratedScore.objects.create(
                organisation=org, bid=bid, criterion=criterion, score=score, recorded_by=officer
            )
    return tender
