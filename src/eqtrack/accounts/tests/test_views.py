"""Signing in and out, the security log, and forms kept across an ended session."""

import datetime as dt
import getpass
import logging
import os
import subprocess
import sys

import pytest

from eqtrack.accounts.models import Membership, Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Update
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import round_open

pytestmark = pytest.mark.django_db
PASSWORD = "a long test password 1"


@pytest.fixture
def plan():
    return plan_create_from_document(document=document_generate(actions=3, periods=1))


def test_sign_in_page_signs_in_and_logs_it(client, plan, caplog):
    member_create(plan.organisation, Role.VIEWER, username="councillor")
    page = client.get("/sign-in/")
    assert (
        page.status_code == 200
        and '<h1 class="govuk-heading-l">Sign in</h1>' in page.content.decode()
    )
    with caplog.at_level(logging.INFO, logger="eqtrack.security"):
        wrong = client.post("/sign-in/", {"username": "councillor", "password": "nope"})
        right = client.post(
            "/sign-in/", {"username": "councillor", "password": PASSWORD, "next": "/"}
        )
    assert wrong.status_code == 200
    html = wrong.content.decode()
    assert "govuk-error-summary" in html and "Enter a correct user name and password" in html
    assert "<title>Error: Sign in" in html
    assert right.status_code == 302 and right["Location"] == "/"
    messages = [r.getMessage() for r in caplog.records]
    assert "failed sign-in: councillor from 127.0.0.1" in messages
    assert "sign-in: councillor from 127.0.0.1" in messages
    assert "nope" not in " ".join(messages)


def test_sign_out_is_a_post_and_ends_the_session(client, plan):
    user = member_create(plan.organisation, Role.VIEWER)
    client.force_login(user)
    assert 'action="/sign-out/"' in client.get("/").content.decode()
    assert client.post("/sign-out/").status_code == 200
    assert "_auth_user_id" not in client.session


def test_permission_changes_are_logged(plan, caplog, django_user_model):
    with caplog.at_level(logging.INFO, logger="eqtrack.security"):
        user = member_create(plan.organisation, Role.OWNER, teams=["HR"], username="lead")
        member = Membership.objects.get(user=user)
        member.role = Role.REVIEWER
        member.save()
        member.teams.clear()
        user.is_superuser = True
        user.save()
        member.delete()
    messages = [r.getMessage() for r in caplog.records]
    org = plan.organisation.name
    # Outside a request: the command line, as the account running it.
    by = f"by {getpass.getuser()} from command line"
    assert f"permission change: lead given role owner at {org} {by}" in messages
    assert f"permission change: lead added to teams HR at {org} {by}" in messages
    assert f"permission change: lead now has role reviewer at {org} {by}" in messages
    assert f"permission change: lead is_superuser set to True {by}" in messages
    assert f"permission change: lead removed from {org} {by}" in messages


def test_a_form_sent_after_the_session_ended_is_kept_and_offered_back(client, plan):
    owner = member_create(plan.organisation, Role.OWNER, teams=["HR"], username="lead")
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    action = Action.objects.filter(plan=plan).first()
    Action.objects.filter(pk=action.pk).update(team=Membership.objects.get(user=owner).teams.get())
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    url = f"/{plan.organisation.slug}/rounds/{round.pk}/actions/{action.pk}/"

    # The session has ended (a new client has none): the post is kept, nothing is saved.
    sent = client.post(
        url, {"progress": "Forty staff trained.", "next_steps": "", "status_text": ""}
    )
    assert sent.status_code == 302 and sent["Location"].startswith("/sign-in/?next=")
    assert not Update.objects.filter(action=action, period=round.period).exists()
    signed_in = client.post("/sign-in/", {"username": "lead", "password": PASSWORD, "next": url})
    assert signed_in["Location"] == url
    back = client.get(url).content.decode()
    assert "Forty staff trained." in back and "It is not saved yet" in back
    # Offered once: the next visit shows the saved state (still nothing).
    assert "Forty staff trained." not in client.get(url).content.decode()
    assert not Update.objects.filter(action=action, period=round.period).exists()


def test_single_sign_on_is_configured_from_the_environment(tmp_path):
    """With EQTRACK_OIDC_* set, the sign-in page offers Microsoft and sends people to the
    tenant's Entra ID authorisation endpoint with our client id."""
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from django.test import Client; c = Client();"
        "page = c.get('/sign-in/').content.decode();"
        "print('BUTTON' if 'Sign in with Microsoft' in page else 'NO BUTTON');"
        "r = c.get('/oidc/authenticate/');"
        "print(r.status_code, r['Location'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eqtrack.config.settings.base",
        "EQTRACK_DATA_DIR": str(tmp_path),
        "EQTRACK_OIDC_CLIENT_ID": "client-123",
        "EQTRACK_OIDC_CLIENT_SECRET": "secret",
        "EQTRACK_OIDC_TENANT": "contoso-tenant",
        "EQTRACK_ALLOWED_HOSTS": "testserver",
    }
    env.pop("EQTRACK_DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "BUTTON" in out and "NO BUTTON" not in out
    assert "302 https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/authorize?" in out
    assert "client_id=client-123" in out
