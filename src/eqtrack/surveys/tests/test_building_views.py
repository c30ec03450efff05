"""Building a survey on the web, end to end with the test client: an administrator starts a
survey for a consultation, adds questions of each kind, routes one on an earlier answer, adds
the monitoring questions, previews, opens and closes it; refusals come back as an error
summary against the field and store nothing; other members are refused, outsiders find
nothing; the survey page's queries do not grow with its questions."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.monitoring import monitoring_set
from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Question, Response, Survey
from eqtrack.surveys.services.building import question_add, routing_set, survey_create
from eqtrack.surveys.tests.building_world import world_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_make()


K = Question.Kind


def _base(world) -> str:
    return f"/{world['org'].slug}/consultations/{world['consultation'].pk}/survey/"


def _text(response) -> str:
    return response.content.decode()


def _ok_redirect(response, to: str | None = None) -> str:
    assert response.status_code == 302, _text(response)[:3000]
    if to is not None:
        assert response["Location"] == to
    return response["Location"]


def test_an_administrator_builds_opens_and_closes_a_survey(world, client):
    client.force_login(world["admin"])
    base = _base(world)
    org, consultation = world["org"], world["consultation"]
    detail = _text(client.get(f"/{org.slug}/consultations/{consultation.pk}/"))
    assert f'href="{base}"' in detail

    # No survey yet: the survey page starts one, with its settings.
    _ok_redirect(client.get(base), base + "start/")
    page = _text(client.get(base + "start/"))
    assert "Start a survey" in page and 'value="yes" checked' in page
    page = _text(client.post(base + "start/", {"introduction": "Hi"}))
    assert "There is a problem" in page and "Choose how the questions are shown" in page
    assert page.count("<title>Error: ") == 1
    assert not Survey.objects.exists()
    _ok_redirect(
        client.post(
            base + "start/",
            {"introduction": "Tell us", "one_question_a_page": "yes", "identity": "anonymous"},
        ),
        base,
    )
    survey = Survey.objects.get()
    page = _text(client.get(base))
    assert "The survey has no questions yet." in page and "Draft" in page
    assert "Open the survey" not in page  # nothing to open yet
    # Starting again goes to the survey there is.
    _ok_redirect(client.get(base + "start/"), base)

    # A question: its kind first, then its details.
    page = _text(client.post(base + "questions/new/", {}))
    assert "Choose the kind of question" in page and 'href="#id_kind_0"' in page
    _ok_redirect(
        client.post(base + "questions/new/", {"kind": "one_choice"}),
        base + "questions/new/one_choice/",
    )
    page = _text(client.get(base + "questions/new/one_choice/"))
    assert 'name="options"' in page and 'name="other_option"' in page and 'name="page"' not in page
    _ok_redirect(
        client.post(
            base + "questions/new/one_choice/",
            {"text": "Do you use the park?", "options": "Yes\r\nNo\r\n\r\n", "required": "yes"},
        )
    )
    page = _text(client.get(base + "questions/new/free_text/"))
    assert 'name="options"' not in page
    _ok_redirect(
        client.post(
            base + "questions/new/free_text/",
            {"text": "Why not?", "hint": "In your own words", "required": "no"},
        )
    )
    use, why = survey.questions.order_by("position")
    assert (use.options, use.required, why.kind) == (["Yes", "No"], True, "free_text")

    # Routing: which earlier question, then which of its answers.
    page = _text(client.get(base + f"questions/{why.pk}/routing/"))
    assert "Only for some answers to Q1: Do you use the park?" in page
    _ok_redirect(
        client.post(base + f"questions/{why.pk}/routing/", {"condition": use.pk}),
        base + f"questions/{why.pk}/routing/{use.pk}/",
    )
    page = _text(client.post(base + f"questions/{why.pk}/routing/{use.pk}/", {}))
    assert "Choose at least one answer that leads to this question" in page
    _ok_redirect(client.post(base + f"questions/{why.pk}/routing/{use.pk}/", {"answers": ["No"]}))
    page = _text(client.get(base))
    assert "Q1. Do you use the park?" in page and "Q2. Why not?" in page
    assert "Asked only if Q1 is “No”" in page
    # The changes, with who made them.
    who = world["admin"].username
    assert f"question added: “Do you use the park?” – {who}" in page
    assert f"survey started – {who}" in page

    # Moving Q2 above its condition is refused, with the reason, on the survey page.
    response = client.post(base + f"questions/{why.pk}/move/", {"direction": "up"})
    page = _text(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert f'href="#q-{why.pk}"' in page
    assert "so it must come after Q1: change its routing first" in page
    assert client.get(base + f"questions/{why.pk}/move/").status_code == 405

    # The monitoring questions: all ticked to start with.
    page = _text(client.get(base + "monitoring/"))
    assert 'value="sex" checked' in page and "What is your sex?" in page
    _ok_redirect(client.post(base + "monitoring/", {"keys": ["sex"]}), base)
    sex = survey.questions.get(monitoring_key="sex")
    page = _text(client.get(base))
    assert "Q3. What is your sex?" in page and "Standard equality monitoring question" in page
    # Offered again only while some standard question is not asked.
    assert ("Add the equality monitoring questions" in page) == (len(monitoring_set()) > 1)
    page = _text(client.get(base + "monitoring/"))
    assert "The survey asks every standard monitoring question already." in page or (
        'value="sex"' not in page
    )
    # Its wording cannot be changed: the page offers only what may change.
    page = _text(client.get(base + f"questions/{sex.pk}/"))
    assert 'name="text"' not in page and 'name="required"' in page
    _ok_redirect(client.post(base + f"questions/{sex.pk}/", {"required": "yes"}))
    assert Question.objects.get(pk=sex.pk).required

    # The preview shows each question as residents will see it.
    page = _text(client.get(base + "preview/"))
    assert "Page 1 of 3" in page and "Do you use the park?" in page
    assert 'type="radio" value="Yes"' in page and "<textarea" in page
    assert "Why not? (optional)" in page and "Asked only if Q1 is “No”" in page

    # Open, close and reopen, each after a confirmation page.
    assert "Are you sure you want to open the survey?" in _text(client.get(base + "open/"))
    _ok_redirect(client.post(base + "open/"), base)
    survey.refresh_from_db()
    assert survey.status == "open"
    page = _text(client.get(base))
    assert "Close the survey" in page
    # Once open, the survey's page leads to who has answered, the results and the themes.
    for name in ("survey-responses", "survey-results", "survey-themes"):
        assert f'href="{reverse(name, args=[org.slug, consultation.pk])}"' in page
    assert "Are you sure you want to close the survey?" in _text(client.get(base + "close/"))
    _ok_redirect(client.post(base + "close/"), base)
    survey.refresh_from_db()
    assert survey.status == "closed"
    assert "Reopen the survey" in _text(client.get(base))
    _ok_redirect(client.post(base + "open/"), base)
    survey.refresh_from_db()
    assert survey.status == "open"


@pytest.fixture
def built(world):
    survey = survey_create(consultation=world["consultation"], user=world["admin"])
    admin = world["admin"]
    use = question_add(
        survey=survey,
        user=admin,
        kind=K.ONE_CHOICE,
        text="Do you use the park?",
        options=["Yes", "No"],
    )
    why = question_add(survey=survey, user=admin, kind=K.FREE_TEXT, text="Why not?")
    routing_set(question=why, user=admin, condition=use, answers=["No"])
    return survey, use, why


def test_bad_answers_come_back_against_the_field_and_nothing_is_kept(world, client, built):
    survey, use, why = built
    client.force_login(world["admin"])
    base = _base(world)
    response = client.post(
        base + "questions/new/several_choices/",
        {"text": "How do you get there?", "options": "Bus\nWalk\nbus", "required": "no"},
    )
    page = _text(response)
    assert response.status_code == 200 and "<title>Error: " in page
    assert '<a href="#id_options">Line 3 repeats the answer “bus” of line 1</a>' in page
    assert "Bus\nWalk\nbus</textarea>" in page  # what was typed is kept for correcting
    page = _text(
        client.post(base + "questions/new/scale/", {"text": "How good?", "required": "no"})
    )
    assert "Enter the points of the scale, one a line" in page
    assert survey.questions.count() == 2
    # Taking away an answer a later question is routed on.
    page = _text(
        client.post(
            base + f"questions/{use.pk}/",
            {"text": "Do you use the park?", "options": "Yes\nSometimes", "required": "no"},
        )
    )
    assert "Q2 is asked only if this question is answered “No”" in page
    assert Question.objects.get(pk=use.pk).options == ["Yes", "No"]
    # Removing a question others depend on.
    page = _text(client.post(base + f"questions/{use.pk}/delete/"))
    assert "There is a problem" in page and "change its routing before removing it" in page
    assert survey.questions.count() == 2
    # Opening with no questions.
    client.post(base + f"questions/{why.pk}/delete/")
    client.post(base + f"questions/{use.pk}/delete/")
    assert not survey.questions.exists()
    page = _text(client.post(base + "open/"))
    assert "Add a question before opening the survey" in page
    assert Survey.objects.get().status == "draft"


def test_changing_moving_and_removing_questions(world, client, built):
    survey, use, why = built
    client.force_login(world["admin"])
    base = _base(world)
    page = _text(client.get(base + f"questions/{use.pk}/"))
    assert "Yes\nNo</textarea>" in page
    _ok_redirect(
        client.post(
            base + f"questions/{use.pk}/",
            {"text": "Do you use a park?", "options": "Yes\nNo\nSometimes", "required": "yes"},
        ),
        base + f"#q-{use.pk}",
    )
    use.refresh_from_db()
    assert (use.text, use.options, use.required) == (
        "Do you use a park?",
        ["Yes", "No", "Sometimes"],
        True,
    )
    # A question with no routing moves freely.
    extra = question_add(survey=survey, user=world["admin"], kind=K.NUMBER, text="How many times?")
    _ok_redirect(client.post(base + f"questions/{extra.pk}/move/", {"direction": "up"}))
    assert list(survey.questions.order_by("position").values_list("pk", flat=True)) == [
        use.pk,
        extra.pk,
        why.pk,
    ]
    page = _text(client.get(base + f"questions/{extra.pk}/delete/"))
    assert "Are you sure you want to remove “How many times?”?" in page
    _ok_redirect(client.post(base + f"questions/{extra.pk}/delete/"), base)
    assert survey.questions.count() == 2
    # Settings: grouped by page, where a routed question's page is asked for.
    _ok_redirect(
        client.post(
            base + "settings/",
            {"introduction": "New words", "one_question_a_page": "yes", "identity": "email"},
        ),
        base,
    )
    survey.refresh_from_db()
    assert (survey.introduction, survey.identity) == ("New words", "email")
    page = _text(
        client.post(
            base + "settings/",
            {"introduction": "", "one_question_a_page": "no", "identity": "email"},
        )
    )
    assert '<a href="#id_one_question_a_page_0">Q2 is asked only after Q1 is answered' in page
    # Routing back to always.
    _ok_redirect(client.post(base + f"questions/{why.pk}/routing/", {"condition": 0}))
    assert Question.objects.get(pk=why.pk).show_if_question is None


def test_once_someone_submits_the_questions_are_locked_and_the_page_says_so(world, client, built):
    survey, use, why = built
    Response.objects.create(
        organisation=survey.organisation, survey=survey, token="x", submitted_at=timezone.now()
    )
    client.force_login(world["admin"])
    base = _base(world)
    page = _text(client.get(base))
    assert "1 response has been submitted, so the questions cannot be changed any more" in page
    assert f"questions/{use.pk}/delete/" not in page and "Add a question" not in page
    page = _text(
        client.post(
            base + f"questions/{use.pk}/",
            {"text": "Changed", "options": "Yes\nNo", "required": "no"},
        )
    )
    assert "1 response has been submitted, so the questions cannot be changed any more" in page
    assert Question.objects.get(pk=use.pk).text == "Do you use the park?"


def _urls(world, built) -> list[str]:
    survey, use, why = built
    base = _base(world)
    return [
        base,
        base + "settings/",
        base + "preview/",
        base + "open/",
        base + "close/",
        base + "monitoring/",
        base + "questions/new/",
        base + "questions/new/one_choice/",
        base + f"questions/{use.pk}/",
        base + f"questions/{use.pk}/delete/",
        base + f"questions/{why.pk}/routing/",
        base + f"questions/{why.pk}/routing/{use.pk}/",
    ]


@pytest.mark.parametrize("who", ["viewer", "owner"])
def test_members_without_the_role_are_refused_and_change_nothing(world, client, built, who):
    client.force_login(world[who])
    for url in _urls(world, built) + [_base(world) + "start/"]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"direction": "up", "text": "x"}).status_code == 403, url
    survey, use, why = built
    assert (
        client.post(_base(world) + f"questions/{why.pk}/move/", {"direction": "up"}).status_code
        == 403
    )
    assert list(survey.questions.order_by("position")) == [use, why]
    # Their consultation page has no link to the survey.
    org, consultation = world["org"], world["consultation"]
    page = _text(client.get(f"/{org.slug}/consultations/{consultation.pk}/"))
    assert _base(world) not in page


def test_outsiders_find_nothing_and_visitors_are_asked_to_sign_in(world, client, built):
    other = Organisation.objects.create(name="Other Council", slug="other")
    client.force_login(member_create(other, Role.ADMINISTRATOR))
    for url in _urls(world, built):
        assert client.get(url).status_code == 404, url
    client.logout()
    response = client.get(_base(world))
    assert response.status_code == 302 and "/sign-in" in response["Location"]


def test_a_question_of_another_survey_is_not_found(world, client, built):
    from eqtrack.surveys.tests.building_world import consultation_make

    other = survey_create(
        consultation=consultation_make(world["org"], "Roads"), user=world["admin"]
    )
    stranger = question_add(survey=other, user=world["admin"], kind=K.FREE_TEXT, text="Roads?")
    client.force_login(world["admin"])
    base = _base(world)
    assert client.get(base + f"questions/{stranger.pk}/").status_code == 404
    assert client.post(base + f"questions/{stranger.pk}/delete/").status_code == 404
    assert client.get(base + "questions/new/essay/").status_code == 404
    survey, use, why = built
    # A later question cannot be offered as a condition.
    assert client.get(base + f"questions/{use.pk}/routing/{why.pk}/").status_code == 404


def test_the_survey_pages_queries_do_not_grow_with_its_questions(
    world,
    client,
    built,
    django_assert_max_num_queries,
):
    survey, use, why = built
    client.force_login(world["admin"])
    base = _base(world)
    client.get(base)  # the session is read and settled

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(base).status_code == 200
        # The consultation's uploaded files (large) are left in the database.
        sql = " ".join(q["sql"] for q in queries.captured_queries)
        assert '"consultations_consultation"."weighted"' not in sql
        assert '"consultations_consultation"."responses"' not in sql
        return len(queries)

    few = count()
    for n in range(30):
        question_add(
            survey=survey, user=world["admin"], kind=K.ONE_CHOICE, text=f"Q {n}", options=["A", "B"]
        )
    many = count()
    assert many == few, (few, many)
    print("survey page queries:", few)
    with django_assert_max_num_queries(11):
        page = _text(client.get(base))
    assert len(re.findall(r'class="govuk-summary-card" id="q-', page)) == 32
