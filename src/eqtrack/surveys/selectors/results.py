"""What officers see of a survey's responses: the responses as a table (one column per
question in the survey's order, whatever route each respondent took, with the population
profile's categories derived from the monitoring answers), who has answered against the
consultation's population profile, and the answers' shares, weighted to the profile once the
survey closes. The weighting is the consultations' own (rake, representativeness,
weighted_results), so a survey's results read like an uploaded consultation's."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from django.db.models import Count
from django.http import Http404

from eqtrack.consultations import monitoring
from eqtrack.consultations.evidence import (
    GroupShare,
    representativeness,
    weighted_results,
    wilson,
)
from eqtrack.consultations.models import PopulationProfile
from eqtrack.consultations.selectors import population_margins
from eqtrack.consultations.weighting import Diagnostics, Margin, WeightingError, rake
from eqtrack.organisations.models import Organisation

from ..answers import OTHER, CleanAnswer, question_asked
from ..models import Answer, Question, Response, Survey

# The representativeness engine's own threshold (a group is flagged when its share of the
# responses is below this fraction of its share of the population), read from it so that a
# survey's page and an uploaded consultation's flag the same groups.
THRESHOLD: float = (representativeness.__kwdefaults__ or {}).get("threshold", 0.8)

# The columns before the questions'.
RESPONSE = "Response"
SUBMITTED = "Submitted"
SOURCE = "Source"
WEIGHT = "Weight"
YES, NO = "Yes", "No"
# The kinds whose answers are counted as shares (of respondents choosing each answer).
CHOICE_KINDS = {Question.Kind.ONE_CHOICE, Question.Kind.SEVERAL_CHOICES, Question.Kind.SCALE}


def _own(organisation: Organisation, survey: Survey) -> None:
    if survey.organisation_id != organisation.pk:
        raise Http404("No such survey")


def survey_questions(*, organisation: Organisation, survey: Survey) -> list[Question]:
    """The survey's questions in its order (position, then when added)."""
    _own(organisation, survey)
    return list(
        Question.objects.filter(organisation=organisation, survey=survey).order_by("position", "id")
    )


def question_numbers(questions: list[Question]) -> dict[int, int]:
    """Each question's number as respondents see it (1, 2, ...), by its pk."""
    return {q.pk: i for i, q in enumerate(questions, start=1)}


@dataclass(frozen=True)
class Column:
    """One column of the responses table: a question's answer, one option of a several-choice
    question ("Yes" when chosen), or a question's "Other, please say" text."""

    heading: str
    question: Question
    option: str | None = None  # several choices: the option this column says Yes/No for
    other: bool = False  # the "Other, please say" text


@dataclass
class Layout:
    columns: list[Column]
    # The profile's characteristics the survey's monitoring questions give, in their order.
    variables: list[str]

    def question_columns(self, question: Question) -> list[Column]:
        return [c for c in self.columns if c.question.pk == question.pk and not c.other]


def _version(survey: Survey) -> str:
    return survey.monitoring_version or monitoring.CURRENT_VERSION


def _standard(question: Question, version: str) -> monitoring.MonitoringQuestion | None:
    if not question.monitoring_key:
        return None
    try:
        return monitoring.monitoring_question(question.monitoring_key, version)
    except ValueError:  # a key the version lacks: its answers map to nothing
        return None


def profile_variables(questions: list[Question], version: str) -> list[str]:
    """The profile characteristics the survey's monitoring questions map to, in their order."""
    out: list[str] = []
    for question in questions:
        standard = _standard(question, version)
        if standard and standard.profile_variable and standard.profile_variable not in out:
            out.append(standard.profile_variable)
    return out


def _unique(heading: str, taken: set[str]) -> str:
    heading = " ".join(heading.split()) or "Question"
    name, n = heading, 1
    while name.casefold() in taken:
        n += 1
        name = f"{heading} ({n})"
    taken.add(name.casefold())
    return name


def responses_layout(questions: list[Question], version: str) -> Layout:
    """The table's columns: the questions' in the survey's order, then the profile's
    characteristics (named as the profile names them). Headings are the questions' words;
    two questions with the same words are told apart by a number."""
    variables = profile_variables(questions, version)
    taken = {h.casefold() for h in (RESPONSE, SUBMITTED, SOURCE, WEIGHT, *variables)}
    columns: list[Column] = []
    for question in questions:
        heading = _unique(question.text, taken)
        if question.kind == Question.Kind.SEVERAL_CHOICES:
            options = [str(o) for o in question.options or []]
            if question.other_option:
                options.append(OTHER)
            for option in options:
                columns.append(Column(_unique(f"{heading} [{option}]", taken), question, option))
        else:
            columns.append(Column(heading, question))
        if question.other_option:
            columns.append(Column(_unique(f"{heading} (other)", taken), question, other=True))
    return Layout(columns, variables)


def _categories(answers: dict[str, str], version: str, on: dt.date | None) -> dict[str, str]:
    """The profile's category of each characteristic, from the monitoring answers (key ->
    answer): by the monitoring module's own derivation where it has one (the two disability
    answers as one, age from a date of birth on the date `on`), else answer by answer."""
    derive = getattr(monitoring, "respondent_categories", None)
    if derive is not None:
        found = derive(answers, version, on=on) if on else derive(answers, version)
        return {k: v for k, v in found.items() if v}
    out: dict[str, str] = {}
    for key, answer in answers.items():
        try:
            standard = monitoring.monitoring_question(key, version)
            category = monitoring.profile_category(key, answer, version)
        except ValueError:
            continue
        if standard.profile_variable and category:
            out[standard.profile_variable] = category
    return out


@dataclass
class _Answers:
    """The submitted responses (id, submitted, source) and each one's answers by question pk,
    with answers to questions its route did not ask left out."""

    responses: list[tuple[int, Any, str]]
    answers: dict[int, dict[int, CleanAnswer]]


def _submitted_answers(
    organisation: Organisation, survey: Survey, questions: list[Question]
) -> _Answers:
    responses = list(
        Response.objects.filter(
            organisation=organisation, survey=survey, submitted_at__isnull=False
        )
        .order_by("submitted_at", "id")
        .values_list("id", "submitted_at", "source")
    )
    stored: dict[int, dict[int, CleanAnswer]] = {r[0]: {} for r in responses}
    rows = Answer.objects.filter(
        organisation=organisation,
        response__survey=survey,
        response__submitted_at__isnull=False,
        question__in=[q.pk for q in questions],
    ).values_list("response_id", "question_id", "text", "choices", "other")
    for response_id, question_id, text, choices, other in rows.iterator(chunk_size=5000):
        if response_id in stored:
            stored[response_id][question_id] = CleanAnswer(text, list(choices or []), other)
    # Routing, in the survey's order: an answer kept from a route the respondent left (they
    # went back and changed an earlier answer) is not an answer to a question they were asked.
    answers: dict[int, dict[int, CleanAnswer]] = {}
    for response_id, given in stored.items():
        kept: dict[int, CleanAnswer] = {}
        values: dict[int, list[str]] = {}
        earlier: set[int] = set()
        for question in questions:
            answer = given.get(question.pk)
            asked = question_asked(question, values, earlier)
            earlier.add(question.pk)
            if answer is None or not asked:
                continue
            kept[question.pk] = answer
            values[question.pk] = answer.values()
        answers[response_id] = kept
    return _Answers(responses, answers)


def _with_routing(questions: list[Question], wanted: list[Question]) -> list[Question]:
    """`wanted` and the questions their routing depends on, in the survey's order."""
    by_pk = {q.pk: q for q in questions}
    need = {q.pk for q in wanted}
    stack = list(need)
    while stack:
        parent = by_pk.get(stack.pop())
        if parent and parent.show_if_question_id and parent.show_if_question_id not in need:
            need.add(parent.show_if_question_id)
            stack.append(parent.show_if_question_id)
    return [q for q in questions if q.pk in need]


def _profile_rows(
    survey: Survey, questions: list[Question], data: _Answers, variables: list[str]
) -> dict[int, dict[str, str]]:
    """Each response's profile categories. Ages from a date of birth are taken on the day the
    survey closed, so that its results do not change as time passes."""
    version = _version(survey)
    on = survey.closed_at.date() if survey.closed_at else None
    monitoring_questions = [q for q in questions if q.monitoring_key]
    out = {}
    for response_id, _, _ in data.responses:
        given = data.answers[response_id]
        answers = {
            q.monitoring_key: given[q.pk].text or "; ".join(given[q.pk].choices)
            for q in monitoring_questions
            if q.pk in given
        }
        out[response_id] = _categories(answers, version, on) if answers else {}
    for categories in out.values():
        for variable in categories:
            if variable not in variables:  # derived by the monitoring module
                variables.append(variable)
    return out


def _frame(
    organisation: Organisation, survey: Survey, questions: list[Question]
) -> tuple[pd.DataFrame, Layout]:
    version = _version(survey)
    layout = responses_layout(questions, version)
    data = _submitted_answers(organisation, survey, questions)
    profiles = _profile_rows(survey, questions, data, layout.variables)
    source_label = dict(Response.Source.choices)
    records = []
    for response_id, submitted_at, source in data.responses:
        given = data.answers[response_id]
        row: dict[str, str] = {
            SUBMITTED: submitted_at.isoformat(timespec="seconds"),
            SOURCE: source_label.get(source, source),
        }
        for column in layout.columns:
            answer = given.get(column.question.pk)
            if answer is None or answer.blank:
                continue  # not asked, or left blank: an empty cell
            if column.other:
                row[column.heading] = answer.other
            elif column.option is not None:
                row[column.heading] = YES if column.option in answer.choices else NO
            else:
                row[column.heading] = answer.text
        row.update(profiles[response_id])
        records.append(row)
    headings = [SUBMITTED, SOURCE, *(c.heading for c in layout.columns), *layout.variables]
    frame = pd.DataFrame.from_records(
        records, columns=headings, index=pd.Index([r[0] for r in data.responses], name=RESPONSE)
    )
    return frame.astype(object).fillna("").astype(str), layout


def responses_frame(*, organisation: Organisation, survey: Survey) -> pd.DataFrame:
    """The submitted responses, one row each (indexed by the response's id, in the order they
    came in): "Submitted" and "Source" (online or paper), then one column per question in the
    survey's order (a several-choice question one column per option, "Yes" or "No"; a
    question with "Other, please say" a column "<question> (other)" for what was said), then
    the population profile's characteristics derived from the monitoring answers, named as
    the profiles name them. Every cell is text; a question a respondent was not asked, or
    left blank, is an empty cell."""
    questions = survey_questions(organisation=organisation, survey=survey)
    frame, _ = _frame(organisation, survey, questions)
    return frame


def _profile(survey: Survey) -> PopulationProfile | None:
    # A consultation run in eqtrack may have no profile yet (chosen on its page).
    consultation = survey.consultation
    return consultation.profile if consultation.profile_id else None


def _split(margins: list[Margin], variables: list[str]) -> tuple[list[Margin], list[str]]:
    """The margins the survey gives (every column of each), and the characteristics it lacks."""
    have = set(variables)
    common = [m for m in margins if set(m.columns) <= have]
    missing = [m.variable for m in margins if not set(m.columns) <= have]
    return common, missing


@dataclass
class Representativeness:
    """Who has answered so far against the consultation's profile."""

    responses: int
    profile: PopulationProfile | None
    shares: list[GroupShare]
    threshold: float
    asked: list[str]  # the profile's characteristics the survey asks about
    not_asked: list[str]  # and those it does not

    @property
    def under_represented(self) -> list[GroupShare]:
        return [s for s in self.shares if s.under_represented]


def _monitoring_frame(
    organisation: Organisation, survey: Survey
) -> tuple[pd.DataFrame, list[str], int]:
    """The profile columns of every submitted response, reading only the monitoring answers
    (and those their routing depends on): cheap enough for a page that updates live."""
    questions = survey_questions(organisation=organisation, survey=survey)
    wanted = _with_routing(questions, [q for q in questions if q.monitoring_key])
    version = _version(survey)
    variables = profile_variables(wanted, version)
    data = _submitted_answers(organisation, survey, wanted)
    rows = _profile_rows(survey, wanted, data, variables)
    frame = pd.DataFrame.from_records(
        [rows[r[0]] for r in data.responses],
        columns=variables,
        index=pd.Index([r[0] for r in data.responses], name=RESPONSE),
    )
    return frame.astype(object).fillna("").astype(str), variables, len(data.responses)


def survey_representativeness(*, organisation: Organisation, survey: Survey) -> Representativeness:
    """Each group's share of the responses so far against its share of the consultation's
    population profile, under-represented groups flagged as for an uploaded consultation;
    only the characteristics the survey asks about. Without a profile, no shares."""
    _own(organisation, survey)
    profile = _profile(survey)
    frame, variables, n = _monitoring_frame(organisation, survey)
    if profile is None:
        return Representativeness(n, None, [], THRESHOLD, [], [])
    common, missing = _split(population_margins(profile=profile), variables)
    shares = representativeness(frame, common, threshold=THRESHOLD) if common else []
    return Representativeness(n, profile, shares, THRESHOLD, [m.variable for m in common], missing)


@dataclass
class SurveyResults:
    """The answers' shares (weighted when `weighted`), with what the weighting did."""

    responses: int
    profile: PopulationProfile | None
    weighted: bool
    # Each response's weight by its id (1 for everyone when not weighted).
    weights: pd.Series
    frame: pd.DataFrame  # the responses (responses_frame)
    results: list[dict[str, Any]]  # as Consultation.results: question, answer, share, ...
    shares: list[GroupShare]
    diagnostics: Diagnostics | None
    notes: list[str] = field(default_factory=list)  # what was left out, or why not weighted

    def diagnostics_dict(self) -> dict[str, Any]:
        """The diagnostics as the consultation keeps them (with their lines to show)."""
        if self.diagnostics is not None:
            return {
                **dataclasses.asdict(self.diagnostics),
                "lines": self.diagnostics.lines(),
                "source": "survey",
            }
        return {
            "respondents": self.responses,
            "weighted": 0,
            "missing": self.responses,
            "converged": False,
            "lines": [f"respondents: {self.responses} (not weighted)", *self.notes],
            "source": "survey",
        }

    def shares_list(self) -> list[dict[str, Any]]:
        return [
            {**dataclasses.asdict(s), "ratio": s.ratio if np.isfinite(s.ratio) else None}
            for s in self.shares
        ]


def _weighting_margins(
    frame: pd.DataFrame, margins: list[Margin]
) -> tuple[list[Margin], list[str]]:
    """The margins as raked: a category with population but no respondent (among those who
    answered every weighting question) cannot be weighted up from nobody, so it is left out
    and the others are weighted to their shares among themselves; the notes say which."""
    complete = pd.Series(True, index=frame.index)
    for margin in margins:
        values = _margin_values(frame, margin)
        complete &= values.isin(list(margin.population))
    notes = []
    out = []
    for margin in margins:
        present = set(_margin_values(frame, margin)[complete])
        empty = [c for c, p in margin.population.items() if p > 0 and c not in present]
        kept = {c: p for c, p in margin.population.items() if c not in empty}
        if empty:
            listed = ", ".join(f"“{c}”" for c in empty[:5]) + ("…" if len(empty) > 5 else "")
            notes.append(
                f"{margin.variable}: no respondent is in {listed}, so the other groups are "
                "weighted to their shares among themselves"
            )
        if kept and empty:
            # As shares, so that the counts left (now fewer people than the other margins
            # count) are not refused as describing another population.
            total = sum(kept.values())
            kept = {c: p / total for c, p in kept.items()}
        if kept:
            out.append(Margin(margin.variable, kept))
    return out, notes


def _margin_values(frame: pd.DataFrame, margin: Margin) -> pd.Series:
    values = frame[margin.columns[0]].astype(str)
    for column in margin.columns[1:]:
        values = values + "*" + frame[column].astype(str)
    return values.str.strip()


def _answer_rows(
    question: Question,
    columns: list[Column],
    frame: pd.DataFrame,
    weights: np.ndarray | None,
) -> list[dict[str, Any]]:
    """One question's answers' shares, in the question's order of answers (those nobody chose
    included, at 0%). A several-choice question's share of an answer is the share of those who
    answered the question that chose it."""
    rows: list[dict[str, Any]] = []
    if question.kind == Question.Kind.SEVERAL_CHOICES:
        for column in columns:
            answers, effective = weighted_results(frame[column.heading], weights)
            yes = next((a for a in answers if a.answer == YES), None)
            if yes is None:
                low, high = wilson(0, effective)
                count, share = 0, 0.0
            else:
                low, high, count, share = yes.low, yes.high, yes.respondents, yes.share
            if effective == 0:
                continue
            rows.append(_row(question, column.option or "", count, share, low, high, effective))
        return rows
    coded, labels = _coded(frame[columns[0].heading])
    answers, effective = weighted_results(coded, weights)
    if effective == 0:
        return rows
    found = {labels[a.answer]: a for a in answers}
    answers = [dataclasses.replace(a, answer=labels[a.answer]) for a in answers]
    options = [str(o) for o in question.options or []]
    if question.other_option:
        options.append(OTHER)
    for option in options + [a.answer for a in answers if a.answer not in options]:
        a = found.get(option)
        if a is None:
            low, high = wilson(0, effective)
            rows.append(_row(question, option, 0, 0.0, low, high, effective))
        else:
            rows.append(_row(question, option, a.respondents, a.share, a.low, a.high, effective))
    return rows


def _coded(values: pd.Series) -> tuple[pd.Series, dict[str, str]]:
    """The answers as codes, blank kept blank: the engine takes "Don't know" and "Not known"
    for no answer, as they are in a file of characteristics, but in a survey they are answers."""
    labels = {f"#{i}": v for i, v in enumerate(sorted(set(values) - {""}))}
    codes = {v: k for k, v in labels.items()}
    return values.map(lambda v: codes.get(v, "")), labels


def _row(
    question: Question,
    answer: str,
    respondents: int,
    share: float,
    low: float,
    high: float,
    effective: float,
) -> dict[str, Any]:
    return {
        "question": question.text,
        "question_id": question.pk,
        "answer": answer,
        "respondents": int(respondents),
        "share": float(share),
        "low": float(low),
        "high": float(high),
        "effective_n": float(effective),
    }


def survey_results(
    *, organisation: Organisation, survey: Survey, weigh: bool = True
) -> SurveyResults:
    """The shares of the answers to each choice and scale question (not the monitoring
    questions, whose shares are the representativeness table), with 95% intervals. With
    `weigh`, weighted by raking the respondents' profile categories to the consultation's
    profile on the characteristics both have; the intervals then allow for the weighting. A
    survey that cannot be weighted (no profile, no characteristic in common, margins that
    cannot be met) gets unweighted shares and notes saying why."""
    questions = survey_questions(organisation=organisation, survey=survey)
    frame, layout = _frame(organisation, survey, questions)
    n = len(frame)
    profile = _profile(survey)
    notes: list[str] = []
    shares: list[GroupShare] = []
    diagnostics: Diagnostics | None = None
    weights = np.ones(n)
    weighted = False
    if profile is None:
        notes.append("not weighted: the consultation has no population profile; choose one")
    else:
        common, missing = _split(population_margins(profile=profile), layout.variables)
        shares = representativeness(frame, common, threshold=THRESHOLD) if common else []
        notes += [f"not weighted by {v}: the survey does not ask about it" for v in missing]
        if weigh and not common:
            notes.append(
                "not weighted: the survey asks about none of the profile's characteristics"
            )
        elif weigh and n:
            margins, left_out = _weighting_margins(frame, common)
            try:
                weights, diagnostics = rake(frame, margins)
            except WeightingError as e:
                notes.append(f"not weighted: {e}")
            else:
                weighted = True
                diagnostics.notes[:0] = notes + left_out
    results: list[dict[str, Any]] = []
    for question in questions:
        if question.kind in CHOICE_KINDS and not question.monitoring_key:
            results += _answer_rows(
                question, layout.question_columns(question), frame, weights if weighted else None
            )
    return SurveyResults(
        responses=n,
        profile=profile,
        weighted=weighted,
        weights=pd.Series(weights, index=frame.index, name=WEIGHT, dtype=float),
        results=results,
        shares=shares,
        diagnostics=diagnostics,
        notes=notes,
        frame=frame,
    )


def survey_weighted_results(*, organisation: Organisation, survey: Survey) -> SurveyResults:
    """The answers weighted to the consultation's profile (see survey_results)."""
    return survey_results(organisation=organisation, survey=survey, weigh=True)


def response_weights(*, organisation: Organisation, survey: Survey) -> Mapping[int, float] | None:
    """Each submitted response's weight by its id, for weighted shares of anything about the
    responses (themes in free text, say); None when the responses cannot be weighted (no
    profile, no characteristic in common, margins that cannot be met)."""
    result = survey_weighted_results(organisation=organisation, survey=survey)
    if not result.weighted:
        return None
    return {int(k): float(v) for k, v in result.weights.items()}


def submitted_count(*, organisation: Organisation, survey: Survey) -> dict[str, int]:
    """How many responses are submitted, in all and by source (online, paper)."""
    _own(organisation, survey)
    counts = {s: 0 for s in Response.Source.values}
    for row in (
        Response.objects.filter(
            organisation=organisation, survey=survey, submitted_at__isnull=False
        )
        .values("source")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["source"]] = row["n"]
    return {"all": sum(counts.values()), **counts}
