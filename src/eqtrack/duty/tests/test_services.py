"""Recording the dates: administrators only, never a day still to come, the history kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.duty.models import DutyRecord
from eqtrack.duty.services import duty_information_published, duty_objectives_set
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")


def test_an_administrator_records_both_dates(council):
    admin = member_create(council, Role.ADMINISTRATOR)
    duty_information_published(organisation=council, on=dt.date(2025, 12, 1), user=admin)
    record = duty_objectives_set(organisation=council, on=dt.date(2022, 12, 15), user=admin)
    record.refresh_from_db()
    assert record.information_published_on == dt.date(2025, 12, 1)
    assert record.objectives_set_on == dt.date(2022, 12, 15)
    assert record.history.count() == 2
    assert [h.history_user for h in record.history.all()] == [admin, admin]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OWNER, Role.REVIEWER, Role.MANAGER])
def test_only_administrators(council, role):
    person = member_create(council, role)
    with pytest.raises(PermissionDenied):
        duty_information_published(organisation=council, on=dt.date(2025, 12, 1), user=person)
    other = Organisation.objects.create(name="Other", slug="other")
    outsider = member_create(other, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        duty_objectives_set(organisation=council, on=dt.date(2025, 12, 1), user=outsider)
    assert not DutyRecord.objects.exists()


def test_a_day_still_to_come_is_refused_naming_the_field(council):
    admin = member_create(council, Role.ADMINISTRATOR)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as e:
        duty_information_published(organisation=council, on=tomorrow, user=admin)
    assert e.value.message_dict == {
        "information_published_on": [
            "The date the equality information was published must be today or in the past"
        ]
    }
    with pytest.raises(ValidationError) as e:
        duty_objectives_set(organisation=council, on=tomorrow, user=admin)
    assert list(e.value.message_dict) == ["objectives_set_on"]
    assert not DutyRecord.objects.exists()
    # Today itself is fine.
    duty_information_published(organisation=council, on=timezone.localdate(), user=admin)
