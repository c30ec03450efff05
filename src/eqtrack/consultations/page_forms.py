"""The forms of a consultation's page: its details, a document, a question and its answer, and
the results page. A form only collects answers; the page services decide what is kept."""

from __future__ import annotations

from typing import Any

from django import forms

from eqtrack.core.date_input import DateInputField
from eqtrack.core.forms import GovukForm


class PageForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={"required": "Enter the consultation's title"},
    )
    summary = forms.CharField(
        label="Summary (optional until it is shown publicly)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the council is asking about, why, and what it will do with the answers. "
        "A blank line starts a new paragraph.",
    )
    opens_on = DateInputField(
        label="Opening date", required=False, help_text="For example, 27 3 2027"
    )
    closes_on = DateInputField(
        label="Closing date",
        required=False,
        help_text="The last day people can answer. For example, 30 4 2027",
    )
    contact_name = forms.CharField(
        label="Who to contact (optional)",
        max_length=200,
        required=False,
        help_text="A team or a person, for questions about the consultation.",
    )
    contact_email = forms.EmailField(label="Contact e-mail address (optional)", required=False)
    contact_phone = forms.CharField(
        label="Contact phone number (optional)", max_length=50, required=False
    )
    is_public = forms.BooleanField(
        label="Show it on the council's public list of consultations",
        required=False,
    )


class DocumentForm(GovukForm):
    title = forms.CharField(
        label="Title of the document",
        max_length=300,
        error_messages={"required": "Enter the document's title"},
    )
    url = forms.CharField(
        label="Web address (optional if you upload the file)",
        max_length=1000,
        required=False,
        help_text="For example, https://www.example.gov.uk/parks-strategy.pdf",
    )
    upload = forms.FileField(
        label="Or upload the file (optional)",
        required=False,
        allow_empty_file=True,
        help_text="A PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG file.",
    )


class FAQForm(GovukForm):
    question = forms.CharField(
        label="Question",
        max_length=500,
        error_messages={"required": "Enter the question"},
    )
    answer = forms.CharField(
        label="Answer",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the answer"},
    )


class ResultsPageForm(GovukForm):
    we_asked = forms.CharField(
        label="We asked",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the consultation asked, and whom.",
    )
    you_said = forms.CharField(
        label="You said",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What people told the council: how many answered and the main points.",
    )
    we_did = forms.CharField(
        label="We did",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the council decided or changed because of it.",
    )
    charts = forms.MultipleChoiceField(
        label="Which charts should the page show? (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, charts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["charts"].choices = charts  # type: ignore[attr-defined]
