"""The "Your notices" page, end to end: every kind with its description and choices, saved;
a forged choice refused by name, with nothing saved."""

import pytest
from django.utils.html import escape

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.notifications.models import Choice, Kind, NoticePreference
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    organisation = Organisation.objects.create(name="Borough Council", slug="borough")
    user = member_create(organisation, Role.OWNER, username="owner")
    client.force_login(user)
    return user


def test_the_page_lists_every_kind_straight_away_by_default(client, person):
    page = client.get("/account/notices/").content.decode()
    assert '<h1 class="govuk-heading-l">Your notices</h1>' in page
    for kind in Kind:
        assert escape(kind.label) in page
        assert f'name="{kind.value}" type="radio" value="{Choice.IMMEDIATELY}" checked' in page, (
            kind
        )
    assert "For reviewers: an update is waiting for you to approve or return it." in page
    assert "owner@council.example" in page


def test_choices_are_saved_and_shown_again(client, person):
    data = {kind.value: Choice.IMMEDIATELY for kind in Kind}
    data[Kind.ROUND_OPENED] = Choice.OFF
    data[Kind.UPDATE_RETURNED] = Choice.DIGEST
    response = client.post("/account/notices/", data)
    assert response.status_code == 302 and response["Location"] == "/account/notices/"
    saved = dict(NoticePreference.objects.filter(user=person).values_list("kind", "choice"))
    assert saved[Kind.ROUND_OPENED] == Choice.OFF
    assert saved[Kind.UPDATE_RETURNED] == Choice.DIGEST
    page = client.get("/account/notices/").content.decode()
    assert "Your choices of notices have been saved." in page
    assert f'name="{Kind.ROUND_OPENED}" type="radio" value="off" checked' in page
    assert f'name="{Kind.UPDATE_RETURNED}" type="radio" value="digest" checked' in page


def test_a_forged_choice_is_refused_by_name_and_nothing_is_saved(client, person):
    data = {kind.value: Choice.DIGEST for kind in Kind}
    data[Kind.ROUND_CLOSED] = "hourly"
    response = client.post("/account/notices/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "A reporting round closes: choose straight away, once a day or never" in page
    assert f'href="#id_{Kind.ROUND_CLOSED}_0"' in page
    assert not NoticePreference.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/account/notices/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
