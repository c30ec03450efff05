"""Reads of the policy register and assessments; each takes the organisation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from eqtrack.accounts.permissions import can_read_unpublished
from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get

from .models import Assessment, Characteristic, Impact, Policy

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _PolicyVersions(TypedDict):
        versions: list[Assessment]


def policy_register(
    *, organisation: Organisation
) -> QuerySet[WithAnnotations[Policy, _PolicyVersions]]:
    """Every policy, with its assessments newest version first (as policy.versions)."""
    return (
        Policy.objects.filter(organisation=organisation)
        .select_related("team")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.order_by("-version"),
                to_attr="versions",
            )
        )
    )


def reviews_due(
    *, organisation: Organisation, today: dt.date, within_days: int = 60
) -> list[Policy]:
    """Policies whose review date has passed or falls within `within_days`, soonest first."""
    return list(
        Policy.objects.filter(
            organisation=organisation,
            next_review_on__isnull=False,
            next_review_on__lte=today + dt.timedelta(days=within_days),
        )
        .select_related("team")
        .order_by("next_review_on")
    )


def assessment_get(*, organisation: Organisation, pk: int) -> Assessment | None:
    return (
        Assessment.objects.filter(organisation=organisation, pk=pk)
        .select_related("organisation", "policy__team", "author", "signed_off_by")
        .prefetch_related(
            Prefetch(
                "impacts",
                queryset=Impact.objects.select_related(
                    "characteristic",
                    "consultation",
                    "action__plan__organisation",
                    "action__theme",
                ),
            )
        )
        .first()
    )


def assessment_get_readable(*, user: Person | None, organisation_slug: str, pk: int) -> Assessment:
    """The assessment, for anyone once it is published, for the organisation's members before.
    Http404 otherwise."""
    organisation = organisation_get(slug=organisation_slug)
    assessment = assessment_get(organisation=organisation, pk=pk) if organisation else None
    if (
        organisation is None
        or assessment is None
        or not (assessment.published_at or can_read_unpublished(user, organisation.pk))
    ):
        raise Http404("No such assessment")
    return assessment


def assessment_get_published(*, organisation_slug: str, pk: int) -> Assessment:
    """A published assessment, for anyone. Http404 otherwise."""
    organisation = organisation_get(slug=organisation_slug)
    assessment = assessment_get(organisation=organisation, pk=pk) if organisation else None
    if assessment is None or assessment.published_at is None:
        raise Http404("No such assessment")
    return assessment


def policy_get(*, organisation: Organisation, pk: int) -> Policy:
    """A policy of the register, with its team. Http404 otherwise."""
    policy = Policy.objects.filter(organisation=organisation, pk=pk).select_related("team").first()
    if policy is None:
        raise Http404("No such policy")
    return policy


def published_assessments(*, organisation: Organisation) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(organisation=organisation, published_at__isnull=False)
        .select_related("policy")
        .order_by("-published_at")
    )


def register_rows(*, organisation: Organisation) -> list[dict[str, Any]]:
    """The register as rows, for CSV and Excel."""
    rows = []
    for policy in policy_register(organisation=organisation):
        latest = policy.versions[0] if policy.versions else None
        rows.append(
            {
                "policy": policy.title,
                "kind": policy.get_kind_display(),
                "team": policy.team.name if policy.team else "",
                "adopted": policy.adopted_on.isoformat() if policy.adopted_on else "",
                "next review": policy.next_review_on.isoformat() if policy.next_review_on else "",
                "equality relevance": {True: "Yes", False: "No", None: "Not yet decided"}[
                    policy.equality_relevant
                ],
                "why not relevant": policy.relevance_reason
                if policy.equality_relevant is False
                else "",
                "latest assessment": f"version {latest.version}: {latest.get_state_display()}"
                if latest
                else "",
                "outcome": latest.get_outcome_display() if latest and latest.outcome else "",
                "published": latest.published_at.date().isoformat()
                if latest and latest.published_at
                else "",
            }
        )
    return rows


def assessments_waiting(*, organisation: Organisation, state: str) -> QuerySet[Assessment]:
    """The organisation's assessments in this state: submitted ones wait for the policy
    team's review, reviewed ones for a manager's sign-off."""
    return (
        Assessment.objects.filter(organisation=organisation, state=state)
        .select_related("policy")
        .order_by("created_at", "pk")
    )


def characteristics_all(*, organisation: Organisation) -> QuerySet[Characteristic]:
    """All the organisation's characteristics, retired ones too, as assessments order them."""
    return Characteristic.objects.filter(organisation=organisation)


def characteristic_get(*, organisation: Organisation, pk: str | int) -> Characteristic:
    """One of the organisation's characteristics; another council's is missing (404)."""
    found = (
        Characteristic.objects.filter(organisation=organisation, pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if found is None:
        raise Http404("No such characteristic")
    return found


def characteristic_list(*, organisation: Organisation) -> QuerySet[Characteristic]:
    """The organisation's characteristics in use (not retired)."""
    return Characteristic.objects.filter(organisation=organisation, retired_at__isnull=True)
