"""The forms of the glossary and Word template pages, in the GOV.UK pattern."""

from __future__ import annotations

from django import forms

from eqtrack.core.files import max_bytes
from eqtrack.core.forms import GovukForm

from .services import EXPANSION_MAX, TERM_MAX


class GlossaryEntryForm(GovukForm):
    term = forms.CharField(
        label="Term",
        max_length=TERM_MAX,
        help_text="As it is written in the reports, capitals and all, like EqIA.",
        error_messages={"max_length": f"The term must be {TERM_MAX} characters or fewer"},
    )
    expansion = forms.CharField(
        label="What it stands for",
        max_length=EXPANSION_MAX,
        help_text="Written out in full, like Equality Impact Assessment.",
        error_messages={
            "required": "Enter what the term stands for",
            "max_length": f"What it stands for must be {EXPANSION_MAX} characters or fewer",
        },
    )


class WordTemplateForm(GovukForm):
    upload = forms.FileField(
        label="Word template",
        help_text="A Word document (.docx). Its styles, header and footer (with your logo, "
        "say) are used for every Word report; its own body text is left out.",
        error_messages={"required": "Choose a Word template to upload"},
    )

    def clean_upload(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["upload"]
        limit = max_bytes()
        if upload.size > limit:
            size = f"{limit // 1048576} MB" if limit >= 1048576 else f"{limit // 1024} KB"
            raise forms.ValidationError(f"The file must be smaller than {size}")
        return upload
