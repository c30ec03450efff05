"""The assessment forms, each question with plain-English hint text in the GOV.UK pattern."""

from __future__ import annotations

from django import forms

from eqtrack.core.forms import GovukForm

from .models import Impact, Outcome, Policy


class PolicyForm(GovukForm):
    title = forms.CharField(label="Name of the strategy, policy or service change", max_length=300)
    kind = forms.ChoiceField(
        label="What is it?",
        choices=Policy.Kind.choices,
        error_messages={
            "required": "Choose whether it is a strategy, a policy or a service change"
        },
    )
    team = forms.ChoiceField(label="Team that owns it", required=False)
    adopted_on = forms.DateField(
        label="Date adopted (optional)",
        required=False,
        help_text="For example, 27/03/2023.",
    )
    next_review_on = forms.DateField(
        label="Next review (optional)",
        required=False,
        help_text="Owners are reminded as it falls due. For example, 01/04/2026.",
    )
    equality_relevant = forms.ChoiceField(
        label="Is it relevant to equality?",
        widget=forms.RadioSelect,
        required=False,
        choices=[
            ("", "Not decided yet: an assessment's screening will decide"),
            ("yes", "Yes"),
            ("no", "No"),
        ],
        help_text="Relevant if it could affect people differently because of who they are.",
    )
    relevance_reason = forms.CharField(
        label="If not, why not?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A decision that a policy has no equality relevance must be explained.",
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if (
            data.get("equality_relevant") == "no"
            and not (data.get("relevance_reason") or "").strip()
        ):
            self.add_error("relevance_reason", "Say why it has no equality relevance")
        return data

    def __init__(self, *args, teams=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "No team yet")] + [(str(t.pk), t.name) for t in teams]


class ScreeningForm(GovukForm):
    relevant = forms.ChoiceField(
        label="Is the proposal relevant to equality?",
        widget=forms.RadioSelect,
        choices=[
            ("yes", "Yes: it could affect people differently because of who they are"),
            ("no", "No: it affects no one differently"),
        ],
        help_text="Think about who uses the service, who works on it and who it leaves out.",
        error_messages={"required": "Say whether the proposal is relevant to equality"},
    )
    reason = forms.CharField(
        label="Why?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Record the reason either way: a decision that it is not relevant must be "
        "explained too.",
        error_messages={"required": "Say why"},
    )


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label="What is the outcome of the assessment?",
        widget=forms.RadioSelect,
        choices=Outcome.choices,
        help_text="The four outcomes of the Equality and Human Rights Commission's guidance.",
        error_messages={"required": "Choose one of the four outcomes"},
    )
    justification = forms.CharField(
        label="Justification (needed to continue despite adverse impact)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Why the proposal should go ahead even though some people will be worse off, "
        "and why no other way would work.",
    )
    review_on = forms.DateField(
        label="When should this assessment be reviewed?",
        required=False,
        help_text="For example, 01/04/2026.",
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if (
            data.get("outcome") == Outcome.CONTINUE
            and not (data.get("justification") or "").strip()
        ):
            self.add_error("justification", "Give the justification for continuing")
        return data


class DecisionForm(GovukForm):
    comment = forms.CharField(
        label="Comment for the author",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you return the assessment: say what should change.",
    )


class ActionForm(GovukForm):
    """A mitigation that needs work, as an action of the equality action plan."""

    theme = forms.ChoiceField(label="Which plan and theme?")
    text = forms.CharField(
        label="The action",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Worded as the plan words its actions: “We will …”.",
    )
    team = forms.ChoiceField(label="Team that owns it", required=False)
    due = forms.CharField(
        label="Due",
        max_length=100,
        help_text='As the plan says it, e.g. "March 2027".',
        error_messages={"required": "Say when it is due"},
    )

    def __init__(self, *args, themes=(), teams=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(str(t.pk), f"{t.plan.title}: {t.title}") for t in themes]
        self.fields["team"].choices = [("", "No team yet")] + [(str(t.pk), t.name) for t in teams]


LIKELY_CHOICES = [("", "Not assessed yet"), *Impact.Likely.choices]


class CharacteristicForm(GovukForm):
    name = forms.CharField(
        label="Name of the characteristic",
        max_length=100,
        help_text="Who it is about, like Rural isolation or Care leavers.",
        error_messages={"max_length": "The name must be 100 characters or fewer"},
    )
    hint = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=300,
        help_text="A line that tells authors who it covers. Assessments show it beside the name.",
        error_messages={"max_length": "The description must be 300 characters or fewer"},
    )
