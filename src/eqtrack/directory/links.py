"""The "still correct" link a listing's contact gets with each review: signed, naming the
listing and what it is for, and expiring after 60 days. (The link to change a listing is a
one-time models.EditLink instead: see services.edit_link_issue.)"""

from __future__ import annotations

from django.core import signing

from .models import Service

MAX_AGE = {"confirm": 60 * 24 * 3600}


def listing_token(service: Service, purpose: str) -> str:
    return signing.dumps({"s": str(service.uid), "p": purpose}, salt="eqtrack.directory.listing")


def listing_from_token(token: str, purpose: str) -> Service | None:
    """The listing the token names, if it is genuine, for this purpose and not expired."""
    try:
        data = signing.loads(token, salt="eqtrack.directory.listing", max_age=MAX_AGE[purpose])
    except signing.BadSignature:
        return None
    if data.get("p") != purpose:
        return None
    return Service.objects.filter(uid=data.get("s")).select_related("group", "organisation").first()
