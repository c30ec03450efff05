"""A survey's results: the responses table keeps the survey's question order whatever route
each respondent took, with "Other" text and the profile's categories; who has answered
against the profile, counted by hand; weights the same as the consultations' raking on the
same data; results kept on the consultation at close; and paper responses checked as online
answers are."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.consultations.monitoring import profile_category
from eqtrack.consultations.page_selectors import chart_choices
from eqtrack.consultations.selectors import population_margins
from eqtrack.consultations.weighting import Margin, rake
from eqtrack.surveys.answers import AnswerError, answer_clean, answer_required_check
from eqtrack.surveys.models import Answer, Response, Survey
from eqtrack.surveys.selectors.results import (
    response_weights,
    responses_frame,
    submitted_count,
    survey_representativeness,
    survey_results,
    survey_weighted_results,
)
from eqtrack.surveys.services.building import survey_close
from eqtrack.surveys.services.results import (
    ResponseError,
    paper_response_enter,
    survey_results_store,
)

from .results_fixtures import respond, survey_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(db):
    return survey_build()


def _answers(b, n_female: int, n_male: int, n_silent: int = 0) -> None:
    """Residents answering: women mostly Yes, men mostly No (saying why); some prefer not to
    say their sex. Unsubmitted responses are never counted."""
    female, male, silent = b["sex_options"][0], b["sex_options"][1], b["sex_options"][-1]
    for i in range(n_female):
        respond(
            b["survey"],
            {
                b["support"]: "Yes" if i % 4 else "No",
                b["parks"]: ["North Park"],
                b["safe"]: "Safe",
                b["sex"]: female,
            },
        )
    for i in range(n_male):
        answers = {b["support"]: "No" if i % 3 else "Yes", b["safe"]: "Unsafe", b["sex"]: male}
        if answers[b["support"]] == "No":
            answers[b["why"]] = "Too few bins"
        respond(b["survey"], answers)
    for _ in range(n_silent):
        respond(b["survey"], {b["support"]: "Don't know", b["sex"]: silent})
    respond(b["survey"], {b["support"]: "Yes", b["sex"]: male}, submitted=False)


def test_the_table_keeps_the_question_order_whatever_the_route(built):
    b = built
    # Answered in another order, routed past "Why not?", with Other text beginning "=".
    first = respond(
        b["survey"],
        {
            b["postcode"]: "me1 1aa",
            b["sex"]: b["sex_options"][0],
            b["parks"]: {"value": ["River Walk"], "other": '=HYPERLINK("x")'},
            b["support"]: "Yes",
        },
    )
    second = respond(
        b["survey"], {b["support"]: "No", b["why"]: "Too far away", b["safe"]: "Unsafe"}
    )
    frame = responses_frame(organisation=b["org"], survey=b["survey"])
    assert list(frame.columns) == [
        "Submitted",
        "Source",
        "Do you support the plan?",
        "Why not?",
        "Which parks do you use? [North Park]",
        "Which parks do you use? [River Walk]",
        "Which parks do you use? [Other]",
        "Which parks do you use? (other)",
        "How safe do you feel?",
        b["sex"].text,
        "What is your postcode?",
        "sex",
    ]
    assert list(frame.index) == [first.pk, second.pk]
    row = frame.loc[first.pk]
    assert row["Why not?"] == ""  # routed out: blank
    assert row["Which parks do you use? [North Park]"] == "No"
    assert row["Which parks do you use? [River Walk]"] == "Yes"
    assert row["Which parks do you use? [Other]"] == "Yes"
    assert row["Which parks do you use? (other)"] == '=HYPERLINK("x")'
    assert row["What is your postcode?"] == "ME1 1AA"
    assert row["sex"] == profile_category("sex", b["sex_options"][0])
    assert row["Source"] == "Online"
    row = frame.loc[second.pk]
    assert row["Why not?"] == "Too far away"
    assert row["Which parks do you use? [North Park]"] == ""  # not answered: blank, not "No"
    assert row["sex"] == ""


def test_an_answer_kept_from_a_route_left_is_blank(built):
    b = built
    response = respond(b["survey"], {b["support"]: "No", b["why"]: "Too far"})
    # The resident went back and changed their answer: "Why not?" is no longer asked.
    Answer.objects.filter(response=response, question=b["support"]).update(text="Yes")
    frame = responses_frame(organisation=b["org"], survey=b["survey"])
    assert frame.loc[response.pk, "Why not?"] == ""


def test_representativeness_against_a_hand_count(built):
    b = built
    _answers(b, n_female=30, n_male=10, n_silent=5)
    found = survey_representativeness(organisation=b["org"], survey=b["survey"])
    assert found.responses == 45
    assert found.asked == ["sex"] and found.not_asked == ["religion"]
    by = {s.category: s for s in found.shares}
    # By hand: 40 said their sex, 30 women; Maidstone has 88,817 women and 86,964 men.
    female = profile_category("sex", b["sex_options"][0])
    male = profile_category("sex", b["sex_options"][1])
    assert by[female].respondents == 30 and by[male].respondents == 10
    assert by[female].sample_share == pytest.approx(30 / 40)
    assert by[male].population_share == pytest.approx(86964 / (88817 + 86964))
    # 25% of responses against 49.5% of the population, the interval wholly below: flagged.
    assert by[male].under_represented and not by[female].under_represented
    assert [s.category for s in found.under_represented] == [male]


def test_representativeness_without_a_profile_says_so(built):
    b = built
    _answers(b, 3, 3)
    survey = Survey.objects.select_related("consultation").get(pk=b["survey"].pk)
    # A consultation run in eqtrack may have no profile yet (the pages make the field
    # optional; here only in memory).
    survey.consultation.profile_id = None
    found = survey_representativeness(organisation=b["org"], survey=survey)
    assert found.profile is None and found.shares == [] and found.responses == 6
    results = survey_weighted_results(organisation=b["org"], survey=survey)
    assert not results.weighted and "no population profile" in results.notes[0]
    assert response_weights(organisation=b["org"], survey=survey) is None


def test_weights_are_the_consultations_raking_of_the_same_data(built):
    b = built
    _answers(b, n_female=30, n_male=10, n_silent=5)
    found = survey_weighted_results(organisation=b["org"], survey=b["survey"])
    assert found.weighted and found.responses == 45
    frame = responses_frame(organisation=b["org"], survey=b["survey"])
    margins = [m for m in population_margins(profile=b["profile"]) if m.variable == "sex"]
    expected, diagnostics = rake(frame, margins)
    np.testing.assert_allclose(found.weights.to_numpy(), expected, rtol=0, atol=1e-12)
    assert found.diagnostics is not None
    assert found.diagnostics.weighted == 40 and found.diagnostics.missing == 5
    assert any("not weighted by religion" in line for line in found.diagnostics.lines())
    # Weighted, women and men count as in Maidstone; those who did not say weigh 1.
    weights = response_weights(organisation=b["org"], survey=b["survey"])
    female = frame["sex"] == profile_category("sex", b["sex_options"][0])
    total = sum(weights[i] for i in frame.index[frame["sex"] != ""])
    assert sum(weights[i] for i in frame.index[female]) / total == pytest.approx(
        88817 / (88817 + 86964)
    )
    assert [weights[i] for i in frame.index[frame["sex"] == ""]] == [1.0] * 5


def test_weighted_shares_with_intervals_for_each_choice_and_scale_question(built):
    b = built
    _answers(b, n_female=30, n_male=10, n_silent=5)
    found = survey_weighted_results(organisation=b["org"], survey=b["survey"])
    by = {(r["question"], r["answer"]): r for r in found.results}
    questions = {r["question"] for r in found.results}
    # Free text, postcode and the monitoring question have no shares.
    assert questions == {
        "Do you support the plan?",
        "Which parks do you use?",
        "How safe do you feel?",
    }
    # "Don't know" is an answer here, not a missing one; by hand, weighted:
    frame = found.frame
    w = found.weights
    support = frame["Do you support the plan?"]
    for answer in ("Yes", "No", "Don't know"):
        share = w[support == answer].sum() / w[support != ""].sum()
        row = by[("Do you support the plan?", answer)]
        assert row["share"] == pytest.approx(share)
        assert row["low"] <= row["share"] <= row["high"]
    # Every point of the scale is listed, in order, those nobody chose at 0.
    scale = [r["answer"] for r in found.results if r["question"] == "How safe do you feel?"]
    assert scale == b["safe"].options
    assert by[("How safe do you feel?", "Very safe")]["share"] == 0
    # A several-choice answer's share is of those who answered the question: all 30 chose it.
    assert by[("Which parks do you use?", "North Park")]["share"] == pytest.approx(1)
    assert by[("Which parks do you use?", "River Walk")]["respondents"] == 0
    # Unweighted (before close): plain counts.
    plain = survey_results(organisation=b["org"], survey=b["survey"], weigh=False)
    row = next(r for r in plain.results if r["answer"] == "Don't know")
    assert row["share"] == pytest.approx(5 / 45) and not plain.weighted


def test_a_group_nobody_is_in_is_left_out_of_the_weighting_and_said(built):
    from eqtrack.consultations.services import profile_create

    b = built
    _answers(b, n_female=6, n_male=0)
    profile = profile_create(
        organisation=b["org"],
        name="Two",
        margins=[Margin("sex", {"Female": 51, "Male": 49})],
    )
    b["consultation"].profile = profile
    b["consultation"].save()
    survey = Survey.objects.select_related("consultation__profile").get(pk=b["survey"].pk)
    found = survey_weighted_results(organisation=b["org"], survey=survey)
    assert found.weighted
    assert any("no respondent is in “Male”" in line for line in found.diagnostics.lines())
    assert set(found.weights) == {1.0}


def test_results_are_kept_on_the_consultation_at_close(built):
    b = built
    _answers(b, n_female=30, n_male=10, n_silent=5)
    with pytest.raises(PermissionDenied):
        survey_results_store(survey=b["survey"], user=b["viewer"])
    survey_results_store(survey=b["survey"], user=b["admin"])
    consultation = b["consultation"]
    consultation.refresh_from_db()
    found = survey_weighted_results(organisation=b["org"], survey=b["survey"])
    assert consultation.results == found.results
    assert consultation.diagnostics["respondents"] == 45
    assert consultation.diagnostics["converged"] and consultation.diagnostics["lines"]
    assert {s["variable"] for s in consultation.shares} == {"sex"}
    assert consultation.questions == ["Do you support the plan?", "How safe do you feel?"]
    assert any(r["question"] == "Which parks do you use?" for r in consultation.results)
    weighted = pd.read_csv(
        io.BytesIO(bytes(consultation.weighted)), dtype=str, keep_default_na=False
    )
    np.testing.assert_allclose(weighted["Weight"].astype(float), found.weights.to_numpy())
    assert consultation.history.first().history_user == b["admin"]


def test_closing_the_survey_keeps_its_results_for_the_results_page(built):
    # The consultation's results page offers charts of what is kept: nothing before the close.
    b = built
    _answers(b, n_female=30, n_male=10)
    consultation = b["consultation"]
    assert chart_choices(consultation) == []
    survey_close(survey=b["survey"], user=b["admin"])
    consultation.refresh_from_db()
    assert consultation.diagnostics["respondents"] == 40
    assert [label for _, label in chart_choices(consultation)][:2] == [
        "Who answered, against the population",
        "Answers to “Do you support the plan?”, weighted",
    ]


def test_answers_are_cleaned_by_kind(built):
    b = built
    assert answer_clean(b["support"], " don't KNOW ").text == "Don't know"
    assert answer_clean(b["safe"], "4").text == "Safe"  # a paper copy's point number
    assert answer_clean(b["postcode"], "sw1a1aa").text == "SW1A 1AA"
    assert answer_clean(b["parks"], {"value": [], "other": "The beach"}).choices == ["Other"]
    assert answer_clean(b["support"], "").blank
    for question, raw, field, words in [
        (b["support"], "Maybe", f"q{b['support'].pk}", "Choose one of the answers"),
        (b["support"], {"value": "Yes", "other": "x"}, f"q{b['support'].pk}-other", "no “Other”"),
        (b["safe"], "9", f"q{b['safe'].pk}", "from 1 to 5"),
        (b["parks"], ["Other"], f"q{b['parks'].pk}-other", "Say what the other answer is"),
        (b["postcode"], "not a postcode", f"q{b['postcode'].pk}", "real postcode"),
        (b["why"], "x" * 5_001, f"q{b['why'].pk}", "5,000 or fewer"),
    ]:
        with pytest.raises(AnswerError, match=words) as caught:
            answer_clean(question, raw)
        assert caught.value.field == field
    with pytest.raises(AnswerError, match="must be answered"):
        answer_required_check(b["support"], answer_clean(b["support"], ""))


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("number", "1,200", "1200"),
        ("number", "3.50", "3.5"),
        ("date", "31/3/2024", "2024-03-31"),
        ("date", {"day": "1", "month": "2", "year": "1990"}, "1990-02-01"),
    ],
)
def test_numbers_and_dates(built, kind, raw, expected):
    from eqtrack.surveys.models import Question

    question = Question(pk=99, kind=kind, text="x", options=[], other_option=False)
    assert answer_clean(question, raw).text == expected


def test_a_date_question_may_offer_an_answer_of_its_own(built):
    from eqtrack.consultations.monitoring import monitoring_question
    from eqtrack.surveys.models import Question

    standard = monitoring_question("date_of_birth")
    question = Question(pk=98, kind="date", text=standard.text, options=list(standard.options))
    assert answer_clean(question, "prefer not to say").text == "Prefer not to say"
    assert answer_clean(question, "1/5/1980").text == "1980-05-01"


@pytest.mark.parametrize(
    ("kind", "raw", "words"),
    [
        ("number", "twelve", "Enter a number"),
        ("number", "NaN", "Enter a number"),
        ("date", "31/2/2024", "real date"),
        ("date", {"day": "1", "month": "", "year": "1990"}, "must include a month"),
        ("date", {"day": "1", "month": "2", "year": "90"}, "4 numbers"),
    ],
)
def test_bad_numbers_and_dates(built, kind, raw, words):
    from eqtrack.surveys.models import Question

    question = Question(pk=99, kind=kind, text="x", options=[], other_option=False)
    with pytest.raises(AnswerError, match=words):
        answer_clean(question, raw)


def test_a_paper_response_is_checked_and_kept(built):
    b = built
    with pytest.raises(PermissionDenied):
        paper_response_enter(survey=b["survey"], user=b["viewer"], answers={})
    with pytest.raises(ResponseError) as caught:
        paper_response_enter(
            survey=b["survey"],
            user=b["admin"],
            answers={
                b["support"].pk: "Yes",
                b["why"].pk: "Routed out but written in",
                b["safe"].pk: "Scary",
                b["postcode"].pk: "nowhere",
            },
        )
    assert [e.field for e in caught.value.errors] == [
        f"q{b['why'].pk}",
        f"q{b['safe'].pk}",
        f"q{b['postcode'].pk}",
    ]
    assert "Question 2: leave it blank" in caught.value.errors[0].message
    assert "question 1 was answered “No”" in caught.value.errors[0].message
    assert not Response.objects.exists() and not Answer.objects.exists()
    with pytest.raises(ResponseError, match="at least one answer"):
        paper_response_enter(survey=b["survey"], user=b["admin"], answers={})
    # A required question may be blank on paper.
    response = paper_response_enter(
        survey=b["survey"],
        user=b["admin"],
        answers={
            b["parks"].pk: {"value": ["North Park"], "other": "The allotments"},
            b["postcode"].pk: "me14 1xx",
        },
    )
    assert response.source == Response.Source.PAPER and response.entered_by == b["admin"]
    assert response.submitted_at is not None
    frame = responses_frame(organisation=b["org"], survey=b["survey"])
    assert frame.loc[response.pk, "Source"] == "Paper, typed in by an officer"
    assert frame.loc[response.pk, "Which parks do you use? (other)"] == "The allotments"
    assert frame.loc[response.pk, "What is your postcode?"] == "ME14 1XX"
    assert submitted_count(organisation=b["org"], survey=b["survey"]) == {
        "all": 1,
        "online": 0,
        "paper": 1,
    }
    b["survey"].status = Survey.Status.CLOSED
    b["survey"].save()
    with pytest.raises(ResponseError, match="while the survey is open"):
        paper_response_enter(survey=b["survey"], user=b["admin"], answers={b["support"].pk: "Yes"})


def test_kept_results_can_be_weighed_again_by_the_consultations_own_journey(built):
    from eqtrack.consultations.services import draft_finish, draft_from_consultation

    b = built
    _answers(b, n_female=30, n_male=10, n_silent=5)
    survey_results_store(survey=b["survey"], user=b["admin"])
    b["consultation"].refresh_from_db()
    draft = draft_from_consultation(consultation=b["consultation"], user=b["admin"])
    # The profile's religion is not asked: say so, as the journey's columns page would.
    draft.mapping["religion"] = {"column": "", "answers": {}}
    draft.save()
    consultation = draft_finish(draft=draft, user=b["admin"])
    found = survey_weighted_results(organisation=b["org"], survey=b["survey"])
    weighted = pd.read_csv(
        io.BytesIO(bytes(consultation.weighted)), dtype=str, keep_default_na=False
    )
    np.testing.assert_allclose(weighted["weight"].astype(float), found.weights.to_numpy())


def test_the_two_disability_questions_give_one_profile_column(built):
    from eqtrack.consultations.monitoring import monitoring_question
    from eqtrack.surveys.models import Question

    b = built
    condition, restriction = (
        monitoring_question(key) for key in ("long_lasting_condition", "activity_restriction")
    )
    asked = [
        Question.objects.create(
            organisation=b["org"],
            survey=b["survey"],
            position=10 + i,
            kind=standard.kind,
            text=standard.text,
            options=list(standard.options),
            monitoring_key=standard.key,
        )
        for i, standard in enumerate((condition, restriction))
    ]
    disabled = respond(b["survey"], {asked[0]: "Yes", asked[1]: "Yes, a lot"})
    not_disabled = respond(b["survey"], {asked[0]: "No"})
    frame = responses_frame(organisation=b["org"], survey=b["survey"])
    assert list(frame.columns[-2:]) == ["sex", "disability (all ages)"]
    assert frame.loc[disabled.pk, "disability (all ages)"] == "Disabled under the Equality Act"
    assert frame.loc[not_disabled.pk, "disability (all ages)"] == (
        "Not disabled under the Equality Act"
    )
