"""The "Your notices" form: for each kind of notice, how the person wants to hear of it."""

from __future__ import annotations

from typing import Any

from django import forms

from eqtrack.core.forms import GovukForm

from .models import KIND_DESCRIPTIONS, Choice, Kind


class NoticePreferencesForm(GovukForm):
    """One set of radios per kind of notice, named after the kind."""

    def __init__(self, *args: Any, choices: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                help_text=KIND_DESCRIPTIONS[kind],
                choices=Choice.choices,
                initial=choices[kind.value],
                widget=forms.RadioSelect,
            )
            # Says which notice, where the summary at the top of the page lists it.
            self.fields[kind.value].error_messages["required"] = (
                f"{kind.label}: choose how you want to hear of it"
            )
            self.fields[kind.value].error_messages["invalid_choice"] = (
                f"{kind.label}: choose straight away, once a day or never"
            )
