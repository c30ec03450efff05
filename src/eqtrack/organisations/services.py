"""Writes to organisations: finding or creating one, and its details and logo."""

from __future__ import annotations

import io

from django.db import transaction
from django.utils.text import slugify
from PIL import Image

from eqtrack.core.history import change_record
from eqtrack.core.types import User

from .models import Organisation


@transaction.atomic
def organisation_get_or_create(*, name: str) -> Organisation:
    """The organisation of that name, created on first use (imports name their council)."""
    name = name.strip() or "My organisation"
    organisation = Organisation.objects.filter(name=name).first()
    if organisation:
        return organisation
    base = slugify(name)[:90] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Organisation.objects.create(name=name, slug=slug)


class OrganisationError(ValueError):
    """A change to a council's details that cannot be made; `field` names the form field the
    message is about."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# A logo is shown small on the council's page; anything bigger is a mistake.
LOGO_MAX_BYTES = 1024 * 1024
_LOGO_KINDS = {"PNG": "image/png", "JPEG": "image/jpeg"}
_LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def logo_check(*, data: bytes) -> str:
    """The content type of a logo: a PNG or JPEG image of at most 1 MB, known by what is in the
    file (its signature, then Pillow reading it), never by its name. OrganisationError
    otherwise. Other kinds (SVG above all, which can carry scripts) are refused."""
    if len(data) > LOGO_MAX_BYTES:
        raise OrganisationError(
            "logo", f"The logo must be 1 MB or smaller (this one is {len(data) / 1048576:.1f} MB)"
        )
    kind = next((k for sig, k in _LOGO_SIGNATURES.items() if data.startswith(sig)), None)
    if kind is None:
        raise OrganisationError("logo", "The logo must be a PNG or JPEG image")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # reads the structure (and a PNG's checksums), decodes no pixels
            found = image.format
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise OrganisationError(
            "logo", "The logo is damaged or not a real PNG or JPEG image"
        ) from None
    if found != kind:
        raise OrganisationError("logo", "The logo must be a PNG or JPEG image")
    return _LOGO_KINDS[kind]


_DETAIL_LABELS = {
    "name": "name",
    "contact_email": "contact e-mail",
    "website": "website",
    "separate_reviewer_and_signer": "separate reviewer and signer",
}


@transaction.atomic
def organisation_details_update(
    *,
    organisation: Organisation,
    name: str,
    contact_email: str,
    website: str,
    separate_reviewer_and_signer: bool,
    user: User,
) -> list[str]:
    """Change the council's details (its address, which is also its pages' address, stays);
    the new version records who made it and what changed. Returns the changed fields' labels
    (nothing saved when nothing changed). Whether `user` may do this is the caller's to
    check (accounts.services, above this app, knows who administers what)."""
    name = " ".join(name.split())
    if not name:
        raise OrganisationError("name", "Enter the council's name")
    if Organisation.objects.filter(name__iexact=name).exclude(pk=organisation.pk).exists():
        raise OrganisationError("name", f"Another council on this site is called “{name}”")
    new = {
        "name": name,
        "contact_email": contact_email.strip(),
        "website": website.strip(),
        "separate_reviewer_and_signer": separate_reviewer_and_signer,
    }
    changed = [field for field, value in new.items() if getattr(organisation, field) != value]
    if not changed:
        return []
    for field in changed:
        setattr(organisation, field, new[field])
    labels = [_DETAIL_LABELS[f] for f in changed]
    change_record(organisation, user=user, reason=f"Council details changed: {', '.join(labels)}")
    organisation.save(update_fields=changed)
    return labels


@transaction.atomic
def organisation_logo_set(*, organisation: Organisation, data: bytes | None, user: User) -> None:
    """Put up the council's logo (checked by logo_check), or take it down (`data` None)."""
    content_type = logo_check(data=data) if data is not None else ""
    organisation.logo = data
    organisation.logo_content_type = content_type
    change_record(
        organisation, user=user, reason="Logo changed" if data is not None else "Logo removed"
    )
    organisation.save(update_fields=["logo", "logo_content_type"])
