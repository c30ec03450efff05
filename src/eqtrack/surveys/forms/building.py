"""The forms officers build a survey with: its settings, the kind of a new question, a
question's details (its answers typed one a line), its routing, the monitoring questions to
add."""

from __future__ import annotations

from typing import Any

from django import forms

from eqtrack.core.forms import GovukForm

from ..models import Question, Survey

Kind = Question.Kind

# What each kind of question looks like to the person answering, shown under its name.
KIND_HINTS = {
    Kind.ONE_CHOICE: "Radio buttons: one answer from a list, like Yes or No.",
    Kind.SEVERAL_CHOICES: "Checkboxes: any number of answers from a list.",
    Kind.FREE_TEXT: "A box to write in, in their own words.",
    Kind.SCALE: "A row of points from low to high, like “Very poor” to “Very good”.",
    Kind.NUMBER: "A whole number, like how many children live with them.",
    Kind.DATE: "Day, month and year boxes.",
    Kind.POSTCODE: "A postcode, checked for its format.",
}

YES_NO = [("yes", "Yes"), ("no", "No")]


class SurveySettingsForm(GovukForm):
    introduction = forms.CharField(
        label="Introduction (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Shown on the survey's first page: what the consultation is about, how long "
        "the survey takes and what happens to the answers.",
    )
    one_question_a_page = forms.ChoiceField(
        label="How should the questions be shown?",
        choices=[
            ("yes", "One question a page (best on phones)"),
            ("no", "Grouped: the questions with the same page number together"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the questions are shown"},
    )
    identity = forms.ChoiceField(
        label="Who can answer?",
        choices=Survey.Identity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who can answer"},
    )


class QuestionKindForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of question is it?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of question"},
    )

    def kinds(self) -> list[tuple[str, str, str]]:
        return [(value, label, KIND_HINTS[Kind(value)]) for value, label in Kind.choices]


class QuestionForm(GovukForm):
    """A question's details; the fields its kind has no use for are left out (options for a
    free-text question, say), and a monitoring question has only those it may change."""

    text = forms.CharField(
        label="Question",
        max_length=500,
        error_messages={"required": "Enter the question"},
    )
    hint = forms.CharField(
        label="Hint (optional)",
        max_length=500,
        required=False,
        help_text="Shown under the question, to help people answer it.",
    )
    options = forms.CharField(
        label="Answers to choose from",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": "Enter the answers to choose from, one a line"},
        help_text="One answer a line, in the order they should be shown.",
    )
    other_option = forms.BooleanField(
        label="Add “Other, please say”, with a box for their own answer", required=False
    )
    required = forms.ChoiceField(
        label="Must it be answered?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the question must be answered"},
    )
    page = forms.IntegerField(
        label="Page number",
        min_value=1,
        max_value=1000,
        help_text="Questions with the same page number are asked together.",
        error_messages={
            "required": "Enter the page number",
            "min_value": "Enter a page number from 1 to 1000",
            "max_value": "Enter a page number from 1 to 1000",
        },
    )

    def __init__(
        self, *args: Any, kind: str, grouped: bool, monitoring: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if monitoring:
            for name in ("text", "hint", "options", "other_option"):
                del self.fields[name]
        elif kind == Kind.SCALE:
            self.fields["options"].label = "Points of the scale"
            self.fields["options"].help_text = (
                "One a line, from lowest to highest, like “Very poor” to “Very good” "
                "(2 to 11 points)."
            )
            self.fields["options"].error_messages["required"] = (
                "Enter the points of the scale, one a line"
            )
            del self.fields["other_option"]
        elif kind not in (Kind.ONE_CHOICE, Kind.SEVERAL_CHOICES):
            del self.fields["options"]
            del self.fields["other_option"]
        if not grouped:
            del self.fields["page"]

    def option_lines(self) -> list[str] | None:
        if "options" not in self.fields:
            return None
        return self.cleaned_data["options"].splitlines()


class RoutingConditionForm(GovukForm):
    condition = forms.TypedChoiceField(
        label="When should this question be asked?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose when the question is asked"},
    )

    def __init__(self, *args: Any, conditions: list[tuple[str, Question]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = [  # type: ignore[attr-defined]
            (0, "Always"),
            *[(q.pk, f"Only for some answers to {number}: {q.text}") for number, q in conditions],
        ]


class RoutingAnswersForm(GovukForm):
    answers = forms.MultipleChoiceField(
        label="Which answers lead to this question?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one answer that leads to this question"},
    )

    def __init__(self, *args: Any, options: list[str], label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answers"].label = label
        self.fields["answers"].choices = [(o, o) for o in options]  # type: ignore[attr-defined]


class MonitoringForm(GovukForm):
    keys = forms.MultipleChoiceField(
        label="Which equality monitoring questions should the survey ask?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one monitoring question"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keys"].choices = choices  # type: ignore[attr-defined]
        if not self.is_bound:
            self.fields["keys"].initial = [key for key, _ in choices]
