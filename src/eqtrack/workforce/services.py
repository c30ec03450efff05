"""Writes for the workforce: a staff file stored as a snapshot (all or nothing), a snapshot
replaced, archived or published, the council's column mapping and retention period, and the
daily deletion of personal rows whose time is up. The web's writes take the person acting
and check `can_manage_workforce`; the CLI's are the operator's. Each is in the security log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from eqtrack.accounts.audit import audit_record
from eqtrack.accounts.permissions import can_manage_workforce
from eqtrack.consultations.models import PopulationProfile
from eqtrack.core.files import InputError, max_bytes
from eqtrack.core.history import change_record
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation

from .models import StaffMember, StaffSnapshot, StaffUpload, WorkforceSettings, months_after
from .paygap import PayData, ethnic_reference, gender_pay_gap, group_pay_gap
from .profile import characteristics_count
from .staff import FIELDS, StaffRecord, staff_read


class WorkforceError(InputError):
    """A workforce change eqtrack refuses, with what to do instead."""


def _may_manage(user: User | None, organisation_id: int) -> None:
    if user is not None and not can_manage_workforce(user, organisation_id):
        raise PermissionDenied("Only an administrator uploads and publishes staff figures.")


def workforce_settings_get(*, organisation: Organisation) -> WorkforceSettings:
    """The council's workforce settings (the defaults until it sets any)."""
    settings, _ = WorkforceSettings.objects.get_or_create(organisation=organisation)
    return settings


@transaction.atomic
def workforce_settings_set(
    *,
    organisation: Organisation,
    keep_personal_months: int | None = None,
    column_mapping: dict[str, str] | None = None,
    reference_ethnic_group: str | None = None,
    user: User | None = None,
) -> WorkforceSettings:
    """Change how long personal rows are kept (months after the snapshot date; live snapshots'
    deletion dates move with it), the remembered column mapping, or the reference group of
    the ethnicity pay gaps (for snapshots uploaded from now on: figures are worked out once,
    when a file comes in)."""
    _may_manage(user, organisation.pk)
    settings = workforce_settings_get(organisation=organisation)
    if keep_personal_months is not None:
        if not 1 <= keep_personal_months <= 120:
            raise WorkforceError("keep staff rows for between 1 and 120 months")
        settings.keep_personal_months = keep_personal_months
        for snapshot in StaffSnapshot.objects.live().filter(
            organisation=organisation, personal_deleted_at__isnull=True
        ):
            snapshot.keep_personal_until = months_after(snapshot.snapshot, keep_personal_months)
            change_record(snapshot, user=user, reason="the council's retention period changed")
            snapshot.save(update_fields=["keep_personal_until"])
        audit_record(
            f"workforce: staff rows kept {keep_personal_months} months at {organisation}",
            user=user,
        )
    if reference_ethnic_group is not None:
        if reference_ethnic_group:
            try:
                reference_ethnic_group = ethnic_reference(reference_ethnic_group)[0]
            except ValueError as e:
                raise WorkforceError(str(e)) from None
        settings.reference_ethnic_group = reference_ethnic_group
    if column_mapping is not None:
        unknown = [name for name in column_mapping if name not in FIELDS]
        if unknown:
            raise WorkforceError(f"{unknown[0]!r} is not a staff file field")
        settings.column_mapping = {k: v for k, v in column_mapping.items() if v}
    change_record(settings, user=user, reason="changed")
    settings.save()
    return settings


def _member(organisation: Organisation, snapshot: StaffSnapshot, r: StaffRecord) -> StaffMember:
    return StaffMember(
        organisation=organisation,
        snapshot=snapshot,
        employee_id=r.employee_id,
        sex=r.sex or "",
        ethnic_group=r.ethnic_group or "",
        disability=r.disability or "",
        date_of_birth=r.date_of_birth,
        age=r.age,
        grade=r.grade or "",
        full_time=r.full_time,
        hourly_pay=None if r.hourly_pay is None else r.hourly_pay.quantize(Decimal("1e-6")),
        bonus_pay=r.bonus_pay.quantize(Decimal("1e-4")),
        relevant_employee=r.relevant_employee,
        full_pay_relevant_employee=r.full_pay_relevant_employee,
        starter=r.starter,
        leaver=r.leaver,
        promoted=r.promoted,
        grievance=r.grievance,
        line=r.line,
    )


def staff_figures(
    records: list[StaffRecord], *, snapshot: dt.date, reference: str | None = None
) -> dict[str, Any]:
    """The pay gaps by sex, ethnicity (against `reference`, White British by default) and
    disability, as kept. The staff's arrays are built once for all three."""
    staff = PayData(records)
    return {
        "sex": gender_pay_gap(staff, snapshot=snapshot).as_dict(),
        "ethnicity": group_pay_gap(
            staff, by="ethnicity", reference=reference or None, snapshot=snapshot
        ).as_dict(),
        "disability": group_pay_gap(staff, by="disability", snapshot=snapshot).as_dict(),
    }


def _personal_delete(snapshot: StaffSnapshot) -> int:
    deleted, _ = StaffMember.objects.filter(snapshot=snapshot).delete()
    snapshot.personal_deleted_at = timezone.now()
    return deleted


@transaction.atomic
def staff_snapshot_import(
    *,
    organisation: Organisation,
    data: bytes,
    source: str,
    snapshot: dt.date,
    mapping: dict[str, str] | None = None,
    user: User | None = None,
    replace: bool = False,
    profile: PopulationProfile | None = None,
    publish: bool = False,
) -> StaffSnapshot:
    """Store a staff file as the council's snapshot for `snapshot`, with its pay gaps and
    profile counts worked out. All or nothing: a file with any bad row stores nothing and
    raises one StaffFileError naming each line and field. Without a mapping, the council's
    remembered one is used; a mapping given is remembered for next time.

    One live snapshot a date: another upload for the same date is refused unless `replace`,
    which archives the earlier one (its figures kept in its history, its rows deleted)."""
    _may_manage(user, organisation.pk)
    if len(data) > max_bytes():
        raise WorkforceError(f"{source}: is too large for a staff file")
    if profile is not None and profile.organisation_id != organisation.pk:
        raise WorkforceError("that population profile belongs to another organisation")
    settings = workforce_settings_get(organisation=organisation)
    used_mapping = dict(settings.column_mapping if mapping is None else mapping)
    staff = staff_read(data, source=source, mapping=used_mapping, snapshot=snapshot)
    existing = (
        StaffSnapshot.objects.live()
        .select_for_update()
        .filter(organisation=organisation, snapshot=snapshot)
        .first()
    )
    if existing is not None and not replace:
        raise WorkforceError(
            f"{organisation.name} already has staff figures for {snapshot.isoformat()} (from "
            f"{existing.source}); replace them to use this file instead"
        )
    if existing is not None:
        _personal_delete(existing)
        existing.archived_at = timezone.now()
        change_record(existing, user=user, reason=f"replaced by {source}")
        existing.save()
    now = timezone.now()
    record = StaffSnapshot(
        organisation=organisation,
        snapshot=snapshot,
        source=source[:200],
        uploaded_by=user,
        employees=len(staff.records),
        keep_personal_until=months_after(snapshot, settings.keep_personal_months),
        profile=profile,
        published=publish,
        published_at=now if publish else None,
        figures=staff_figures(
            staff.records, snapshot=snapshot, reference=settings.reference_ethnic_group
        ),
        characteristics=characteristics_count(staff.records),
    )
    change_record(record, user=user, reason=f"uploaded from {source}"[:100])
    record.save()
    StaffMember.objects.bulk_create(
        (_member(organisation, record, r) for r in staff.records), batch_size=2000
    )
    if mapping is not None and mapping != settings.column_mapping:
        settings.column_mapping = used_mapping
        change_record(settings, user=user, reason=f"column mapping from {source}"[:100])
        settings.save()
    audit_record(
        f"import: staff snapshot {snapshot.isoformat()} at {organisation} from {source} "
        f"({len(staff.records)} employees{', replacing the earlier one' if existing else ''})",
        user=user,
    )
    return record


@transaction.atomic
def staff_snapshot_publish(
    *, snapshot: StaffSnapshot, published: bool, user: User | None = None
) -> StaffSnapshot:
    """Put the snapshot's figures on the council's public pages, or take them off."""
    _may_manage(user, snapshot.organisation_id)
    if snapshot.archived_at:
        raise WorkforceError("these figures were replaced or deleted; publish the current ones")
    if snapshot.published == published:
        return snapshot
    snapshot.published = published
    snapshot.published_at = timezone.now() if published else None
    change_record(snapshot, user=user, reason="published" if published else "unpublished")
    snapshot.save(update_fields=["published", "published_at"])
    audit_record(
        f"publication: staff figures {snapshot.snapshot.isoformat()} at "
        f"{snapshot.organisation} {'published' if published else 'unpublished'}",
        user=user,
    )
    return snapshot


@transaction.atomic
def staff_snapshot_profile_set(
    *, snapshot: StaffSnapshot, profile: PopulationProfile | None, user: User | None = None
) -> StaffSnapshot:
    """Compare the snapshot's staff with another population profile of the council."""
    _may_manage(user, snapshot.organisation_id)
    if profile is not None and profile.organisation_id != snapshot.organisation_id:
        raise WorkforceError("that population profile belongs to another organisation")
    snapshot.profile = profile
    change_record(snapshot, user=user, reason="population profile chosen")
    snapshot.save(update_fields=["profile"])
    return snapshot


@transaction.atomic
def staff_snapshot_delete(*, snapshot: StaffSnapshot, user: User | None = None) -> StaffSnapshot:
    """Take a snapshot away: its employees' rows are deleted now and the snapshot archived
    (unpublished), its figures kept in the history as every archived record's are."""
    _may_manage(user, snapshot.organisation_id)
    if snapshot.archived_at:
        return snapshot
    rows = _personal_delete(snapshot)
    snapshot.archived_at = timezone.now()
    snapshot.published = False
    change_record(snapshot, user=user, reason="deleted")
    snapshot.save()
    audit_record(
        f"workforce: staff snapshot {snapshot.snapshot.isoformat()} at {snapshot.organisation} "
        f"deleted ({rows} employees' rows)",
        user=user,
    )
    return snapshot


@transaction.atomic
def staff_snapshot_expire(*, now: dt.datetime | None = None) -> list[StaffSnapshot]:
    """Delete the employees' rows of every snapshot whose keep_personal_until has passed
    (every council's: a daily job), keeping the figures worked out from them."""
    today = timezone.localdate(now or timezone.now())
    expired = list(
        StaffSnapshot.objects.select_for_update()
        .filter(personal_deleted_at__isnull=True, keep_personal_until__lt=today)
        .select_related("organisation")
    )
    for snapshot in expired:
        rows = _personal_delete(snapshot)
        change_record(snapshot, user=None, reason="staff rows deleted: retention period over")
        snapshot.save(update_fields=["personal_deleted_at"])
        audit_record(
            f"workforce: {rows} staff rows of {snapshot.snapshot.isoformat()} at "
            f"{snapshot.organisation} deleted, their retention period over"
        )
    # Files left half-way through the web's mapping step: personal data, kept a day at most.
    StaffUpload.objects.filter(
        created_at__lt=(now or timezone.now()) - dt.timedelta(days=1)
    ).delete()
    return expired


@transaction.atomic
def staff_upload_keep(
    *,
    organisation: Organisation,
    user: User,
    data: bytes,
    source: str,
    columns: list[str],
    snapshot: dt.date,
    replace: bool = False,
    profile: PopulationProfile | None = None,
) -> StaffUpload:
    """Keep a staff file whose columns are to be mapped before it is imported: one refused
    only for the columns it lacks, whose headings (`columns`) the StaffFileError gave."""
    _may_manage(user, organisation.pk)
    if len(data) > max_bytes():
        raise WorkforceError(f"{source}: is too large for a staff file")
    return StaffUpload.objects.create(
        organisation=organisation,
        created_by=user,
        source=source[:200],
        data=data,
        columns=columns,
        snapshot=snapshot,
        replace=replace,
        profile=profile,
    )


@transaction.atomic
def staff_upload_import(
    *, upload: StaffUpload, mapping: dict[str, str], user: User
) -> StaffSnapshot:
    """Import a kept file with the columns mapped (remembered for next time); the kept file
    is deleted once imported. A file still refused stays, to map again."""
    snapshot = staff_snapshot_import(
        organisation=upload.organisation,
        data=bytes(upload.data),
        source=upload.source,
        snapshot=upload.snapshot,
        mapping={field: column for field, column in mapping.items() if column},
        user=user,
        replace=upload.replace,
        profile=upload.profile,
    )
    upload.delete()
    return snapshot


def staff_upload_cancel(*, upload: StaffUpload, user: User) -> None:
    _may_manage(user, upload.organisation_id)
    upload.delete()
