"""Who is acting: `User` for a signed-in person, `Person` for whoever sent a request."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

# AUTH_USER_MODEL is Django's own User, so the model is the type: services that write take a
# signed-in `User`; rules and reads that a visitor may reach take a `Person`.
Person: TypeAlias = User | AnonymousUser

__all__ = ["Person", "User"]
