"""The directory as Open Referral UK (HSDS 3.0 UK profile) JSON: approved listings only,
optional fields left out when empty, lists in the profile's paging envelope."""

from __future__ import annotations

import math
from typing import Any

from .models import Group, Location, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

VERSION = "3.0"
PROFILE = "https://openreferral.org/hsds-uk/"
MAX_PER_PAGE = 200


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out optional fields with nothing in them, as the profile asks."""
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def group_json(group: Group) -> dict[str, Any]:
    return _clean(
        {
            "id": str(group.uid),
            "name": group.name,
            "description": group.description,
            "email": group.email,
            "website": group.website,
        }
    )


def term_json(term: TaxonomyTerm) -> dict[str, Any]:
    return _clean(
        {
            "id": str(term.uid),
            "name": term.name,
            "description": term.description,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy.uid),
            "term": term.code,
        }
    )


def taxonomy_json(taxonomy: Taxonomy, *, with_terms: bool = False) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": str(taxonomy.uid),
        "name": taxonomy.name,
        "description": taxonomy.description,
    }
    if with_terms:
        record["taxonomy_terms"] = [term_json(t) for t in taxonomy.terms.all()]
    return _clean(record)


def _service_fields(service: Service) -> dict[str, Any]:
    return {
        "id": str(service.uid),
        "organization_id": str(service.group.uid),
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "fees": service.fees,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "last_modified": service.modified_at.isoformat().replace("+00:00", "Z"),
    }


def location_json(location: Location) -> dict[str, Any]:
    return _clean(
        {
            "id": str(location.uid),
            "location_type": "physical",
            "name": location.name,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "addresses": [
                _clean(
                    {
                        "id": str(location.address_uid),
                        "location_id": str(location.uid),
                        "address_1": location.address_1,
                        "city": location.city,
                        "state_province": location.state_province or location.city,
                        "postal_code": location.postal_code,
                        "country": "GB",
                        "address_type": "physical",
                    }
                )
            ],
        }
    )


def service_list_json(service: Service) -> dict[str, Any]:
    return _clean({**_service_fields(service), "organization": group_json(service.group)})


def service_full_json(service: Service) -> dict[str, Any]:
    contacts = []
    for contact in service.contacts.all():
        if contact.erased_at:
            continue
        record: dict[str, Any] = {
            "id": str(contact.uid),
            "service_id": str(service.uid),
            "name": contact.name if contact.publish_name else "",
            "title": contact.title if contact.publish_name else "",
        }
        if contact.phone and contact.publish_phone:
            record["phones"] = [
                {
                    "id": str(contact.phone_uid),
                    "contact_id": str(contact.uid),
                    "number": contact.phone,
                }
            ]
        contacts.append(_clean(record))
    return _clean(
        {
            **_service_fields(service),
            "organization": group_json(service.group),
            "service_at_locations": [
                _clean(
                    {
                        "id": str(sal.uid),
                        "service_id": str(service.uid),
                        "location_id": str(sal.location.uid),
                        "location": location_json(sal.location),
                    }
                )
                for sal in service.at_locations.all()
            ],
            "contacts": contacts,
            "schedules": [
                _clean(
                    {
                        "id": str(s.uid),
                        "service_id": str(service.uid),
                        "freq": s.freq,
                        "byday": s.byday,
                        "opens_at": s.opens_at.strftime("%H:%M") if s.opens_at else "",
                        "closes_at": s.closes_at.strftime("%H:%M") if s.closes_at else "",
                        "description": s.description,
                    }
                )
                for s in service.schedules.all()
            ],
            "attributes": [
                {
                    "id": str(term.uid),
                    "link_id": str(service.uid),
                    "link_type": "service",
                    "taxonomy_term_id": str(term.uid),
                    "taxonomy_term": term_json(term),
                }
                for term in service.terms.all()
            ],
        }
    )


def service_at_location_list_json(sal: ServiceAtLocation) -> dict[str, Any]:
    return _clean(
        {
            "id": str(sal.uid),
            "service_id": str(sal.service.uid),
            "location_id": str(sal.location.uid),
        }
    )


def page_json(items: list[Any], *, total: int, page: int, per_page: int) -> dict[str, Any]:
    pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": items,
    }
