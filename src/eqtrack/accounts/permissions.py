"""What each role may do: the one place such rules live, for the web, the API and the CLI."""

from __future__ import annotations

from typing import Any

from .models import Membership, Role


def membership(user: Any, organisation_id: int) -> Membership | None:
    if not user or not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user, organisation_id=organisation_id)
        .prefetch_related("teams")
        .first()
    )


def can_read_plan(user: Any, plan: Any) -> bool:
    """Published plans are for everyone; the rest for the organisation's members."""
    if plan.published or (user and user.is_authenticated and user.is_superuser):
        return True
    return membership(user, plan.organisation_id) is not None


def can_edit_action(user: Any, action: Any) -> bool:
    """Administrators edit every action; owners only those of the teams they belong to."""
    if user and user.is_authenticated and user.is_superuser:
        return True
    member = membership(user, action.organisation_id)
    if member is None:
        return False
    if member.role == Role.ADMINISTRATOR:
        return True
    if member.role == Role.OWNER and action.team_id is not None:
        return any(team.pk == action.team_id for team in member.teams.all())
    return False


def can_review(user: Any, organisation_id: int) -> bool:
    if user and user.is_authenticated and user.is_superuser:
        return True
    member = membership(user, organisation_id)
    return member is not None and member.role in (Role.ADMINISTRATOR, Role.REVIEWER)


def can_administer(user: Any, organisation_id: int) -> bool:
    if user and user.is_authenticated and user.is_superuser:
        return True
    member = membership(user, organisation_id)
    return member is not None and member.role == Role.ADMINISTRATOR
