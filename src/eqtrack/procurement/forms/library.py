"""The measures library's forms: a theme, an outcome, a measure, and a CSV file to import. A
form only collects answers; the services (procurement.services.library) decide."""

from __future__ import annotations

from typing import Any

from django import forms

from eqtrack.core.forms import GovukForm

from ..services.library import CHARACTERISTICS


class ThemeForm(GovukForm):
    name = forms.CharField(label="Theme's name", max_length=300)


class OutcomeForm(GovukForm):
    theme = forms.TypedChoiceField(label="Theme", coerce=int)
    name = forms.CharField(label="Outcome's name", max_length=300)
    award_criteria = forms.CharField(
        label="Award criteria (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What a tender asking for this outcome may ask bidders to show, in the "
        "council's words.",
    )

    def __init__(self, *args: Any, themes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = themes  # type: ignore[attr-defined]


class MeasureForm(GovukForm):
    outcome = forms.TypedChoiceField(label="Outcome", coerce=int)
    code = forms.CharField(
        label="Code", max_length=30, help_text="The council's short reference, e.g. SV1."
    )
    name = forms.CharField(
        label="Measure's name",
        max_length=500,
        help_text="What a supplier commits to, e.g. “Weeks of apprenticeship for local people”.",
    )
    unit = forms.CharField(
        label="Unit", max_length=100, help_text="What is counted, e.g. “weeks”, “people”."
    )
    proxy_value = forms.CharField(
        label="Proxy value in pounds a unit (optional)",
        required=False,
        help_text="The council's estimate of the social value of one unit, e.g. 250.50. Leave it "
        "blank if the council does not use proxy values for this measure.",
    )
    characteristic = forms.CharField(
        label="Equality characteristic it serves (optional)",
        required=False,
        max_length=100,
        help_text="For example: " + ", ".join(CHARACTERISTICS) + ".",
    )
    action = forms.TypedChoiceField(
        label="Plan action it serves (optional)", coerce=int, required=False, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        outcomes: list[tuple[int, str]],
        actions: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcomes  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", "None")] + actions  # type: ignore[attr-defined]


class ImportForm(GovukForm):
    upload = forms.FileField(
        allow_empty_file=True,
        label="Upload a CSV file of measures",
        help_text="One row a measure, with the columns theme, outcome, code, name, unit and, if "
        "you like, proxy_value, characteristic, action and source. Nothing is saved unless every "
        "row can be used.",
        error_messages={"required": "Choose a CSV file of measures"},
    )
