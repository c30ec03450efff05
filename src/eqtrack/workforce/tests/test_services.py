"""Staff snapshots stored and taken away: all or nothing, one live snapshot a date, the
council's mapping remembered, personal rows deleted when their time is up with the figures
kept, who may do it, and the security log."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.organisations.models import Organisation
from eqtrack.workforce.illustrative import illustrative_staff_csv
from eqtrack.workforce.models import StaffMember, StaffSnapshot, months_after
from eqtrack.workforce.selectors import paygap_trend, staff_snapshot_get, staff_snapshot_list
from eqtrack.workforce.services import (
    WorkforceError,
    staff_snapshot_delete,
    staff_snapshot_expire,
    staff_snapshot_import,
    staff_snapshot_publish,
    workforce_settings_get,
    workforce_settings_set,
)
from eqtrack.workforce.staff import StaffFileError

from .test_commands import HEADER, TEN

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 31)


def ten_csv() -> bytes:
    rows = [
        f"E{i},{sex},,,{pay},{bonus},yes,yes\n" for i, (sex, pay, bonus) in enumerate(TEN, start=1)
    ]
    return (HEADER + "".join(rows)).encode()


@pytest.fixture
def council():
    return Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")


def test_import_stores_rows_and_the_figures_worked_out(council):
    snapshot = staff_snapshot_import(
        organisation=council, data=ten_csv(), source="staff.csv", snapshot=DAY
    )
    assert snapshot.employees == 10
    assert StaffMember.objects.filter(snapshot=snapshot).count() == 10
    member = StaffMember.objects.get(snapshot=snapshot, employee_id="E10")
    assert (member.sex, str(member.hourly_pay), str(member.bonus_pay)) == (
        "Male",
        "18.000000",
        "1000.0000",
    )
    sex = snapshot.figures["sex"]
    # test_paygap's hand-worked figures for these ten people.
    assert sex["MaleBonusPercent"] == 40.0
    assert sex["FemaleBonusPercent"] == 0.0
    assert sex["DiffMeanBonusPercent"] is None
    assert snapshot.figures["ethnicity"]["by"] == "ethnicity"
    assert snapshot.characteristics["all"]["sex"] == {"Female": 5, "Male": 5}
    assert snapshot.keep_personal_until == dt.date(2028, 3, 31)


def test_a_bad_file_stores_nothing_and_names_line_and_field(council):
    bad = ten_csv().replace(b"E3,M,", b"E3,Q,")
    with pytest.raises(StaffFileError) as error:
        staff_snapshot_import(organisation=council, data=bad, source="staff.csv", snapshot=DAY)
    assert "staff.csv: line 4, field sex: 'Q' is not Female or Male" in str(error.value)
    assert not StaffSnapshot.objects.exists()
    assert not StaffMember.objects.exists()


def test_a_second_file_for_the_same_date_is_refused_unless_it_replaces(council):
    first = staff_snapshot_import(
        organisation=council, data=ten_csv(), source="first.csv", snapshot=DAY
    )
    with pytest.raises(WorkforceError, match="already has staff figures for 2026-03-31"):
        staff_snapshot_import(
            organisation=council, data=ten_csv(), source="second.csv", snapshot=DAY
        )
    second = staff_snapshot_import(
        organisation=council, data=ten_csv(), source="second.csv", snapshot=DAY, replace=True
    )
    first.refresh_from_db()
    assert first.archived_at is not None and first.personal_deleted_at is not None
    assert not StaffMember.objects.filter(snapshot=first).exists()
    assert first.figures["sex"]["MaleBonusPercent"] == 40.0  # the figures stay
    assert StaffMember.objects.filter(snapshot=second).count() == 10
    assert [s.source for s in staff_snapshot_list(organisation=council)] == ["second.csv"]


def test_the_mapping_is_remembered_for_next_time(council):
    data = ten_csv().replace(b"employee_id,sex,", b"Payroll number,Gender,")
    mapping = {"employee_id": "Payroll number", "sex": "Gender"}
    staff_snapshot_import(
        organisation=council, data=data, source="a.csv", snapshot=DAY, mapping=mapping
    )
    assert workforce_settings_get(organisation=council).column_mapping == mapping
    # Next year's file, same columns, no mapping given: the council's is used.
    later = staff_snapshot_import(
        organisation=council, data=data, source="b.csv", snapshot=dt.date(2027, 3, 31)
    )
    assert later.employees == 10


def test_expire_deletes_personal_rows_after_the_period_and_keeps_figures(council):
    workforce_settings_set(organisation=council, keep_personal_months=12)
    old = staff_snapshot_import(
        organisation=council, data=ten_csv(), source="old.csv", snapshot=dt.date(2024, 3, 31)
    )
    new = staff_snapshot_import(
        organisation=council, data=ten_csv(), source="new.csv", snapshot=DAY
    )
    assert old.keep_personal_until == dt.date(2025, 3, 31)
    on_the_day = dt.datetime(2025, 3, 31, 12, tzinfo=dt.UTC)
    assert staff_snapshot_expire(now=on_the_day) == []  # kept through its last day
    expired = staff_snapshot_expire(now=on_the_day + dt.timedelta(days=1))
    assert [s.pk for s in expired] == [old.pk]
    assert not StaffMember.objects.filter(snapshot=old).exists()
    assert StaffMember.objects.filter(snapshot=new).count() == 10
    old.refresh_from_db()
    assert old.personal_deleted_at is not None
    assert old.figures["sex"]["MaleTopQuartile"] is not None
    assert paygap_trend(organisation=council)["snapshots"] == [dt.date(2024, 3, 31), DAY]


def test_changing_the_retention_moves_live_snapshots_deletion_date(council):
    snapshot = staff_snapshot_import(
        organisation=council, data=ten_csv(), source="s.csv", snapshot=DAY
    )
    workforce_settings_set(organisation=council, keep_personal_months=6)
    snapshot.refresh_from_db()
    assert snapshot.keep_personal_until == dt.date(2026, 9, 30)
    with pytest.raises(WorkforceError):
        workforce_settings_set(organisation=council, keep_personal_months=0)


def test_months_after_keeps_to_the_months_last_day():
    assert months_after(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert months_after(dt.date(2026, 3, 31), 24) == dt.date(2028, 3, 31)
    assert months_after(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


def test_delete_removes_rows_and_takes_the_figures_off_the_public_pages(council):
    snapshot = staff_snapshot_import(
        organisation=council, data=ten_csv(), source="s.csv", snapshot=DAY, publish=True
    )
    staff_snapshot_delete(snapshot=snapshot)
    assert not StaffMember.objects.exists()
    assert staff_snapshot_get(organisation=council, snapshot=DAY) is None
    with pytest.raises(WorkforceError):
        staff_snapshot_publish(snapshot=snapshot, published=True)


def test_only_administrators_upload_or_publish(council):
    viewer = member_create(council, Role.VIEWER)
    admin = member_create(council, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        staff_snapshot_import(
            organisation=council, data=ten_csv(), source="s.csv", snapshot=DAY, user=viewer
        )
    snapshot = staff_snapshot_import(
        organisation=council, data=ten_csv(), source="s.csv", snapshot=DAY, user=admin
    )
    with pytest.raises(PermissionDenied):
        staff_snapshot_publish(snapshot=snapshot, published=True, user=viewer)
    staff_snapshot_publish(snapshot=snapshot, published=True, user=admin)
    assert staff_snapshot_get(organisation=council, snapshot=DAY, published_only=True)


def test_one_council_never_sees_anothers_snapshots(council):
    other = Organisation.objects.create(name="Other Council", slug="other")
    staff_snapshot_import(organisation=other, data=ten_csv(), source="s.csv", snapshot=DAY)
    assert list(staff_snapshot_list(organisation=council)) == []
    assert staff_snapshot_get(organisation=council, snapshot=DAY) is None
    assert paygap_trend(organisation=council)["snapshots"] == []
    # And the same date is free for this council.
    staff_snapshot_import(organisation=council, data=ten_csv(), source="s.csv", snapshot=DAY)


def test_import_publish_and_expire_are_in_the_security_log(
    council, caplog, django_capture_on_commit_callbacks
):
    admin = member_create(council, Role.ADMINISTRATOR, username="hr-admin")
    with (
        caplog.at_level(logging.INFO, logger="eqtrack.security"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        snapshot = staff_snapshot_import(
            organisation=council, data=ten_csv(), source="s.csv", snapshot=DAY, user=admin
        )
        staff_snapshot_publish(snapshot=snapshot, published=True, user=admin)
        staff_snapshot_expire(now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    lines = [r.getMessage() for r in caplog.records if r.name == "eqtrack.security"][-3:]
    assert lines[0].startswith(
        "import: staff snapshot 2026-03-31 at Maidstone Borough Council from s.csv "
        "(10 employees) by hr-admin"
    )
    assert lines[1].startswith("publication: staff figures 2026-03-31 at Maidstone")
    assert "10 staff rows of 2026-03-31" in lines[2]


def test_the_illustrative_file_imports(council):
    snapshot = staff_snapshot_import(
        organisation=council,
        data=illustrative_staff_csv(people=600),
        source="illustrative.csv",
        snapshot=DAY,
    )
    assert snapshot.employees == 600
    assert set(snapshot.characteristics) >= {"all", "starters", "leavers", "grades"}
    assert snapshot.figures["sex"]["DiffMeanHourlyPercent"] > 0


def test_the_daily_expiry_command(council):
    from io import StringIO

    from django.core.management import call_command

    staff_snapshot_import(
        organisation=council, data=ten_csv(), source="s.csv", snapshot=dt.date(2020, 3, 31)
    )
    out = StringIO()
    call_command("workforce-expire", stdout=out)
    assert out.getvalue() == (
        "Deleted the staff rows of 2020-03-31 at Maidstone Borough Council (kept until "
        "2022-03-31).\n"
    )
    assert not StaffMember.objects.exists()
