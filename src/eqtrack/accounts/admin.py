"""Admin for teams and memberships; changes to either are kept in their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, Team


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
    filter_horizontal = ["teams"]
