"""The links a listing's contact gets instead of a password: signed, naming the listing and
what they are for, and expiring (an edit link after 30 days, a "still correct" one after 60)."""

from __future__ import annotations

from django.core import signing

from .models import Service

MAX_AGE = {"edit": 30 * 24 * 3600, "confirm": 60 * 24 * 3600}


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
