"""Admin for organisations, with their version history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eqtrack.accounts.admin_scoping import CouncilScopedAdmin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
