"""Writes to organisations."""

from django.db import transaction
from django.utils.text import slugify

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
