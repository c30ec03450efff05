"""What each role may do, for every role, and the login lockout."""

import datetime as dt

import pytest
from django.test import override_settings

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.accounts.permissions import (
    can_administer,
    can_edit_action,
    can_read_plan,
    can_review,
    can_sign_off,
)
from eqtrack.plans.tests.factories import ActionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_user_model):
    action = ActionFactory()
    organisation = action.organisation
    housing = Team.objects.create(organisation=organisation, name="Housing")
    policy = Team.objects.create(organisation=organisation, name="Policy")
    action.team = housing
    action.save()
    users = {}
    for role in Role:
        user = django_user_model.objects.create_user(role.value)
        member = Membership.objects.create(organisation=organisation, user=user, role=role)
        if role == Role.OWNER:
            member.teams.add(housing)
        users[role.value] = user
    other_owner = django_user_model.objects.create_user("other-owner")
    Membership.objects.create(
        organisation=organisation, user=other_owner, role=Role.OWNER
    ).teams.add(policy)
    users["other-owner"] = other_owner
    outsider = django_user_model.objects.create_user("outsider")
    Membership.objects.create(
        organisation=OrganisationFactory(), user=outsider, role=Role.ADMINISTRATOR
    )
    users["outsider"] = outsider
    return action, users


@pytest.mark.parametrize(
    ("who", "edit", "review", "administer", "read_unpublished", "sign_off"),
    [
        ("administrator", True, True, True, True, True),
        ("owner", True, False, False, True, False),
        ("other-owner", False, False, False, True, False),  # another team's action
        ("reviewer", False, True, False, True, False),
        ("manager", False, False, False, True, True),  # signs assessments off, edits no action
        ("viewer", False, False, False, True, False),
        ("outsider", False, False, False, False, False),  # an administrator of another council
        ("anonymous", False, False, False, False, False),
    ],
)
def test_every_role(world, who, edit, review, administer, read_unpublished, sign_off):
    from django.contrib.auth.models import AnonymousUser

    action, users = world
    user = users.get(who, AnonymousUser())
    plan = action.plan
    plan.published = False
    assert can_edit_action(user, action) is edit
    assert can_review(user, action.organisation_id) is review
    assert can_administer(user, action.organisation_id) is administer
    assert can_read_plan(user, plan) is read_unpublished
    assert can_sign_off(user, action.organisation_id) is sign_off
    plan.published = True
    assert can_read_plan(user, plan) is True


@override_settings(AXES_ENABLED=True)
def test_repeated_failed_logins_lock_the_user_and_address_out(client, django_user_model):
    from axes.models import AccessAttempt

    django_user_model.objects.create_superuser("officer", "o@example.org", "correct horse battery")
    for _ in range(5):
        client.post(
            "/sign-in/", {"username": "officer", "password": "wrong"}, REMOTE_ADDR="10.0.0.1"
        )
    locked = client.post(
        "/sign-in/",
        {"username": "officer", "password": "correct horse battery"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert AccessAttempt.objects.get(username="officer").failures_since_start >= 5
    # The same user from another address is not locked out: user and address go together.
    ok = client.post(
        "/sign-in/",
        {"username": "officer", "password": "correct horse battery"},
        REMOTE_ADDR="10.0.0.2",
    )
    assert ok.status_code == 302
    # Nor is another person at the locked address.
    django_user_model.objects.create_user("colleague", password="another long passphrase")
    client.post("/sign-out/")
    colleague = client.post(
        "/sign-in/",
        {"username": "colleague", "password": "another long passphrase"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert colleague.status_code == 302


def test_sessions_end_when_idle_and_each_request_within_them_extends_them(
    client, django_user_model, monkeypatch
):
    """Re-saved at most once a minute: the expiry moves on with use, without a database write
    on every request."""
    from django.conf import settings
    from django.contrib.sessions.models import Session

    from eqtrack.accounts import middleware

    assert settings.EQTRACK_SESSION_IDLE_SECONDS == 30 * 60
    clock = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client.force_login(django_user_model.objects.create_user("jo"))
    client.get("/")
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    clock[0] += 30  # half a minute on: not saved again
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date == first
    clock[0] += 61
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date > first


def test_an_idle_session_is_refused_and_the_person_asked_to_sign_in_again(
    client, django_user_model
):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    action = ActionFactory()
    user = django_user_model.objects.create_user("jo")
    Membership.objects.create(organisation=action.organisation, user=user, role=Role.VIEWER)
    page = f"/{action.organisation.slug}/{action.plan.slug}/rounds/"
    client.force_login(user)
    assert client.get(page).status_code == 200
    # Thirty minutes without a request: the session has expired.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(page)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
