"""Single sign-on end to end, against a real OpenID Connect provider: django-oidc-provider in a
process of its own (tests/oidc_provider_site/), eqtrack on pytest-django's live server, and an
HTTP client that follows redirects and keeps cookies as a browser does. A person the council
invited signs in through the provider and lands with their membership; someone the council did
not invite, and someone it deactivated, are refused with a message and get no account."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore

from eqtrack.accounts.models import Role
from eqtrack.config.settings.single_sign_on import single_sign_on_settings
from eqtrack.organisations.models import Organisation

TESTS_DIR = Path(__file__).resolve().parent
PASSWORD = "provider password 1"
INVITED = ("ann", "Ann.Owner@council.example")
STRANGER = ("zed", "zed@elsewhere.example")
DEACTIVATED = ("dee", "dee@council.example")

# Single sign-on is turned on per test (the settings fixture, below), after eqtrack's URLs were
# made without it; this URL module is eqtrack's as config/urls.py builds it when
# EQTRACK_OIDC_CLIENT_ID is set at start-up.
pytestmark = pytest.mark.urls("eqtrack.accounts.tests.sign_on_urls")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    """The provider's address, once it answers (one for this file's tests: it starts in a few
    seconds). It knows three people; eqtrack is its client, allowed back to eqtrack's callback.
    Its output is printed when it stops, so a failing test shows it."""
    tmp_path = tmp_path_factory.mktemp("oidc_provider")
    port = _free_port()
    log_path = tmp_path / "provider.log"
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(TESTS_DIR),
        "OIDC_PROVIDER_DATA_DIR": str(tmp_path),
    }
    people = [f"{name}:{email}:{PASSWORD}" for name, email in (INVITED, STRANGER, DEACTIVATED)]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "oidc_provider_site.serve",
                str(port),
                f"{live_server.url}/oidc/callback/",
                *people,
            ],
            cwd=TESTS_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                pytest.fail(f"The OIDC provider stopped:\n{log_path.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"The OIDC provider did not answer in 20 s:\n{log_path.read_text()}")
            try:
                if requests.get(f"{url}/openid/jwks", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        print(f"--- OIDC provider output ---\n{log_path.read_text()}")


@pytest.fixture
def single_sign_on(settings, provider):
    """eqtrack set up as an operator would for this provider: its endpoints, client id and
    secret, through the same function the EQTRACK_OIDC_* variables go through."""
    environ = {
        "EQTRACK_OIDC_CLIENT_ID": "eqtrack",
        "EQTRACK_OIDC_CLIENT_SECRET": "eqtrack-secret",
        "EQTRACK_OIDC_AUTHORIZATION_ENDPOINT": f"{provider}/openid/authorize",
        "EQTRACK_OIDC_TOKEN_ENDPOINT": f"{provider}/openid/token",
        "EQTRACK_OIDC_USER_ENDPOINT": f"{provider}/openid/userinfo",
        "EQTRACK_OIDC_JWKS_ENDPOINT": f"{provider}/openid/jwks",
    }
    for name, value in single_sign_on_settings(environ).items():
        setattr(settings, name, value)
    settings.EQTRACK_OIDC_ENABLED = True
    settings.EQTRACK_OIDC_NAME = "Council Account"
    backends = list(django_settings.AUTHENTICATION_BACKENDS)
    settings.AUTHENTICATION_BACKENDS = [
        backends[0],
        "eqtrack.accounts.oidc.SignOnBackend",
        *backends[1:],
    ]
    return provider


@pytest.fixture
def council():
    """Maidstone, whose administrator invited Ann (an action owner in Housing) and Dee, and
    then deactivated Dee: through the same services as the council's People pages."""
    from eqtrack.accounts.services import (
        council_create,
        person_deactivate,
        person_invite,
        team_create,
    )

    administrator = council_create(
        name="Maidstone Borough Council", admin_email="ada@council.example", admin_name="Ada"
    ).user
    council = Organisation.objects.get(name="Maidstone Borough Council")
    housing = team_create(organisation=council, name="Housing", user=administrator)
    for username, email in (INVITED, DEACTIVATED):
        membership = person_invite(
            organisation=council,
            email=email,
            name=username.title(),
            role=Role.OWNER,
            teams=[housing],
            user=administrator,
        )
        if (username, email) == DEACTIVATED:
            person_deactivate(membership=membership, reason="Left the council", user=administrator)
    return council


def _sign_in_through_provider(live_server, provider: str, username: str) -> requests.Response:
    """From eqtrack's sign-in page, the button, the provider's sign-in form, and back: the
    page eqtrack lands the person on. Returns the last response, with its session."""
    browser = requests.Session()
    sign_in = browser.get(f"{live_server.url}/sign-in/?next=/", timeout=10)
    button = re.search(r'<a href="([^"]+)"[^>]*>Sign in with Council Account</a>', sign_in.text)
    assert button, "The sign-in page offers no 'Sign in with Council Account' button"
    href = button.group(1).replace("&amp;", "&")
    assert href.startswith("/oidc/authenticate/")

    login_page = browser.get(f"{live_server.url}{href}", timeout=10)
    assert login_page.url.startswith(f"{provider}/login/"), login_page.url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text)
    next_field = re.search(r'name="next" value="([^"]*)"', login_page.text)
    assert token and next_field, login_page.text
    landed = browser.post(
        login_page.url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": PASSWORD,
            "next": next_field.group(1).replace("&amp;", "&"),
        },
        timeout=20,
    )
    landed.raise_for_status()
    # The trip went through the provider's authorisation and eqtrack's callback.
    hops = [response.url for response in landed.history]
    assert any(url.startswith(f"{provider}/openid/authorize") for url in hops), hops
    assert any(url.startswith(f"{live_server.url}/oidc/callback/?") for url in hops), hops
    landed.browser = browser  # type: ignore[attr-defined]
    return landed


def _signed_in_user_id(browser: requests.Session) -> str | None:
    key = next(
        (c.value for c in browser.cookies if c.name == django_settings.SESSION_COOKIE_NAME), None
    )
    return SessionStore(session_key=key).get(SESSION_KEY) if key else None


def test_an_invited_person_signs_in_through_the_provider_and_lands_with_their_membership(
    live_server, single_sign_on, council
):
    ann = get_user_model().objects.get(email__iexact=INVITED[1])
    landed = _sign_in_through_provider(live_server, single_sign_on, "ann")

    assert landed.url == f"{live_server.url}/"
    assert _signed_in_user_id(landed.browser) == str(ann.pk)
    assert f">{ann.get_username()}</span>" in landed.text  # the header names who is signed in
    assert "Maidstone Borough Council: your work" in landed.text
    council_page = landed.browser.get(f"{live_server.url}/{council.slug}/", timeout=10)
    assert '<h2 class="govuk-heading-l">Your work</h2>' in council_page.text
    # Signing in made no second account for the same address.
    assert get_user_model().objects.filter(email__iexact=INVITED[1]).count() == 1
    ann.refresh_from_db()
    assert ann.last_login is not None


@pytest.mark.parametrize(
    ("username", "email"), [STRANGER, DEACTIVATED], ids=["not-invited", "deactivated"]
)
def test_someone_the_council_did_not_invite_or_deactivated_is_refused(
    live_server, single_sign_on, council, username, email
):
    people_before = get_user_model().objects.count()
    landed = _sign_in_through_provider(live_server, single_sign_on, username)

    assert landed.url == f"{live_server.url}/sign-in/"
    assert _signed_in_user_id(landed.browser) is None
    assert f"{email} may not use eqtrack: nobody has invited that address" in landed.text
    assert "govuk-notification-banner" in landed.text
    assert get_user_model().objects.count() == people_before
    if username == STRANGER[0]:
        assert not get_user_model().objects.filter(email__iexact=email).exists()
