"""Admin for population profiles."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PopulationProfile, ProfileCount


class ProfileCountInline(admin.TabularInline):
    model = ProfileCount
    fields = ["variable", "category", "population"]
    extra = 0
    can_delete = False
    readonly_fields = ["variable", "category", "population"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # profiles are loaded from files: eqtrack profile


@admin.register(PopulationProfile)
class PopulationProfileAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "area", "illustrative", "archived_at"]
    inlines = [ProfileCountInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
