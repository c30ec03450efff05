"""The standard equality monitoring questions (ONS / GSS harmonised standards and Census 2021),
as versioned data, and how their answers map to the population profiles' categories, so a
survey that asks them needs no mapping file to be compared with the borough or weighted.

Each version is a JSON file in monitoring/ (e.g. monitoring/2024-1.json) holding its sources
and every question's wording and answers exactly as the cited standard has them. A change of
wording is a new version in a new file; a survey keeps the version it was built from, so old
versions stay readable."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

PREFER_NOT_TO_SAY = "Prefer not to say"

CURRENT_VERSION = "2024-1"

SETS_DIR = Path(__file__).resolve().parent / "monitoring"

# The census profile's variables and categories the answers map to (census2021/*.csv).
SEX, ETHNIC_GROUP, DISABILITY, RELIGION = (
    "sex",
    "ethnic group (19)",
    "disability (all ages)",
    "religion",
)
AGE, AGE_8 = "age", "age (8 categories)"
DISABLED = "Disabled under the Equality Act"
NOT_DISABLED = "Not disabled under the Equality Act"
# The two parts of the GSS disability question.
CONDITION, ACTIVITY = "long_lasting_condition", "activity_restriction"
REDUCED = ("Yes, a lot", "Yes, a little")


@dataclass(frozen=True)
class MonitoringQuestion:
    key: str  # "sex", "gender_identity", "sexual_orientation", "ethnic_group", ...
    text: str  # the question exactly as the standard words it
    kind: str  # a surveys Question.Kind value: "one_choice", "several_choices", "date", ...
    # The answers exactly as the standard words them, in its order, then "Prefer not to say".
    # A date question's only option is "Prefer not to say", offered beside the date.
    options: tuple[str, ...]
    hint: str = ""
    # The surveys' own "Other, please say" (an extra answer). The standards' write-ins belong to
    # one of their own answers instead (see write_ins), so no standard question sets this.
    other_option: bool = False
    source: str = ""  # the standard, its version and its address
    # The profile variable its answers map to (as in census2021/*.csv: "sex",
    # "ethnic group (19)", "disability (all ages)", "religion"), or "" when none.
    profile_variable: str = ""
    # answer -> profile category, for the answers whose wording differs from the category.
    categories: dict[str, str] = field(default_factory=dict)
    # The profile variable's categories in the census output's own order (e.g. TS021's for the
    # 19 ethnic groups), when it differs from the order of the answers; empty otherwise.
    profile_categories: tuple[str, ...] = ()
    # answer -> the label of the box that answer opens for the respondent's own words
    # (e.g. "Other sexual orientation" -> "Enter sexual orientation"), as the standard has it.
    write_ins: dict[str, str] = field(default_factory=dict)
    # The standard's headings over its answers, e.g. ("White", ("Irish", ...)); empty when none.
    option_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    option_hints: dict[str, str] = field(default_factory=dict)  # answer -> its hint text
    exclusive: tuple[str, ...] = ()  # several choices: answers that cannot go with any other
    # Routing: asked only when question `show_if_key` was answered with one of these.
    show_if_key: str = ""
    show_if_answers: tuple[str, ...] = ()
    # What was confirmed from which source, and anything that was not.
    source_note: str = ""


@dataclass(frozen=True)
class MonitoringSet:
    version: str
    title: str
    note: str
    sources: dict[str, dict[str, str]]
    questions: tuple[MonitoringQuestion, ...]


def _cite(source: dict[str, str]) -> str:
    return ", ".join(part for part in (source["title"], source["version"], source["url"]) if part)


def _question(data: dict[str, Any], sources: dict[str, dict[str, str]]) -> MonitoringQuestion:
    show_if = data.get("show_if") or ["", []]
    return MonitoringQuestion(
        key=data["key"],
        text=data["text"],
        kind=data["kind"],
        options=tuple(data["options"]),
        hint=data.get("hint", ""),
        source="; ".join(_cite(sources[name]) for name in data["sources"]),
        profile_variable=data.get("profile_variable", ""),
        categories=dict(data.get("categories", {})),
        profile_categories=tuple(data.get("profile_categories", [])),
        write_ins=dict(data.get("write_ins", {})),
        option_groups=tuple(
            (heading, tuple(options)) for heading, options in data.get("option_groups", [])
        ),
        option_hints=dict(data.get("option_hints", {})),
        exclusive=tuple(data.get("exclusive", [])),
        show_if_key=show_if[0],
        show_if_answers=tuple(show_if[1]),
        source_note=data.get("source_note", ""),
    )


@cache
def _set(version: str) -> MonitoringSet:
    if version not in versions():
        raise ValueError(
            f"no monitoring questions of version {version!r} (there are {', '.join(versions())})"
        )
    data = json.loads((SETS_DIR / f"{version}.json").read_text(encoding="utf-8"))
    sources = data["sources"]
    return MonitoringSet(
        version=data["version"],
        title=data["title"],
        note=data["note"],
        sources=sources,
        questions=tuple(_question(q, sources) for q in data["questions"]),
    )


def versions() -> list[str]:
    """The versions there are, oldest first."""
    return sorted(path.stem for path in SETS_DIR.glob("*.json"))


def monitoring_version(version: str = CURRENT_VERSION) -> MonitoringSet:
    """A version's questions with its title, note and sources."""
    return _set(version)


def monitoring_set(version: str = CURRENT_VERSION) -> tuple[MonitoringQuestion, ...]:
    """The standard questions of `version`, in the order a survey asks them."""
    return _set(version).questions


def monitoring_question(key: str, version: str = CURRENT_VERSION) -> MonitoringQuestion:
    for question in monitoring_set(version):
        if question.key == key:
            return question
    keys = ", ".join(q.key for q in monitoring_set(version))
    raise ValueError(f"no monitoring question {key!r} in version {version!r} (there are {keys})")


def profile_category(key: str, answer: str, version: str = CURRENT_VERSION) -> str | None:
    """The population profile's category for an answer to monitoring question `key`, or None
    when the answer has none ("Prefer not to say", blank, an answer not among the options, a
    question the profiles lack, or "Yes" to the first part of the disability question, which
    needs the second: see disability_derived). A date of birth gives its five-year age band on
    today's date (age_bands gives both bandings on any date)."""
    question = monitoring_question(key, version)
    if not question.profile_variable or not answer or answer == PREFER_NOT_TO_SAY:
        return None
    if question.kind == "date":
        return age_bands(answer).get(question.profile_variable)
    if answer in question.categories:
        return question.categories[answer]
    if key == CONDITION:
        return None  # "Yes" alone: disabled or not depends on the second part
    return answer if answer in question.options else None


def disability_derived(condition: str, reduced: str) -> str | None:
    """Disability under the Equality Act from the two parts of the GSS question, as ONS derives
    it for Census 2021: a long-lasting condition ("Yes") that reduces day-to-day activities a
    lot or a little is "Disabled under the Equality Act"; no such condition ("No"), or one that
    reduces them "Not at all", is "Not disabled under the Equality Act". None when the answers
    do not tell (blank, "Prefer not to say", "Yes" without the second part, or not options)."""
    if condition == "No":
        return NOT_DISABLED
    if condition != "Yes":
        return None
    if reduced in REDUCED:
        return DISABLED
    if reduced == "Not at all":
        return NOT_DISABLED
    return None


# Census 2021 TS007A's five-year bands: (lowest age, label), youngest first.
_FIVE_YEAR = (
    [(0, "Aged 4 years and under")]
    + [(low, f"Aged {low} to {low + 4} years") for low in range(5, 85, 5)]
    + [(85, "Aged 85 years and over")]
)
# Census 2021's Age (8 categories).
_EIGHT = (
    (0, "Aged 15 years and under"),
    (16, "Aged 16 to 24 years"),
    (25, "Aged 25 to 34 years"),
    (35, "Aged 35 to 44 years"),
    (45, "Aged 45 to 54 years"),
    (55, "Aged 55 to 64 years"),
    (65, "Aged 65 to 74 years"),
    (75, "Aged 75 years and over"),
)


def _band(age: int, bands: tuple[tuple[int, str], ...] | list[tuple[int, str]]) -> str:
    return next(label for low, label in reversed(bands) if age >= low)


def age_bands(date_of_birth: str, on: dt.date | None = None) -> dict[str, str]:
    """The age bands of someone born on `date_of_birth` (ISO, 2001-03-31) on the date `on`
    (today if not given): {"age": TS007A five-year band, "age (8 categories)": …}; empty when
    the date is not a date or is after `on`."""
    try:
        born = dt.date.fromisoformat(date_of_birth.strip())
    except ValueError:
        return {}
    on = on or dt.date.today()  # noqa: DTZ011 - a birthday is a calendar date, no time zone
    if born > on:
        return {}
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return {AGE: _band(age, _FIVE_YEAR), AGE_8: _band(age, _EIGHT)}


def respondent_categories(
    answers: dict[str, str], version: str = CURRENT_VERSION, *, on: dt.date | None = None
) -> dict[str, str]:
    """One respondent's profile columns (variable -> category) from their answers to the
    monitoring questions ({monitoring_key: answer}), so representativeness and weighting need
    no mapping file. Keys that are not monitoring questions of `version` are left out, as are
    answers with no category; the two disability answers give one "disability (all ages)"; a
    date of birth gives its age bands on `on` (today if not given), and wins over an age band
    answer. Raises ValueError for an unknown version."""
    questions = {q.key: q for q in monitoring_set(version)}
    columns: dict[str, str] = {}
    for key, answer in answers.items():
        question = questions.get(key)
        if question is None or key in (CONDITION, ACTIVITY) or not question.profile_variable:
            continue
        if question.kind == "date":
            continue  # below, so it wins over an age band
        category = profile_category(key, answer, version)
        if category is not None:
            columns[question.profile_variable] = category
    if CONDITION in questions and (CONDITION in answers or ACTIVITY in answers):
        disability = disability_derived(answers.get(CONDITION, ""), answers.get(ACTIVITY, ""))
        if disability is not None:
            columns[DISABILITY] = disability
    for key, question in questions.items():
        if question.kind == "date" and answers.get(key):
            columns |= age_bands(answers[key], on)
    return columns


def categories_of(variable: str, version: str = CURRENT_VERSION) -> tuple[str, ...]:
    """Every profile category a variable's monitoring answers can give, in the census output's
    order where the data gives one (the 19 Census 2021 ethnic groups in TS021's order), else
    in the order of the answers."""
    if variable == AGE:
        return tuple(label for _, label in _FIVE_YEAR)
    if variable == AGE_8:
        return tuple(label for _, label in _EIGHT)
    found: dict[str, None] = {}
    for question in monitoring_set(version):
        if question.profile_variable != variable or question.kind == "date":
            continue
        if question.profile_categories:
            return question.profile_categories
        for option in question.options:
            category = profile_category(question.key, option, version)
            if category is not None:
                found[category] = None
    if not found:
        raise ValueError(f"no monitoring question of version {version!r} gives {variable!r}")
    return tuple(found)
