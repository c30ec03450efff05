"""Reads of organisations, and the access selectors every interface finds one through.

Access selectors (`*_get_public`, `*_get_for_member`, `*_get_readable`) raise Http404 for what
the person may not see, so that another council's records answer exactly as missing ones do;
the services keep their own checks of who may write.
"""

from django.http import Http404

from .models import Organisation


class OrganisationNotFound(LookupError):
    """No organisation fits what was asked; the message says what to do."""


def organisation_get(*, slug: str) -> Organisation | None:
    # Without its logo (up to 1 MB), which only the logo's own address reads.
    return Organisation.objects.defer("logo").filter(slug=slug).first()


def organisation_logo(*, slug: str) -> tuple[bytes, str] | None:
    """The council's logo and its content type, if it has one."""
    row = (
        Organisation.objects.filter(slug=slug)
        .exclude(logo_content_type="")
        .values_list("logo", "logo_content_type")
        .first()
    )
    return (bytes(row[0]), row[1]) if row and row[0] is not None else None


def organisation_get_public(*, slug: str) -> Organisation:
    """The organisation of a public page (its directory, calendar, published assessments)."""
    organisation = organisation_get(slug=slug)
    if organisation is None:
        raise Http404("No such organisation")
    return organisation


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
