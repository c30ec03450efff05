"""Forms for a round: each field says in plain English what to write."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone

from eqtrack.core.forms import GovukForm
from eqtrack.plans.models import StatusCategory
from eqtrack.plans.planformat import cell_to_items, items_to_cell

ITEMS_HELP = (
    "One item a line. Start a line with two spaces to put it under the line above it. "
    'A "- " at the start of a line is optional.'
)


class RoundOpenForm(GovukForm):
    period = forms.CharField(
        label="Reporting period",
        help_text='As you label it, e.g. "2023" or "Q2 2024/25".',
        max_length=100,
    )
    deadline = forms.DateField(
        label="Deadline for updates",
        help_text="For example, 30/11/2023.",
    )

    def clean_deadline(self) -> dt.date:
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError("The deadline must be today or later")
        return deadline


class UpdateForm(GovukForm):
    progress = forms.CharField(
        label="Progress",
        help_text=ITEMS_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )
    next_steps = forms.CharField(
        label="Issues and next steps",
        help_text=ITEMS_HELP,
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )
    status_text = forms.CharField(
        label="Status, in your words",
        required=False,
        max_length=500,
        help_text='For example, "On track: training booked for March".',
    )
    status_category = forms.ChoiceField(
        label="Status", choices=[("", "Choose a status"), *StatusCategory.choices], required=False
    )
    # The revision the form was opened at, so that a save over someone else's is refused. It
    # is required: a post without it (not from our form) must not save over anything. Checked
    # in clean(), so that its error shows above the form rather than on a hidden field.
    revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, words_need_a_status: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The page asks for the status with the words at once; the API (from_api) lets a
        # draft carry words before its status, as it always has: submitting needs both.
        self.words_need_a_status = words_need_a_status

    @classmethod
    def from_api(cls, body: dict[str, Any]) -> UpdateForm:
        """The form, filled from an API update's JSON body (checked for JSON types first: its
        items as lists, its revision a whole number), so the API's update is checked by the
        same rules as the page's."""
        return cls(
            {
                "progress": items_to_cell(body.get("progress") or []),
                "next_steps": items_to_cell(body.get("next_steps") or []),
                "status_text": body.get("status") or "",
                "status_category": body.get("status_category") or "",
                "revision": str(body.get("revision", "")),
            },
            words_need_a_status=False,
        )

    def first_error(self) -> tuple[str, str]:
        """The first thing wrong, as (field, message); a form-wide one is the revision's."""
        field, messages = next(iter(self.errors.items()))
        return ("revision" if field == "__all__" else field), str(messages[0])

    def clean(self):
        data = super().clean()
        if self.words_need_a_status and data.get("status_text") and not data.get("status_category"):
            self.add_error("status_category", "Choose the status that fits your words")
        revision = (data.get("revision") or "").strip()
        if not revision.isdigit():
            self.add_error(
                None,
                "This form was sent without the version of the update it was opened at, so it "
                "was not saved: open the update again and make your change there",
            )
        else:
            data["revision"] = int(revision)
        return data

    def items(self, name: str) -> list:
        return cell_to_items(self.cleaned_data.get(name) or "")

    @staticmethod
    def initial_from(update) -> dict:
        if update is None:
            return {"revision": 0}
        return {
            "progress": items_to_cell(update.progress),
            "next_steps": items_to_cell(update.next_steps),
            "status_text": update.status_text or "",
            "status_category": update.status_category or "",
            "revision": update.revision,
        }


class ReviewForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[("approve", "Approve it"), ("return", "Return it for changes")],
    )
    comment = forms.CharField(
        label="Comment for the owner",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="Needed when you return an update: say what should change.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", "Say what should change")
        return data


LATE_REASON_HELP = (
    "Kept in the history with your name, and shown on the round's page: for example, "
    '"Team on leave at the deadline; agreed by the chair".'
)


def _action_choices(actions: list[Any]) -> list[tuple[str, str]]:
    return [
        (
            str(a.pk),
            f"{a.ref + ': ' if a.ref else ''}{a.text[:90]}{'…' if len(a.text) > 90 else ''}",
        )
        for a in actions
    ]


class LateOpenForm(GovukForm):
    """Reopen a closed round for named actions."""

    actions = forms.MultipleChoiceField(
        label="Actions to reopen the round for",
        help_text="Their owners can write and submit the update through the usual update page, "
        "and a reviewer approves it. Every other action stays closed.",
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label="Why is the round reopened for them?",
        help_text=LATE_REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args: Any, actions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["actions"])
        field.choices = _action_choices(actions)


class LateAcceptForm(GovukForm):
    """An update received after the round closed, written in by an administrator."""

    action = forms.ChoiceField(label="Action")
    progress = UpdateForm.base_fields["progress"]
    next_steps = UpdateForm.base_fields["next_steps"]
    status_text = UpdateForm.base_fields["status_text"]
    status_category = UpdateForm.base_fields["status_category"]
    reason = forms.CharField(
        label="Who sent it, how and why it is late",
        help_text=LATE_REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args: Any, actions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, prefix="accept", **kwargs)
        field = cast(forms.ChoiceField, self.fields["action"])
        field.choices = [("", "Choose an action"), *_action_choices(actions)]

    def items(self, name: str) -> list:
        return cell_to_items(self.cleaned_data.get(name) or "")
