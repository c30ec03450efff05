"""Postcode centroids from the ONS Postcode Directory (ONSPD) CSV, and distances between them
and listings: what the distance search needs, and nothing when no directory is loaded."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction

from eqtrack.organisations.models import Organisation

from .models import Location, Postcode

EARTH_RADIUS_M = 6_371_000
# A UK postcode's shape: the outward code (area, district: A9, A99, AA9, AA99, A9A, AA9A) and
# the inward code (a digit and two letters), with or without the space between them.
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})")
POSTCODE_ERROR = "Enter a real postcode, like ME14 1XX"


class PostcodeError(ValueError):
    pass


def postcode_normalise(text: str) -> str:
    return re.sub(r"\s+", "", text or "").upper()


def postcode_clean(text: str) -> str | None:
    """The postcode in capitals with one space ("ME14 1AA"), or None when it has not the
    shape of a UK postcode. The shape only: whether it exists takes the ONS directory."""
    found = _POSTCODE.fullmatch((text or "").strip().upper())
    return f"{found[1]} {found[2]}" if found else None


def postcodes_load(*, path: Path, batch: int = 5000) -> int:
    """Load (or replace) centroids from an ONSPD CSV: columns pcds (or pcd), lat and long.
    All or nothing; terminated postcodes and those without a location are skipped."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise PostcodeError(f"{path}: cannot be read ({e.strerror})") from None
    with handle, transaction.atomic():
        reader = csv.DictReader(handle)
        fields = {f.lower(): f for f in reader.fieldnames or []}
        code = fields.get("pcds") or fields.get("pcd")
        if not code or "lat" not in fields or "long" not in fields:
            raise PostcodeError(
                f"{path}: not an ONS Postcode Directory CSV (it needs the columns pcds, lat and long)"
            )
        rows, count = [], 0
        for line, row in enumerate(reader, start=2):
            if row.get(fields.get("doterm", ""), ""):
                continue  # terminated
            try:
                lat, lng = float(row[fields["lat"]]), float(row[fields["long"]])
            except ValueError:
                raise PostcodeError(f"{path}: line {line}: lat and long must be numbers") from None
            if lat > 90:  # ONSPD's 99.999999 marks "no location"
                continue
            rows.append(
                Postcode(postcode=postcode_normalise(row[code]), latitude=lat, longitude=lng)
            )
            if len(rows) >= batch:
                count += _save(rows)
                rows = []
        count += _save(rows)
    return count


def _save(rows: list[Postcode]) -> int:
    Postcode.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["latitude", "longitude"],
    )
    return len(rows)


def centroid(text: str) -> tuple[float, float] | None:
    found = (
        Postcode.objects.filter(postcode=postcode_normalise(text))
        .values_list("latitude", "longitude")
        .first()
    )
    return found


def distance_search_available() -> bool:
    return Postcode.objects.exists()


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two (latitude, longitude) points."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def locations_near(
    point: tuple[float, float],
    within_m: float,
    locations: Iterable[Location] | None = None,
    *,
    organisation: Organisation | None = None,
):
    """Locations within `within_m` metres of the point, nearest first, as (metres, location):
    of the list given, or of the council's locations with a bounding box in SQL first, so only
    nearby rows are measured."""
    dlat = math.degrees(within_m / EARTH_RADIUS_M)
    dlng = dlat / max(math.cos(math.radians(point[0])), 0.01)
    if locations is None:
        if organisation is None:
            raise TypeError("locations_near: give the locations or the organisation")
        candidates: Iterable[Location] = Location.objects.filter(
            organisation=organisation,
            latitude__range=(point[0] - dlat, point[0] + dlat),
            longitude__range=(point[1] - dlng, point[1] + dlng),
        )
    else:
        candidates = locations
    found = [
        (metres(point, (loc.latitude, loc.longitude)), loc)
        for loc in candidates
        if loc.latitude is not None and loc.longitude is not None
    ]
    return sorted((d, loc) for d, loc in found if d <= within_m)
