"""Writes about people's access: the group that lets a council's administrators into the admin."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from .admin_scoping import council_administrator_permissions

COUNCIL_ADMINISTRATORS = "Council administrators"


@transaction.atomic
def council_administrators_group_ensure() -> Group:
    """The group (made or brought up to date) holding the Django permissions a council's
    administrator uses in the admin. Being in it shows a staff user only the councils they
    hold the administrator role in; only the operator (a superuser) puts people in it."""
    group, _ = Group.objects.get_or_create(name=COUNCIL_ADMINISTRATORS)
    group.permissions.set(council_administrator_permissions())
    return group
