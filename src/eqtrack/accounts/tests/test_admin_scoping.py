"""The Django admin kept to a person's councils: nothing of another council's to see, choose
or change, and no way for a council's administrator to give more than they have."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from eqtrack.accounts.admin_scoping import CouncilScopedAdmin
from eqtrack.accounts.models import Membership, Role
from eqtrack.accounts.tests.admin_world import council_fill, everything, staff_create
from eqtrack.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_every_admin_registration_is_scoped():
    unscoped = [
        m._meta.label
        for m, a in admin.site._registry.items()
        if not isinstance(a, CouncilScopedAdmin)
    ]
    assert unscoped == []


@pytest.fixture
def councils(client):
    own, other = council_fill("Own Council"), council_fill("Other Council")
    me = staff_create(own["organisation"], Role.ADMINISTRATOR)
    client.force_login(me)
    return {"own": own, "other": other, "me": me}


def test_a_council_administrator_cannot_make_anyone_superuser_staff_or_grouped(councils, client):
    person = councils["own"]["person"]
    response = client.post(
        f"/admin/auth/user/{person.pk}/change/",
        {
            "username": person.username,
            "first_name": "Renamed",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [g.pk for g in councils["me"].groups.all()],
            "user_permissions": [Permission.objects.filter(codename="change_group").first().pk],
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Renamed"  # what they may change, they did
    assert not person.is_staff and not person.is_superuser
    assert not person.groups.exists() and not person.user_permissions.exists()


def test_a_council_administrator_cannot_add_anyone_to_another_council(councils, client):
    other = councils["other"]["organisation"]
    before = everything()
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "a long test password 2",
            "password2": "a long test password 2",
            "organisation": other.pk,
            "role": Role.ADMINISTRATOR,
        },
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    response = client.post(
        "/admin/accounts/membership/add/",
        {"organisation": other.pk, "user": councils["me"].pk, "role": Role.ADMINISTRATOR},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert everything() == before


def test_a_council_administrator_adds_a_person_to_their_own_council(councils, client):
    own = councils["own"]["organisation"]
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "a long test password 2",
            "password2": "a long test password 2",
            "organisation": own.pk,
            "role": Role.VIEWER,
        },
    )
    assert response.status_code == 302
    newcomer = get_user_model().objects.get(username="newcomer")
    assert Membership.objects.get(user=newcomer).organisation == own
    assert client.get(f"/admin/auth/user/{newcomer.pk}/change/").status_code == 200


def test_actions_and_history_on_another_councils_records_do_nothing(councils, client):
    plan = Plan.objects.get(organisation=councils["other"]["organisation"])
    version = plan.history.first()
    before = everything()
    client.post("/admin/plans/plan/", {"action": "archive_selected", "_selected_action": [plan.pk]})
    assert everything() == before
    assert client.get(f"/admin/plans/plan/{plan.pk}/history/").status_code == 404
    url = f"/admin/plans/plan/{plan.pk}/history/{version.history_id}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Reverted"}).status_code == 404
    assert everything() == before
    # Their own council's, they archive.
    own = Plan.objects.get(organisation=councils["own"]["organisation"])
    client.post("/admin/plans/plan/", {"action": "archive_selected", "_selected_action": [own.pk]})
    own.refresh_from_db()
    assert own.archived_at is not None


def test_choices_and_filters_offer_only_the_own_council(councils, client):
    page = client.get("/admin/plans/action/add/").content.decode()
    assert "Own Council" in page and "Other Council" not in page
    page = client.get("/admin/plans/plan/").content.decode()
    assert "Own Council" in page and "Other Council" not in page


def test_migrate_makes_the_council_administrators_group_with_its_permissions(tmp_path):
    """A new site needs no code run by hand: `eqtrack migrate` leaves the group ready."""
    import os
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).resolve().parents[3]
    env = {k: v for k, v in os.environ.items() if k != "EQTRACK_DATABASE_URL"}
    env |= {
        "EQTRACK_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "eqtrack.config.settings.base",
        "PYTHONPATH": str(src),
    }
    done = subprocess.run(
        [sys.executable, "-m", "eqtrack", "migrate", "-v0"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    db = sqlite3.connect(tmp_path / "eqtrack.sqlite3")
    (count,) = db.execute(
        "SELECT count(*) FROM auth_group_permissions gp JOIN auth_group g ON g.id = gp.group_id "
        "WHERE g.name = 'Council administrators'"
    ).fetchone()
    from eqtrack.accounts.admin_scoping import council_administrator_permissions

    assert count == len(council_administrator_permissions()) > 0
