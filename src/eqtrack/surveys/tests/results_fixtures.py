"""A survey built through the ORM for the results tests: a consultation on a Census 2021
profile (sex and religion), questions of every kind that has shares (one choice, several
choices with "Other", a scale) with a free-text question routed on the first, the standard
sex question, and a postcode; and a helper that submits a response as a resident would."""

from __future__ import annotations

import secrets

from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.models import Consultation
from eqtrack.consultations.monitoring import monitoring_question
from eqtrack.consultations.services import profile_create_from_census
from eqtrack.organisations.models import Organisation
from eqtrack.surveys.answers import answer_clean
from eqtrack.surveys.models import Answer, Question, Response, Survey

SCALE = ["Very unsafe", "Unsafe", "Neither safe nor unsafe", "Safe", "Very safe"]


def survey_build() -> dict:
    org = Organisation.objects.create(name="Test Borough", slug="test-borough")
    admin = member_create(org, Role.ADMINISTRATOR)
    profile = profile_create_from_census(
        organisation=org,
        user=admin,
        name="Maidstone",
        area_code="E07000110",
        characteristics=["sex", "religion"],
    )
    consultation = Consultation.objects.create(
        organisation=org,
        title="Parks and open spaces",
        profile=profile,
    )
    survey = Survey.objects.create(
        organisation=org, consultation=consultation, status=Survey.Status.OPEN
    )

    def question(position: int, **fields) -> Question:
        return Question.objects.create(organisation=org, survey=survey, position=position, **fields)

    support = question(
        1,
        kind=Question.Kind.ONE_CHOICE,
        text="Do you support the plan?",
        options=["Yes", "No", "Don't know"],
        required=True,
    )
    why = question(
        2,
        kind=Question.Kind.FREE_TEXT,
        text="Why not?",
        show_if_question=support,
        show_if_answers=["No"],
    )
    parks = question(
        3,
        kind=Question.Kind.SEVERAL_CHOICES,
        text="Which parks do you use?",
        options=["North Park", "River Walk"],
        other_option=True,
    )
    safe = question(4, kind=Question.Kind.SCALE, text="How safe do you feel?", options=SCALE)
    standard = monitoring_question("sex")
    sex = question(
        5,
        kind=standard.kind,
        text=standard.text,
        hint=standard.hint,
        options=list(standard.options),
        monitoring_key="sex",
    )
    postcode = question(6, kind=Question.Kind.POSTCODE, text="What is your postcode?")
    return {
        "org": org,
        "admin": admin,
        "viewer": member_create(org, Role.VIEWER),
        "profile": profile,
        "consultation": consultation,
        "survey": survey,
        "support": support,
        "why": why,
        "parks": parks,
        "safe": safe,
        "sex": sex,
        "postcode": postcode,
        "sex_options": list(standard.options),
    }


def respond(survey: Survey, answers: dict[Question, object], *, submitted: bool = True) -> Response:
    """A resident's response, each answer cleaned as the survey cleans it."""
    response = Response.objects.create(
        organisation=survey.organisation,
        survey=survey,
        token=secrets.token_urlsafe(16),
        submitted_at=timezone.now() if submitted else None,
    )
    for question, raw in answers.items():
        clean = answer_clean(question, raw)
        Answer.objects.create(
            organisation=survey.organisation,
            response=response,
            question=question,
            text=clean.text,
            choices=clean.choices,
            other=clean.other,
        )
    return response
