"""One answer checked and tidied the same way wherever it comes from (a resident online, an
officer typing in a paper copy), what a form calls its fields, and which questions a
respondent is asked given their earlier answers (the survey's routing).

`answer_clean(question, raw)` takes what a form sent for one question and returns the
`CleanAnswer` to store (the Answer model's text, choices and other), or raises `AnswerError`
naming the form field and saying what to do. `raw` is a string (one choice, a scale, free
text, a number, a postcode, a date "2024-03-31" or "31/3/2024"), a list of strings (several
choices), or a mapping with "value" (either of those) and "other" (the "Other, please say"
text); a date may also be a mapping of "day", "month" and "year". A blank answer cleans to an
empty CleanAnswer: whether a question must be answered is the caller's to check
(`answer_required_check`), since a paper copy may come back with a required question blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .answer_forms import (
    FREE_TEXT_MAX,
    NUMBER_ERROR,
    OTHER_MAX,
    POSTCODE_ERROR,
    number_clean,
    postcode_clean,
)
from .selectors.responding import OTHER

OTHER_LABEL = "Other, please say"
# The residents' pages' limits and messages (answer_forms.py), so both check alike.
MAX_TEXT = FREE_TEXT_MAX
MAX_OTHER = OTHER_MAX


class QuestionLike(Protocol):
    """What cleaning needs of a question (a surveys Question)."""

    pk: Any
    kind: str
    text: str
    options: Any
    other_option: bool
    required: bool


class AnswerError(ValueError):
    """An answer that cannot be kept: `field` is the form field to mark, `message` what to do."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class CleanAnswer:
    """What an Answer row stores: `text` (one choice, scale, free text, number, ISO date,
    postcode), `choices` (several choices) and `other` (the "Other, please say" text)."""

    text: str = ""
    choices: list[str] = field(default_factory=list)
    other: str = ""

    @property
    def blank(self) -> bool:
        return not (self.text or self.choices or self.other)

    def values(self) -> list[str]:
        """The answer's chosen values, for routing: the text, or each choice."""
        return list(self.choices) if self.choices else ([self.text] if self.text else [])


def answer_field(question: QuestionLike, part: str = "") -> str:
    """The name of the form field holding a question's answer ("q12"), or a part of it
    ("q12-other", "q12-day"): every form that takes answers names them so."""
    return f"q{question.pk}" + (f"-{part}" if part else "")


def _single(value: Any, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Sequence) and not isinstance(value, bytes):
        values = [str(v).strip() for v in value if str(v).strip()]
        if len(values) > 1:
            raise AnswerError(name, "Choose one answer only")
        return values[0] if values else ""
    return str(value).strip()


def _several(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    return [str(v).strip() for v in value if str(v).strip()]


def _options(question: QuestionLike) -> list[str]:
    return [str(o) for o in (question.options or [])]


def _other_check(question: QuestionLike, other: str) -> str:
    name = answer_field(question, "other")
    if other and not question.other_option:
        raise AnswerError(name, "This question has no “Other” answer: leave the box empty")
    if len(other) > MAX_OTHER:
        raise AnswerError(name, f"Say it in {MAX_OTHER} characters or fewer")
    return other


def _choice(question: QuestionLike, value: str, name: str) -> str:
    """One of the question's options, matched as written or ignoring case and spaces."""
    options = _options(question)
    if value in options:
        return value
    folded = " ".join(value.split()).casefold()
    for option in options:
        if " ".join(option.split()).casefold() == folded:
            return option
    if question.other_option and folded in {OTHER.casefold(), OTHER_LABEL.casefold()}:
        return OTHER
    raise AnswerError(name, "Choose one of the answers listed")


def _clean_one_choice(question: QuestionLike, value: Any, other: str) -> CleanAnswer:
    name = answer_field(question)
    chosen = _single(value, name)
    other = _other_check(question, other)
    if not chosen:
        # On paper someone may write in the "Other" box without ticking it: that is "Other".
        return CleanAnswer(text=OTHER, other=other) if other else CleanAnswer()
    chosen = _choice(question, chosen, name)
    if other and chosen != OTHER:
        raise AnswerError(
            answer_field(question, "other"),
            f"You chose “{chosen}”: choose “Other” for what you wrote, or clear the box",
        )
    if chosen == OTHER and not other:
        raise AnswerError(answer_field(question, "other"), "Say what the other answer is")
    return CleanAnswer(text=chosen, other=other if chosen == OTHER else "")


def _clean_several(question: QuestionLike, value: Any, other: str) -> CleanAnswer:
    name = answer_field(question)
    chosen = [_choice(question, v, name) for v in _several(value)]
    other = _other_check(question, other)
    if other and OTHER not in chosen:
        chosen.append(OTHER)
    if OTHER in chosen and not other:
        raise AnswerError(answer_field(question, "other"), "Say what the other answer is")
    # Kept in the question's order, each once, "Other" last.
    order = {option: i for i, option in enumerate([*_options(question), OTHER])}
    chosen = sorted(set(chosen), key=order.__getitem__)
    return CleanAnswer(choices=chosen, other=other)


def _clean_scale(question: QuestionLike, value: Any) -> CleanAnswer:
    name = answer_field(question)
    chosen = _single(value, name)
    if not chosen:
        return CleanAnswer()
    options = _options(question)
    # A paper copy may give the point's number (1 = the first label) rather than its label.
    if chosen.isascii() and chosen.isdigit() and chosen not in options:
        point = int(chosen)
        if 1 <= point <= len(options):
            return CleanAnswer(text=options[point - 1])
        raise AnswerError(name, f"Choose a point from 1 to {len(options)}")
    return CleanAnswer(text=_choice(question, chosen, name))


def _clean_text(question: QuestionLike, value: Any) -> CleanAnswer:
    name = answer_field(question)
    text = _single(value, name).replace("\r\n", "\n")
    # Control characters other than new lines and tabs are never meant (pasted from a PDF).
    text = "".join(c for c in text if c in "\n\t" or c.isprintable())
    if len(text) > MAX_TEXT:
        raise AnswerError(
            name, f"Your answer is {len(text):,} characters long: say it in {MAX_TEXT:,} or fewer"
        )
    return CleanAnswer(text=text.strip())


def _clean_number(question: QuestionLike, value: Any) -> CleanAnswer:
    name = answer_field(question)
    text = _single(value, name)
    if not text:
        return CleanAnswer()
    number = number_clean(text)
    if number is None:
        raise AnswerError(name, NUMBER_ERROR)
    return CleanAnswer(text=number)


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y")


def _clean_date(question: QuestionLike, value: Any) -> CleanAnswer:
    name = answer_field(question)
    if isinstance(value, Mapping):
        parts = {k: str(value.get(k) or "").strip() for k in ("day", "month", "year")}
        if not any(parts.values()):
            return CleanAnswer()
        for part in ("day", "month", "year"):
            if not parts[part]:
                raise AnswerError(answer_field(question, part), f"The date must include a {part}")
            if not parts[part].isdigit():
                raise AnswerError(
                    answer_field(question, part), f"The {part} must be a number, like 3"
                )
        if len(parts["year"]) != 4:
            raise AnswerError(answer_field(question, "year"), "The year must have 4 numbers")
        try:
            date = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except (ValueError, OverflowError):  # OverflowError: a day of many digits
            raise AnswerError(
                answer_field(question, "day"), "The date must be a real date"
            ) from None
        return CleanAnswer(text=date.isoformat())
    text = _single(value, name)
    if not text:
        return CleanAnswer()
    # A date question may offer answers of its own (date of birth: "Prefer not to say").
    folded = " ".join(text.split()).casefold()
    for option in _options(question):
        if " ".join(option.split()).casefold() == folded:
            return CleanAnswer(text=option)
    for fmt in _DATE_FORMATS:
        try:
            date = dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
        if 1000 <= date.year <= 9999:
            return CleanAnswer(text=date.isoformat())
    raise AnswerError(name, "Enter a real date, like 31 3 2024")


def _clean_postcode(question: QuestionLike, value: Any) -> CleanAnswer:
    name = answer_field(question)
    text = _single(value, name)
    if not text:
        return CleanAnswer()
    postcode = postcode_clean(text)
    if postcode is None:
        raise AnswerError(name, POSTCODE_ERROR)
    return CleanAnswer(text=postcode)


def answer_clean(question: QuestionLike, raw: Any) -> CleanAnswer:
    """The answer to store for what a form sent (see the module's docstring), or AnswerError."""
    if isinstance(raw, Mapping) and ("value" in raw or "other" in raw):
        value, other = raw.get("value"), str(raw.get("other") or "").strip()
    else:
        value, other = raw, ""
    kind = question.kind
    if kind == "one_choice":
        return _clean_one_choice(question, value, other)
    if kind == "several_choices":
        return _clean_several(question, value, other)
    if other:
        _other_check(question, other)
    if kind == "scale":
        return _clean_scale(question, value)
    if kind == "free_text":
        return _clean_text(question, value)
    if kind == "number":
        return _clean_number(question, value)
    if kind == "date":
        return _clean_date(question, value)
    if kind == "postcode":
        return _clean_postcode(question, value)
    raise AnswerError(answer_field(question), f"eqtrack cannot take answers of the kind {kind!r}")


def answer_required_check(question: QuestionLike, answer: CleanAnswer) -> None:
    """Refuse a blank answer to a required question, in GOV.UK's words."""
    if question.required and answer.blank:
        if question.kind in {"one_choice", "scale"}:
            message = "Choose an answer"
        elif question.kind == "several_choices":
            message = "Choose at least one answer"
        else:
            message = "Enter your answer"
        raise AnswerError(answer_field(question), f"{message}: this question must be answered")


class RoutedQuestion(Protocol):
    pk: Any
    show_if_question_id: Any
    show_if_answers: Any


def question_asked(
    question: RoutedQuestion,
    given: Mapping[Any, Iterable[str]],
    earlier: Collection[Any] | None = None,
) -> bool:
    """Whether a respondent is asked `question`, given their answers so far (question pk ->
    the answer's values, as CleanAnswer.values gives them, for the questions they were asked).
    A question routed on an earlier one is asked when that one was answered with one of its
    answers (so not when the earlier one was itself skipped). Routing on a question that is
    not among `earlier` (the pks before it in the survey's order: a later or removed
    question) cannot be honoured and is ignored: asking is safer than silently skipping."""
    if not question.show_if_question_id:
        return True
    if earlier is not None and question.show_if_question_id not in earlier:
        return True
    wanted = {str(a) for a in (question.show_if_answers or [])}
    return any(v in wanted for v in given.get(question.show_if_question_id, ()))
