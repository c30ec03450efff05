"""Admin for characteristics, policies and assessments: every change kept in their history.
Adding a local characteristic here needs no code change; retiring one keeps past assessments."""

from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from eqtrack.accounts.admin_scoping import CouncilScopedAdmin

from .models import Assessment, Characteristic, Policy
from .services import AssessmentError, characteristic_retire


@admin.register(Characteristic)
class CharacteristicAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "organisation", "statutory", "position", "retired_at"]
    list_filter = ["organisation", "statutory"]
    actions = ["retire"]

    @admin.action(description="Retire: leave out of new assessments (past ones keep it)")
    def retire(self, request, queryset):
        retired = 0
        for characteristic in queryset:
            try:
                characteristic_retire(characteristic=characteristic, user=request.user)
            except AssessmentError as e:
                messages.error(request, f"{characteristic}: {e}")
            else:
                retired += 1
        messages.success(request, f"Retired {retired} characteristic(s).")


@admin.register(Policy)
class PolicyAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "kind", "team", "next_review_on", "equality_relevant"]
    list_filter = ["organisation", "kind"]


@admin.register(Assessment)
class AssessmentAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "policy", "version", "state", "published_at"]
    list_filter = ["organisation", "state"]
    readonly_fields = ["state", "signed_off_by", "signed_off_at", "published_at"]
