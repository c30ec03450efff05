"""Whose address a request is: REMOTE_ADDR unless EQTRACK_TRUSTED_PROXY_COUNT says proxies of
ours stand in front, for the sign-in lockout, the sign-up rate limit and the security log."""

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory, override_settings

from eqtrack.accounts.client_address import client_ip
from eqtrack.config.settings.base import trusted_proxy_count
from eqtrack.directory.models import Service
from eqtrack.directory.tests.test_listings import ANSWERS
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def _request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_x_forwarded_for_is_ignored():
    assert client_ip(_request(REMOTE_ADDR="198.51.100.7")) == "198.51.100.7"
    forged = _request(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert client_ip(forged) == "198.51.100.7"


@override_settings(EQTRACK_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_added_is_the_clients():
    # The proxy (10.0.0.5) appends the address that reached it; what the client put in front
    # ("6.6.6.6") is not believed.
    request = _request(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"
    assert client_ip(_request(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")) == (
        "203.0.113.9"
    )
    # A request that did not come through the proxy (a health check) is its own address.
    assert client_ip(_request(REMOTE_ADDR="10.0.0.5")) == "10.0.0.5"


@override_settings(EQTRACK_TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_entry_the_first_one_added_is_the_clients():
    request = _request(
        REMOTE_ADDR="10.0.0.6", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.5"
    )
    assert client_ip(request) == "203.0.113.9"


def test_the_proxy_count_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("EQTRACK_TRUSTED_PROXY_COUNT", raising=False)
    assert trusted_proxy_count() == 0
    monkeypatch.setenv("EQTRACK_TRUSTED_PROXY_COUNT", "2")
    assert trusted_proxy_count() == 2
    monkeypatch.setenv("EQTRACK_TRUSTED_PROXY_COUNT", "yes")
    with pytest.raises(ImproperlyConfigured, match="EQTRACK_TRUSTED_PROXY_COUNT must be a whole"):
        trusted_proxy_count()


def _fail_five_times(forwarded_for, remote="10.0.0.5"):
    for n in range(5):
        Client().post(
            "/sign-in/",
            {"username": "officer", "password": "wrong"},
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=forwarded_for(n),
        )


def _sign_in(forwarded_for, remote="10.0.0.5"):
    return Client().post(
        "/sign-in/",
        {"username": "officer", "password": PASSWORD},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@override_settings(AXES_ENABLED=True)
def test_a_forged_header_does_not_escape_the_lockout(django_user_model, caplog):
    django_user_model.objects.create_user("officer", password=PASSWORD)
    with caplog.at_level(logging.INFO, logger="eqtrack.security"):
        _fail_five_times(lambda n: f"203.0.113.{n}", remote="198.51.100.7")
    assert "failed sign-in: officer from 198.51.100.7" in caplog.text
    assert "203.0.113" not in caplog.text
    # A new forged address each time changes nothing: the real address is locked out.
    assert _sign_in("192.0.2.200", remote="198.51.100.7").status_code == 429


@override_settings(AXES_ENABLED=True, EQTRACK_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_lockout_and_the_log_follow_the_client(django_user_model, caplog):
    django_user_model.objects.create_user("officer", password=PASSWORD)
    with caplog.at_level(logging.INFO, logger="eqtrack.security"):
        # Forged entries in front of the real one change nothing.
        _fail_five_times(lambda n: f"6.6.6.{n}, 203.0.113.9")
    assert "failed sign-in: officer from 203.0.113.9" in caplog.text
    assert "10.0.0.5" not in caplog.text and "6.6.6" not in caplog.text
    assert _sign_in("1.2.3.4, 203.0.113.9").status_code == 429
    # Everyone comes through the proxy's address, but another client is not locked out.
    with caplog.at_level(logging.INFO, logger="eqtrack.security"):
        assert _sign_in("203.0.113.10").status_code == 302
    assert "sign-in: officer from 203.0.113.10" in caplog.text


@pytest.fixture
def council(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ip"}
    }
    return Organisation.objects.create(name="Borough", slug="borough")


def _sign_up(**meta):
    client = Client(REMOTE_ADDR="10.0.0.5", **meta)
    for step, data in ANSWERS.items():
        assert client.post(f"/borough/directory/join/{step}/", data).status_code == 302
    return client.post("/borough/directory/join/check/").status_code


def test_the_sign_up_limit_counts_the_real_address_not_a_forged_one(council):
    assert [_sign_up(HTTP_X_FORWARDED_FOR=f"203.0.113.{n}") for n in range(6)] == [302] * 5 + [429]
    assert Service.objects.count() == 5


def test_behind_a_proxy_the_sign_up_limit_counts_each_client(council, settings):
    settings.EQTRACK_TRUSTED_PROXY_COUNT = 1
    sent = [_sign_up(HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.9") for n in range(6)]
    assert sent == [302] * 5 + [429]
    assert _sign_up(HTTP_X_FORWARDED_FOR="203.0.113.10") == 302
    assert Service.objects.count() == 6
