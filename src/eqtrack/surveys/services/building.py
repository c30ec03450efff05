"""Officers building a consultation's survey: starting it, its settings, its questions (added,
changed, removed, moved), their routing, the standard equality monitoring questions, and
opening and closing it. Each write checks `can_manage_consultations`, keeps a version naming
who made it and why, and refuses what would leave the survey inconsistent with a
`SurveyError` naming the field, so nothing half-done is stored."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.consultations.models import Consultation
from eqtrack.consultations.monitoring import CURRENT_VERSION, monitoring_set
from eqtrack.core.history import change_record
from eqtrack.core.types import User

from ..models import Answer, Question, Survey
from .results import survey_results_store

Kind = Question.Kind
# Kinds whose answers are chosen from options (and so may be a routing condition).
CHOICE_KINDS = frozenset({Kind.ONE_CHOICE, Kind.SEVERAL_CHOICES})
# Kinds with options at all: the choices, or a scale's labels from low to high.
OPTION_KINDS = CHOICE_KINDS | {Kind.SCALE}
TEXT_LENGTH = 500
OPTION_LENGTH = 200
MAX_OPTIONS = 100
SCALE_POINTS = (2, 11)


class SurveyError(ValueError):
    """A change to a survey that cannot be made as asked; the message says why (in lower case,
    to follow a colon), and `field` names the form field it is about, if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _may_manage(user: User, organisation_id: int) -> None:
    if not can_manage_consultations(user, organisation_id):
        raise PermissionDenied("Only an administrator builds and opens surveys.")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _ordered(survey: Survey) -> list[Question]:
    return list(survey.questions.order_by("position", "pk"))


def _number(questions: list[Question], question: Question) -> str:
    """The question's number as officers see it ("Q3"), from its place in the survey."""
    for index, q in enumerate(questions, start=1):
        if q.pk == question.pk:
            return f"Q{index}"
    return "the question"


def _answers_words(answers: Sequence[str]) -> str:
    quoted = [f"“{a}”" for a in answers]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def submitted_count(survey: Survey) -> int:
    return survey.responses.filter(submitted_at__isnull=False).count()


def _questions_unlocked(survey: Survey) -> None:
    """Questions are fixed once anyone has submitted answers to them: changing them then would
    make those answers answers to another question."""
    submitted = submitted_count(survey)
    if submitted:
        raise SurveyError(
            f"{_plural(submitted, 'response')} {'has' if submitted == 1 else 'have'} been "
            "submitted, so the questions cannot be changed any more: the answers given would "
            "no longer match them"
        )


def _one_line(value: str) -> str:
    """Words on one line, without control characters (which no paper copy can hold)."""
    return " ".join("".join(c for c in value or "" if c.isprintable() or c.isspace()).split())


def _text(value: str, field: str, what: str, *, required: bool = True) -> str:
    value = _one_line(value)
    if required and not value:
        raise SurveyError(f"enter the {what}", field=field)
    if len(value) > TEXT_LENGTH:
        raise SurveyError(
            f"the {what} must be {TEXT_LENGTH} characters or fewer (it has {len(value)})",
            field=field,
        )
    return value


def options_clean(kind: str, lines: Sequence[str]) -> list[str]:
    """The options of a question of `kind`, typed one a line: blank lines are skipped; a
    repeated or over-long option is refused naming its line. Kinds without options have none."""
    if kind not in OPTION_KINDS:
        return []
    options: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        option = _one_line(line)
        if not option:
            continue
        if len(option) > OPTION_LENGTH:
            raise SurveyError(
                f"the answer on line {number} is too long: {OPTION_LENGTH} characters at most",
                field="options",
            )
        if option.casefold() in seen:
            raise SurveyError(
                f"line {number} repeats the answer “{option}” of line {seen[option.casefold()]}",
                field="options",
            )
        seen[option.casefold()] = number
        options.append(option)
    if kind == Kind.SCALE:
        low, high = SCALE_POINTS
        if not low <= len(options) <= high:
            raise SurveyError(
                f"a scale needs {low} to {high} points, one a line from lowest to highest "
                f"(there {'is' if len(options) == 1 else 'are'} {len(options)})",
                field="options",
            )
    elif len(options) < 2:
        raise SurveyError("enter at least 2 answers to choose from, one a line", field="options")
    if len(options) > MAX_OPTIONS:
        raise SurveyError(f"a question can have {MAX_OPTIONS} answers at most", field="options")
    return options


def _live_consultation(consultation: Consultation) -> None:
    if consultation.archived_at is not None:
        raise SurveyError("the consultation is archived")


# The survey itself ---------------------------------------------------------------------


def _settings_check(identity: str) -> None:
    if identity not in Survey.Identity.values:
        raise SurveyError("choose who can answer", field="identity")


@transaction.atomic
def survey_create(
    *,
    consultation: Consultation,
    user: User,
    introduction: str = "",
    one_question_a_page: bool = True,
    identity: str = Survey.Identity.ANONYMOUS,
) -> Survey:
    """A consultation's survey, a draft with no questions yet. A consultation has one survey."""
    _may_manage(user, consultation.organisation_id)
    _live_consultation(consultation)
    # Locked, so two officers starting one at once make one survey, not an error.
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
    if Survey.objects.filter(consultation=consultation).exists():
        raise SurveyError(f"“{consultation.title}” has a survey already")
    if consultation.responses_filename:
        # Closing a survey keeps its responses on the consultation, in place of these.
        raise SurveyError(
            f"“{consultation.title}” has its responses uploaded already; start a new "
            "consultation page for a survey"
        )
    _settings_check(identity)
    survey = Survey(
        organisation_id=consultation.organisation_id,
        consultation=consultation,
        introduction=introduction.strip(),
        one_question_a_page=one_question_a_page,
        identity=identity,
    )
    change_record(survey, user=user, reason="survey started")
    survey.save()
    return survey


@transaction.atomic
def survey_change(
    *,
    survey: Survey,
    user: User,
    introduction: str,
    one_question_a_page: bool,
    identity: str,
) -> Survey:
    """The survey's settings: its introduction, one question a page or grouped by page number,
    and who may answer. Who may answer is fixed once responses are submitted."""
    _may_manage(user, survey.organisation_id)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _settings_check(identity)
    if identity != survey.identity and submitted_count(survey):
        raise SurveyError(
            "responses have been submitted, so who can answer cannot be changed any more",
            field="identity",
        )
    if not one_question_a_page:
        questions = _ordered(survey)
        by_pk = {q.pk: q for q in questions}
        for question in questions:
            condition = by_pk.get(question.show_if_question_id or 0)
            if condition is not None and condition.page >= question.page:
                raise SurveyError(
                    f"{_number(questions, question)} is asked only after "
                    f"{_number(questions, condition)} is answered, so it must be on a later "
                    f"page than {_number(questions, condition)} (it is on page "
                    f"{question.page}, {_number(questions, condition)} on page "
                    f"{condition.page}); change its page first",
                    field="one_question_a_page",
                )
    survey.introduction = introduction.strip()
    survey.one_question_a_page = one_question_a_page
    survey.identity = identity
    change_record(survey, user=user, reason="settings changed")
    survey.save()
    return survey


@transaction.atomic
def survey_open(*, survey: Survey, user: User) -> Survey:
    """Open the survey to answers (or reopen a closed one); it needs a question."""
    _may_manage(user, survey.organisation_id)
    survey = Survey.objects.select_for_update().select_related("consultation").get(pk=survey.pk)
    _live_consultation(survey.consultation)
    if survey.status == Survey.Status.OPEN:
        raise SurveyError("the survey is open already")
    if not survey.questions.exists():
        raise SurveyError("add a question before opening the survey")
    reopening = survey.status == Survey.Status.CLOSED
    survey.status = Survey.Status.OPEN
    survey.opened_at = survey.opened_at or timezone.now()
    survey.closed_at = None
    change_record(survey, user=user, reason="reopened" if reopening else "opened")
    survey.save()
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, user: User) -> Survey:
    """Close the survey to answers; it can be reopened."""
    _may_manage(user, survey.organisation_id)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.OPEN:
        raise SurveyError("only an open survey can be closed")
    survey.status = Survey.Status.CLOSED
    survey.closed_at = timezone.now()
    change_record(survey, user=user, reason="closed")
    survey.save()
    # The weighted results are kept on the consultation as it closes, so its page, the
    # committee report and the published results show them as for an uploaded consultation.
    survey_results_store(survey=survey, user=user)
    return survey


# Questions --------------------------------------------------------------------------------


def _locked_survey(survey: Survey, user: User) -> Survey:
    """The survey locked for a change to its questions, if this person may make it and no one
    has submitted answers yet."""
    _may_manage(user, survey.organisation_id)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _questions_unlocked(survey)
    return survey


def _page(value: int | None, default: int) -> int:
    if value is None:
        return default
    if not 1 <= value <= 1000:
        raise SurveyError("enter a page number from 1 to 1000", field="page")
    return value


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    user: User,
    kind: str,
    text: str,
    hint: str = "",
    required: bool = False,
    options: Sequence[str] = (),
    other_option: bool = False,
    page: int | None = None,
) -> Question:
    """A question at the end of the survey. `options` are the lines typed (one an answer);
    a page left out is the last question's page."""
    survey = _locked_survey(survey, user)
    if kind not in Kind.values:
        raise SurveyError("choose the kind of question", field="kind")
    text = _text(text, "text", "question")
    hint = _text(hint, "hint", "hint", required=False)
    cleaned = options_clean(kind, options)
    last = survey.questions.order_by("-position", "-pk").first()
    question = Question(
        organisation_id=survey.organisation_id,
        survey=survey,
        position=(last.position + 1) if last else 1,
        page=_page(page, last.page if last else 1),
        kind=kind,
        text=text,
        hint=hint,
        required=required,
        options=cleaned,
        other_option=other_option and kind in CHOICE_KINDS,
    )
    change_record(question, user=user, reason="question added")
    question.save()
    return question


def _dependants(question: Question, questions: list[Question]) -> list[Question]:
    return [q for q in questions if q.show_if_question_id == question.pk]


@transaction.atomic
def question_change(
    *,
    question: Question,
    user: User,
    text: str | None = None,
    hint: str | None = None,
    required: bool | None = None,
    options: Sequence[str] | None = None,
    other_option: bool | None = None,
    page: int | None = None,
) -> Question:
    """Change a question's wording, answers, whether it must be answered, and its page (what
    is left out, None, stays). Its kind stays: remove it and add another to ask differently.
    A standard monitoring question's wording and answers must match the standard: only
    whether it must be answered and its page change."""
    survey = _locked_survey(question.survey, user)
    question = Question.objects.get(pk=question.pk, survey=survey)
    questions = _ordered(survey)
    if question.monitoring_key:
        asked = {
            "text": None if text is None else " ".join(text.split()),
            "hint": None if hint is None else " ".join(hint.split()),
            "options": None
            if options is None
            else [" ".join(o.split()) for o in options if o.strip()],
            "other_option": other_option,
        }
        for field, value in asked.items():
            if value is not None and value != getattr(question, field):
                raise SurveyError(
                    "this is a standard equality monitoring question: its wording and answers "
                    "must match the standard for the answers to be compared with the census, "
                    "so they cannot be changed (remove the question if the survey should not "
                    "ask it)",
                    field=field,
                )
    else:
        if text is not None:
            question.text = _text(text, "text", "question")
        if hint is not None:
            question.hint = _text(hint, "hint", "hint", required=False)
        if options is not None:
            question.options = options_clean(question.kind, options)
        if other_option is not None:
            question.other_option = other_option and question.kind in CHOICE_KINDS
    if required is not None:
        question.required = required
    question.page = _page(page, question.page)
    # Keep the list's copy in step, for the checks below.
    questions = [question if q.pk == question.pk else q for q in questions]
    by_pk = {q.pk: q for q in questions}
    # Later questions asked only for some of its answers need those answers still offered,
    # and (grouped by page) to come on a later page.
    for dependant in _dependants(question, questions):
        missing = [a for a in dependant.show_if_answers if a not in question.options]
        if missing:
            raise SurveyError(
                f"{_number(questions, dependant)} is asked only if this question is answered "
                f"{_answers_words(missing)}: keep {'that answer' if len(missing) == 1 else 'those answers'}, "
                f"or change {_number(questions, dependant)}'s routing first",
                field="options",
            )
        if not survey.one_question_a_page and dependant.page <= question.page:
            raise SurveyError(
                f"{_number(questions, dependant)} is asked only after this question is "
                f"answered, so this question must be on an earlier page than page "
                f"{dependant.page}",
                field="page",
            )
    condition = by_pk.get(question.show_if_question_id or 0)
    if condition is not None and not survey.one_question_a_page and condition.page >= question.page:
        raise SurveyError(
            f"this question is asked only after {_number(questions, condition)} is answered, "
            f"so it must be on a later page than page {condition.page}",
            field="page",
        )
    change_record(question, user=user, reason="question changed")
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question, user: User) -> None:
    """Remove a question (and what unfinished responses answered to it). A question that
    decides whether a later one is asked stays until that routing is changed."""
    survey = _locked_survey(question.survey, user)
    question = Question.objects.get(pk=question.pk, survey=survey)
    questions = _ordered(survey)
    dependants = _dependants(question, questions)
    if dependants:
        names = ", ".join(_number(questions, d) for d in dependants)
        raise SurveyError(
            f"{names} {'is' if len(dependants) == 1 else 'are'} asked only for some answers to "
            f"this question: change {'its' if len(dependants) == 1 else 'their'} routing "
            "before removing it"
        )
    # Answers from responses still being filled in (submitted ones lock the questions).
    Answer.objects.filter(question=question, response__submitted_at__isnull=True).delete()
    removed = question.pk
    change_record(question, user=user, reason="question removed")
    question.delete()  # which forgets its pk
    remaining = [q for q in questions if q.pk != removed]
    _renumber(remaining)
    if question.monitoring_key and not any(q.monitoring_key for q in remaining):
        survey.monitoring_version = ""
        change_record(survey, user=user, reason="its last monitoring question removed")
        survey.save()


def _renumber(questions: list[Question]) -> None:
    """Positions 1, 2, 3… in the given order; only the questions whose position changes are
    saved (a position is not a change officers need in the history)."""
    changed = []
    for position, question in enumerate(questions, start=1):
        if question.position != position:
            question.position = position
            changed.append(question)
    Question.objects.bulk_update(changed, ["position"])


@transaction.atomic
def question_move(*, question: Question, user: User, direction: str) -> Question:
    """Move a question one place up or down. A question asked only for some answers to an
    earlier one cannot move above it, nor that one below it."""
    survey = _locked_survey(question.survey, user)
    if direction not in ("up", "down"):
        raise SurveyError("say whether to move the question up or down")
    questions = _ordered(survey)
    index = next((i for i, q in enumerate(questions) if q.pk == question.pk), None)
    if index is None:
        raise SurveyError("that question is not in this survey")
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(questions):
        raise SurveyError(f"it is the {'first' if direction == 'up' else 'last'} question already")
    upper, lower = (questions[other], questions[index])
    if direction == "down":
        upper, lower = lower, upper
    # `lower` is about to come before `upper`.
    if lower.show_if_question_id == upper.pk:
        raise SurveyError(
            f"{_number(questions, lower)} “{lower.text}” is asked only if "
            f"{_number(questions, upper)} is answered {_answers_words(lower.show_if_answers)}, "
            f"so it must come after {_number(questions, upper)}: change its routing first"
        )
    questions[index], questions[other] = questions[other], questions[index]
    _renumber(questions)
    moved = questions[other]
    change_record(moved, user=user, reason=f"moved {direction}")
    moved.save(update_fields=["position"])
    return moved


@transaction.atomic
def routing_set(
    *,
    question: Question,
    user: User,
    condition: Question | None,
    answers: Sequence[str] = (),
) -> Question:
    """Ask `question` only when the earlier one-choice or several-choices question `condition`
    is answered with one of `answers` (for several choices: when one of them is among those
    chosen); with no condition, always ask it."""
    survey = _locked_survey(question.survey, user)
    question = Question.objects.get(pk=question.pk, survey=survey)
    if condition is None:
        question.show_if_question = None
        question.show_if_answers = []
        change_record(question, user=user, reason="always asked")
        question.save()
        return question
    questions = _ordered(survey)
    condition = next((q for q in questions if q.pk == condition.pk), None)
    if condition is None:
        raise SurveyError("choose a question of this survey", field="condition")
    before = [q.pk for q in questions].index(condition.pk) < [q.pk for q in questions].index(
        question.pk
    )
    if condition.pk == question.pk or not before:
        raise SurveyError(
            f"a question can depend only on an earlier one: {_number(questions, condition)} "
            f"comes after {_number(questions, question)}"
            if condition.pk != question.pk
            else "a question cannot depend on its own answer",
            field="condition",
        )
    if condition.kind not in CHOICE_KINDS:
        raise SurveyError(
            f"{_number(questions, condition)} is {condition.get_kind_display().lower()}: a "
            "question can depend only on a one-choice or several-choices question",
            field="condition",
        )
    chosen = list(dict.fromkeys(a for a in answers if a))
    if not chosen:
        raise SurveyError(
            f"choose the answers to {_number(questions, condition)} that lead to this question",
            field="answers",
        )
    unknown = [a for a in chosen if a not in condition.options]
    if unknown:
        raise SurveyError(
            f"{_answers_words(unknown)} {'is not an answer' if len(unknown) == 1 else 'are not answers'} "
            f"to {_number(questions, condition)}",
            field="answers",
        )
    if not survey.one_question_a_page and condition.page >= question.page:
        raise SurveyError(
            f"the survey groups its questions by page: {_number(questions, condition)} is on "
            f"page {condition.page}, so this question must be on a later page to be asked "
            "after it is answered",
            field="condition",
        )
    # Keep the condition's order of answers, so the routing reads as the question does.
    question.show_if_question = condition
    question.show_if_answers = [o for o in condition.options if o in chosen]
    change_record(
        question,
        user=user,
        reason=f"asked only for some answers to {_number(questions, condition)}",
    )
    question.save()
    return question


# The standard monitoring questions --------------------------------------------------------


@transaction.atomic
def monitoring_set_add(
    *, survey: Survey, user: User, keys: Sequence[str] | None = None
) -> list[Question]:
    """Add the standard equality monitoring questions (all, or those whose keys are given) at
    the end of the survey, worded exactly as the standard words them, and record the standard's
    version. Those the survey asks already are not added again. Grouped by page, they go on a
    page of their own."""
    survey = _locked_survey(survey, user)
    standard = monitoring_set(CURRENT_VERSION)
    known = {q.key for q in standard}
    if keys is not None:
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise SurveyError(f"no standard monitoring question {', '.join(unknown)}", field="keys")
        if not keys:
            raise SurveyError("choose at least one monitoring question", field="keys")
    if survey.monitoring_version and survey.monitoring_version != CURRENT_VERSION:
        raise SurveyError(
            f"the survey's monitoring questions are from the {survey.monitoring_version} "
            f"standard; remove them before adding the {CURRENT_VERSION} ones",
            field="keys",
        )
    questions = _ordered(survey)
    asked = {q.monitoring_key for q in questions if q.monitoring_key}
    wanted = [q for q in standard if (keys is None or q.key in keys) and q.key not in asked]
    if not wanted:
        raise SurveyError("the survey asks those monitoring questions already", field="keys")
    position = questions[-1].position if questions else 0
    last_page = max((q.page for q in questions), default=0)
    page = last_page if survey.one_question_a_page else last_page + 1
    added = []
    for offset, standard_question in enumerate(wanted, start=1):
        question = Question(
            organisation_id=survey.organisation_id,
            survey=survey,
            position=position + offset,
            page=max(page, 1),
            kind=standard_question.kind,
            text=standard_question.text,
            hint=standard_question.hint,
            # Equality questions are never compulsory: "Prefer not to say" is there too.
            required=False,
            options=list(standard_question.options),
            other_option=standard_question.other_option,
            monitoring_key=standard_question.key,
        )
        change_record(question, user=user, reason=f"monitoring question added ({CURRENT_VERSION})")
        question.save()
        added.append(question)
    # The standard's own routing (the second disability question only after a "Yes" to the
    # first), when the survey asks the question it depends on.
    by_key = {q.monitoring_key: q for q in [*questions, *added] if q.monitoring_key}
    for standard_question in wanted:
        condition = by_key.get(standard_question.show_if_key)
        if condition is not None and condition.position < by_key[standard_question.key].position:
            question = by_key[standard_question.key]
            question.show_if_question = condition
            question.show_if_answers = list(standard_question.show_if_answers)
            change_record(question, user=user, reason="the standard's routing")
            question.save()
    if survey.monitoring_version != CURRENT_VERSION:
        survey.monitoring_version = CURRENT_VERSION
        change_record(survey, user=user, reason=f"monitoring questions {CURRENT_VERSION} added")
        survey.save()
    return added
