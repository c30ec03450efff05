"""Django admin for editing plans: every record's versions can be listed and restored,
and nothing can be deleted, only archived."""

from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from eqtrack.accounts.admin_scoping import CouncilScopedAdmin

from .models import Action, Period, Plan, Theme, Update
from .search import search_refresh_for
from .services import record_archive, record_unarchive


class ArchiveOnlyAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    actions = ["archive_selected", "restore_selected"]
    list_filter = ["organisation"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        # An edit in the admin must be findable as one made through the services is.
        search_refresh_for(obj)

    @admin.action(description="Archive selected (they can be restored)")
    def archive_selected(self, request, queryset):
        # One by one, so that each archive is a version in the record's history.
        for record in queryset.filter(archived_at__isnull=True):
            record_archive(record=record, user=request.user)
        messages.success(request, "Archived. Choose “Restore selected” to bring them back.")

    @admin.action(description="Restore selected from the archive")
    def restore_selected(self, request, queryset):
        for record in queryset.filter(archived_at__isnull=False):
            record_unarchive(record=record, user=request.user)
        messages.success(request, "Restored.")


@admin.register(Plan)
class PlanAdmin(ArchiveOnlyAdmin):
    list_display = ["title", "slug", "organisation", "published", "archived_at"]
    list_filter = ["organisation", "published"]


@admin.register(Period)
class PeriodAdmin(ArchiveOnlyAdmin):
    list_display = ["label", "plan", "position", "archived_at"]


@admin.register(Theme)
class ThemeAdmin(ArchiveOnlyAdmin):
    list_display = ["title", "plan", "position", "archived_at"]


@admin.register(Action)
class ActionAdmin(ArchiveOnlyAdmin):
    list_display = ["ref", "text", "theme", "lead", "due", "archived_at"]
    list_select_related = ["theme"]
    search_fields = ["ref", "text", "lead"]
    raw_id_fields = ["continues"]


@admin.register(Update)
class UpdateAdmin(ArchiveOnlyAdmin):
    list_display = ["action", "period", "status_category", "written_at", "archived_at"]
    list_select_related = ["action", "period"]
    list_filter = ["organisation", "status_category"]
    raw_id_fields = ["action"]
