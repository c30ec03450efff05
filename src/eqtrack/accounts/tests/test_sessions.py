"""Sessions: the idle timeout to the second, the absolute lifetime, the size of a form kept
across signing in, and ended sessions cleared from the database."""

import datetime as dt
import io
import os

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from eqtrack.accounts import middleware
from eqtrack.accounts.kept_forms import KEPT
from eqtrack.accounts.models import Membership, Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document
from eqtrack.plans.tests.factories import ActionFactory
from eqtrack.rounds.services import round_open

pytestmark = pytest.mark.django_db
PASSWORD = "a long test password 1"


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    return now


@pytest.fixture
def viewer(client, django_user_model):
    """A signed-in viewer and a page only people signed in may see."""
    action = ActionFactory()
    user = django_user_model.objects.create_user("jo")
    Membership.objects.create(organisation=action.organisation, user=user, role=Role.VIEWER)
    client.force_login(user)
    return f"/{action.organisation.slug}/{action.plan.slug}/rounds/"


def _refused(response):
    return response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_the_idle_timeout_holds_to_the_second_between_saves(client, viewer, clock, settings):
    idle = settings.EQTRACK_SESSION_IDLE_SECONDS
    assert idle == 30 * 60
    assert client.get(viewer).status_code == 200  # saved now
    clock[0] += 30
    assert client.get(viewer).status_code == 200  # not saved again: half a minute on
    # 30 minutes less a second after the last request (not the last save): still signed in.
    clock[0] += idle - 1
    assert client.get(viewer).status_code == 200
    # 30 minutes and a few seconds after it: ended, though the database keeps it a minute more.
    clock[0] += idle + 3
    assert _refused(client.get(viewer))
    assert "_auth_user_id" not in client.session


def test_a_missing_or_forged_last_seen_cookie_counts_from_the_last_save(
    client, viewer, clock, settings
):
    assert client.get(viewer).status_code == 200  # saved
    clock[0] += 30
    assert client.get(viewer).status_code == 200
    client.cookies[middleware.SEEN] = repr(clock[0] + 10_000)  # unsigned: not believed
    clock[0] += settings.EQTRACK_SESSION_IDLE_SECONDS - 20  # idle 30:10 since the last save
    assert _refused(client.get(viewer))


def test_a_busy_session_still_ends_hours_after_signing_in(client, viewer, clock, settings):
    assert settings.EQTRACK_SESSION_MAX_SECONDS == 12 * 3600
    signed_in = clock[0]
    assert client.get(viewer).status_code == 200
    while clock[0] + 20 * 60 < signed_in + 12 * 3600:
        clock[0] += 20 * 60  # a request every 20 minutes keeps it from idling
        assert client.get(viewer).status_code == 200
    clock[0] = signed_in + 12 * 3600 + 1
    assert _refused(client.get(viewer))


@pytest.fixture
def update_page():
    plan = plan_create_from_document(document=document_generate(actions=1, periods=1))
    owner = member_create(plan.organisation, Role.OWNER, teams=["HR"], username="lead")
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    action = Action.objects.filter(plan=plan).first()
    Action.objects.filter(pk=action.pk).update(team=Membership.objects.get(user=owner).teams.get())
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    return f"/{plan.organisation.slug}/rounds/{round.pk}/actions/{action.pk}/"


def test_a_form_too_big_to_keep_is_refused_with_a_message_not_stored(client, update_page):
    big = "x" * (256 * 1024)
    sent = client.post(update_page, {"progress": big, "next_steps": "", "status_text": ""})
    assert sent.status_code == 302 and sent["Location"].startswith("/sign-in/?next=")
    assert KEPT not in client.session
    assert not any(big in row.session_data for row in Session.objects.all())
    page = client.get(sent["Location"]).content.decode()
    assert "too long to keep for you (more than 256 kB)" in page
    # Just under the limit is kept, as before.
    client.post(update_page, {"progress": "y" * 200_000, "next_steps": "", "status_text": ""})
    assert client.session[KEPT]["data"]["progress"] == ["y" * 200_000]


def test_serve_clears_ended_sessions_from_the_database(monkeypatch):
    monkeypatch.setattr(os, "execv", lambda path, args: None)
    now = timezone.now()
    for key, expires in (
        ("ended", now - dt.timedelta(seconds=1)),
        ("live", now + dt.timedelta(minutes=5)),
    ):
        Session.objects.create(
            session_key=key, session_data=SessionStore().encode({"x": 1}), expire_date=expires
        )
    call_command("serve", stdout=io.StringIO())
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
