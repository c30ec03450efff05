"""Building a survey, the services directly: every rule about settings, questions, answers
typed one a line, routing, the standard monitoring questions, opening and closing, and who may
do it; each refusal stores nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from eqtrack.consultations.monitoring import CURRENT_VERSION, monitoring_set
from eqtrack.surveys.models import Answer, Question, Response, Survey
from eqtrack.surveys.services.building import (
    SurveyError,
    monitoring_set_add,
    question_add,
    question_change,
    question_delete,
    question_move,
    routing_set,
    survey_change,
    survey_close,
    survey_create,
    survey_open,
)
from eqtrack.surveys.tests.building_world import consultation_make, world_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_make()


K = Question.Kind


@pytest.fixture
def survey(world):
    return survey_create(consultation=world["consultation"], user=world["admin"])


def _add(survey, user, text, kind=K.ONE_CHOICE, options=("Yes", "No"), **kw):
    return question_add(survey=survey, user=user, kind=kind, text=text, options=options, **kw)


def _texts(survey):
    return list(survey.questions.order_by("position").values_list("text", flat=True))


def _submit(survey, link="t1"):
    return Response.objects.create(
        organisation=survey.organisation, survey=survey, token=link, submitted_at=timezone.now()
    )


# The survey itself


def test_a_consultation_gets_one_draft_survey_with_its_settings_and_a_version(world):
    survey = survey_create(
        consultation=world["consultation"],
        user=world["admin"],
        introduction="  Tell us about the parks. ",
        one_question_a_page=False,
        identity=Survey.Identity.EMAIL,
    )
    assert (survey.status, survey.introduction, survey.one_question_a_page, survey.identity) == (
        "draft",
        "Tell us about the parks.",
        False,
        "email",
    )
    version = survey.history.get()
    assert version.history_user == world["admin"] and version.history_change_reason == (
        "survey started"
    )
    with pytest.raises(SurveyError, match="“Parks consultation” has a survey already"):
        survey_create(consultation=world["consultation"], user=world["admin"])
    assert Survey.objects.count() == 1


def test_a_survey_needs_a_live_consultation_and_a_known_identity(world):
    consultation = world["consultation"]
    with pytest.raises(SurveyError, match="choose who can answer") as e:
        survey_create(consultation=consultation, user=world["admin"], identity="everyone")
    assert e.value.field == "identity"
    consultation.archived_at = timezone.now()
    consultation.save()
    with pytest.raises(SurveyError, match="the consultation is archived"):
        survey_create(consultation=consultation, user=world["admin"])
    assert not Survey.objects.exists()


def test_settings_change_and_who_can_answer_is_fixed_once_responses_are_in(world, survey):
    survey = survey_change(
        survey=survey,
        user=world["admin"],
        introduction="About the parks",
        one_question_a_page=False,
        identity=Survey.Identity.EMAIL,
    )
    assert survey.introduction == "About the parks" and not survey.one_question_a_page
    assert survey.history.first().history_change_reason == "settings changed"
    _submit(survey)
    with pytest.raises(SurveyError, match="who can answer cannot be changed") as e:
        survey_change(
            survey=survey,
            user=world["admin"],
            introduction="",
            one_question_a_page=True,
            identity=Survey.Identity.ANONYMOUS,
        )
    assert e.value.field == "identity"
    # The introduction still can be changed.
    survey = survey_change(
        survey=survey,
        user=world["admin"],
        introduction="Thank you",
        one_question_a_page=True,
        identity=Survey.Identity.EMAIL,
    )
    assert Survey.objects.get().introduction == "Thank you"


def test_grouping_by_page_is_refused_while_a_routed_question_shares_its_conditions_page(
    world,
    survey,
):
    admin = world["admin"]
    use = _add(survey, admin, "Do you use the park?")
    why = _add(survey, admin, "Why not?", kind=K.FREE_TEXT, options=())
    routing_set(question=why, user=admin, condition=use, answers=["No"])
    with pytest.raises(
        SurveyError, match="Q2 is asked only after Q1 is answered, so it must be on a later page"
    ) as e:
        survey_change(
            survey=survey,
            user=admin,
            introduction="",
            one_question_a_page=False,
            identity="anonymous",
        )
    assert e.value.field == "one_question_a_page"
    assert Survey.objects.get().one_question_a_page
    question_change(question=why, user=admin, page=2)
    survey_change(
        survey=survey, user=admin, introduction="", one_question_a_page=False, identity="anonymous"
    )
    assert not Survey.objects.get().one_question_a_page


# Questions


def test_questions_of_every_kind_are_added_in_order_with_their_answers_one_a_line(world, survey):
    admin = world["admin"]
    one = question_add(
        survey=survey,
        user=admin,
        kind=K.ONE_CHOICE,
        text="  Do you   use the park? ",
        hint="Any park in the borough",
        required=True,
        options=["Yes", "", "  No  ", "Not sure"],
        other_option=True,
    )
    assert (one.text, one.hint, one.required, one.options, one.other_option, one.position) == (
        "Do you use the park?",
        "Any park in the borough",
        True,
        ["Yes", "No", "Not sure"],
        True,
        1,
    )
    several = _add(survey, admin, "How do you get there?", K.SEVERAL_CHOICES, ["Bus", "Walk"])
    scale = _add(survey, admin, "How good is it?", K.SCALE, ["Poor", "Fair", "Good"])
    text = _add(survey, admin, "Anything else?", K.FREE_TEXT, ["ignored"], other_option=True)
    for kind in (K.NUMBER, K.DATE, K.POSTCODE):
        _add(survey, admin, f"A {kind}", kind, ())
    assert [several.position, scale.position, text.position] == [2, 3, 4]
    # Kinds without answers to choose from keep none, nor an "Other".
    assert text.options == [] and not text.other_option
    assert scale.options == ["Poor", "Fair", "Good"] and not scale.other_option
    assert survey.questions.count() == 7
    version = one.history.get()
    assert version.history_user == admin and version.history_change_reason == "question added"


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        (K.ONE_CHOICE, ["Yes", "", "yes"], "line 3 repeats the answer “yes” of line 1"),
        (K.ONE_CHOICE, ["Yes"], "enter at least 2 answers to choose from, one a line"),
        (K.SEVERAL_CHOICES, ["", " "], "enter at least 2 answers"),
        (K.ONE_CHOICE, ["Yes", "x" * 201], "the answer on line 2 is too long"),
        (K.SCALE, ["Low"], "a scale needs 2 to 11 points, one a line from lowest to highest"),
        (K.SCALE, [str(i) for i in range(12)], r"\(there are 12\)"),
    ],
)
def test_bad_answers_are_refused_naming_the_line_and_nothing_is_stored(
    world,
    survey,
    kind,
    options,
    message,
):
    with pytest.raises(SurveyError, match=message) as e:
        _add(survey, world["admin"], "Q", kind, options)
    assert e.value.field == "options"
    assert not Question.objects.exists()


def test_a_question_needs_its_words_and_a_known_kind(world, survey):
    with pytest.raises(SurveyError, match="enter the question") as e:
        _add(survey, world["admin"], "   ")
    assert e.value.field == "text"
    with pytest.raises(SurveyError, match="500 characters or fewer") as e:
        _add(survey, world["admin"], "x" * 501)
    with pytest.raises(SurveyError, match="choose the kind of question") as e:
        _add(survey, world["admin"], "Q", kind="essay")
    with pytest.raises(SurveyError, match="page number from 1 to 1000") as e:
        _add(survey, world["admin"], "Q", page=0)
    assert not Question.objects.exists()


def test_a_question_changes_but_keeps_its_kind(world, survey):
    admin = world["admin"]
    question = _add(survey, admin, "Do you use the park?")
    changed = question_change(
        question=question,
        user=admin,
        text="Do you use a park?",
        hint="",
        required=True,
        options=["Yes", "No", "Sometimes"],
        other_option=False,
    )
    stored = Question.objects.get()
    assert (stored.text, stored.required, stored.options, stored.kind) == (
        "Do you use a park?",
        True,
        ["Yes", "No", "Sometimes"],
        K.ONE_CHOICE,
    )
    assert changed.history.first().history_change_reason == "question changed"
    with pytest.raises(SurveyError, match="line 2 repeats"):
        question_change(question=question, user=admin, options=["A", "a"])
    assert Question.objects.get().options == ["Yes", "No", "Sometimes"]


def test_an_answer_a_later_question_is_routed_on_cannot_be_taken_away(world, survey):
    admin = world["admin"]
    use = _add(survey, admin, "Do you use the park?", options=["Yes", "No", "Sometimes"])
    why = _add(survey, admin, "Why not?", K.FREE_TEXT, ())
    routing_set(question=why, user=admin, condition=use, answers=["No"])
    with pytest.raises(
        SurveyError,
        match="Q2 is asked only if this question is answered “No”: keep that answer, or change "
        "Q2's routing first",
    ) as e:
        question_change(question=use, user=admin, options=["Yes", "Sometimes"])
    assert e.value.field == "options"
    assert Question.objects.get(pk=use.pk).options == ["Yes", "No", "Sometimes"]
    question_change(question=use, user=admin, options=["Yes", "No"])
    assert Question.objects.get(pk=use.pk).options == ["Yes", "No"]


def test_removing_a_question_renumbers_the_rest_and_drops_unfinished_answers(world, survey):
    admin = world["admin"]
    a, b, c = (_add(survey, admin, t) for t in "ABC")
    started = Response.objects.create(organisation=survey.organisation, survey=survey, token="s")
    Answer.objects.create(
        organisation=survey.organisation, response=started, question=b, text="Yes"
    )
    question_delete(question=b, user=admin)
    assert _texts(survey) == ["A", "C"]
    assert list(survey.questions.values_list("position", flat=True)) == [1, 2]
    assert not Answer.objects.exists()
    deleted = Question.history.filter(id=b.pk, history_type="-").get()
    assert deleted.history_user == admin and deleted.history_change_reason == "question removed"


def test_a_question_others_are_routed_on_is_not_removed(world, survey):
    admin = world["admin"]
    use = _add(survey, admin, "Do you use the park?")
    why = _add(survey, admin, "Why not?", K.FREE_TEXT, ())
    routing_set(question=why, user=admin, condition=use, answers=["No"])
    with pytest.raises(
        SurveyError,
        match="Q2 is asked only for some answers to this question: change its routing before removing it",
    ):
        question_delete(question=use, user=admin)
    assert survey.questions.count() == 2


def test_questions_move_up_and_down(world, survey):
    admin = world["admin"]
    a, b, c = (_add(survey, admin, t) for t in "ABC")
    question_move(question=c, user=admin, direction="up")
    assert _texts(survey) == ["A", "C", "B"]
    question_move(question=a, user=admin, direction="down")
    assert _texts(survey) == ["C", "A", "B"]
    with pytest.raises(SurveyError, match="it is the first question already"):
        question_move(question=c, user=admin, direction="up")
    with pytest.raises(SurveyError, match="it is the last question already"):
        question_move(question=b, user=admin, direction="down")
    with pytest.raises(SurveyError, match="up or down"):
        question_move(question=b, user=admin, direction="sideways")
    assert _texts(survey) == ["C", "A", "B"]
    assert c.history.first().history_change_reason == "moved up"


def test_a_question_cannot_move_above_the_question_it_depends_on(world, survey):
    admin = world["admin"]
    use = _add(survey, admin, "Do you use the park?")
    why = _add(survey, admin, "Why not?", K.FREE_TEXT, ())
    routing_set(question=why, user=admin, condition=use, answers=["No"])
    message = (
        "Q2 “Why not\\?” is asked only if Q1 is answered “No”, so it must come after Q1: "
        "change its routing first"
    )
    with pytest.raises(SurveyError, match=message):
        question_move(question=why, user=admin, direction="up")
    with pytest.raises(SurveyError, match=message):
        question_move(question=use, user=admin, direction="down")
    assert _texts(survey) == ["Do you use the park?", "Why not?"]


# Routing


def test_routing_on_an_earlier_choice_question_and_back_to_always(world, survey):
    admin = world["admin"]
    how = _add(survey, admin, "How do you travel?", K.SEVERAL_CHOICES, ["Bus", "Train", "Walk"])
    why = _add(survey, admin, "Why public transport?", K.FREE_TEXT, ())
    # Answers are kept in the question's order, once each.
    routing_set(question=why, user=admin, condition=how, answers=["Train", "Bus", "Train"])
    stored = Question.objects.get(pk=why.pk)
    assert stored.show_if_question == how and stored.show_if_answers == ["Bus", "Train"]
    routing_set(question=why, user=admin, condition=None)
    stored = Question.objects.get(pk=why.pk)
    assert stored.show_if_question is None and stored.show_if_answers == []


def test_routing_is_refused_unless_on_an_earlier_choice_question_with_its_answers(world, survey):
    admin = world["admin"]
    use = _add(survey, admin, "Do you use the park?")
    free = _add(survey, admin, "Tell us more", K.FREE_TEXT, ())
    last = _add(survey, admin, "Which park?", K.ONE_CHOICE, ["North", "South"])
    cases = [
        (
            free,
            last,
            ["North"],
            "condition",
            "a question can depend only on an earlier one: Q3 comes after Q2",
        ),
        (use, use, ["Yes"], "condition", "a question cannot depend on its own answer"),
        (
            last,
            free,
            ["x"],
            "condition",
            "Q2 is free text: a question can depend only on a one-choice or several-choices question",
        ),
        (last, use, [], "answers", "choose the answers to Q1 that lead to this question"),
        (last, use, ["Maybe"], "answers", "“Maybe” is not an answer to Q1"),
    ]
    for question, condition, answers, field, message in cases:
        with pytest.raises(SurveyError) as e:
            routing_set(question=question, user=admin, condition=condition, answers=answers)
        assert (str(e.value), e.value.field) == (message, field)
    assert not Question.objects.filter(show_if_question__isnull=False).exists()


def test_grouped_by_page_a_condition_must_be_on_an_earlier_page(world, survey):
    admin = world["admin"]
    survey_change(
        survey=survey, user=admin, introduction="", one_question_a_page=False, identity="anonymous"
    )
    use = _add(survey, admin, "Do you use the park?", page=1)
    why = _add(survey, admin, "Why not?", K.FREE_TEXT, (), page=1)
    with pytest.raises(
        SurveyError, match="Q1 is on page 1, so this question must be on a later page"
    ):
        routing_set(question=why, user=admin, condition=use, answers=["No"])
    question_change(question=why, user=admin, page=2)
    routing_set(question=why, user=admin, condition=use, answers=["No"])
    with pytest.raises(SurveyError, match="must be on a later page than page 1") as e:
        question_change(question=why, user=admin, page=1)
    assert e.value.field == "page"
    with pytest.raises(SurveyError, match="must be on an earlier page than page 2"):
        question_change(question=use, user=admin, page=2)


# The standard monitoring questions


def test_every_standard_monitoring_question_is_added_as_the_standard_words_it(world, survey):
    admin = world["admin"]
    _add(survey, admin, "Do you use the park?")
    added = monitoring_set_add(survey=survey, user=admin)
    standard = monitoring_set()
    assert len(added) == len(standard)
    for question, expected in zip(added, standard, strict=True):
        question.refresh_from_db()
        assert (
            question.monitoring_key,
            question.kind,
            question.text,
            question.hint,
            question.options,
            question.other_option,
            question.required,
        ) == (
            expected.key,
            expected.kind,
            expected.text,
            expected.hint,
            list(expected.options),
            expected.other_option,
            False,
        )
    assert [q.position for q in added] == list(range(2, 2 + len(standard)))
    survey.refresh_from_db()
    assert survey.monitoring_version == CURRENT_VERSION
    assert (
        survey.history.first().history_change_reason
        == f"monitoring questions {CURRENT_VERSION} added"
    )
    # The standard's routing comes with it: the second disability question only after "Yes".
    routed = {q.monitoring_key: q for q in survey.questions.select_related("show_if_question")}
    second = routed["activity_restriction"]
    assert second.show_if_question == routed["long_lasting_condition"]
    assert second.show_if_answers == ["Yes"]
    assert [k for k, q in routed.items() if q.show_if_question_id] == ["activity_restriction"]
    # Asked already: not added twice.
    with pytest.raises(SurveyError, match="the survey asks those monitoring questions already"):
        monitoring_set_add(survey=survey, user=admin)
    assert survey.questions.count() == 1 + len(standard)


def test_the_sex_question_is_added_by_its_key_and_unknown_keys_are_refused(world, survey):
    admin = world["admin"]
    with pytest.raises(SurveyError, match="no standard monitoring question shoe_size") as e:
        monitoring_set_add(survey=survey, user=admin, keys=["sex", "shoe_size"])
    assert e.value.field == "keys"
    with pytest.raises(SurveyError, match="choose at least one"):
        monitoring_set_add(survey=survey, user=admin, keys=[])
    assert not survey.questions.exists()
    (sex,) = monitoring_set_add(survey=survey, user=admin, keys=["sex"])
    assert (sex.text, sex.options) == ("What is your sex?", ["Female", "Male", "Prefer not to say"])


def test_grouped_by_page_the_monitoring_questions_get_a_page_of_their_own(world):
    admin = world["admin"]
    survey = survey_create(
        consultation=world["consultation"], user=admin, one_question_a_page=False
    )
    _add(survey, admin, "Do you use the park?", page=3)
    added = monitoring_set_add(survey=survey, user=admin)
    assert {q.page for q in added} == {4}


def test_a_monitoring_questions_wording_cannot_change_only_whether_required(world, survey):
    admin = world["admin"]
    (sex,) = monitoring_set_add(survey=survey, user=admin, keys=["sex"])
    for change in (
        {"text": "What sex are you?"},
        {"hint": ""},
        {"options": ["Woman", "Man"]},
        {"other_option": True},
    ):
        with pytest.raises(SurveyError, match="standard equality monitoring question") as e:
            question_change(question=sex, user=admin, **change)
        assert e.value.field == next(iter(change))
    # The same wording sent back is no change; required is the officer's to decide.
    question_change(
        question=sex, user=admin, text=sex.text, hint=sex.hint, options=sex.options, required=True
    )
    stored = Question.objects.get(pk=sex.pk)
    assert stored.required and stored.text == "What is your sex?"


def test_removing_the_last_monitoring_question_clears_the_version(world, survey):
    admin = world["admin"]
    added = monitoring_set_add(survey=survey, user=admin)
    # Last first: a question routed on another goes before the one it depends on.
    for question in reversed(added):
        question_delete(question=question, user=admin)
    survey.refresh_from_db()
    assert survey.monitoring_version == ""


# Opening and closing


def test_a_survey_opens_with_a_question_closes_and_reopens(world, survey):
    admin = world["admin"]
    with pytest.raises(SurveyError, match="add a question before opening the survey"):
        survey_open(survey=survey, user=admin)
    with pytest.raises(SurveyError, match="only an open survey can be closed"):
        survey_close(survey=survey, user=admin)
    _add(survey, admin, "Do you use the park?")
    survey = survey_open(survey=survey, user=admin)
    assert survey.status == "open" and survey.opened_at is not None
    opened_at = survey.opened_at
    with pytest.raises(SurveyError, match="the survey is open already"):
        survey_open(survey=survey, user=admin)
    survey = survey_close(survey=survey, user=admin)
    assert survey.status == "closed" and survey.closed_at is not None
    survey = survey_open(survey=survey, user=admin)
    assert (survey.status, survey.closed_at, survey.opened_at) == ("open", None, opened_at)
    reasons = list(
        survey.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["survey started", "opened", "closed", "reopened"]


def test_an_open_survey_can_be_changed_until_someone_submits(world, survey):
    admin = world["admin"]
    use = _add(survey, admin, "Do you use the park?")
    why = _add(survey, admin, "Why?", K.FREE_TEXT, ())
    survey_open(survey=survey, user=admin)
    Response.objects.create(organisation=survey.organisation, survey=survey, token="unfinished")
    question_change(question=use, user=admin, text="Do you use a park?")
    _submit(survey)
    attempts = [
        lambda: _add(survey, admin, "More?"),
        lambda: question_change(question=use, user=admin, text="Changed"),
        lambda: question_delete(question=why, user=admin),
        lambda: question_move(question=why, user=admin, direction="up"),
        lambda: routing_set(question=why, user=admin, condition=use, answers=["Yes"]),
        lambda: monitoring_set_add(survey=survey, user=admin),
    ]
    for attempt in attempts:
        with pytest.raises(
            SurveyError,
            match="1 response has been submitted, so the questions cannot be changed any more",
        ):
            attempt()
    assert _texts(survey) == ["Do you use a park?", "Why?"]
    # Closing and reopening still can be done.
    survey_close(survey=survey, user=admin)
    survey_open(survey=survey, user=admin)


# Who may


@pytest.mark.parametrize("who", ["viewer", "owner"])
def test_only_those_who_manage_consultations_build_surveys(world, who):
    admin, other = world["admin"], world[who]
    consultation = world["consultation"]
    with pytest.raises(PermissionDenied):
        survey_create(consultation=consultation, user=other)
    survey = survey_create(consultation=consultation, user=admin)
    question = _add(survey, admin, "Do you use the park?")
    later = _add(survey, admin, "Why?", K.FREE_TEXT, ())
    attempts = [
        lambda: survey_change(
            survey=survey,
            user=other,
            introduction="",
            one_question_a_page=True,
            identity="anonymous",
        ),
        lambda: _add(survey, other, "More?"),
        lambda: question_change(question=question, user=other, text="x"),
        lambda: question_delete(question=question, user=other),
        lambda: question_move(question=question, user=other, direction="down"),
        lambda: routing_set(question=later, user=other, condition=question, answers=["Yes"]),
        lambda: monitoring_set_add(survey=survey, user=other),
        lambda: survey_open(survey=survey, user=other),
        lambda: survey_close(survey=survey, user=other),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert _texts(survey) == ["Do you use the park?", "Why?"]
    assert Survey.objects.get().status == "draft"


def test_another_councils_administrator_builds_nothing_here(world):
    from eqtrack.accounts.models import Role
    from eqtrack.accounts.tests.factories import member_create
    from eqtrack.organisations.models import Organisation

    other_council = Organisation.objects.create(name="Other Council", slug="other")
    outsider = member_create(other_council, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        survey_create(consultation=world["consultation"], user=outsider)
    # Their own consultation is theirs to build.
    assert survey_create(consultation=consultation_make(other_council), user=outsider)


def test_chosen_monitoring_questions_keep_the_standards_order_and_kinds(world, survey):
    """Keys chosen in any order are added in the standard's order, each of its own kind (a
    date of birth is a date question); the rest can be added later."""
    from eqtrack.consultations import monitoring

    added = monitoring_set_add(
        survey=survey, user=world["admin"], keys=["ethnic_group", "date_of_birth"]
    )
    ethnic = monitoring.monitoring_question("ethnic_group")
    assert [(q.monitoring_key, q.kind, q.options) for q in added] == [
        ("date_of_birth", "date", ["Prefer not to say"]),
        ("ethnic_group", "one_choice", list(ethnic.options)),
    ]
    rest = monitoring_set_add(survey=survey, user=world["admin"])
    assert [q.monitoring_key for q in rest] == [
        q.key for q in monitoring.monitoring_set() if q.key not in ("ethnic_group", "date_of_birth")
    ]


def test_a_consultation_with_uploaded_responses_gets_no_survey(world):
    """Closing a survey keeps its responses on the consultation, so a survey on one whose
    responses were uploaded would replace them for good."""
    consultation = world["consultation"]
    consultation.responses_filename, consultation.responses = "parks.csv", b"sex\nFemale\n"
    consultation.save()
    with pytest.raises(SurveyError, match="has its responses uploaded already"):
        survey_create(consultation=consultation, user=world["admin"])
    assert not Survey.objects.filter(consultation=consultation).exists()


def test_control_characters_in_a_question_are_left_out(world, survey):
    """A question's words go into the Word paper copy, which cannot hold control characters."""
    question = _add(survey, world["admin"], "Do you\x01 use the park?", options=("Yes\x0b", "No"))
    assert (question.text, question.options) == ("Do you use the park?", ["Yes", "No"])
