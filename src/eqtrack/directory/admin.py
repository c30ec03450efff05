"""Admin for the directory and the diversity calendar (events with their team and the plan
action they support); changes kept in their history where the model has one."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eqtrack.accounts.admin_scoping import CouncilScopedAdmin

from .models import CalendarEvent, Contact, Group, Service, Taxonomy, TaxonomyTerm


@admin.register(Group)
class GroupAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name"]


@admin.register(Service)
class ServiceAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "group", "listing", "last_confirmed_at", "stale_since"]
    list_filter = ["organisation", "listing"]
    search_fields = ["name", "group__name"]
    filter_horizontal = ["terms", "characteristics"]


@admin.register(Contact)
class ContactAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["service", "name", "erased_at"]


@admin.register(Taxonomy)
class TaxonomyAdmin(CouncilScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "organisation"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(CouncilScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "taxonomy", "code"]


@admin.register(CalendarEvent)
class CalendarEventAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "starts_on", "repeats", "team", "action", "organisation"]
    list_filter = ["organisation", "repeats"]
    raw_id_fields = ["action"]
