"""Admin for population profiles."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eqtrack.accounts.admin_scoping import CouncilScopedAdmin, CouncilScopedInline

from .models import Consultation, PopulationProfile, ProfileCount
from .services import consultation_create
from .weighting import WeightingError


class ProfileCountInline(CouncilScopedInline, admin.TabularInline):
    model = ProfileCount
    fields = ["variable", "category", "population"]
    extra = 0
    can_delete = False
    readonly_fields = ["variable", "category", "population"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # profiles are loaded from files: eqtrack consultation-profile


@admin.register(PopulationProfile)
class PopulationProfileAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "organisation", "area", "illustrative", "archived_at"]
    inlines = [ProfileCountInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ConsultationForm(forms.ModelForm):
    upload = forms.FileField(label="Responses (CSV or Excel, a row per respondent)")
    mapping_upload = forms.FileField(
        label="Mapping (optional)",
        required=False,
        help_text="variable,column,answer,category: which column holds each variable and which "
        "answers mean which category.",
    )
    question_columns = forms.CharField(
        label="Questions to report",
        required=False,
        help_text="Column names, separated by commas, whose answers are shown weighted.",
    )

    class Meta:
        model = Consultation
        fields = ["organisation", "title", "profile", "action"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.instance = consultation_create(
                organisation=data["organisation"],
                title=data["title"],
                responses_filename=data["upload"].name,
                responses=data["upload"].read(),
                profile=data["profile"],
                mapping=data["mapping_upload"].read() if data.get("mapping_upload") else b"",
                questions=[
                    q.strip() for q in (data.get("question_columns") or "").split(",") if q.strip()
                ],
                action=data.get("action"),
            )
        except WeightingError as e:
            raise forms.ValidationError(str(e)) from None
        except Exception as e:  # a file that is not what it says: say so, keep the form
            raise forms.ValidationError(f"{data['upload'].name}: cannot be read ({e})") from None
        return data

    def save(self, commit: bool = True):
        return self.instance

    def save_m2m(self) -> None:
        pass


@admin.register(Consultation)
class ConsultationAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "profile", "action", "created_at"]
    raw_id_fields = ["action"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ConsultationForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["organisation", "profile", "responses_filename", "diagnostics"] if obj else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return [
                "organisation",
                "title",
                "profile",
                "action",
                "upload",
                "mapping_upload",
                "question_columns",
            ]
        return ["title", "action", "organisation", "profile", "responses_filename", "diagnostics"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
