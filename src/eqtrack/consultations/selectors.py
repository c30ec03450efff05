"""Reads for consultations: an organisation's consultations, population profiles (as margins
too) and the drafts of the web journey."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from eqtrack.accounts.selectors import organisation_get_for_member
from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action

from .mapping import profile_characteristics
from .models import Consultation, ConsultationDraft, PopulationProfile
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
    return profile, population_margins(profile=profile)


def population_margins(*, profile: PopulationProfile) -> list[Margin]:
    """A population profile's counts as margins, one a variable, in the profile's order (its
    counts prefetched or not)."""
    margins: dict[str, Margin] = {}
    for count in profile.counts.all():
        margins.setdefault(count.variable, Margin(count.variable, {})).population[
            count.category
        ] = count.population
    return list(margins.values())


def draft_characteristics(*, draft: ConsultationDraft) -> dict[str, list[str]]:
    """The characteristics of the draft's chosen profile, each with its categories ({} before
    a profile is chosen)."""
    if draft.profile is None:
        return {}
    _, margins = profile_margins(organisation=draft.organisation, name=draft.profile.name)
    return profile_characteristics(margins)


def consultation_list(*, organisation: Organisation):
    return Consultation.objects.filter(
        organisation=organisation, archived_at__isnull=True
    ).select_related("organisation", "profile", "action", "action__plan", "survey")


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


def organisation_for_member(*, user: Person | None, organisation_slug: str) -> Organisation:
    """The council, for its members; to anyone else its consultations do not exist."""
    return organisation_get_for_member(slug=organisation_slug, user=user)


def profile_list(*, organisation: Organisation) -> QuerySet[PopulationProfile]:
    """The council's live profiles, each with how many live consultations use it."""
    return (
        PopulationProfile.objects.filter(organisation=organisation, archived_at__isnull=True)
        .annotate(
            uses=Count("consultations", filter=Q(consultations__archived_at__isnull=True)),
            characteristics=Count("counts__variable", distinct=True),
        )
        .order_by("name")
    )


def profile_get(*, organisation: Organisation, pk: int) -> PopulationProfile:
    profile = profile_list(organisation=organisation).filter(pk=pk).first()
    if profile is None:
        raise Http404("No such population profile")
    return profile


def profile_table(*, profile: PopulationProfile) -> list[dict]:
    """Each characteristic with its categories, their population and share (in per cent)."""
    table: dict[str, dict] = {}
    for count in profile.counts.all():
        entry = table.setdefault(count.variable, {"characteristic": count.variable, "rows": []})
        entry["rows"].append({"category": count.category, "population": count.population})
    for entry in table.values():
        total = sum(r["population"] for r in entry["rows"]) or 1
        for row in entry["rows"]:
            row["share"] = 100 * row["population"] / total
        entry["total"] = total
    return list(table.values())


def draft_get(*, organisation: Organisation, pk: int) -> ConsultationDraft:
    """A consultation on its way through the journey; once saved or cancelled it is gone."""
    draft = (
        ConsultationDraft.objects.live()
        .filter(organisation=organisation, pk=pk)
        .select_related("organisation", "profile", "action", "consultation")
        .first()
    )
    if draft is None:
        raise Http404("No such consultation in the making")
    return draft


def action_choices(*, organisation: Organisation) -> list[tuple[int, str]]:
    """The actions of the council's live plans, for linking a consultation to one."""
    actions = (
        Action.objects.live()
        .filter(organisation=organisation, plan__archived_at__isnull=True)
        .select_related("plan")
        .order_by("plan__title", "theme__position", "position", "pk")
    )
    return [
        (a.pk, f"{a.plan.title}: {a.ref + ' ' if a.ref else ''}{_short(a.text)}") for a in actions
    ]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
