"""Reads about people's roles."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get

from .models import Role, Team
from .permissions import can_read_unpublished


def organisations_administered(*, user: Person | None) -> QuerySet[Organisation]:
    """The organisations this person administers (every one, for a superuser)."""
    if not user or not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.ADMINISTRATOR
    ).order_by("name")


def organisations_member_of(*, user: Person | None) -> QuerySet[Organisation]:
    """The organisations this person belongs to (every one, for a superuser)."""
    if not user or not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def team_list(*, organisation: Organisation) -> QuerySet[Team]:
    """The organisation's teams."""
    return Team.objects.filter(organisation=organisation)


def organisation_get_for_member(*, slug: str, user: Person | None) -> Organisation:
    """The organisation, for its members only: to anyone else its inside pages do not exist."""
    organisation = organisation_get(slug=slug)
    if organisation is None or not can_read_unpublished(user, organisation.pk):
        raise Http404("No such organisation")
    return organisation
