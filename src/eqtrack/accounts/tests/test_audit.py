"""The security log says who signed off, published, moderated, imported or changed a role,
when (the record's time) and from which address; loaddata's raw saves log and version nothing."""

import getpass
import io
import json
import logging
import time

import pytest
from django.core import serializers
from django.core.management import call_command

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.services import (
    assessment_review,
    assessment_screen,
    assessment_start,
    assessment_submit,
    policy_create,
)
from eqtrack.directory.models import Service
from eqtrack.directory.tests.test_listings import _sign_up
from eqtrack.organisations.models import Organisation
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Plan, Theme
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db
FROM = "198.51.100.7"
QUIET = {"stdout": io.StringIO(), "stderr": io.StringIO()}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what was waiting for the commit (the log lines) at the end of its block."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def security(caplog):
    with caplog.at_level(logging.INFO, logger="eqtrack.security"):
        yield caplog


def _lines(caplog):
    records = [r for r in caplog.records if r.name == "eqtrack.security"]
    assert all(abs(r.created - time.time()) < 300 for r in records)  # when: the record's time
    return [r.getMessage() for r in records]


@pytest.fixture
def plan():
    return plan_create_from_document(document=document_generate(actions=2, periods=1))


def test_sign_off_and_publication_say_who_and_from_where(client, plan, security, committed):
    org = plan.organisation
    team = Team.objects.create(organisation=org, name="Housing")
    author = member_create(org, Role.OWNER, teams=[team])
    manager = member_create(org, Role.MANAGER, username="manager")
    policy = policy_create(organisation=org, title="Parking", team=team, user=author)
    assessment = assessment_start(policy=policy, user=author)
    assessment_screen(assessment=assessment, relevant=False, reason="No effect.", user=author)
    assessment_submit(assessment=assessment, user=author)
    assessment_review(assessment=assessment, approve=True, user=member_create(org, Role.REVIEWER))
    client.force_login(manager)
    url = f"/{org.slug}/assessments/{assessment.pk}/"
    for step in ("sign_off", "publish"):
        with committed(execute=True):
            assert client.post(url, {"step": step}, REMOTE_ADDR=FROM).status_code == 302
    assert _lines(security)[-2:] == [
        f"sign-off: assessment {assessment.pk} {assessment} by manager from {FROM}",
        f"publication: assessment {assessment.pk} {assessment} published by manager from {FROM}",
    ]


def test_publishing_a_plan_says_who_and_from_where(client, plan, security, committed):
    admin = member_create(plan.organisation, Role.ADMINISTRATOR, username="chief")
    client.force_login(admin)
    page = f"/{plan.organisation.slug}/{plan.slug}/publish/"
    assert not plan.published
    for published in ("1", "0"):
        with committed(execute=True):
            client.post(page, {"published": published}, REMOTE_ADDR=FROM)
    where = f"{plan.organisation.slug}/{plan.slug}"
    assert _lines(security)[-2:] == [
        f"publication: plan {where} published by chief from {FROM}",
        f"publication: plan {where} unpublished by chief from {FROM}",
    ]


def test_moderation_decisions_both_ways_say_who_and_from_where(client, security, committed):
    council = Organisation.objects.create(name="Borough", slug="borough")
    _sign_up(client)
    _sign_up(client)
    first, second = Service.objects.order_by("pk")
    client.force_login(member_create(council, Role.REVIEWER, username="moderator"))
    for service, decision in ((first, "approve"), (second, "reject")):
        with committed(execute=True):
            client.post(
                "/borough/directory/moderation/",
                {"kind": "listing", "id": service.pk, "decision": decision},
                REMOTE_ADDR=FROM,
            )
    lines = _lines(security)
    assert f"moderation: listing {first.pk} Warm space approved by moderator from {FROM}" in lines
    assert f"moderation: listing {second.pk} Warm space rejected by moderator from {FROM}" in lines


def test_an_import_from_the_command_line_says_so_and_a_dry_run_is_not_logged(
    tmp_path, security, committed
):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document_generate(actions=2, periods=1)))
    with committed(execute=True):
        call_command("import", str(path), "--plan", "trial", "--dry-run", **QUIET)
    assert not [line for line in _lines(security) if line.startswith("import:")]
    with committed(execute=True):
        call_command("import", str(path), "--plan", "trial", **QUIET)
    plan = Plan.objects.get(slug="trial")
    assert [line for line in _lines(security) if line.startswith("import:")] == [
        f"import: plan {plan.organisation.slug}/trial from plan.json "
        f"by {getpass.getuser()} from command line"
    ]


def test_a_role_given_in_the_admin_says_who_and_from_where(
    client, plan, django_user_model, security
):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    newcomer = django_user_model.objects.create_user("newcomer")
    client.force_login(boss)
    client.post(
        "/admin/accounts/membership/add/",
        {"organisation": plan.organisation.pk, "user": newcomer.pk, "role": Role.REVIEWER},
        REMOTE_ADDR=FROM,
    )
    assert Membership.objects.filter(user=newcomer).exists()
    assert (
        f"permission change: newcomer given role reviewer at {plan.organisation} "
        f"by boss from {FROM}"
    ) in _lines(security)


def test_loaddata_logs_no_permission_change_and_keeps_the_plans_version(plan, tmp_path, caplog):
    member = member_create(plan.organisation, Role.VIEWER, username="loaded")
    membership = Membership.objects.get(user=member)
    rows = [membership, plan, *Theme.objects.filter(plan=plan), *Action.objects.filter(plan=plan)]
    data = json.loads(serializers.serialize("json", rows))
    data[0]["fields"]["role"] = Role.ADMINISTRATOR
    data[1]["fields"]["content_version"] = 12345
    fixture = tmp_path / "fixture.json"
    fixture.write_text(json.dumps(data))
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="eqtrack.security"):
        call_command("loaddata", str(fixture), stdout=io.StringIO())
    assert Membership.objects.get(user=member).role == Role.ADMINISTRATOR  # it did load
    assert not [r for r in caplog.records if "permission change" in r.getMessage()]
    # Loaded as it was written: no theme or action saved after the plan bumped its version.
    assert Plan.objects.get(pk=plan.pk).content_version == 12345
