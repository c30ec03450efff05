"""Reads for consultations: an organisation's population profiles as margins."""

from __future__ import annotations

from django.http import Http404

from eqtrack.accounts.selectors import organisation_get_for_member
from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation

from .models import Consultation, PopulationProfile
from .weighting import Margin, WeightingError


def profile_margins(
    *, organisation: Organisation, name: str
) -> tuple[PopulationProfile, list[Margin]]:
    profile = (
        PopulationProfile.objects.filter(
            organisation=organisation, name=name, archived_at__isnull=True
        )
        .prefetch_related("counts")
        .first()
    )
    if profile is None:
        known = ", ".join(
            PopulationProfile.objects.live()
            .filter(organisation=organisation)
            .values_list("name", flat=True)
        )
        raise WeightingError(
            f"{organisation.name} has no profile {name!r} (it has: {known or 'none'})"
        )
    margins: dict[str, Margin] = {}
    for count in profile.counts.all():
        margins.setdefault(count.variable, Margin(count.variable, {})).population[
            count.category
        ] = count.population
    return profile, list(margins.values())


def consultation_list(*, organisation: Organisation):
    return Consultation.objects.filter(
        organisation=organisation, archived_at__isnull=True
    ).select_related("organisation", "profile", "action")


def consultation_get(*, organisation: Organisation, pk: int):
    return consultation_list(organisation=organisation).filter(pk=pk).first()


def consultation_get_for_member(*, user: Person | None, organisation_slug: str, pk: int):
    """Consultation evidence is for the organisation's members; others get a 404."""
    try:
        organisation = organisation_get_for_member(slug=organisation_slug, user=user)
    except Http404:
        raise Http404("No such consultation") from None
    consultation = consultation_get(organisation=organisation, pk=pk)
    if consultation is None:
        raise Http404("No such consultation")
    return consultation
