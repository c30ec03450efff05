"""The web import's forms: upload files, then check what they hold before importing them."""

from __future__ import annotations

import hashlib

from django import forms

from eqtrack.core.forms import GovukForm
from eqtrack.plans.models import StatusCategory

from .models import WORDING_LENGTH
from .statuses import wording_normalise, wording_problem


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(d, initial) for d in data]
        if isinstance(data, list | tuple):
            data = None  # none chosen: the "required" message
        return [single(data, initial)]


class UploadForm(GovukForm):
    # The stubs cannot see that the form's metaclass moves declared fields into base_fields,
    # so this field does not replace BaseForm.files (the uploaded files) on the instance.
    files = MultipleFileField(  # type: ignore[assignment]
        label="Upload the plan or its progress reports",
        help_text=(
            "Word (.docx), PDF, web page, text, plan-format JSON, or the plan's CSV or Excel "
            "spreadsheet. For reports from several years, choose them all, oldest first."
        ),
        error_messages={"required": "Choose the files to import"},
    )
    periods = forms.CharField(
        label="Reporting periods (optional)",
        required=False,
        max_length=500,
        help_text="The period each report covers, oldest first, separated by commas, e.g. "
        '"2021, 2022". Leave empty to take them from the reports.',
    )
    title = forms.CharField(
        label="Plan title (optional)",
        required=False,
        max_length=300,
        help_text="Leave empty to take it from the files.",
    )
    target = forms.ChoiceField(
        label="Into which plan",
        choices=[("new", "A new plan")],
        error_messages={"required": "Choose the plan to import into, or a new plan"},
    )
    publish = forms.BooleanField(
        label="Publish it: anyone can read it without signing in", required=False
    )

    def __init__(self, *args, plans=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        choices = [("new", "A new plan")]
        for plan in plans:
            choices.append((f"edit:{plan.slug}", f"Apply a spreadsheet's edits to “{plan.title}”"))
            choices.append(
                (f"replace:{plan.slug}", f"Replace “{plan.title}” (the current one is archived)")
            )
        self.fields["target"].choices = choices

    def period_list(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data["periods"].split(",") if p.strip()]


class CheckForm(GovukForm):
    """The check page's choices: what each status wording eqtrack does not know means, change
    link decisions and check again, import, or cancel."""

    links = forms.CharField(
        label="Treat these as the same action",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text='One pair a line, earlier reference then later, e.g. "CL4=CL3".',
    )
    kept_apart = forms.CharField(
        label="Keep these earlier actions apart from any later one",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text='One reference a line, e.g. "E2".',
    )

    # Each reads what was posted and valid, also when another field was not: a wrong choice
    # for one wording does not lose the rest of what the person asked for.
    def pairs(self) -> list[str]:
        text = self.cleaned_data.get("links", "")
        return [line.strip() for line in text.splitlines() if line.strip()]

    def refs(self) -> list[str]:
        text = self.cleaned_data.get("kept_apart", "")
        return [line.strip() for line in text.splitlines() if line.strip()]

    def __init__(self, *args, unknown_statuses=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # One choice per wording, named by the wording itself (hashed) so a choice stays with
        # its wording however the list of unknown wordings changes between checks.
        self.status_wordings: dict[str, str] = {}
        for wording in unknown_statuses:
            name = "status-" + hashlib.sha256(wording_normalise(wording).encode()).hexdigest()[:12]
            if name in self.status_wordings:
                continue
            self.status_wordings[name] = wording
            self.fields[name] = forms.ChoiceField(
                label=f"“{wording}” means",
                required=False,
                choices=[("", "Leave without a category"), *StatusCategory.choices],
                error_messages={"invalid_choice": f"Choose what ‘{wording}’ means"},
            )

    def status_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.status_wordings]

    def status_choices(self) -> dict[str, str]:
        """{status wording as written: the category chosen} for the wordings given one."""
        return {
            wording: self.cleaned_data[name]
            for name, wording in self.status_wordings.items()
            if self.cleaned_data.get(name)
        }


class StatusWordingForm(GovukForm):
    """Change or forget what one remembered status wording means."""

    wording = forms.CharField(max_length=WORDING_LENGTH, widget=forms.HiddenInput)
    category = forms.ChoiceField(label="Means", required=False, choices=StatusCategory.choices)

    def clean_wording(self) -> str:
        wording: str = self.cleaned_data["wording"]
        if (problem := wording_problem(wording)) is not None:
            raise forms.ValidationError(f"The status wording {problem}")
        return wording

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if not self.data.get("forget") and not data.get("category"):
            self.add_error("category", "Choose what the wording means, or forget it")
        return data
