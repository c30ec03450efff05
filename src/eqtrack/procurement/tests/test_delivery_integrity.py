"""A quarter's delivery counts once: a second link for the quarter ends the first, opened or
not, and a second return for a quarter with one waiting or accepted is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from eqtrack.procurement.models import SupplierReturn
from eqtrack.procurement.selectors.delivery import kpi_rows, kpi_status
from eqtrack.procurement.services.delivery import (
    ReturnLinkRefused,
    return_accept,
    return_link_for_session,
    return_link_issue,
    return_link_open,
    return_submit,
)

from .permission_world import world_build

pytestmark = pytest.mark.django_db


def test_two_links_for_one_quarter_count_its_delivery_once():
    b = world_build()
    manager, contract, kpi = b["people"]["contract_manager"], b["contract"], b["kpi"]
    q1 = {"period_start": dt.date(2026, 4, 1), "period_end": dt.date(2026, 6, 30)}
    first, first_secret = return_link_issue(contract=contract, user=manager, **q1)
    return_link_open(organisation=b["org"], secret=first_secret)
    # "It never came": the manager sends another, which ends the first, opened as it is.
    second, second_secret = return_link_issue(contract=contract, user=manager, **q1)
    with pytest.raises(ReturnLinkRefused):
        return_link_for_session(organisation=b["org"], pk=first.pk)
    with pytest.raises(ReturnLinkRefused):
        return_submit(link=first, name="A", lines={kpi.pk: ("10", "")})
    return_link_open(organisation=b["org"], secret=second_secret)
    filed = return_submit(link=second, name="B", lines={kpi.pk: ("10", "")})
    return_accept(supplier_return=filed, user=manager)
    assert SupplierReturn.objects.filter(contract=contract).count() == 1
    status = kpi_status(kpi_rows(organisation=b["org"]).get(pk=kpi.pk), dt.date(2026, 8, 1))
    assert status.delivered == D("10")
