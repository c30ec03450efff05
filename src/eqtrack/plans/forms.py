"""Forms of the plan pages: the decision on a restored text waiting for review."""

from __future__ import annotations

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
