"""Surveys to answer in the tests, made through the ORM: one question of every kind, with
routing and "Other, please say"."""

from __future__ import annotations

from typing import Any

from eqtrack.consultations.models import Consultation, PopulationProfile
from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Question, Survey

K = Question.Kind


def survey_create(
    organisation: Organisation,
    *,
    title: str = "Parks and open spaces",
    status: str = Survey.Status.OPEN,
    identity: str = Survey.Identity.ANONYMOUS,
    one_question_a_page: bool = True,
) -> Survey:
    profile = PopulationProfile.objects.create(
        organisation=organisation, name=f"Borough {PopulationProfile.objects.count()}"
    )
    consultation = Consultation.objects.create(
        organisation=organisation,
        title=title,
        profile=profile,
    )
    return Survey.objects.create(
        organisation=organisation,
        consultation=consultation,
        introduction="Tell us how you use the borough's parks.",
        status=status,
        identity=identity,
        one_question_a_page=one_question_a_page,
    )


def question_add(survey: Survey, kind: str, text: str, **fields: Any) -> Question:
    position = survey.questions.count() + 1
    fields.setdefault("page", position)
    return Question.objects.create(
        organisation_id=survey.organisation_id,
        survey=survey,
        position=position,
        kind=kind,
        text=text,
        **fields,
    )


def park_survey(organisation: Organisation, **kwargs: Any) -> tuple[Survey, dict[str, Question]]:
    """A survey with every kind of question. "why_not" is asked only of those who answered
    "Never" to "visits"; "what_used" ("Other, please say") only of the others."""
    survey = survey_create(organisation, **kwargs)
    q: dict[str, Question] = {}
    q["visits"] = question_add(
        survey,
        K.ONE_CHOICE,
        "How often do you visit a park?",
        options=["Every day", "Every week", "Never"],
        required=True,
    )
    q["why_not"] = question_add(
        survey,
        K.FREE_TEXT,
        "Why do you not visit parks?",
        show_if_question=q["visits"],
        show_if_answers=["Never"],
        required=True,
    )
    q["what_used"] = question_add(
        survey,
        K.SEVERAL_CHOICES,
        "What do you use the park for?",
        options=["Walking", "Sport", "Play"],
        other_option=True,
        show_if_question=q["visits"],
        show_if_answers=["Every day", "Every week"],
        required=True,
    )
    q["safety"] = question_add(
        survey,
        K.SCALE,
        "How safe do you feel in the park?",
        options=["Very unsafe", "Unsafe", "Neither", "Safe", "Very safe"],
        hint="Think of the park you visit most.",
    )
    q["people"] = question_add(
        survey, K.NUMBER, "How many people live in your home?", required=True
    )
    q["born"] = question_add(
        survey, K.DATE, "What is your date of birth?", hint="For example, 27 3 1980"
    )
    q["postcode"] = question_add(survey, K.POSTCODE, "What is your postcode?")
    q["else"] = question_add(survey, K.FREE_TEXT, "Is there anything else you want to tell us?")
    return survey, q
