"""People for tests: a user with a role in an organisation (and teams, for action owners)."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from eqtrack.accounts.models import Membership, Role, Team


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    password = factory.django.Password("a long test password 1")


def member_create(organisation, role: str = Role.VIEWER, *, teams=(), username: str | None = None):
    """A user holding `role` at `organisation`, in `teams` (Team objects or names)."""
    user = UserFactory.create(**({"username": username} if username else {}))
    membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    for team in teams:
        if isinstance(team, str):
            team, _ = Team.objects.get_or_create(organisation=organisation, name=team)
        membership.teams.add(team)
    return user
