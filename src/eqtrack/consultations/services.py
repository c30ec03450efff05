"""Writes for consultations: storing population profiles."""

from __future__ import annotations

from django.db import transaction

from eqtrack.organisations.models import Organisation

from .models import PopulationProfile, ProfileCount
from .weighting import Margin, WeightingError


@transaction.atomic
def profile_create(
    *,
    organisation: Organisation,
    name: str,
    margins: list[Margin],
    area: str = "",
    source: str = "",
    illustrative: bool = False,
    replace: bool = False,
) -> PopulationProfile:
    """A profile from margins; with `replace`, an existing one of that name is archived first."""
    from django.utils import timezone

    existing = PopulationProfile.objects.filter(
        organisation=organisation, name=name, archived_at__isnull=True
    ).first()
    if existing and not replace:
        raise WeightingError(f"{organisation.name} already has a profile {name!r}; use --replace")
    if existing:
        existing.archived_at = timezone.now()
        existing.save()
    profile = PopulationProfile.objects.create(
        organisation=organisation, name=name, area=area, source=source, illustrative=illustrative
    )
    ProfileCount.objects.bulk_create(
        ProfileCount(
            organisation=organisation,
            profile=profile,
            variable=margin.variable,
            category=category,
            population=population,
        )
        for margin in margins
        for category, population in margin.population.items()
    )
    return profile
