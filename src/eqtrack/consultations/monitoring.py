"""The standard equality monitoring questions (ONS / GSS harmonised standards and Census 2021),
as versioned data, and how their answers map to the population profiles' categories, so a
survey that asks them needs no mapping file to be compared with the borough or weighted.

STUB: the contract other modules code against; the data and its tests are being filled in
(issue 18). Keep the names and signatures."""

from __future__ import annotations

from dataclasses import dataclass, field

PREFER_NOT_TO_SAY = "Prefer not to say"

CURRENT_VERSION = "2024-1"


@dataclass(frozen=True)
class MonitoringQuestion:
    key: str  # "sex", "gender_identity", "sexual_orientation", "ethnic_group", ...
    text: str  # the question exactly as the standard words it
    kind: str  # a surveys Question.Kind value: "one_choice", "several_choices", "date", ...
    options: tuple[str, ...]  # the answers exactly as the standard words them, in its order
    hint: str = ""
    other_option: bool = False  # the standard's write-in ("Other, please say")
    source: str = ""  # the standard, its version and its address
    # The profile variable its answers map to (as in census2021/*.csv: "sex",
    # "ethnic group (19)", "disability (all ages)", "religion"), or "" when none.
    profile_variable: str = ""
    # answer -> profile category, for the answers whose wording differs from the category.
    categories: dict[str, str] = field(default_factory=dict)


_SETS: dict[str, tuple[MonitoringQuestion, ...]] = {
    CURRENT_VERSION: (
        MonitoringQuestion(
            key="sex",
            text="What is your sex?",
            kind="one_choice",
            options=("Female", "Male", PREFER_NOT_TO_SAY),
            hint="A question about gender identity will follow.",
            source="ONS, Sex question, Census 2021",
            profile_variable="sex",
        ),
    )
}


def versions() -> list[str]:
    return list(_SETS)


def monitoring_set(version: str = CURRENT_VERSION) -> tuple[MonitoringQuestion, ...]:
    """The standard questions of `version`, in the order a survey asks them."""
    try:
        return _SETS[version]
    except KeyError:
        raise ValueError(f"no monitoring questions of version {version!r}") from None


def monitoring_question(key: str, version: str = CURRENT_VERSION) -> MonitoringQuestion:
    for question in monitoring_set(version):
        if question.key == key:
            return question
    raise ValueError(f"no monitoring question {key!r} in version {version!r}")


def profile_category(key: str, answer: str, version: str = CURRENT_VERSION) -> str | None:
    """The population profile's category for an answer to monitoring question `key`, or None
    when the answer has none ("Prefer not to say", blank, or a question the profiles lack)."""
    question = monitoring_question(key, version)
    if not question.profile_variable or not answer or answer == PREFER_NOT_TO_SAY:
        return None
    return question.categories.get(answer, answer if answer in question.options else None)
