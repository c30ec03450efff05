"""The answer boxes of a survey page, one Django field a question by its kind, with the checks
each kind needs and the GOV.UK messages ("Choose an answer", "Enter a real postcode, like
ME14 1XX"). The responding service validates every page through this form, so the pages and
anything else that saves answers check them the same way."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from eqtrack.core.date_input import DateInputField

from .models import Answer, Question
from .selectors.responding import OTHER

# Long enough for anyone's considered view, short enough that nobody fills the database.
FREE_TEXT_MAX = 5000
OTHER_MAX = 500
# A UK postcode's shape, as the directory checks it (the apps are independent, so it is not
# imported): the outward code (A9, A99, AA9, AA99, A9A, AA9A) and the inward code.
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})")
POSTCODE_ERROR = "Enter a real postcode, like ME14 1XX"
NUMBER_ERROR = "Enter a number, like 16 or 2.5"
# Beyond this, a "number" is not one a person means.
NUMBER_LIMIT = Decimal("1e12")

# An answer as stored: (text, choices, other).
Value = tuple[str, list[str], str]

_EMPTY_MESSAGES = {
    Question.Kind.ONE_CHOICE: "Choose an answer",
    Question.Kind.SCALE: "Choose an answer",
    Question.Kind.SEVERAL_CHOICES: "Choose at least one answer",
    Question.Kind.FREE_TEXT: "Enter your answer",
    Question.Kind.NUMBER: "Enter a number",
    Question.Kind.DATE: "Enter the date",
    Question.Kind.POSTCODE: "Enter a postcode",
}


def postcode_clean(text: str) -> str | None:
    """The postcode in capitals with one space ("ME14 1AA"), or None when it is not shaped
    like a UK postcode."""
    found = _POSTCODE.fullmatch((text or "").strip().upper())
    return f"{found[1]} {found[2]}" if found else None


def number_clean(text: str) -> str | None:
    """A number as typed ("1,200", " 2.50 ") written plainly ("1200", "2.5"), or None."""
    plain = re.sub(r"[\s,]", "", text or "")
    if not plain or len(plain) > 30:
        return None
    try:
        number = Decimal(plain)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        return None
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def _printable(text: str) -> str:
    """Text without control characters other than new lines and tabs: pasted from Word or a
    PDF they are never meant, and a spreadsheet cannot hold them (the paper path does the
    same, surveys/answers.py)."""
    return "".join(c for c in text.replace("\r\n", "\n") if c in "\n\t" or c.isprintable())


class PostcodeField(forms.CharField):
    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        postcode = postcode_clean(text)
        if postcode is None:
            raise forms.ValidationError(POSTCODE_ERROR, code="postcode")
        return postcode


class NumberField(forms.CharField):
    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        number = number_clean(text)
        if number is None:
            raise forms.ValidationError(NUMBER_ERROR, code="number")
        return number


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def other_name(question: Question) -> str:
    return f"q{question.pk}_other"


def has_other(question: Question) -> bool:
    return question.other_option and question.kind in (
        Question.Kind.ONE_CHOICE,
        Question.Kind.SEVERAL_CHOICES,
    )


def _field(question: Question, *, required: bool, grouped: bool) -> forms.Field:
    kind = question.kind
    empty = f"Answer “{question.text}”" if grouped else _EMPTY_MESSAGES[Question.Kind(kind)]
    messages = {
        "required": empty,
        "invalid_choice": "Choose one of the answers given",
        "invalid_list": "Choose one of the answers given",
        "max_length": "Your answer must be %(limit_value)s characters or fewer",
    }
    common: dict[str, Any] = {
        "required": required,
        "label": question.text,
        "help_text": question.hint,
        "error_messages": messages,
    }
    options = [(str(o), str(o)) for o in question.options]
    if has_other(question):
        options.append((OTHER, OTHER))
    if kind in (Question.Kind.ONE_CHOICE, Question.Kind.SCALE):
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if kind == Question.Kind.SEVERAL_CHOICES:
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == Question.Kind.FREE_TEXT:
        messages["max_length"] = f"Your answer must be {FREE_TEXT_MAX:,} characters or fewer"
        return forms.CharField(max_length=FREE_TEXT_MAX, widget=forms.Textarea, **common)
    if kind == Question.Kind.NUMBER:
        return NumberField(max_length=40, **common)
    if kind == Question.Kind.DATE:
        # The date input's own messages name the field by its label: "The date must include
        # a month". The page shows the question itself as the legend.
        common["label"] = "The date"
        return DateInputField(**common)
    if kind == Question.Kind.POSTCODE:
        messages["max_length"] = POSTCODE_ERROR
        return PostcodeField(max_length=16, **common)
    raise ValueError(f"no answer box for questions of kind {kind!r}")


def _initial(question: Question, answer: Answer | None) -> Any:
    if answer is None:
        return None
    if question.kind == Question.Kind.SEVERAL_CHOICES:
        return list(answer.choices)
    if question.kind == Question.Kind.DATE and answer.text:
        try:
            return dt.date.fromisoformat(answer.text)
        except ValueError:
            return None
    return answer.text


class AnswersForm(forms.Form):
    """The answers to some questions of one page. `required=False` checks only what was typed
    (for "Save and come back later")."""

    def __init__(
        self,
        questions: list[Question],
        data: Any = None,
        *,
        answers: dict[int, Answer] | None = None,
        required: bool = True,
        grouped: bool = False,
    ) -> None:
        answers = answers or {}
        initial: dict[str, Any] = {}
        for question in questions:
            initial[field_name(question)] = _initial(question, answers.get(question.pk))
            if has_other(question) and question.pk in answers:
                initial[other_name(question)] = answers[question.pk].other
        super().__init__(data, initial=initial)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = _field(
                question, required=required and question.required, grouped=grouped
            )
            if has_other(question):
                self.fields[other_name(question)] = forms.CharField(
                    required=False,
                    max_length=OTHER_MAX,
                    label="Other, please say",
                    error_messages={
                        "max_length": f"Your other answer must be {OTHER_MAX} characters or fewer"
                    },
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for question in self.questions:
            if not has_other(question):
                continue
            chosen = data.get(field_name(question))
            picked = OTHER in chosen if isinstance(chosen, list) else chosen == OTHER
            if picked and not data.get(other_name(question)) and other_name(question) in data:
                self.add_error(other_name(question), "Say what your other answer is")
        return data

    def values(self) -> dict[int, Value]:
        """Each question's answer as stored, after is_valid(); ("", [], "") for none."""
        values: dict[int, Value] = {}
        for question in self.questions:
            given = self.cleaned_data.get(field_name(question))
            other = ""
            if question.kind == Question.Kind.SEVERAL_CHOICES:
                choices = [str(c) for c in given or []]
                if OTHER in choices:
                    other = _printable(self.cleaned_data.get(other_name(question), ""))
                values[question.pk] = ("", choices, other)
                continue
            text = given.isoformat() if isinstance(given, dt.date) else str(given or "").strip()
            if has_other(question) and text == OTHER:
                other = _printable(self.cleaned_data.get(other_name(question), ""))
            values[question.pk] = (_printable(text), [], other)
        return values
