"""What every form of ours shares: error messages that say what to do, in the GOV.UK way
("Enter your group's name", "Choose a status"), instead of Django's "This field is required."."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import EmailValidator

_DJANGO_REQUIRED = forms.Field.default_error_messages["required"]
# First words that need no "the" before them.
# First words of labels that are instructions already.
_INSTRUCTIONS = {"describe", "say", "give", "tell", "list", "explain", "choose", "enter"}
_NO_ARTICLE = {"a", "an", "the", "your", "its", "their", "this", "these", "which", "what", "who"}


def required_message(field: forms.Field) -> str:
    """The message for a required field left empty, from its label."""
    label = str(field.label or "").strip().rstrip(":.")
    if not label:
        return "Answer this question"
    if label.endswith("?"):
        return f"Answer “{label}”"
    if label.split()[0].lower() in _INSTRUCTIONS:
        return label  # "Describe it" already says what to do
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


# Django's "Enter a valid …" said the GOV.UK way: what is wanted, with an example.
_FORMATS: list[tuple[type[forms.Field], str]] = [
    (forms.EmailField, "Enter an e-mail address in the correct format, like name@example.org"),
    (forms.URLField, "Enter a website address in the correct format, like www.example.org"),
    (forms.DateField, "Enter a real date, like 31 March 2027 or 31/03/2027"),
    (forms.IntegerField, "Enter a whole number, like 16"),
]


def govuk_messages(fields: Any) -> None:
    """Give these form fields messages that say what to do, where they have Django's own."""
    for field in fields.values():
        if field.error_messages.get("required") == _DJANGO_REQUIRED:
            field.error_messages["required"] = required_message(field)
        for kind, message in _FORMATS:
            if isinstance(field, kind):
                field.error_messages["invalid"] = message
                # An e-mail address is checked by its validator, which has its own message.
                field.validators = [
                    EmailValidator(message=message) if isinstance(v, EmailValidator) else v
                    for v in field.validators
                ]
                break


class GovukForm(forms.Form):
    """A form whose required fields, unless they say otherwise, ask for what is missing, and
    whose formats are asked for with an example."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_messages(self.fields)


def sentence(message: str) -> str:
    """A service's message as a sentence on a page: the services write theirs in lower case,
    to follow a colon in the API's answers ("the 2023 round is closed")."""
    return message[:1].upper() + message[1:]


def add_service_error(form: forms.Form, error: Exception, *, as_sentence: bool = True) -> None:
    """Put a service's refusal on the form: by the field its `field` names, if the form has
    that field (so the error summary links to it), else at the top of the form."""
    named = getattr(error, "field", None)
    message = str(error)
    form.add_error(
        named if named in form.fields else None, sentence(message) if as_sentence else message
    )
