"""Forms of the plan pages: the decision on a restored text waiting for review, and editing
the plan (its introduction, themes and actions), each change with its reason."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from eqtrack.core.forms import GovukForm


class ProposalReviewForm(GovukForm):
    """A decision on a restored text waiting for review (plans.services.update_proposal_review)."""

    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[
            ("approve", "Approve it: it becomes the published text"),
            ("reject", "Reject it: the published text stays as it is"),
        ],
        error_messages={"required": "Choose whether to approve or reject the restored text"},
    )
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        # The history keeps it with the decision, in its 100-character reason.
        max_length=60,
        help_text="Kept in the history with your decision; up to 60 characters.",
        error_messages={"max_length": "Keep the comment to 60 characters or fewer"},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


REASON_HELP = "Kept in the action's history with your name, for example “Agreed at the June board”."


def reason_field() -> forms.CharField:
    return forms.CharField(
        label="Reason for the change",
        help_text=REASON_HELP,
        max_length=100,
        error_messages={
            "required": "Enter the reason for the change",
            "max_length": "Keep the reason to 100 characters or fewer",
        },
    )


def tags_split(value: str) -> list[str]:
    """Comma-separated tags as a list, blanks dropped."""
    return [t.strip() for t in value.split(",") if t.strip()]


class ReasonForm(GovukForm):
    """Archiving or restoring: only the reason is asked."""

    reason = reason_field()


def paragraphs_split(value: str) -> list[str]:
    """Text typed in a box as its paragraphs: separated by blank lines, blanks dropped."""
    return [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]


class IntroductionForm(GovukForm):
    """The plan's introduction, shown on its page above the themes."""

    introduction = forms.CharField(
        label="Introduction (optional)",
        help_text="Shown on the plan's page above its themes. Leave a blank line between "
        "paragraphs. Leave the box empty for no introduction.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        error_messages={"max_length": "Keep the introduction to 20,000 characters or fewer"},
    )
    reason = reason_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "reason"
        ].help_text = (
            "Kept in the plan's history with your name, for example “Agreed at the June board”."
        )


class ThemeForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={"required": "Enter the theme's title"},
    )
    objective = forms.CharField(
        label="Objective (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    position = forms.TypedChoiceField(
        label="Place in the plan",
        coerce=int,
        choices=[],
        required=False,
        help_text="Where the theme comes in the plan's list of themes.",
        error_messages={"invalid_choice": "Choose a place in the plan's list of themes"},
    )
    reason = reason_field()

    def __init__(self, *args: Any, places: list[tuple[int, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if places:
            self.fields["position"].choices = places  # type: ignore[attr-defined]
        else:
            del self.fields["position"]


class ActionForm(GovukForm):
    text = forms.CharField(
        label="The action",
        help_text="As the plan words it.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        error_messages={"required": "Enter the action's wording"},
    )
    ref = forms.CharField(
        label="Reference (optional)",
        help_text="Its number in the plan, like SP8 or 3.4. Each action's must be different.",
        required=False,
        max_length=50,
    )
    theme = forms.TypedChoiceField(
        label="Theme",
        coerce=int,
        choices=[],
        error_messages={"invalid_choice": "Choose one of the plan's themes"},
    )
    team = forms.TypedChoiceField(
        label="Team",
        help_text="The team that owns the action and writes its updates.",
        coerce=int,
        empty_value=None,
        choices=[],
        required=False,
        error_messages={"invalid_choice": "Choose one of the council's teams"},
    )
    lead = forms.CharField(
        label="Lead (optional)",
        help_text="As the report's Lead column names it.",
        required=False,
        max_length=300,
    )
    due = forms.CharField(
        label="Due (optional)",
        help_text="A date or timescale, as written, like “March 2027” or “Ongoing”.",
        required=False,
        max_length=200,
    )
    tags = forms.CharField(
        label="Tags (optional)",
        help_text="Separate tags with commas, like “poverty, digital”.",
        required=False,
        max_length=1000,
    )
    reason = reason_field()

    def __init__(
        self,
        *args: Any,
        themes: list[tuple[int, str]],
        teams: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = themes  # type: ignore[attr-defined]
        self.fields["team"].choices = [("", "No team yet"), *teams]  # type: ignore[attr-defined]


MEASURE_DECISIONS = [
    ("confirm", "Confirm"),
    ("rename", "Save the name"),
    ("reject", "Reject"),
]


class MeasureForm(GovukForm):
    """A decision on one indicator read from an action's progress: its name, and which button
    was pressed (plans.services.measure_confirm, measure_rename, measure_reject). The page
    shows one per indicator, each with its own prefix."""

    label = forms.CharField(
        label="Name of the indicator",
        required=False,  # a rejection needs none; the services ask for it where it is needed
        max_length=200,
        error_messages={"max_length": "Keep the indicator's name to 200 characters or fewer"},
    )
    decision = forms.ChoiceField(
        choices=MEASURE_DECISIONS,
        error_messages={
            "required": "Choose whether to confirm, rename or reject the indicator",
            "invalid_choice": "Choose whether to confirm, rename or reject the indicator",
        },
    )

    def __init__(self, *args: Any, about: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Said after the label, visually hidden: a page of indicators has one name field each,
        # and each label must say whose it is.
        self.label_hidden = about

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        # The decision is the button pressed, not a field on the page: its error goes above.
        for message in self.errors.pop("decision", []):
            self.add_error(None, message)
        return cleaned
