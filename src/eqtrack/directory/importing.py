"""Bringing in an existing list of groups: the council's spreadsheet (CSV or Excel, with a
column mapping) or another Open Referral UK feed's JSON. All or nothing; possible duplicates
are reported and marked for a moderator, never merged."""

from __future__ import annotations

import difflib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from django.db import transaction
from django.utils import timezone

from eqtrack.core.cells import frame_unescape
from eqtrack.core.files import FileRefused, zip_check
from eqtrack.organisations.models import Organisation

from .models import Service, TaxonomyTerm
from .postcodes import postcode_clean
from .services import listing_create, taxonomy_seed

# Our field: the column names councils' spreadsheets use for it (lower case).
COLUMNS = {
    "group_name": ["group_name", "organisation", "organisation name", "group", "name"],
    "group_description": ["group_description", "description", "about"],
    "service_name": ["service_name", "service", "activity"],
    "service_description": ["service_description", "service description", "what they do"],
    "website": ["website", "web", "url"],
    "email": ["email", "e-mail", "email address"],
    "address_1": ["address_1", "address", "address line 1"],
    "city": ["city", "town"],
    "postal_code": ["postal_code", "postcode", "post code"],
    "category": ["category", "categories", "type"],
}
LIMITS = {
    "group_name": 200,
    "service_name": 200,
    "group_description": 2000,
    "service_description": 2000,
}
SIMILAR = 0.9


class DirectoryImportError(ValueError):
    """One message naming the file, the line and the field."""


@dataclass
class ImportReport:
    created: list[Service] = field(default_factory=list)
    duplicates: list[tuple[Service, Service, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{len(self.created)} listing(s) imported", *self.notes]
        out += [
            f"possible duplicate: {a.name!r} and {b.name!r} ({why})"
            for a, b, why in self.duplicates
        ]
        return out


def _rows_from_table(path: Path, mapping: dict[str, str]) -> list[tuple[int, dict[str, str]]]:
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            # The same checks as every other workbook eqtrack opens: sizes and CRCs that lie,
            # zip bombs and XML entities are refused before pandas unpacks anything.
            zip_check(path.read_bytes(), source=str(path))
            frame = pd.read_excel(path, dtype=str).fillna("")
        else:
            # A CSV eqtrack wrote (or any made the same way) has its "'" escapes undone.
            frame = frame_unescape(pd.read_csv(path, dtype=str, encoding="utf-8-sig").fillna(""))
    except FileRefused as e:
        raise DirectoryImportError(str(e)) from None
    except (OSError, ValueError, zipfile.BadZipFile) as e:
        raise DirectoryImportError(f"{path}: cannot be read as a spreadsheet ({e})") from None
    headers = {str(c).strip().lower(): c for c in frame.columns}
    chosen: dict[str, Any] = {}
    for ours, names in COLUMNS.items():
        wanted = [mapping[ours].lower()] if ours in mapping else names
        found = next((headers[n] for n in wanted if n in headers), None)
        if ours in mapping and found is None:
            raise DirectoryImportError(f"{path}: there is no column {mapping[ours]!r} (for {ours})")
        if found is not None:
            chosen[ours] = found
    if "group_name" not in chosen:
        raise DirectoryImportError(
            f"{path}: no column for the group's name; name it with --map group_name=COLUMN"
        )
    return [
        (index + 2, {ours: str(row[column]).strip() for ours, column in chosen.items()})
        for index, row in frame.iterrows()
    ]


def _rows_from_openreferral(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise DirectoryImportError(f"{path}: not JSON ({e})") from None
    services = data.get("contents", data) if isinstance(data, dict) else data
    if isinstance(services, dict):
        services = [services]
    if not isinstance(services, list):
        raise DirectoryImportError(f"{path}: expected an Open Referral service or list of services")
    rows = []
    for index, service in enumerate(services, start=1):
        if not isinstance(service, dict) or not service.get("name"):
            raise DirectoryImportError(f"{path}: service {index}: has no name")
        organisation = service.get("organization") or {}
        address = {}
        for sal in service.get("service_at_locations") or []:
            addresses = (sal.get("location") or {}).get("addresses") or []
            if addresses:
                address = addresses[0]
                break
        rows.append(
            (
                index,
                {
                    "group_name": organisation.get("name") or service["name"],
                    "group_description": organisation.get("description")
                    or service.get("description", ""),
                    "service_name": service["name"],
                    "service_description": service.get("description", ""),
                    "website": service.get("url", ""),
                    "email": service.get("email", ""),
                    "address_1": address.get("address_1", ""),
                    "city": address.get("city", ""),
                    "postal_code": address.get("postal_code", ""),
                    "category": ";".join(
                        (a.get("taxonomy_term") or {}).get("name", "")
                        for a in service.get("attributes") or []
                    ),
                },
            )
        )
    return rows


def _check(path: Path, where: str, row: dict[str, str]) -> None:
    """Refuse the file at its first bad row; a good row's postcode is written "ME14 1AA"."""
    if not row.get("group_name"):
        raise DirectoryImportError(f"{path}: {where}: group_name is empty")
    for name, limit in LIMITS.items():
        if len(row.get(name, "")) > limit:
            raise DirectoryImportError(f"{path}: {where}: {name} is longer than {limit} characters")
    if row.get("postal_code"):
        postcode = postcode_clean(row["postal_code"])
        if postcode is None:
            raise DirectoryImportError(
                f"{path}: {where}: postal_code {row['postal_code']!r} is not a UK postcode "
                "(like ME14 1XX)"
            )
        row["postal_code"] = postcode


def _normal(name: str) -> str:
    return " ".join(name.lower().replace("&", "and").split())


def directory_import(
    *,
    organisation: Organisation,
    path: Path,
    mapping: dict[str, str] | None = None,
    openreferral: bool = False,
) -> ImportReport:
    """Import every row as an approved listing (the council's own list), or nothing at all."""
    rows = _rows_from_openreferral(path) if openreferral else _rows_from_table(path, mapping or {})
    label = "service" if openreferral else "line"
    for line, row in rows:
        _check(path, f"{label} {line}", row)
    taxonomy_seed(organisation=organisation)
    terms = {t.name.lower(): t for t in TaxonomyTerm.objects.filter(organisation=organisation)}
    report = ImportReport()
    known = list(
        Service.objects.filter(organisation=organisation)
        .select_related("group")
        .prefetch_related("at_locations__location")
    )
    # Rows without an address have no location; their postcode still tells twins apart.
    import_postcodes: dict[int, str] = {}
    with transaction.atomic():
        for line, row in rows:
            wanted = [
                c.strip().lower()
                for c in row.get("category", "").replace(",", ";").split(";")
                if c.strip()
            ]
            unknown = [c for c in wanted if c not in terms]
            if unknown and openreferral:
                # Another feed files services under its own taxonomy: say so, keep the listing.
                report.notes.append(f"{label} {line}: categories left out: {', '.join(unknown)}")
                wanted = [c for c in wanted if c in terms]
            elif unknown:
                raise DirectoryImportError(
                    f"{path}: {label} {line}: category {unknown[0]!r} is not one of the directory's "
                    f"({', '.join(sorted(t.name for t in terms.values()))})"
                )
            service = listing_create(
                organisation=organisation,
                group_name=row["group_name"],
                group_description=row.get("group_description", "") or row["group_name"],
                service_name=row.get("service_name", ""),
                service_description=row.get("service_description", ""),
                terms=[terms[c] for c in wanted],
                address_1=row.get("address_1", ""),
                city=row.get("city", ""),
                postal_code=row.get("postal_code", ""),
                website=row.get("website", ""),
                email=row.get("email", ""),
            )
            service.listing = Service.Listing.APPROVED
            service.last_confirmed_at = timezone.now()
            twin, why = _twin(service, row, known, import_postcodes)
            if twin is not None:
                service.possible_duplicate_of = twin
                report.duplicates.append((service, twin, why))
            service.save()
            report.created.append(service)
            import_postcodes[service.pk] = row.get("postal_code", "").replace(" ", "").upper()
            known.append(service)
    return report


def _twin(
    service: Service, row: dict[str, str], known: list[Service], import_postcodes: dict[int, str]
) -> tuple[Service | None, str]:
    name, postcode = (
        _normal(service.group.name),
        row.get("postal_code", "").replace(" ", "").upper(),
    )
    for other in known:
        other_name = _normal(other.group.name)
        other_postcodes = (
            {sal.location.postal_code.replace(" ", "").upper() for sal in other.at_locations.all()}
            if other.pk
            else set()
        )
        other_postcodes.add(import_postcodes.get(other.pk, ""))
        if postcode and other_name == name and postcode in other_postcodes:
            return other, "same name and postcode"
        if difflib.SequenceMatcher(None, name, other_name).ratio() >= SIMILAR:
            return other, "very similar names"
    return None, ""
