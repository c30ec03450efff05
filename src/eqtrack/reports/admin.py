"""Admin for the glossary, which officers edit; every change kept."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from eqtrack.accounts.admin_scoping import CouncilScopedAdmin
from eqtrack.core.types import User

from .data import ReportError
from .models import GlossaryEntry, WordTemplate
from .services import word_template_check, word_template_set


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["term", "expansion", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["term", "expansion"]


class WordTemplateForm(forms.ModelForm):
    user: User | None = (
        None  # who is uploading: WordTemplateAdmin.get_form sets it, as the service checks
    )

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
        if self.user is None:  # a form made outside WordTemplateAdmin: nobody to check
            raise PermissionDenied("Nobody is uploading this template.")
        return word_template_set(
            organisation=self.cleaned_data["organisation"],
            filename=self.cleaned_data["upload"].name,
            content=self.cleaned_data["content"],
            user=self.user,
        )

    def save_m2m(self) -> None:
        pass


@admin.register(WordTemplate)
class WordTemplateAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    form = WordTemplateForm
    list_display = ["organisation", "filename", "uploaded_at"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user  # word_template_set checks who is setting it
        return form
