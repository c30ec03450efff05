"""The delivery forms: sending a return link, the supplier's return, accepting or querying it,
and rating a KPI for a contract year. The services check everything again."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from eqtrack.core.forms import GovukForm

from ..models import KPI, Rating


def _period_label(period: tuple[dt.date, dt.date]) -> str:
    return f"{period[0]:%-d %B %Y} to {period[1]:%-d %B %Y}"


class ReturnLinkForm(GovukForm):
    """Which quarter the supplier is asked about."""

    period = forms.ChoiceField(
        label="Quarter the return is for",
        error_messages={"invalid_choice": "Choose one of the contract's quarters so far"},
    )

    def __init__(self, *args: Any, quarters: list[tuple[dt.date, dt.date]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quarters = {f"{s:%Y-%m-%d}_{e:%Y-%m-%d}": (s, e) for s, e in quarters}
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            (k, _period_label(q)) for k, q in self.quarters.items()
        ]

    def period_dates(self) -> tuple[dt.date, dt.date]:
        return self.quarters[self.cleaned_data["period"]]


class SupplierReturnForm(GovukForm):
    """Per KPI, what was delivered in the quarter and the evidence; and who is filing it."""

    def __init__(self, *args: Any, kpis: list[KPI], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kpis = kpis
        for kpi in kpis:
            self.fields[f"delivered_{kpi.pk}"] = forms.CharField(
                label=f"{kpi.measure.name}: delivered in the quarter ({kpi.measure.unit})",
                help_text="A number, 0 or more, like 12 or 3.5.",
                error_messages={
                    "required": f"Enter what was delivered on {kpi.measure.name}, or 0"
                },
            )
            self.fields[f"evidence_{kpi.pk}"] = forms.CharField(
                label=f"{kpi.measure.name}: evidence",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="What shows it was delivered: names of schemes, dates, numbers. "
                "Do not include anyone's personal details.",
            )
        self.fields["name"] = forms.CharField(
            label="Your name", max_length=200, error_messages={"required": "Enter your name"}
        )

    def kpi_fields(self) -> list[tuple[KPI, forms.BoundField, forms.BoundField]]:
        """Each KPI with its two fields, for the page to show them under the KPI's heading."""
        return [(kpi, self[f"delivered_{kpi.pk}"], self[f"evidence_{kpi.pk}"]) for kpi in self.kpis]

    def lines(self) -> dict[int, tuple[Any, str]]:
        data = self.cleaned_data
        return {
            kpi.pk: (data.get(f"delivered_{kpi.pk}", ""), data.get(f"evidence_{kpi.pk}", ""))
            for kpi in self.kpis
        }


class ReturnDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("accept", "Accept the return"), ("query", "Query the return")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept or query the return"},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required for a query: say what is wrong, the supplier is told. "
        "Only accepted returns count as delivered.",
    )


class KPIRatingForm(GovukForm):
    year_ending = forms.ChoiceField(
        label="Contract year",
        error_messages={"invalid_choice": "Choose one of the contract's years"},
    )
    rating = forms.ChoiceField(
        label="Rating",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating", "invalid_choice": "Choose a rating"},
    )
    note = forms.CharField(
        label="Why this rating",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required if you choose a rating other than the suggested one.",
    )

    def __init__(self, *args: Any, year_ends: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year_ending"]).choices = [
            (f"{d:%Y-%m-%d}", f"The year to {d:%-d %B %Y}") for d in year_ends
        ]

    def year(self) -> dt.date:
        return dt.date.fromisoformat(self.cleaned_data["year_ending"])
