"""Test data for themes: a council with a consultation, its survey (a free-text question and
the sex monitoring question) and submitted responses, built with the ORM."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.models import Consultation
from eqtrack.consultations.services import profile_create
from eqtrack.consultations.weighting import Margin
from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Answer, Question, Response, Survey

from .test_themes_engine import BINS, LIBRARIES, PARKING


@dataclass
class World:
    org: Organisation
    consultation: Consultation
    survey: Survey
    question: Question  # free text
    sex: Question  # monitoring
    admin: object
    viewer: object


def world_create(slug: str = "maidstone") -> World:
    org = Organisation.objects.create(name=f"{slug.title()} Borough Council", slug=slug)
    profile = profile_create(
        organisation=org, name="Borough", margins=[Margin("sex", {"Female": 51, "Male": 49})]
    )
    consultation = Consultation.objects.create(
        organisation=org,
        title="Town centre survey",
        profile=profile,
    )
    survey = Survey.objects.create(
        organisation=org, consultation=consultation, status=Survey.Status.CLOSED
    )
    question = Question.objects.create(
        organisation=org,
        survey=survey,
        position=1,
        kind=Question.Kind.FREE_TEXT,
        text="What would make the town centre better?",
    )
    sex = Question.objects.create(
        organisation=org,
        survey=survey,
        position=2,
        kind=Question.Kind.ONE_CHOICE,
        text="What is your sex?",
        options=["Female", "Male", "Prefer not to say"],
        monitoring_key="sex",
    )
    return World(
        org=org,
        consultation=consultation,
        survey=survey,
        question=question,
        sex=sex,
        admin=member_create(org, Role.ADMINISTRATOR),
        viewer=member_create(org, Role.VIEWER),
    )


def respond(world: World, text: str, sex: str = "", *, submitted: bool = True) -> Answer:
    response = Response.objects.create(
        organisation=world.org,
        survey=world.survey,
        token=secrets.token_urlsafe(16),
        submitted_at=timezone.now() if submitted else None,
    )
    if sex:
        Answer.objects.create(
            organisation=world.org, response=response, question=world.sex, text=sex
        )
    return Answer.objects.create(
        organisation=world.org, response=response, question=world.question, text=text
    )


def answers_create(world: World) -> dict[str, list[Answer]]:
    """Five answers on each of parking (women), bins (men) and libraries (both), and a blank."""
    made = {
        "parking": [respond(world, t, "Female") for t in PARKING],
        "bins": [respond(world, t, "Male") for t in BINS],
        "libraries": [respond(world, t, s) for t, s in zip(LIBRARIES, "FMFMF", strict=True)],
    }
    for answer in made["libraries"]:
        sex = Answer.objects.get(response=answer.response, question=world.sex)
        sex.text = {"F": "Female", "M": "Male"}[sex.text]
        sex.save()
    respond(world, "", "Female")
    respond(world, "Unsubmitted parking answer", "Male", submitted=False)
    return made
