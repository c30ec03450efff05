"""The form that sets a tender up: details, lots, evaluation model, scoring scheme and the
chosen outcomes and measures. It only collects answers (numbers as typed); the services
(procurement.services.tenders) check them, tender_model_check above all."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from eqtrack.core.forms import GovukForm

from ..models import QuantitativeMethod, Scale
from ..services.tenders import Descriptor, descriptors_from_text

_WEIGHT_HELP = "In percent, e.g. 40. The three weights must add up to 100."


class TenderForm(GovukForm):
    title = forms.CharField(label="Title", max_length=300)
    reference = forms.CharField(
        label="Reference", max_length=100, help_text="The council's reference, e.g. T-2027-004."
    )
    value = forms.CharField(label="Estimated value in pounds", help_text="For example, 250000.")
    lots = forms.CharField(
        label="Lots",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One lot a line. A tender that is not split into lots has one: “Lot 1”.",
    )
    price_weight = forms.CharField(label="Price weight (%)", help_text=_WEIGHT_HELP)
    quality_weight = forms.CharField(label="Quality weight (%)", help_text=_WEIGHT_HELP)
    social_value_weight = forms.CharField(
        label="Social value weight (%)",
        help_text="PPN 002 sets a minimum of 10%. Less is only accepted with a reason, which is "
        "shown wherever the tender's scores are.",
    )
    low_weighting_reason = forms.CharField(
        label="Reason for a social value weight under 10% (only if it is under 10%)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    quantitative_share = forms.CharField(
        label="Share of the social value score from commitments (%)",
        help_text="0 to 100. The rest is scored from the bidder's written answer; 0 scores the "
        "written answer alone.",
    )
    quantitative_method = forms.ChoiceField(
        label="How are commitments scored?",
        choices=QuantitativeMethod.choices,
        widget=forms.RadioSelect,
        help_text="The proxy-value method needs every chosen measure to have a proxy value.",
    )
    scale = forms.ChoiceField(
        label="Scale for the written answers", choices=Scale.choices, widget=forms.RadioSelect
    )
    descriptors = forms.CharField(
        label="What each score means",
        required=False,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="One score a line, like “3: Satisfactory: meets the requirement”. The words "
        "offered are a starting point and the council's to change. Leave it empty for the "
        "starting words of the scale chosen.",
    )
    outcomes = forms.TypedMultipleChoiceField(
        label="Outcomes the tender asks for", coerce=int, required=False
    )
    measures = forms.TypedMultipleChoiceField(
        label="Measures bidders may commit to", coerce=int, required=False
    )

    def __init__(
        self,
        *args: Any,
        outcomes: list[tuple[int, str]],
        measures: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].choices = outcomes  # type: ignore[attr-defined]
        self.fields["measures"].choices = measures  # type: ignore[attr-defined]

    def clean_descriptors(self) -> list[Descriptor]:
        try:
            return descriptors_from_text(self.cleaned_data["descriptors"])
        except ValidationError as e:
            raise forms.ValidationError(e.message_dict["descriptors"]) from None

    def clean_lots(self) -> list[str]:
        return self.cleaned_data["lots"].splitlines()
