"""The demo's made-up responses: answered as the survey's routing asks, the same every time,
and skewed (fewer ethnic minority residents) so the live representativeness page flags them."""

import pytest

from eqtrack.consultations.models import Consultation
from eqtrack.consultations.services import profile_create_from_census
from eqtrack.surveys.illustrative import illustrative_responses_add
from eqtrack.surveys.models import Answer, Response
from eqtrack.surveys.selectors.results import (
    responses_frame,
    survey_representativeness,
    survey_weighted_results,
)
from eqtrack.surveys.services.building import (
    monitoring_set_add,
    question_add,
    routing_set,
    survey_create,
)

from .building_world import world_make

pytestmark = pytest.mark.django_db


def _survey():
    world = world_make()
    org, admin = world["org"], world["admin"]
    consultation: Consultation = world["consultation"]
    consultation.profile = profile_create_from_census(
        organisation=org,
        user=admin,
        name="Maidstone",
        area_code="E07000110",
        characteristics=["sex", "ethnic group (19)", "disability (all ages)"],
    )
    consultation.save()
    survey = survey_create(consultation=consultation, user=admin)
    uses = question_add(
        survey=survey,
        user=admin,
        kind="one_choice",
        text="Do you use the library?",
        options=["Yes", "No"],
    )
    better = question_add(
        survey=survey, user=admin, kind="free_text", text="What would make it better?"
    )
    routing_set(question=better, user=admin, condition=uses, answers=["Yes"])
    monitoring_set_add(survey=survey, user=admin)
    return org, survey, uses, better


def test_illustrative_responses_follow_the_routing_and_are_the_same_every_time():
    org, survey, uses, better = _survey()
    stored = illustrative_responses_add(survey=survey, count=300, seed=4)
    assert Response.objects.filter(survey=survey, submitted_at__isnull=False).count() == 300
    assert Answer.objects.filter(response__survey=survey).count() == stored
    said_no = set(
        Answer.objects.filter(question=uses, text="No").values_list("response_id", flat=True)
    )
    assert said_no, "some said No"
    # Routed out: nobody who said No answered the follow-up.
    assert not Answer.objects.filter(question=better, response_id__in=said_no).exists()
    frame = responses_frame(organisation=org, survey=survey)
    assert len(frame) == 300
    again = [a.text for a in Answer.objects.filter(question=better).order_by("response_id")[:20]]
    Response.objects.filter(survey=survey).delete()
    illustrative_responses_add(survey=survey, count=300, seed=4)
    assert [
        a.text for a in Answer.objects.filter(question=better).order_by("response_id")[:20]
    ] == again


def test_illustrative_responses_under_represent_ethnic_minority_residents():
    org, survey, _, _ = _survey()
    illustrative_responses_add(survey=survey, count=600)
    found = survey_representativeness(organisation=org, survey=survey)
    assert found.responses == 600
    flagged = {(s.variable, s.category) for s in found.under_represented}
    assert ("ethnic group (19)", "White: Other White") in flagged


def test_responses_with_no_one_in_some_census_groups_are_still_weighted():
    # 300 residents leave several of the 19 ethnic groups empty: those groups are left out
    # of the weighting, and the rest still add up against the sex and disability counts.
    org, survey, _, _ = _survey()
    illustrative_responses_add(survey=survey, count=300)
    found = survey_weighted_results(organisation=org, survey=survey)
    assert found.weighted, found.notes
    assert any("no respondent is in" in line for line in found.diagnostics.lines())
    assert found.weights.sum() == pytest.approx(300)
