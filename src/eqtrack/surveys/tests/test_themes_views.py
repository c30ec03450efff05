"""The themes pages end to end with the test client: an officer finds a question's themes,
renames and merges two, moves an answer by hand, makes a theme, finds the themes again and
the edits hold; errors are one message and change nothing; members who do not manage
consultations are refused and other councils find nothing."""

from __future__ import annotations

import re

import pytest

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.surveys.models import Theme, ThemeAssignment

from .test_themes_engine import PARKING
from .themes_data import answers_create, respond, world_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    world = world_create()
    world.made = answers_create(world)  # type: ignore[attr-defined]
    client.force_login(world.admin)
    return world


def _base(world) -> str:
    return f"/{world.org.slug}/consultations/{world.consultation.pk}/survey/themes/"


def _theme_of(answer) -> Theme:
    return ThemeAssignment.objects.select_related("theme").get(answer=answer).theme


def test_officer_finds_renames_merges_moves_and_the_edits_hold(world, client):
    base = _base(world)
    page = client.get(base).content.decode()
    assert "What would make the town centre better?" in page and "No themes found yet" in page
    response = client.post(base, {"question": world.question.pk})
    q = f"{base}{world.question.pk}/"
    assert response["Location"] == q
    page = client.get(q).content.decode()
    assert "themes found" in page  # the success message
    assert Theme.objects.count() >= 2

    # Three themes, asked for on the question's page.
    response = client.post(q, {"action": "run", "themes": "3"})
    assert response["Location"] == q
    parking = _theme_of(world.made["parking"][0])
    bins = _theme_of(world.made["bins"][0])
    libraries = _theme_of(world.made["libraries"][0])
    assert len({parking.pk, bins.pk, libraries.pk}) == 3
    page = client.get(q).content.decode()
    assert PARKING[0][:40] in page or any(p[:40] in page for p in PARKING)
    # The breakdown by the monitoring question is shown by default.
    assert "Share of each group in each theme, not weighted: What is your sex?" in page

    # Rename on the theme's page.
    theme_url = f"{q}{parking.number}/"
    response = client.post(theme_url, {"action": "rename", "name": "Parking and cars"})
    assert response["Location"] == theme_url
    assert "Parking and cars" in client.get(q).content.decode()
    # Merge libraries into bins on the question's page.
    response = client.post(q, {"action": "merge", "theme": libraries.number, "into": bins.number})
    assert response["Location"] == q
    # Move a parking answer by hand into bins.
    moved = world.made["parking"][1]
    response = client.post(theme_url, {"action": "move", "answers": [moved.pk], "to": bins.number})
    assert response["Location"] == theme_url
    # Find the themes again: every edit holds.
    respond(world, "More parking spaces by the market please", "Male")
    client.post(q, {"action": "run", "themes": "3"})
    parking.refresh_from_db()
    libraries.refresh_from_db()
    assert parking.name == "Parking and cars"
    assert libraries.merged_into_id == bins.pk
    assignment = ThemeAssignment.objects.get(answer=moved)
    assert assignment.by_hand and assignment.theme_id == bins.pk
    page = client.get(q).content.decode()
    assert "Parking and cars" in page and f"With {libraries.number} merged in" in page
    # A merged theme's address leads to the theme it is merged into; it can be separated.
    assert client.get(f"{q}{libraries.number}/")["Location"] == f"{q}{bins.number}/"
    response = client.post(f"{q}{bins.number}/", {"action": "unmerge", "merged": libraries.number})
    libraries.refresh_from_db()
    assert libraries.merged_into_id is None


def test_make_a_theme_and_move_answers_into_it(world, client):
    q = f"{_base(world)}{world.question.pk}/"
    client.post(q, {"action": "run", "themes": "3"})
    response = client.post(q, {"action": "make", "name": "Cost of living"})
    made = Theme.objects.get(name="Cost of living")
    assert response["Location"] == f"{q}{made.number}/"
    assert "This theme has no answers yet" in client.get(response["Location"]).content.decode()
    parking = _theme_of(world.made["parking"][0])
    chosen = [world.made["parking"][1].pk, world.made["parking"][2].pk]
    client.post(f"{q}{parking.number}/", {"action": "move", "answers": chosen, "to": made.number})
    page = client.get(f"{q}{made.number}/").content.decode()
    assert "Answers (2)" in page and "moved by hand" in page
    # Split: straight into a new theme, named on the spot.
    client.post(
        f"{q}{parking.number}/",
        {
            "action": "move",
            "answers": [world.made["parking"][3].pk],
            "to": "new",
            "name": "Permits",
        },
    )
    split = Theme.objects.get(name="Permits")
    assert _theme_of(world.made["parking"][3]) == split and split.made_by_hand


def test_errors_are_one_message_and_change_nothing(world, client):
    q = f"{_base(world)}{world.question.pk}/"
    client.post(q, {"action": "run", "themes": "3"})
    names = list(Theme.objects.values_list("pk", "name", "merged_into"))
    one, two = Theme.objects.order_by("number")[:2]
    page = client.post(q, {"action": "merge", "theme": one.number, "into": one.number})
    assert page.status_code == 200
    text = page.content.decode()
    assert "<title>Error: " in text and "Choose two different themes" in text
    page = client.post(q, {"action": "run", "themes": "lots"}).content.decode()
    assert "Enter the number of themes as a whole number, like 6" in page
    page = client.post(q, {"action": "make", "name": ""}).content.decode()
    assert "Enter a name for the new theme" in page
    client.post(f"{q}{one.number}/", {"action": "rename", "name": "Parking"})
    page = client.post(f"{q}{two.number}/", {"action": "rename", "name": "parking"})
    assert "There is already a theme called “parking”." in page.content.decode()
    page = client.post(f"{q}{two.number}/", {"action": "move", "to": one.number}).content.decode()
    assert "Choose the answers to move" in page and 'href="#id_answers_0"' in page
    assert list(Theme.objects.values_list("pk", "name", "merged_into")) == [
        (pk, "Parking" if pk == one.pk else name, merged) for pk, name, merged in names
    ]
    # A question with no answers: the message names the problem, nothing is stored.
    world.question.answers.all().delete()
    Theme.objects.all().delete()
    page = client.post(_base(world), {"question": world.question.pk}).content.decode()
    assert "There are no answers to find themes in." in page and "<title>Error: " in page
    assert not Theme.objects.exists()


def test_the_answers_in_no_theme_can_be_moved(world, client):
    q = f"{_base(world)}{world.question.pk}/"
    client.post(q, {"action": "run", "themes": "3"})
    late = respond(world, "Parking near the park is hard", "Female")
    page = client.get(f"{q}no-theme/").content.decode()
    assert "Answers in no theme" in page and "Parking near the park is hard" in page
    parking = _theme_of(world.made["parking"][0])
    client.post(f"{q}no-theme/", {"action": "move", "answers": [late.pk], "to": parking.number})
    assert _theme_of(late) == parking


def test_only_those_who_manage_consultations(world, client):
    base = _base(world)
    q = f"{base}{world.question.pk}/"
    client.force_login(world.viewer)
    assert client.get(base).status_code == 403
    assert client.post(q, {"action": "run"}).status_code == 403
    client.force_login(member_create(world.org, Role.OWNER))
    assert client.get(base).status_code == 403
    other = world_create("other")
    client.force_login(other.admin)
    assert client.get(base).status_code == 404
    assert client.get(q).status_code == 404
    client.logout()
    assert client.get(base).status_code == 302  # to sign in
    client.force_login(world.admin)
    # A question that is not free text, or of another survey, is not found.
    assert client.get(f"{base}{world.sex.pk}/").status_code == 404
    assert client.get(f"{base}{other.question.pk}/").status_code == 404
    assert client.get(f"{q}99/").status_code == 404


def test_pages_make_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    q = f"{_base(world)}{world.question.pk}/"
    client.post(q, {"action": "run", "themes": "3"})
    for i in range(40):
        respond(world, f"{PARKING[i % 5]} and more", "Female" if i % 2 else "Male")
    client.post(q, {"action": "run", "themes": "3"})
    theme = Theme.objects.order_by("number").first()
    with django_assert_max_num_queries(20):
        assert client.get(_base(world)).status_code == 200
    with django_assert_max_num_queries(20):
        page = client.get(q)
    assert page.status_code == 200
    with django_assert_max_num_queries(20):
        page = client.get(f"{q}{theme.number}/")
    assert page.status_code == 200
    # Every answer of the theme is listed with a checkbox.
    assert len(re.findall(r'name="answers"', page.content.decode())) == page.context["count"]
