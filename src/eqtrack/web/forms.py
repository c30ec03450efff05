"""What every form of ours shares: error messages that say what to do, in the GOV.UK way
("Enter your group's name", "Choose a status"), instead of Django's "This field is required."."""

from __future__ import annotations

from typing import Any

from django import forms

_DJANGO_REQUIRED = forms.Field.default_error_messages["required"]
# First words that need no "the" before them.
_NO_ARTICLE = {"a", "an", "the", "your", "its", "their", "this", "these", "which", "what", "who"}


def required_message(field: forms.Field) -> str:
    """The message for a required field left empty, from its label."""
    label = str(field.label or "").strip().rstrip(":.")
    if not label:
        return "Answer this question"
    if label.endswith("?"):
        return f"Answer “{label}”"
    # Keep a capital that belongs to a name ("HR team", "EqIA"), lower the first word's.
    if not (len(label) > 1 and label[1].isupper()):
        label = label[0].lower() + label[1:]
    if label.split()[0] not in _NO_ARTICLE:
        label = f"the {label}"  # "Enter the deadline for updates"
    if isinstance(field, forms.FileField):
        return f"Choose {label}"
    if isinstance(field, forms.ChoiceField | forms.BooleanField):
        return f"Choose {label}"
    return f"Enter {label}"


class GovukForm(forms.Form):
    """A form whose required fields, unless they say otherwise, ask for what is missing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.error_messages.get("required") == _DJANGO_REQUIRED:
                field.error_messages["required"] = required_message(field)
