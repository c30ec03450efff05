"""Reads about people's roles."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from eqtrack.core.types import Person, User
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get

from .models import Membership, Role, Team
from .permissions import can_administer, can_read_unpublished
from .tokens import invitation_tokens, invitation_user_pk


def organisations_administered(*, user: Person | None) -> QuerySet[Organisation]:
    """The organisations this person administers (every one, for a superuser)."""
    if not user or not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__role=Role.ADMINISTRATOR,
        memberships__archived_at__isnull=True,
    ).order_by("name")


def organisations_member_of(*, user: Person | None) -> QuerySet[Organisation]:
    """The organisations this person belongs to (every one, for a superuser)."""
    if not user or not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(
        memberships__user=user, memberships__archived_at__isnull=True
    ).order_by("name")


def team_list(*, organisation: Organisation) -> QuerySet[Team]:
    """The organisation's teams in use (not archived): the ones offered as choices."""
    return Team.objects.live().filter(organisation=organisation)


def organisation_get_for_member(*, slug: str, user: Person | None) -> Organisation:
    """The organisation, for its members only: to anyone else its inside pages do not exist."""
    organisation = organisation_get(slug=slug)
    if organisation is None or not can_read_unpublished(user, organisation.pk):
        raise Http404("No such organisation")
    return organisation


def organisation_get_for_administrator(
    *, slug: str, user: Person | None, refusal: str = "Only the council's administrators do this."
) -> Organisation:
    """The organisation, for its administrators: to outsiders it does not exist (Http404); its
    other members are refused (PermissionDenied, with `refusal` saying what only
    administrators do)."""
    organisation = organisation_get_for_member(slug=slug, user=user)
    if not can_administer(user, organisation.pk):
        raise PermissionDenied(refusal)
    return organisation


def membership_list(*, organisation: Organisation) -> QuerySet[Membership]:
    """Everyone who belongs or belonged to the organisation, with their teams: active and
    invited people first, then the deactivated, each by name."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .prefetch_related("teams")
        .order_by(
            F("archived_at").asc(nulls_first=True),
            "user__first_name",
            "user__last_name",
            "user__username",
        )
    )


def membership_get(*, organisation: Organisation, pk: int) -> Membership:
    """One of the organisation's memberships (deactivated ones too). Http404 otherwise."""
    found = (
        Membership.objects.filter(organisation=organisation, pk=pk)
        .select_related("user", "organisation")
        .prefetch_related("teams")
        .first()
    )
    if found is None:
        raise Http404("No such person here")
    return found


def membership_history(*, membership: Membership) -> list:
    """The membership's versions, newest first, with who made each and why."""
    return list(
        membership.history.select_related("history_user").order_by("-history_date", "-history_id")
    )


def team_history(*, team: Team) -> list:
    """The team's versions, newest first, with who made each and why."""
    return list(team.history.select_related("history_user").order_by("-history_id"))


def organisation_history(*, organisation: Organisation, limit: int = 20) -> list:
    """The organisation's latest versions, newest first, with who made each."""
    return list(organisation.history.select_related("history_user").order_by("-history_id")[:limit])


def team_members(*, organisation: Organisation, team: Team) -> QuerySet[Membership]:
    """Everyone (deactivated people too) in the council's team, as the people list shows them."""
    return membership_list(organisation=organisation).filter(teams=team)


def team_list_all(*, organisation: Organisation) -> QuerySet[Team]:
    """All the organisation's teams, archived ones last, each with how many active people
    and live actions it has (as `people` and `action_count`)."""
    return (
        Team.objects.filter(organisation=organisation)
        .annotate(
            people=Count("members", filter=Q(members__archived_at__isnull=True), distinct=True),
            action_count=Count(
                "actions", filter=Q(actions__archived_at__isnull=True), distinct=True
            ),
        )
        .order_by(F("archived_at").asc(nulls_first=True), "name")
    )


def team_get(*, organisation: Organisation, pk: int) -> Team:
    """One of the organisation's teams (archived ones too). Http404 otherwise."""
    found = Team.objects.filter(organisation=organisation, pk=pk).first()
    if found is None:
        raise Http404("No such team")
    return found


def invitation_person(*, uidb64: str, token: str) -> User | None:
    """The person an invitation link is for, if it is still good: signed by this site, not
    expired, their password not set since. None otherwise."""
    pk = invitation_user_pk(uidb64)
    person = get_user_model().objects.filter(pk=pk).first() if pk is not None else None
    if person is None or not person.is_active or not invitation_tokens.check_token(person, token):
        return None
    return person


def landing_organisation(*, user: Person | None) -> Organisation | None:
    """Where a person lands after signing in: their council, if they belong to exactly one."""
    councils = list(organisations_member_of(user=user)[:2]) if user else []
    return councils[0] if len(councils) == 1 else None
