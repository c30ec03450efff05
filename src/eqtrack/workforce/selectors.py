"""Reads for the workforce: a council's staff snapshots (for its administrators, or published
ones for everyone), one by its date, and the year-on-year trend of each measure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from eqtrack.consultations.models import PopulationProfile
from eqtrack.consultations.selectors import population_margins
from eqtrack.consultations.weighting import Margin
from eqtrack.organisations.models import Organisation

from .models import StaffSnapshot, StaffUpload
from .paygap import FIELDS


def staff_snapshot_list(*, organisation: Organisation, published_only: bool = False) -> QuerySet:
    """The live snapshots, newest first, without their figures (a list needs none)."""
    snapshots = (
        StaffSnapshot.objects.live()
        .filter(organisation=organisation)
        .select_related("uploaded_by")
        .defer("figures", "characteristics")
        .order_by("-snapshot")
    )
    return snapshots.filter(published=True) if published_only else snapshots


def staff_snapshot_get(
    *, organisation: Organisation, snapshot: dt.date, published_only: bool = False
) -> StaffSnapshot | None:
    snapshots = StaffSnapshot.objects.live().filter(organisation=organisation, snapshot=snapshot)
    if published_only:
        snapshots = snapshots.filter(published=True)
    return snapshots.select_related("profile", "uploaded_by").first()


def paygap_trend(*, organisation: Organisation, published_only: bool = False) -> dict[str, Any]:
    """Every pay gap measure across the council's snapshots, oldest first: by sex, disabled
    against not disabled, and ethnic minorities against White British (None where a figure was
    suppressed or could not be worked out)."""
    snapshots = StaffSnapshot.objects.live().filter(organisation=organisation)
    if published_only:
        snapshots = snapshots.filter(published=True)
    rows = list(snapshots.order_by("snapshot").values_list("snapshot", "figures"))

    def group_figure(figures: dict, by: str, kind: str, name: str) -> float | None:
        for group in figures.get(by, {}).get("groups", []):
            if group["kind"] == kind:
                return None if group["suppressed"] else group.get(name)
        return None

    return {
        "snapshots": [day for day, _ in rows],
        "sex": {name: [figures.get("sex", {}).get(name) for _, figures in rows] for name in FIELDS},
        "ethnicity": {
            name: [
                group_figure(figures, "ethnicity", "ethnic minority", name) for _, figures in rows
            ]
            for name in FIELDS
        },
        "disability": {
            name: [group_figure(figures, "disability", "disability", name) for _, figures in rows]
            for name in FIELDS
        },
    }


def snapshot_population(*, snapshot: StaffSnapshot) -> tuple[list[Margin] | None, dict[str, str]]:
    """The margins of the population the snapshot's staff are compared with, and where its
    figures come from (None and {} when no profile is chosen or it has been archived)."""
    profile = snapshot.profile
    if profile is None or profile.archived_at is not None:
        return None, {}
    return population_margins(profile=profile), {
        "name": profile.name,
        "area": profile.area,
        "source": profile.source or "not given",
        "licence": profile.licence,
        "illustrative": "yes" if profile.illustrative else "no",
    }


def profile_choices(*, organisation: Organisation) -> list[tuple[int, str]]:
    return [
        (p.pk, str(p))
        for p in PopulationProfile.objects.live().filter(organisation=organisation).order_by("name")
    ]


def staff_upload_get(*, organisation: Organisation, pk: int) -> StaffUpload | None:
    return StaffUpload.objects.filter(organisation=organisation, pk=pk).defer("data").first()
