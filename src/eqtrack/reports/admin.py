"""Admin for the glossary, which officers edit; every change kept."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from eqtrack.accounts.admin_scoping import CouncilScopedAdmin

from .data import ReportError
from .models import GlossaryEntry, WordTemplate
from .services import word_template_check, word_template_set


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["term", "expansion", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["term", "expansion"]


class WordTemplateForm(forms.ModelForm):
    upload = forms.FileField(
        label="Word template (.docx or .dotx)",
        help_text="Its styles, header and footer (with a logo, say) are used for every Word "
        "report; its body text is replaced by the report.",
    )

    class Meta:
        model = WordTemplate
        fields = ["organisation"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        content = upload.read()
        try:
            word_template_check(content, source=upload.name)
        except ReportError as e:
            raise forms.ValidationError(str(e)) from None
        self.cleaned_data["content"] = content
        return upload

    def save(self, commit: bool = True):
        return word_template_set(
            organisation=self.cleaned_data["organisation"],
            filename=self.cleaned_data["upload"].name,
            content=self.cleaned_data["content"],
        )

    def save_m2m(self) -> None:
        pass


@admin.register(WordTemplate)
class WordTemplateAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    form = WordTemplateForm
    list_display = ["organisation", "filename", "uploaded_at"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
