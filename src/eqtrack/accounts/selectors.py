"""Reads about people's roles."""

from __future__ import annotations

from django.db.models import QuerySet

from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation

from .models import Role, Team


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
