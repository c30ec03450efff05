"""Delivery's services and rules, called directly: a contract from the award, the return link's
life, returns accepted or queried, the flags of kpi_status by hand-worked dates, and the rating
suggestion."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from eqtrack.procurement.models import (
    KPI,
    Bid,
    Commitment,
    KPIRating,
    Rating,
    ReturnLine,
    ReturnLink,
    ReturnState,
    SupplierReturn,
    TenderStage,
)
from eqtrack.procurement.selectors.delivery import (
    action_social_value,
    contract_quarters,
    contract_year_ends,
    delivery_flags,
    expected_by,
    kpi_rows,
    kpi_status,
    quarter_default,
    rating_suggest,
)
from eqtrack.procurement.services.delivery import (
    DeliveryError,
    ReturnLinkRefused,
    contract_create_from_award,
    kpi_rate,
    return_accept,
    return_link_check,
    return_link_for_session,
    return_link_open,
    return_link_revoke,
    return_link_send,
    return_query,
    return_submit,
)
from eqtrack.procurement.services.evaluation import moderation_confirm, tender_award

from .evaluation_world import agree_worked_example, world_moderation
from .permission_world import world_build

pytestmark = pytest.mark.django_db

Q1 = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
Q2 = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))


@pytest.fixture
def w():
    return world_build()


def _return(w, period, delivered, state=ReturnState.ACCEPTED):
    """A return filed for the world's contract (without a link: the rules only read it)."""
    r = SupplierReturn.objects.create(
        organisation=w["org"],
        contract=w["contract"],
        period_start=period[0],
        period_end=period[1],
        state=state,
        submitted_at=timezone.now(),
        submitted_by_name="Sam Supplier",
    )
    ReturnLine.objects.create(
        organisation=w["org"], supplier_return=r, kpi=w["kpi"], delivered=Decimal(delivered)
    )
    return r


def _status(w, today):
    return kpi_status(kpi_rows(organisation=w["org"]).get(pk=w["kpi"].pk), today)


# --- The contract from the award ------------------------------------------------------------


def _second_bid(w):
    bid = Bid.objects.create(
        organisation=w["org"],
        tender=w["awarded"],
        lot=w["awarded"].lots.get(),
        supplier="Blue Ltd",
        supplier_email="sv@blue.example",
        price=Decimal("210000"),
    )
    commitments = [
        Commitment.objects.create(
            organisation=w["org"],
            bid=bid,
            measure=w["measure"],
            quantity=Decimal("40"),
            due_on=dt.date(2027, 9, 30),
        )
    ]
    return bid, commitments


def test_the_winning_bids_commitments_become_the_contracts_kpis():
    # The worked example taken through evaluation and awarded: Brook Ltd wins the lot.
    e = world_moderation()
    agree_worked_example(e)
    moderation_confirm(tender=e.tender, user=e.confirmer)
    tender_award(tender=e.tender, user=e.officer)
    e.tender.refresh_from_db()
    brook, avon = e.bids["Brook Ltd"], e.bids["Avon Ltd"]
    with pytest.raises(DeliveryError, match="Avon Ltd's bid is not the one its lot was awarded"):
        contract_create_from_award(
            tender=e.tender,
            bid=avon,
            user=e.officer,
            starts_on=dt.date(2026, 10, 1),
            ends_on=dt.date(2028, 9, 30),
        )
    contract = contract_create_from_award(
        tender=e.tender,
        bid=brook,
        user=e.officer,
        starts_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2028, 9, 30),
    )
    assert (contract.supplier, contract.supplier_email, contract.title) == (
        "Brook Ltd",
        brook.supplier_email,
        e.tender.title,
    )
    assert sorted((k.measure.code, k.target, k.due_on) for k in contract.kpis.all()) == sorted(
        (c.measure.code, c.quantity, c.due_on) for c in brook.commitments.all()
    )
    assert all(k.commitment.bid_id == brook.pk for k in contract.kpis.all())
    with pytest.raises(DeliveryError, match="already has a contract"):
        contract_create_from_award(
            tender=e.tender,
            bid=brook,
            user=e.officer,
            starts_on=dt.date(2026, 10, 1),
            ends_on=dt.date(2028, 9, 30),
        )


def test_a_contract_is_refused_before_the_award_for_another_tenders_bid_or_by_a_viewer(w):
    bid, _ = _second_bid(w)
    before = KPI.objects.count()
    with pytest.raises(DeliveryError, match="not been awarded"):
        contract_create_from_award(
            tender=w["tender"],
            bid=w["bid"],
            user=w["people"]["procurement"],
            starts_on=dt.date(2026, 10, 1),
            ends_on=dt.date(2027, 9, 30),
        )
    with pytest.raises(DeliveryError, match="not one of the tender's"):
        contract_create_from_award(
            tender=w["awarded"],
            bid=w["bid"],
            user=w["people"]["procurement"],
            starts_on=dt.date(2026, 10, 1),
            ends_on=dt.date(2027, 9, 30),
        )
    with pytest.raises(PermissionDenied):
        contract_create_from_award(
            tender=w["awarded"],
            bid=bid,
            user=w["people"]["viewer"],
            starts_on=dt.date(2026, 10, 1),
            ends_on=dt.date(2027, 9, 30),
        )
    assert KPI.objects.count() == before
    assert w["awarded"].stage == TenderStage.AWARDED


# --- Quarters and years ----------------------------------------------------------------------


def test_quarters_and_years_count_from_the_contracts_start(w):
    contract = w["contract"]  # 1 April 2026 to 31 March 2028
    quarters = contract_quarters(contract)
    assert len(quarters) == 8
    assert quarters[:2] == [Q1, Q2]
    assert quarters[-1] == (dt.date(2028, 1, 1), dt.date(2028, 3, 31))
    assert contract_year_ends(contract) == [dt.date(2027, 3, 31), dt.date(2028, 3, 31)]
    # The latest quarter ended by 1 December 2026 is July to September.
    assert quarter_default(contract, dt.date(2026, 12, 1)) == Q2
    # Before any quarter has ended, the first.
    assert quarter_default(contract, dt.date(2026, 5, 1)) == Q1


# --- kpi_status by hand-worked dates ----------------------------------------------------------
# The world's KPI: 26 weeks by 31 March 2027, on a contract from 1 April 2026. The due date is
# 364 days after the start. On 1 October 2026 (183 days in) 26 × 183 / 364 = 13.071… ≈ 13.07
# was expected; 75% of it is 9.80.


def test_expected_by_is_pro_rata_from_the_contracts_start_to_the_due_date(w):
    kpi = w["kpi"]
    assert expected_by(kpi, dt.date(2026, 4, 1)) == Decimal("0")
    assert expected_by(kpi, dt.date(2026, 10, 1)) == Decimal("13.07")
    assert expected_by(kpi, dt.date(2027, 3, 31)) == Decimal("26")
    assert expected_by(kpi, dt.date(2028, 1, 1)) == Decimal("26")


def test_behind_below_75_percent_of_expected_by_now(w):
    _return(w, Q1, "9.80")
    status = _status(w, dt.date(2026, 10, 1))
    assert (status.delivered, status.expected, status.percent) == (
        Decimal("9.80"),
        Decimal("13.07"),
        Decimal("38"),
    )
    assert status.flags == ["behind"]  # 9.80 < 0.75 × 13.07 = 9.8025
    ReturnLine.objects.update(delivered=Decimal("9.81"))
    assert _status(w, dt.date(2026, 10, 1)).flags == []


def test_only_accepted_returns_count_as_delivered(w):
    _return(w, Q1, "10", state=ReturnState.SUBMITTED)
    _return(w, Q1, "5", state=ReturnState.QUERIED)
    assert _status(w, dt.date(2026, 10, 1)).delivered == Decimal("0")
    _return(w, Q2, "4")
    assert _status(w, dt.date(2026, 10, 1)).delivered == Decimal("4.00")


def test_return_overdue_more_than_30_days_after_a_quarter_with_no_return(w):
    # Q1 ends 30 June: 30 July is 30 days later, not yet overdue; 31 July is.
    _return(w, Q1, "0", state=ReturnState.QUERIED)  # queried: waits for its replacement
    assert "return_overdue" not in _status(w, dt.date(2026, 7, 30)).flags
    status = _status(w, dt.date(2026, 7, 31))
    assert "return_overdue" in status.flags and status.overdue_quarters == [Q1]
    _return(w, Q1, "10", state=ReturnState.SUBMITTED)  # filed, waiting: counts as filed
    # ... but not as delivered: 0 < 75% of 26 × 121 / 364 = 8.64.
    assert _status(w, dt.date(2026, 7, 31)).flags == ["behind"]
    # Q2 ends 30 September; no return by 31 October.
    status = _status(w, dt.date(2026, 10, 31))
    assert status.overdue_quarters == [Q2]
    assert status.flag_labels == ["Behind", "Return overdue"]


def test_missed_after_the_due_date_short_of_the_target(w):
    for quarter in contract_quarters(w["contract"], until=dt.date(2027, 3, 31)):
        _return(w, quarter, "5")
    # 20 delivered, 26 due by 31 March 2027: not missed on the day, missed the day after.
    on_the_day = _status(w, dt.date(2027, 3, 31))
    assert on_the_day.flags == [] and on_the_day.expected == Decimal("26")  # 20 ≥ 19.5
    assert _status(w, dt.date(2027, 4, 1)).flags == ["missed"]
    _return(w, (dt.date(2027, 4, 1), dt.date(2027, 6, 30)), "6")
    assert _status(w, dt.date(2027, 8, 1)).flags == []  # 26 delivered: met, late but met


# --- Return links -----------------------------------------------------------------------------


def _send(w, django_capture_on_commit_callbacks, period=Q1):
    with django_capture_on_commit_callbacks(execute=True):
        link = return_link_send(
            contract=w["contract"],
            user=w["people"]["contract_manager"],
            period_start=period[0],
            period_end=period[1],
        )
    secret = mail.outbox[-1].body.split("/supplier-returns/")[1].split("/")[0]
    return link, secret


def test_a_link_is_emailed_to_the_supplier_saying_who_sent_it_and_why(
    w, django_capture_on_commit_callbacks
):
    manager = w["people"]["contract_manager"]
    manager.first_name, manager.last_name = "Casey", "Manager"
    manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        link = return_link_send(contract=w["contract"], user=manager, today=dt.date(2026, 12, 1))
    assert (link.period_start, link.period_end) == Q2  # the latest quarter ended
    [message] = mail.outbox
    assert message.to == ["returns@green.example"]
    assert "Casey Manager at Procuring Council" in message.body
    assert (
        "social value return" in message.body and "1 July 2026 to 30 September 2026" in message.body
    )
    assert "/procuring-council/supplier-returns/" in message.body
    lasts = link.expires_at - link.created_at
    assert abs(lasts - dt.timedelta(days=60)) < dt.timedelta(seconds=5)


def test_link_lifecycle_unknown_used_expired_revoked(w, django_capture_on_commit_callbacks):
    org = w["org"]
    with pytest.raises(ReturnLinkRefused) as refused:
        return_link_check(organisation=org, secret="not-a-secret")
    assert refused.value.reason == "unknown"

    link, secret = _send(w, django_capture_on_commit_callbacks)
    assert return_link_check(organisation=org, secret=secret) == link
    with pytest.raises(ReturnLinkRefused):  # another council's address
        return_link_check(organisation=w["other"], secret=secret)
    opened = return_link_open(organisation=org, secret=secret)
    with pytest.raises(ReturnLinkRefused) as refused:
        return_link_open(organisation=org, secret=secret)
    assert refused.value.reason == "used"
    assert return_link_for_session(organisation=org, pk=opened.pk) == link

    # A newer link for the same quarter stops an unopened one; revoking stops it too.
    first, first_secret = _send(w, django_capture_on_commit_callbacks, period=Q2)
    second, second_secret = _send(w, django_capture_on_commit_callbacks, period=Q2)
    with pytest.raises(ReturnLinkRefused) as refused:
        return_link_check(organisation=org, secret=first_secret)
    assert refused.value.reason == "revoked"
    return_link_revoke(link=second, user=w["people"]["procurement"])
    with pytest.raises(ReturnLinkRefused) as refused:
        return_link_open(organisation=org, secret=second_secret)
    assert refused.value.reason == "revoked"

    third, third_secret = _send(w, django_capture_on_commit_callbacks, period=Q2)
    ReturnLink.objects.filter(pk=third.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ReturnLinkRefused) as refused:
        return_link_open(organisation=org, secret=third_secret)
    assert refused.value.reason == "expired"


def test_only_those_who_manage_the_contract_send_or_revoke_links(w):
    for role in ("viewer", "evaluator"):
        with pytest.raises(PermissionDenied):
            return_link_send(contract=w["contract"], user=w["people"][role])
    # A contract manager not named on this contract.
    from eqtrack.accounts.models import Role
    from eqtrack.accounts.tests.factories import member_create

    another = member_create(w["org"], Role.CONTRACT_MANAGER)
    with pytest.raises(PermissionDenied):
        return_link_send(contract=w["contract"], user=another)
    assert ReturnLink.objects.count() == 0


def test_a_return_is_saved_whole_and_spends_the_link(w, django_capture_on_commit_callbacks):
    link, secret = _send(w, django_capture_on_commit_callbacks)
    link = return_link_open(organisation=w["org"], secret=secret)
    kpi = w["kpi"]
    field = f"delivered_{kpi.pk}"
    for bad, message in (
        ("lots", "as a number"),
        ("-1", "0 or more"),
        ("1.234", "2 decimal places"),
        ("NaN", "as a number"),
        ("", "or 0"),
    ):
        with pytest.raises(DeliveryError, match=message) as refused:
            return_submit(link=link, name="Sam", lines={kpi.pk: (bad, "")})
        assert refused.value.field == field
    with pytest.raises(DeliveryError) as refused:
        return_submit(link=link, name=" ", lines={kpi.pk: ("3", "")})
    assert refused.value.field == "name"
    assert SupplierReturn.objects.count() == 0 and ReturnLine.objects.count() == 0
    link.refresh_from_db()
    assert link.used_at is None

    filed = return_submit(
        link=link, name="Sam Supplier", lines={kpi.pk: ("6.5", "Two apprentices since May")}
    )
    assert (filed.state, filed.submitted_by_name, filed.period_start, filed.period_end) == (
        ReturnState.SUBMITTED,
        "Sam Supplier",
        *Q1,
    )
    [line] = filed.lines.all()
    assert (line.kpi, line.delivered, line.evidence) == (
        kpi,
        Decimal("6.50"),
        "Two apprentices since May",
    )
    with pytest.raises(ReturnLinkRefused) as refused:
        return_submit(link=link, name="Sam", lines={kpi.pk: ("1", "")})
    assert refused.value.reason == "used"


def test_accept_or_query_and_a_new_link_answers_a_query(w, django_capture_on_commit_callbacks):
    manager = w["people"]["contract_manager"]
    first = _return(w, Q1, "8", state=ReturnState.SUBMITTED)
    with pytest.raises(DeliveryError) as refused:
        return_query(supplier_return=first, user=manager, note="  ")
    assert refused.value.field == "note"
    with pytest.raises(PermissionDenied):
        return_accept(supplier_return=first, user=w["people"]["viewer"])
    # While it waits, no new link for its quarter.
    with pytest.raises(DeliveryError, match="waiting"):
        return_link_send(contract=w["contract"], user=manager, period_start=Q1[0], period_end=Q1[1])
    queried = return_query(supplier_return=first, user=manager, note="Which apprentices?")
    assert (queried.state, queried.decided_by, queried.decision_note) == (
        ReturnState.QUERIED,
        manager,
        "Which apprentices?",
    )
    with pytest.raises(DeliveryError, match="queried already"):
        return_accept(supplier_return=queried, user=manager)
    link, secret = _send(w, django_capture_on_commit_callbacks, period=Q1)
    link = return_link_open(organisation=w["org"], secret=secret)
    second = return_submit(link=link, name="Sam", lines={w["kpi"].pk: ("8", "Names on file")})
    accepted = return_accept(supplier_return=second, user=w["people"]["procurement"])
    assert accepted.state == ReturnState.ACCEPTED
    assert _status(w, dt.date(2026, 7, 1)).delivered == Decimal("8.00")
    with pytest.raises(DeliveryError, match="accepted"):
        return_link_send(contract=w["contract"], user=manager, period_start=Q1[0], period_end=Q1[1])


# --- The yearly rating ------------------------------------------------------------------------
# The year to 31 March 2027 ends on the KPI's due date, so 26 was expected by then.


@pytest.mark.parametrize(
    ("delivered", "suggested"),
    [
        ("26", Rating.GOOD),
        ("19.50", Rating.APPROACHING),  # 75% exactly
        ("19.49", Rating.REQUIRES_IMPROVEMENT),
        ("13", Rating.REQUIRES_IMPROVEMENT),  # 50% exactly
        ("12.99", Rating.INADEQUATE),
    ],
)
def test_rating_suggestion_thresholds(w, delivered, suggested):
    _return(w, Q1, delivered)
    assert rating_suggest(w["kpi"], dt.date(2027, 3, 31)) == (
        suggested,
        Decimal(delivered),
        Decimal("26"),
    )


def test_rating_suggestion_counts_returns_to_the_years_end_only(w):
    _return(w, Q1, "20")
    _return(w, (dt.date(2027, 4, 1), dt.date(2027, 6, 30)), "6")
    assert rating_suggest(w["kpi"], dt.date(2027, 3, 31))[:2] == (Rating.APPROACHING, Decimal("20"))
    assert rating_suggest(w["kpi"], dt.date(2028, 3, 31))[:2] == (Rating.GOOD, Decimal("26"))


def test_rating_other_than_the_suggestion_needs_a_note(w):
    manager = w["people"]["contract_manager"]
    _return(w, Q1, "20")  # suggests Approaching target
    with pytest.raises(DeliveryError) as refused:
        kpi_rate(
            kpi=w["kpi"],
            user=manager,
            year_ending=dt.date(2027, 3, 31),
            rating=Rating.GOOD,
            note="",
        )
    assert refused.value.field == "note"
    with pytest.raises(DeliveryError) as refused:
        kpi_rate(
            kpi=w["kpi"],
            user=manager,
            year_ending=dt.date(2027, 3, 1),
            rating=Rating.GOOD,
            note="x",
        )
    assert refused.value.field == "year_ending"
    with pytest.raises(PermissionDenied):
        kpi_rate(
            kpi=w["kpi"],
            user=w["people"]["viewer"],
            year_ending=dt.date(2027, 3, 31),
            rating=Rating.APPROACHING,
            note="",
        )
    assert KPIRating.objects.count() == 0
    kpi_rate(
        kpi=w["kpi"],
        user=manager,
        year_ending=dt.date(2027, 3, 31),
        rating=Rating.APPROACHING,
        note="",
    )
    rated = kpi_rate(
        kpi=w["kpi"],
        user=manager,
        year_ending=dt.date(2027, 3, 31),
        rating=Rating.GOOD,
        note="The last six weeks started on 1 April",
    )
    assert KPIRating.objects.get() == rated and rated.rating == Rating.GOOD
    assert [h.rating for h in rated.history.order_by("history_id")] == [
        Rating.APPROACHING,
        Rating.GOOD,
    ]


# --- Elsewhere --------------------------------------------------------------------------------


def test_action_social_value_and_delivery_flags(w):
    from eqtrack.plans.tests.factories import ActionFactory

    action = ActionFactory(theme__plan__organisation=w["org"])
    w["measure"].action = action
    w["measure"].save()
    _return(w, Q1, "10")
    _return(w, Q2, "3", state=ReturnState.SUBMITTED)
    [row] = action_social_value(organisation=w["org"], action=action, today=dt.date(2026, 10, 1))
    assert (row.contract, row.supplier, row.target, row.delivered, row.flags) == (
        "Grounds maintenance",
        "Green Ltd",
        Decimal("26.00"),
        Decimal("10.00"),
        [],
    )
    assert delivery_flags(organisation=w["org"], today=dt.date(2026, 10, 1)) == []
    [flag] = delivery_flags(organisation=w["org"], today=dt.date(2027, 4, 1))
    assert flag["kpi"] == w["kpi"] and flag["status"].flags == ["missed", "return_overdue"]
    assert delivery_flags(organisation=w["other"], today=dt.date(2027, 4, 1)) == []
