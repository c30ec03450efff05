"""Reads of organisations."""

from .models import Organisation


class OrganisationNotFound(LookupError):
    """No organisation fits what was asked; the message says what to do."""


def organisation_get(*, slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def organisation_list() -> list[Organisation]:
    return list(Organisation.objects.all())


def organisation_resolve(*, slug: str | None) -> Organisation:
    """The organisation a command means: the one named, or the only one there is."""
    if slug:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            known = ", ".join(o.slug for o in Organisation.objects.all()) or "none yet"
            raise OrganisationNotFound(f"no organisation '{slug}' (known: {known})")
        return organisation
    organisations = list(Organisation.objects.all()[:2])
    if not organisations:
        raise OrganisationNotFound("there are no organisations yet; import a plan first")
    if len(organisations) > 1:
        raise OrganisationNotFound(
            "there are several organisations; say which with --organisation SLUG"
        )
    return organisations[0]
