"""The forms of a council's people and teams pages, its details page, and an invitation's
set-a-password page, in the GOV.UK pattern: a label, plain-English hint text, and a message
that says what to do."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from eqtrack.core.forms import GovukForm, govuk_messages

from .models import Role

REASON_HELP = "Kept in the history with your name, for whoever looks at this change later."


class _TeamsField(forms.MultipleChoiceField):
    """The council's teams in use, as tick boxes (their keys as text, as a form sends them)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label="Teams",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Owners update the actions of their teams. Choose none if not needed.",
            **kwargs,
        )


def _team_choices(teams: Any) -> list[tuple[str, str]]:
    return [(str(t.pk), t.name) for t in teams]


class InviteForm(GovukForm):
    name = forms.CharField(label="Full name", max_length=300)
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="The invitation is sent here. Use their work address.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label="Role", choices=Role.choices, widget=forms.RadioSelect, initial=Role.OWNER
    )
    teams = _TeamsField()

    def __init__(self, *args: Any, teams: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["teams"]).choices = _team_choices(teams)


class PersonForm(GovukForm):
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    teams = _TeamsField()
    reason = forms.CharField(
        label="Why are you making this change?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
        error_messages={"required": "Say why you are making this change"},
    )

    def __init__(self, *args: Any, teams: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["teams"]).choices = _team_choices(teams)


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
        error_messages={"required": "Say why you are making this change"},
    )


class TeamForm(GovukForm):
    name = forms.CharField(
        label="Team name",
        max_length=200,
        help_text="As people in the council know it, like “Housing Options”.",
        error_messages={"required": "Enter the team's name"},
    )


class TeamMergeForm(GovukForm):
    into = forms.ChoiceField(
        label="Merge it into",
        help_text="Its people and actions move to this team, and this one is archived.",
        error_messages={"required": "Choose the team to merge it into"},
    )

    def __init__(self, *args: Any, teams: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["into"]).choices = [
            ("", "Choose a team")
        ] + _team_choices(teams)


class CouncilForm(GovukForm):
    name = forms.CharField(label="Council's name", max_length=200)
    contact_email = forms.EmailField(
        label="Contact e-mail address (optional)",
        required=False,
        max_length=254,
        help_text="Where residents and staff can write about equality work.",
    )
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="The council's own website, like https://www.example.gov.uk.",
    )
    separate_reviewer_and_signer = forms.ChoiceField(
        label="Must an impact assessment's reviewer and signer be different people?",
        widget=forms.RadioSelect,
        choices=[
            ("yes", "Yes: the person who reviews it cannot also sign it off"),
            ("no", "No: one person may review and sign off (never its author)"),
        ],
        help_text=(
            "Four eyes: the reviewer and signer are always different from the author. "
            "Turn this off only if the council has too few managers."
        ),
        error_messages={"required": "Choose whether the reviewer and signer must differ"},
    )
    logo = forms.FileField(
        label="Logo (optional)",
        required=False,
        help_text="A PNG or JPEG image, 1 MB or smaller. It is shown on the council's page.",
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)


class AcceptForm(SetPasswordForm):
    """Django's set-a-password form (its password rules, and both entries the same), said
    the GOV.UK way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        self.fields["new_password2"].label = "Type the password again"
        self.fields["new_password1"].error_messages["required"] = "Choose a password"
        self.fields["new_password2"].error_messages["required"] = "Type the password again"
        # A copy: the class's own dictionary is shared with Django's other password forms.
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": "The two passwords are not the same",  # noqa: S105 (a message)
        }
        govuk_messages(self.fields)
