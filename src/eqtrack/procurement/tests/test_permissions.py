"""Every procurement page, for every role (the procurement roles among them): who gets it, who
is refused, and that a refused change changes nothing. Each area lists its own cases in
permission_cases_<area>.py; the last test checks every procurement URL is listed."""

from __future__ import annotations

import pytest
from django.urls import URLResolver, get_resolver

from . import (
    permission_cases_delivery,
    permission_cases_documents,
    permission_cases_evaluation,
    permission_cases_library,
    permission_cases_tenders,
)
from .permission_world import ROLES, procurement_state, world_build

pytestmark = pytest.mark.django_db

# In this order: the evaluation's cases withdraw the world's bid, which the documents' read.
AREAS = (
    permission_cases_library,
    permission_cases_tenders,
    permission_cases_documents,
    permission_cases_evaluation,
    permission_cases_delivery,
)


def _cases(w: dict) -> list[tuple]:
    return [case for area in AREAS for case in area.cases(w)]


@pytest.fixture
def world():
    return world_build()


@pytest.mark.parametrize("role", ROLES)
def test_every_procurement_view_for_every_role(world, role, client):
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    failures = []
    for name, method, url, data, expected in _cases(world):
        before = procurement_state()
        response = getattr(client, method)(url, data)
        if response.status_code != expected[role]:
            failures.append(
                f"{method.upper()} {url} ({name}): {response.status_code}, expected {expected[role]}"
            )
        if method == "post" and response.status_code not in (200, 302):
            assert procurement_state() == before, f"POST {url} as {role} changed something"
        if method == "post" and response.status_code == 302 and role == "anonymous":
            assert procurement_state() == before, f"POST {url} as a visitor changed something"
    assert failures == []


def _url_names(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from _url_names(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


def test_every_procurement_url_is_in_the_matrix(world):
    covered = {name for name, *_ in _cases(world)}
    names = {n for n in _url_names(get_resolver().url_patterns) if n.startswith("procurement-")}
    assert names - covered == set()
