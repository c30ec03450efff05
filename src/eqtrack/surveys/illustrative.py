"""Illustrative survey responses: made-up residents (seeded, so the same every time) answering a
survey, for the demo and the benchmarks. Younger people, men and ethnic minority residents
answer less often than the borough's make-up, as they do in real consultations, so that the
representativeness and weighting pages have something to show. Not real people: the demo says
so in the consultation's title and summary."""

from __future__ import annotations

import datetime as dt
import secrets

import numpy as np
from django.db import transaction
from django.utils import timezone

from eqtrack.consultations.monitoring import PREFER_NOT_TO_SAY

from .models import Answer, Question, Response, Survey

# Free-text answers on a few clear subjects, each said in several ways, so that themes found
# in them are recognisable; a few blanks and "n/a" as real answers have.
SUBJECTS: dict[str, tuple[str, ...]] = {
    "buses": (
        "More buses in the evening would help me get to work.",
        "The bus to the hospital is too infrequent and often late.",
        "Buses stop running too early for shift workers.",
        "Cheaper bus fares for young people please.",
    ),
    "parking": (
        "Parking in the town centre is too expensive.",
        "There is never enough parking near the high street.",
        "Parking charges put me off shopping in town.",
        "Free parking on Sundays would bring people back to the town centre.",
    ),
    "bins": (
        "Bins are not collected on time in my road.",
        "Recycling collections are missed every other week.",
        "Please collect garden waste more often.",
        "Fly-tipping near the recycling bins is getting worse.",
    ),
    "parks": (
        "The park needs better lighting so it feels safe at night.",
        "More benches and toilets in the parks for older people.",
        "Keep the parks clean and the play areas safe for children.",
        "The park paths are not suitable for wheelchairs.",
    ),
    "libraries": (
        "The library opening hours are too short for people who work.",
        "Please keep the library open on Saturdays.",
        "The library is a lifeline for older people and must stay open.",
        "More computers and help with forms at the library.",
    ),
}
NOT_ANSWERS = ("", "", "n/a", "No comment")
ENDINGS = ("", "", " Thank you.", " This matters a lot to my family.", " It has got worse.")

# How often each monitoring answer is given, before the skew below (roughly the sample
# borough's make-up; made up where the census figures shipped with eqtrack have none).
SHARES: dict[str, dict[str, float]] = {
    "sex": {"Female": 0.6, "Male": 0.37, PREFER_NOT_TO_SAY: 0.03},
    "gender_identity": {"Yes": 0.95, "No": 0.01, PREFER_NOT_TO_SAY: 0.04},
    "long_lasting_condition": {"Yes": 0.3, "No": 0.66, PREFER_NOT_TO_SAY: 0.04},
    "activity_restriction": {"Yes, a lot": 0.3, "Yes, a little": 0.45, "Not at all": 0.25},
    "armed_forces": {"No": 0.93, PREFER_NOT_TO_SAY: 0.03},
}


def _choice(rng: np.random.Generator, options: list[str], weights: list[float]) -> str:
    total = sum(weights)
    return options[int(rng.choice(len(options), p=[w / total for w in weights]))]


def _monitoring(question: Question, rng: np.random.Generator) -> str:
    key, options = question.monitoring_key, list(question.options)
    if key in SHARES:
        shares = SHARES[key]
        return _choice(
            rng,
            [o for o in options if o in shares] or options,
            [shares.get(o, 0.0) for o in options if o in shares] or [1.0] * len(options),
        )
    if key == "ethnic_group":
        # Nine in ten answer with the first option (White British), fewer than the borough's
        # minority groups would give: the under-representation the live page flags.
        return _choice(rng, options, [30.0] + [0.2] * (len(options) - 2) + [1.0])
    # Everything else: the first answer most often, the rest spread out.
    return _choice(rng, options, [5.0] + [1.0] * (len(options) - 1))


def _free_text(rng: np.random.Generator) -> str:
    if rng.random() < 0.08:
        return str(rng.choice(NOT_ANSWERS))
    subject = list(SUBJECTS)[int(rng.choice(len(SUBJECTS), p=[0.25, 0.2, 0.2, 0.2, 0.15]))]
    return str(rng.choice(SUBJECTS[subject])) + str(rng.choice(ENDINGS))


def _answer(question: Question, rng: np.random.Generator, born: dt.date) -> Answer | None:
    kind = question.kind
    answer = Answer(organisation_id=question.organisation_id, question=question)
    if question.monitoring_key == "date_of_birth":
        answer.text = born.isoformat()
    elif question.monitoring_key == "armed_forces":
        answer.choices = [_monitoring(question, rng)]
    elif question.monitoring_key:
        answer.text = _monitoring(question, rng)
    elif kind in (Question.Kind.ONE_CHOICE, Question.Kind.SCALE):
        options = list(question.options)
        answer.text = _choice(rng, options, [len(options) - i for i in range(len(options))])
    elif kind == Question.Kind.SEVERAL_CHOICES:
        picked = [o for o in question.options if rng.random() < 0.4]
        answer.choices = picked or [question.options[0]]
    elif kind == Question.Kind.FREE_TEXT:
        answer.text = _free_text(rng)
        if not answer.text:
            return None
    elif kind == Question.Kind.NUMBER:
        answer.text = str(int(rng.integers(0, 6)))
    elif kind == Question.Kind.DATE:
        answer.text = (
            dt.date(2026, 1, 1) + dt.timedelta(days=int(rng.integers(0, 300)))
        ).isoformat()
    elif kind == Question.Kind.POSTCODE:
        answer.text = f"ME{int(rng.integers(14, 18))} {int(rng.integers(1, 9))}XX"
    return answer


def _asked(question: Question, given: dict[int, Answer]) -> bool:
    """The survey's routing, for made-up answers given in question order."""
    if not question.show_if_question_id:
        return True
    earlier = given.get(question.show_if_question_id)
    if earlier is None:
        return False
    said = set(earlier.choices) | {earlier.text}
    return bool(said & set(question.show_if_answers))


@transaction.atomic
def illustrative_responses_add(*, survey: Survey, count: int, seed: int = 18) -> int:
    """`count` made-up submitted responses to `survey`, answered as its routing asks; how many
    answers were stored. Older residents answer more often than younger ones."""
    rng = np.random.default_rng(seed)
    questions = list(survey.questions.order_by("position", "pk"))
    now = timezone.now()
    responses = Response.objects.bulk_create(
        Response(
            organisation_id=survey.organisation_id,
            survey=survey,
            token=secrets.token_urlsafe(24),
            submitted_at=now,
        )
        for _ in range(count)
    )
    answers: list[Answer] = []
    for response in responses:
        # Ages 18 to 90, older people more likely to answer (the skew weighting corrects).
        age = int(18 + 72 * rng.beta(2.2, 1.6))
        born = dt.date(2026 - age, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        given: dict[int, Answer] = {}
        for question in questions:
            if not _asked(question, given):
                continue
            answer = _answer(question, rng, born)
            if answer is not None:
                answer.response = response
                given[question.pk] = answer
        answers += given.values()
    Answer.objects.bulk_create(answers, batch_size=2000)
    return len(answers)
