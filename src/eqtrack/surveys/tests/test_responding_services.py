"""The responding services, called directly: every check of every kind of question, routing,
stale answers removed on submitting, and one response per confirmed e-mail address."""

from __future__ import annotations

import pytest
from django.core import mail

from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Answer, Question, Response, Survey
from eqtrack.surveys.selectors.responding import (
    questions_asked,
    response_progress,
    survey_questions,
)
from eqtrack.surveys.services.responding import (
    AnswersInvalid,
    AnswersMissing,
    ResponseRefused,
    answers_save,
    response_confirm,
    response_start,
    response_submit,
)

from .responding_factories import K, park_survey, question_add, survey_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return Organisation.objects.create(name="Borough Council", slug="borough")


@pytest.fixture
def park(council):
    return park_survey(council)


def _page(survey, question) -> int:
    return (
        list(survey_questions(organisation=survey.organisation, survey=survey)).index(question) + 1
    )


def _errors(response, page, data) -> dict:
    with pytest.raises(AnswersInvalid) as refused:
        answers_save(response=response, page=page, data=data)
    return {k: list(v) for k, v in refused.value.form.errors.items()}


def _saved(response) -> dict[str, Answer]:
    return {a.question.text: a for a in response.answers.select_related("question")}


def test_a_one_choice_answer_must_be_one_of_the_options(park):
    survey, q = park
    response = response_start(survey=survey)
    page = _page(survey, q["visits"])
    assert _errors(response, page, {}) == {f"q{q['visits'].pk}": ["Choose an answer"]}
    assert _errors(response, page, {f"q{q['visits'].pk}": "Sometimes"}) == {
        f"q{q['visits'].pk}": ["Choose one of the answers given"]
    }
    answers_save(response=response, page=page, data={f"q{q['visits'].pk}": "Every week"})
    assert _saved(response)["How often do you visit a park?"].text == "Every week"


def test_several_choices_are_among_the_options_and_other_needs_its_words(park):
    survey, q = park
    response = response_start(survey=survey)
    answers_save(response=response, page=1, data={f"q{q['visits'].pk}": "Every day"})
    page, name = _page(survey, q["what_used"]), f"q{q['what_used'].pk}"
    assert _errors(response, page, {}) == {name: ["Choose at least one answer"]}
    assert _errors(response, page, {name: ["Walking", "Flying"]}) == {
        name: ["Choose one of the answers given"]
    }
    assert _errors(response, page, {name: ["Walking", "Other"], f"{name}_other": " "}) == {
        f"{name}_other": ["Say what your other answer is"]
    }
    assert _errors(response, page, {name: ["Other"], f"{name}_other": "x" * 501}) == {
        f"{name}_other": ["Your other answer must be 500 characters or fewer"]
    }
    assert not response.answers.filter(question=q["what_used"]).exists()
    answers_save(
        response=response,
        page=page,
        data={name: ["Walking", "Other"], f"{name}_other": "Feeding the ducks"},
    )
    answer = _saved(response)["What do you use the park for?"]
    assert (answer.choices, answer.other) == (["Walking", "Other"], "Feeding the ducks")
    # Words typed under "Other" without choosing it are not kept.
    answers_save(response=response, page=page, data={name: ["Sport"], f"{name}_other": "Darts"})
    answer = _saved(response)["What do you use the park for?"]
    assert (answer.choices, answer.other) == (["Sport"], "")


def test_a_scale_answer_is_one_of_its_labels_and_may_be_left_empty(park):
    survey, q = park
    response = response_start(survey=survey)
    page, name = _page(survey, q["safety"]), f"q{q['safety'].pk}"
    assert _errors(response, page, {name: "10"}) == {name: ["Choose one of the answers given"]}
    answers_save(response=response, page=page, data={})
    assert not response.answers.exists()
    answers_save(response=response, page=page, data={name: "Safe"})
    assert _saved(response)["How safe do you feel in the park?"].text == "Safe"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("3", "3"), (" 1,200 ", "1200"), ("2.50", "2.5"), ("-4", "-4"), ("0", "0")],
)
def test_a_number_is_kept_plainly(park, typed, kept):
    survey, q = park
    response = response_start(survey=survey)
    answers_save(
        response=response, page=_page(survey, q["people"]), data={f"q{q['people'].pk}": typed}
    )
    assert _saved(response)["How many people live in your home?"].text == kept


@pytest.mark.parametrize("typed", ["three", "1e400", "NaN", "Infinity", "1.2.3", "99999999999999"])
def test_a_number_must_be_a_number(park, typed):
    survey, q = park
    response = response_start(survey=survey)
    name = f"q{q['people'].pk}"
    assert _errors(response, _page(survey, q["people"]), {name: typed}) == {
        name: ["Enter a number, like 16 or 2.5"]
    }
    assert _errors(response, _page(survey, q["people"]), {name: ""}) == {name: ["Enter a number"]}


def test_a_date_is_a_real_date_in_three_boxes(park):
    survey, q = park
    response = response_start(survey=survey)
    page, name = _page(survey, q["born"]), f"q{q['born'].pk}"

    def boxes(day, month, year):
        return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}

    assert _errors(response, page, boxes("31", "", "1980")) == {
        name: ["The date must include a month"]
    }
    assert _errors(response, page, boxes("31", "2", "1980")) == {
        name: ["The date must be a real date, like 27 3 2027"]
    }
    assert _errors(response, page, boxes("1", "2", "80")) == {
        name: ["The date must be a real date, like 27 3 2027"]
    }
    answers_save(response=response, page=page, data=boxes("29", "2", "1980"))
    assert _saved(response)["What is your date of birth?"].text == "1980-02-29"


def test_a_postcode_is_kept_in_capitals_with_one_space(park):
    survey, q = park
    response = response_start(survey=survey)
    page, name = _page(survey, q["postcode"]), f"q{q['postcode'].pk}"
    for wrong in ("ME14", "12345", "not a postcode at all"):
        assert _errors(response, page, {name: wrong}) == {
            name: ["Enter a real postcode, like ME14 1XX"]
        }
    answers_save(response=response, page=page, data={name: " me141xx "})
    assert _saved(response)["What is your postcode?"].text == "ME14 1XX"


def test_free_text_has_a_limit(park):
    survey, q = park
    response = response_start(survey=survey)
    page, name = _page(survey, q["else"]), f"q{q['else'].pk}"
    assert _errors(response, page, {name: "x" * 5001}) == {
        name: ["Your answer must be 5,000 characters or fewer"]
    }
    answers_save(response=response, page=page, data={name: "  More benches, please.  "})
    assert _saved(response)["Is there anything else you want to tell us?"].text == (
        "More benches, please."
    )


def test_nothing_on_a_grouped_page_is_saved_when_one_answer_is_wrong(council):
    survey = survey_create(council, one_question_a_page=False)
    a = question_add(survey, K.NUMBER, "How old are you?", page=1)
    b = question_add(survey, K.POSTCODE, "What is your postcode?", page=1, required=True)
    response = response_start(survey=survey)
    errors = _errors(response, 1, {f"q{a.pk}": "42", f"q{b.pk}": ""})
    # Grouped, the message names the question.
    assert errors == {f"q{b.pk}": ["Answer “What is your postcode?”"]}
    assert not Answer.objects.exists()
    answers_save(response=response, page=1, data={f"q{a.pk}": "42", f"q{b.pk}": "ME141XX"})
    assert Answer.objects.count() == 2


def test_saving_to_come_back_later_skips_only_the_required_check(park):
    survey, q = park
    response = response_start(survey=survey)
    name = f"q{q['people'].pk}"
    answers_save(response=response, page=_page(survey, q["people"]), data={}, check_required=False)
    with pytest.raises(AnswersInvalid):
        answers_save(
            response=response,
            page=_page(survey, q["people"]),
            data={name: "lots"},
            check_required=False,
        )


def test_routing_asks_each_question_only_after_the_answers_it_names(park):
    survey, q = park
    questions = survey_questions(organisation=survey.organisation, survey=survey)

    def asked(visits: str | None) -> list[str]:
        answers = {}
        if visits:
            answers[q["visits"].pk] = Answer(question=q["visits"], text=visits)
        return [x.text for x in questions_asked(questions=questions, answers=answers)]

    assert "Why do you not visit parks?" in asked("Never")
    assert "What do you use the park for?" not in asked("Never")
    assert "What do you use the park for?" in asked("Every week")
    assert "Why do you not visit parks?" not in asked("Every week")
    # Unanswered: neither routed question is asked yet.
    assert not {"Why do you not visit parks?", "What do you use the park for?"} & set(asked(None))


def test_a_question_after_a_skipped_one_is_skipped_too(council):
    survey = survey_create(council)
    a = question_add(survey, K.ONE_CHOICE, "Do you drive?", options=["Yes", "No"])
    b = question_add(
        survey,
        K.ONE_CHOICE,
        "Do you park in town?",
        options=["Yes", "No"],
        show_if_question=a,
        show_if_answers=["Yes"],
    )
    c = question_add(survey, K.FREE_TEXT, "Where?", show_if_question=b, show_if_answers=["Yes"])
    questions = [a, b, c]
    # b says Yes, but b is not asked once a says No: neither is c.
    answers = {a.pk: Answer(text="No"), b.pk: Answer(text="Yes")}
    assert questions_asked(questions=questions, answers=answers) == [a]
    answers[a.pk] = Answer(text="Yes")
    assert questions_asked(questions=questions, answers=answers) == [a, b, c]


def test_routing_on_other_and_on_several_choices(council):
    survey = survey_create(council)
    a = question_add(
        survey, K.SEVERAL_CHOICES, "Which?", options=["Tea", "Coffee"], other_option=True
    )
    b = question_add(survey, K.FREE_TEXT, "Why?", show_if_question=a, show_if_answers=["Other"])
    assert questions_asked(questions=[a, b], answers={a.pk: Answer(choices=["Tea"])}) == [a]
    both = {a.pk: Answer(choices=["Tea", "Other"], other="Mate")}
    assert questions_asked(questions=[a, b], answers=both) == [a, b]


def _answer_all(response, q, *, visits="Every week"):
    answers_save(response=response, page=1, data={f"q{q['visits'].pk}": visits})
    survey = response.survey
    if visits == "Never":
        answers_save(
            response=response,
            page=_page(survey, q["why_not"]),
            data={f"q{q['why_not'].pk}": "Too far"},
        )
    else:
        answers_save(
            response=response,
            page=_page(survey, q["what_used"]),
            data={f"q{q['what_used'].pk}": ["Play"]},
        )
    answers_save(
        response=response, page=_page(survey, q["people"]), data={f"q{q['people'].pk}": "2"}
    )


def test_submitting_needs_every_required_question_routing_asks(park):
    survey, q = park
    response = response_start(survey=survey)
    answers_save(response=response, page=1, data={f"q{q['visits'].pk}": "Never"})
    with pytest.raises(AnswersMissing) as missing:
        response_submit(response=response)
    # The one for people who visit is not asked, so not missing.
    assert [x.text for x in missing.value.questions] == [
        "Why do you not visit parks?",
        "How many people live in your home?",
    ]
    assert Response.objects.get().submitted_at is None
    _answer_all(response, q, visits="Never")
    response_submit(response=response)
    assert Response.objects.get().submitted_at is not None


def test_submitting_removes_answers_to_questions_routing_now_skips(park):
    survey, q = park
    response = response_start(survey=survey)
    _answer_all(response, q, visits="Every week")
    assert response.answers.filter(question=q["what_used"]).exists()
    # They change their mind: now they never visit, and say why.
    _answer_all(response, q, visits="Never")
    response_submit(response=response)
    kept = set(response.answers.values_list("question__text", flat=True))
    assert kept == {
        "How often do you visit a park?",
        "Why do you not visit parks?",
        "How many people live in your home?",
    }


def test_a_sent_response_cannot_be_changed_or_sent_again(park):
    survey, q = park
    response = response_start(survey=survey)
    _answer_all(response, q)
    response_submit(response=response)
    with pytest.raises(ResponseRefused, match="already been sent"):
        answers_save(response=response, page=1, data={f"q{q['visits'].pk}": "Never"})
    with pytest.raises(ResponseRefused, match="already been sent"):
        response_submit(response=response)


@pytest.mark.parametrize(
    ("status", "why"), [(Survey.Status.DRAFT, "not open yet"), (Survey.Status.CLOSED, "closed")]
)
def test_only_an_open_survey_can_be_answered(park, status, why):
    survey, q = park
    response = response_start(survey=survey)
    Survey.objects.filter(pk=survey.pk).update(status=status)
    survey.refresh_from_db()
    response.survey = survey
    with pytest.raises(ResponseRefused, match=why):
        response_start(survey=survey)
    with pytest.raises(ResponseRefused, match=why):
        answers_save(response=response, page=1, data={f"q{q['visits'].pk}": "Never"})
    with pytest.raises(ResponseRefused, match=why):
        response_submit(response=response)


def test_anonymous_responses_each_have_their_own_secret_link(park):
    survey, _ = park
    first, second = response_start(survey=survey), response_start(survey=survey)
    assert first.pk != second.pk and first.token != second.token and len(first.token) >= 40


def test_an_email_survey_sends_a_link_and_waits_for_it_to_be_opened(
    council, django_capture_on_commit_callbacks
):
    survey, q = park_survey(council, identity=Survey.Identity.EMAIL)
    with pytest.raises(ValueError):
        response_start(survey=survey)
    with django_capture_on_commit_callbacks(execute=True):
        response = response_start(survey=survey, email=" Jo@Example.org ")
    assert response.email == "jo@example.org" and response.email_confirmed_at is None
    [sent] = mail.outbox
    assert sent.to == ["jo@example.org"] and "Parks and open spaces" in sent.subject
    assert f"/borough/surveys/resume/{response.token}/" in sent.body
    with pytest.raises(ResponseRefused, match="confirm your address"):
        answers_save(response=response, page=1, data={f"q{q['visits'].pk}": "Never"})
    response_confirm(response=response)
    answers_save(response=response, page=1, data={f"q{q['visits'].pk}": "Never"})
    assert response.answers.count() == 1


def test_a_second_start_from_one_address_resumes_the_first(
    council, django_capture_on_commit_callbacks
):
    survey, q = park_survey(council, identity=Survey.Identity.EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        first = response_start(survey=survey, email="jo@example.org")
    response_confirm(response=first)
    answers_save(response=first, page=1, data={f"q{q['visits'].pk}": "Never"})
    with django_capture_on_commit_callbacks(execute=True):
        again = response_start(survey=survey, email="JO@example.org")
    assert again.pk == first.pk and Response.objects.count() == 1
    # The link goes to the address again, not to whoever typed it.
    assert [m.to for m in mail.outbox] == [["jo@example.org"], ["jo@example.org"]]
    assert first.token in mail.outbox[1].body
    assert again.answers.count() == 1
    # Another address is another response.
    other = response_start(survey=survey, email="sam@example.org")
    assert other.pk != first.pk


def test_a_failing_mail_server_does_not_lose_the_response(
    council, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    survey, _ = park_survey(council, identity=Survey.Identity.EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        response = response_start(survey=survey, email="jo@example.org")
    assert Response.objects.filter(pk=response.pk).exists()


def test_progress_names_the_next_page_routing_asks(park):
    survey, q = park
    response = response_start(survey=survey)
    answers_save(response=response, page=1, data={f"q{q['visits'].pk}": "Never"})
    progress = response_progress(organisation=survey.organisation, response=response)
    # Page 2 asks why not; page 3 (what they use it for) is skipped.
    assert progress.next_page(1) == 2 and progress.next_page(2) == 4
    assert progress.previous_page(4) == 2
    assert progress.first_unanswered_page() == 2
    assert Question.objects.count() == len(progress.pages) == 8


def test_an_address_that_has_sent_its_answers_is_told_so_not_sent_a_link(
    council, django_capture_on_commit_callbacks
):
    survey, q = park_survey(council, identity=Survey.Identity.EMAIL)
    response = response_start(survey=survey, email="jo@example.org")
    response_confirm(response=response)
    _answer_all(response, q)
    response_submit(response=response)
    with django_capture_on_commit_callbacks(execute=True):
        again = response_start(survey=survey, email="jo@example.org")
    assert again.pk == response.pk and Response.objects.count() == 1
    [told] = mail.outbox
    assert "already sent your answers" in told.body and response.token not in told.body


def test_on_a_grouped_page_a_question_may_depend_on_one_beside_it(council):
    survey = survey_create(council, one_question_a_page=False)
    a = question_add(survey, K.ONE_CHOICE, "Do you drive?", options=["Yes", "No"], page=1)
    b = question_add(
        survey,
        K.POSTCODE,
        "Where do you park?",
        page=1,
        required=True,
        show_if_question=a,
        show_if_answers=["Yes"],
    )
    response = response_start(survey=survey)
    progress = response_progress(organisation=council, response=response)
    # Shown before the answer is known: the page cannot change without JavaScript.
    assert progress.page_shown(1) == [a, b]
    # "No": the dependent question is not asked, so neither required nor kept.
    answers_save(response=response, page=1, data={f"q{a.pk}": "No", f"q{b.pk}": "ME14 1XX"})
    assert list(response.answers.values_list("question_id", flat=True)) == [a.pk]
    # "Yes": now it is asked, and required.
    assert _errors(response, 1, {f"q{a.pk}": "Yes"}) == {
        f"q{b.pk}": ["Answer “Where do you park?”"]
    }
    answers_save(response=response, page=1, data={f"q{a.pk}": "Yes", f"q{b.pk}": "me14 1xx"})
    assert response.answers.get(question=b).text == "ME14 1XX"
    # Back to "No": the postcode, no longer asked, goes at once.
    answers_save(response=response, page=1, data={f"q{a.pk}": "No", f"q{b.pk}": "ME14 1XX"})
    assert not response.answers.filter(question=b).exists()


# Found in review: each of these reached a 500 or kept bad data


def test_a_survey_left_open_takes_no_answers_after_its_consultation_closes(park):
    import datetime as dt

    from django.utils import timezone

    survey, _ = park
    response = response_start(survey=survey)
    consultation = survey.consultation
    consultation.closes_on = timezone.localdate() - dt.timedelta(days=1)
    consultation.save()
    survey.refresh_from_db()
    assert survey.state == "closed"
    with pytest.raises(ResponseRefused, match="has closed"):
        response_start(survey=survey)
    response.survey = survey
    with pytest.raises(ResponseRefused, match="has closed"):
        response_submit(response=response)
    consultation.closes_on, consultation.opens_on = None, timezone.localdate() + dt.timedelta(1)
    consultation.save()
    survey.refresh_from_db()
    assert survey.state == "draft"


def test_a_date_with_a_day_of_many_digits_is_refused_not_a_crash(park):
    survey, q = park
    date = next(x for x in q.values() if x.kind == "date")
    response = response_start(survey=survey)
    data = {f"q{date.pk}_day": "99999999999", f"q{date.pk}_month": "1", f"q{date.pk}_year": "2024"}
    errors = _errors(response, _page(survey, date), data)
    assert errors and not response.answers.exists()


def test_control_characters_pasted_into_an_answer_are_not_kept(park):
    survey, q = park
    response = response_start(survey=survey)
    answers_save(
        response=response, page=_page(survey, q["visits"]), data={f"q{q['visits'].pk}": "Never"}
    )
    answers_save(
        response=response,
        page=_page(survey, q["why_not"]),
        data={f"q{q['why_not'].pk}": "Too far\x0baway\x01"},
    )
    assert _saved(response)["Why do you not visit parks?"].text == "Too faraway"
