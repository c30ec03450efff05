"""The duty calendar's dates worked out by hand (29 February included), its states as the day
moves on, and the items it gathers from the policy register, the rounds and the staff
snapshots."""

from __future__ import annotations

import datetime as dt

import pytest

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Policy
from eqtrack.duty.calendar import (
    duty_calendar,
    duty_warnings,
    information_due,
    objectives_due,
    pay_gap_due,
    state_on,
)
from eqtrack.duty.models import DutyRecord
from eqtrack.organisations.models import Organisation
from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import round_open
from eqtrack.workforce.models import StaffSnapshot

D = dt.date


def test_information_is_due_a_year_on_the_same_day():
    assert information_due(D(2025, 12, 1)) == D(2026, 12, 1)
    assert information_due(D(2024, 3, 30)) == D(2025, 3, 30)
    # No 29 February next year: the last day of February.
    assert information_due(D(2024, 2, 29)) == D(2025, 2, 28)


def test_objectives_are_due_four_years_on():
    assert objectives_due(D(2022, 12, 15)) == D(2026, 12, 15)
    # Four years from a 29 February is a leap year again.
    assert objectives_due(D(2024, 2, 29)) == D(2028, 2, 29)
    assert objectives_due(D(2028, 2, 29)) == D(2032, 2, 29)


def test_the_pay_gap_is_due_within_12_months_beginning_with_the_snapshot():
    # 31 March snapshot: the period of 12 months beginning with it ends on 30 March.
    assert pay_gap_due(D(2026, 3, 31)) == D(2027, 3, 30)
    assert pay_gap_due(D(2024, 2, 29)) == D(2025, 2, 27)
    assert pay_gap_due(D(2023, 3, 1)) == D(2024, 2, 29)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2026, 10, 31), "ok"),  # 31 days before
        (D(2026, 11, 1), "soon"),  # 30 days before
        (D(2026, 12, 1), "soon"),  # the day itself
        (D(2026, 12, 2), "overdue"),
    ],
)
def test_states_as_the_day_moves_on(today, state):
    assert state_on(D(2026, 12, 1), today) == state
    assert state_on(None, today) == "unknown"


@pytest.fixture
def council():
    return Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")


@pytest.mark.django_db
def test_nothing_recorded_is_unknown_and_never_warns(council):
    items = duty_calendar(organisation=council, today=D(2026, 12, 1))
    assert [(i.kind, i.state, i.due_on) for i in items] == [
        ("information", "unknown", None),
        ("pay_gap", "unknown", None),
        ("objectives", "unknown", None),
    ]
    assert duty_warnings(organisation=council, today=D(2026, 12, 1)) == []


@pytest.mark.django_db
def test_the_calendar_from_the_record(council):
    DutyRecord.objects.create(
        organisation=council,
        information_published_on=D(2025, 12, 1),
        objectives_set_on=D(2022, 12, 15),
    )
    items = {i.kind: i for i in duty_calendar(organisation=council, today=D(2026, 11, 16))}
    assert items["information"].due_on == D(2026, 12, 1)
    assert items["information"].state == "soon"
    assert items["information"].detail.startswith("Last published 1 December 2025")
    assert items["objectives"].due_on == D(2026, 12, 15)
    assert items["objectives"].state == "soon"
    assert items["information"].url == "/maidstone/duties/"


def _snapshot(council, day, *, employees=300, published=False):
    return StaffSnapshot.objects.create(
        organisation=council,
        snapshot=day,
        source="staff.csv",
        employees=employees,
        keep_personal_until=D(2030, 1, 1),
        published=published,
    )


@pytest.mark.django_db
def test_the_pay_gap_of_the_latest_snapshot(council):
    _snapshot(council, D(2025, 3, 31), published=True)
    latest = _snapshot(council, D(2026, 3, 31))
    item = next(
        i for i in duty_calendar(organisation=council, today=D(2027, 3, 1)) if i.kind == "pay_gap"
    )
    assert (item.key, item.due_on, item.state) == ("2026-03-31", D(2027, 3, 30), "soon")
    assert item.url == "/maidstone/workforce/2026-03-31/"
    StaffSnapshot.objects.filter(pk=latest.pk).update(published=True)
    item = next(
        i for i in duty_calendar(organisation=council, today=D(2027, 4, 1)) if i.kind == "pay_gap"
    )
    assert item.state == "ok"
    assert item.detail == "The pay gaps of the 31 March 2026 snapshot are published."


@pytest.mark.django_db
def test_no_pay_gap_duty_under_250_employees(council):
    _snapshot(council, D(2026, 3, 31), employees=249)
    item = next(
        i for i in duty_calendar(organisation=council, today=D(2027, 4, 1)) if i.kind == "pay_gap"
    )
    assert item.state == "ok"
    assert "249 employees" in item.detail


@pytest.mark.django_db
def test_policy_reviews_and_the_open_round():
    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    org = plan.organisation
    admin = member_create(org, Role.ADMINISTRATOR)
    due = Policy.objects.create(
        organisation=org, title="Allocations", next_review_on=D(2026, 12, 20)
    )
    Policy.objects.create(organisation=org, title="Later", next_review_on=D(2027, 6, 1))
    late = Policy.objects.create(organisation=org, title="Late", next_review_on=D(2026, 11, 1))
    round = round_open(plan=plan, period_label="2031", deadline=D(2026, 12, 10), user=admin)
    items = duty_calendar(organisation=org, today=D(2026, 12, 1))
    dated = [(i.kind, i.key, i.due_on, i.state) for i in items if i.due_on]
    assert dated == [
        ("policy_review", str(late.pk), D(2026, 11, 1), "overdue"),
        ("round", str(round.pk), D(2026, 12, 10), "soon"),
        ("policy_review", str(due.pk), D(2026, 12, 20), "soon"),
    ]
    titles = [i.title for i in items if i.due_on]
    assert titles[1] == f"Updates for the 2031 round of {plan.title}"
    assert titles[2] == "Review “Allocations”"
