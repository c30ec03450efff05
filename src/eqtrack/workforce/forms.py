"""The workforce pages' forms: a staff file with its snapshot date, the mapping of its
columns, the retention period. A form only collects answers; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from eqtrack.core.date_input import DateInputField
from eqtrack.core.forms import GovukForm

from .staff import (
    BROAD_GROUPS,
    ETHNIC_GROUPS,
    FIELDS,
    REQUIRED_FIELDS,
    WHITE_BRITISH,
    column_key,
)

# What each field is, in an HR officer's words, for the mapping screen.
FIELD_LABELS = {
    "employee_id": "Employee id (payroll or staff number)",
    "sex": "Sex (Female or Male)",
    "ethnic_group": "Ethnic group (Census 2021 categories)",
    "disability": "Disability (Disabled or Not disabled)",
    "date_of_birth": "Date of birth",
    "age": "Age in years (if there is no date of birth)",
    "grade": "Grade",
    "full_time": "Full-time (yes or no)",
    "hourly_pay": "Hourly pay",
    "ordinary_pay": "Ordinary pay in the pay period (if there is no hourly pay)",
    "period_bonus_pay": "Bonus pay in the pay period",
    "weekly_hours": "Working hours in a week",
    "pay_period_days": "Days in the pay period",
    "hours_in_period": "Working hours in the pay period",
    "bonus_pay": "Bonus pay in the 12 months to the snapshot date",
    "relevant_employee": "Relevant employee (yes or no)",
    "full_pay_relevant_employee": "Full-pay relevant employee (yes or no)",
    "starter": "Started in the year (yes or no)",
    "leaver": "Left in the year (yes or no)",
    "promoted": "Promoted in the year (yes or no)",
    "grievance": "Raised a grievance in the year (yes or no)",
}


class UploadForm(GovukForm):
    snapshot = DateInputField(
        label="Snapshot date",
        help_text="31 March for public authorities. For example, 31 3 2026",
    )
    upload = forms.FileField(
        allow_empty_file=True,
        label="Upload the staff file",
        help_text="A CSV or Excel (.xlsx) file from HR or payroll, one row an employee. Nothing "
        "is kept until every row has been read without a problem.",
        error_messages={"required": "Choose the staff file"},
    )
    profile = forms.TypedChoiceField(
        label="Compare the staff with which population? (optional)",
        required=False,
        coerce=int,
        empty_value=None,
    )
    replace = forms.BooleanField(
        label="Replace the figures already uploaded for this date",
        required=False,
    )

    def __init__(self, *args: Any, profiles: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [("", "None")] + profiles  # type: ignore[attr-defined]
        self.fields["snapshot"].required = True
        self.fields["snapshot"].error_messages["required"] = "Enter the snapshot date"

    def clean_snapshot(self) -> dt.date:
        day = self.cleaned_data["snapshot"]
        if day is None:
            raise forms.ValidationError("Enter the snapshot date")
        return day


class MappingForm(GovukForm):
    """For each of eqtrack's fields, the file's column that holds it."""

    def __init__(
        self, *args: Any, columns: list[str], initial_mapping: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not in this file")] + [(c, c) for c in columns]
        by_key = {column_key(c): c for c in columns}
        for name in FIELDS:
            guess = initial_mapping.get(name) or by_key.get(column_key(name), "")
            self.fields[name] = forms.ChoiceField(
                label=FIELD_LABELS[name],
                choices=choices,
                required=name in REQUIRED_FIELDS,
                initial=guess if guess in columns else "",
                error_messages={"required": f"Choose the column for {FIELD_LABELS[name]}"},
            )

    def mapping(self) -> dict[str, str]:
        return {name: column for name, column in self.cleaned_data.items() if column}


class RetentionForm(GovukForm):
    keep_personal_months = forms.IntegerField(
        label="Months to keep staff rows after the snapshot date",
        min_value=1,
        max_value=120,
        help_text="Then each employee's row is deleted; the figures worked out from them stay.",
    )
    reference_ethnic_group = forms.ChoiceField(
        label="Compare each ethnic group's pay with",
        required=False,
        choices=[("", f"{WHITE_BRITISH} (the default)")]
        + [(g, g) for g in ETHNIC_GROUPS if g != WHITE_BRITISH]
        + [(b, f"{b} (broad group)") for b in BROAD_GROUPS],
        help_text="For files uploaded from now on.",
    )
