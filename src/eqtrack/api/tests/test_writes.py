"""Writing a round's updates and reviews through the API with a person's token: the same rules
as the web, answers that match the OpenAPI description, and nothing lost on a conflict."""

import datetime as dt
import re

import pytest
from django.core.management import call_command

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.api.services import token_create, token_revoke
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Update
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import round_open

from .test_views import _validator

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    plan = plan_create_from_document(document=document_generate(actions=3, periods=1))
    hr = Team.objects.create(organisation=plan.organisation, name="HR")
    action = Action.objects.filter(plan=plan).order_by("pk").first()
    Action.objects.filter(pk=action.pk).update(team=hr)
    people = {
        "owner": member_create(plan.organisation, Role.OWNER, teams=[hr]),
        "viewer": member_create(plan.organisation, Role.VIEWER),
        "reviewer": member_create(plan.organisation, Role.REVIEWER),
        "admin": member_create(plan.organisation, Role.ADMINISTRATOR),
    }
    round = round_open(
        plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=people["admin"]
    )
    keys = {role: token_create(user=user, name="test")[1] for role, user in people.items()}
    base = f"/api/v1/{plan.organisation.slug}/rounds/{round.pk}"
    return plan, round, action, keys, base


def _auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _put(client, url, body, key):
    return client.put(url, body, content_type="application/json", **_auth(key))


def test_an_owner_writes_and_submits_and_a_reviewer_approves(client, world):
    plan, round, action, keys, base = world
    mine = client.get(f"{base}/actions/", **_auth(keys["owner"]))
    assert mine.status_code == 200
    _validator(client, "RoundActions").validate(mine.json())
    assert [a["id"] for a in mine.json()["actions"]] == [action.pk]
    body = {
        "progress": ["Training booked.", {"text": "Venues", "items": ["Town hall"]}],
        "next_steps": [],
        "status": "On track",
        "status_category": "on_track",
        "revision": 0,
    }
    saved = _put(client, f"{base}/actions/{action.pk}/update", body, keys["owner"])
    assert saved.status_code == 200, saved.json()
    _validator(client, "UpdateSaved").validate(saved.json())
    update = saved.json()["update"]
    assert update["state"] == "draft" and update["progress"][1]["items"] == ["Town hall"]
    submitted = _put(
        client,
        f"{base}/actions/{action.pk}/update",
        {**body, "revision": update["revision"], "submit": True},
        keys["owner"],
    )
    assert submitted.json()["update"]["state"] == "submitted"
    reviewed = client.post(
        f"{base}/updates/{update['id']}/review",
        {"decision": "approve"},
        content_type="application/json",
        **_auth(keys["reviewer"]),
    )
    assert reviewed.status_code == 200
    _validator(client, "ReviewSaved").validate(reviewed.json())
    assert Update.objects.get(pk=update["id"]).state == Update.State.APPROVED


def test_a_stale_revision_is_refused_with_the_current_text(client, world):
    _, _, action, keys, base = world
    url = f"{base}/actions/{action.pk}/update"
    first = _put(client, url, {"progress": ["Mine"], "revision": 0}, keys["owner"]).json()
    _put(
        client,
        url,
        {"progress": ["Admin's"], "revision": first["update"]["revision"]},
        keys["admin"],
    )
    late = _put(
        client,
        url,
        {"progress": ["Mine again"], "revision": first["update"]["revision"]},
        keys["owner"],
    )
    assert late.status_code == 409
    _validator(client, "Error").validate(late.json())
    assert late.json()["current"]["progress"] == ["Admin's"]
    assert Update.objects.get(action=action, period__label="2031").progress == ["Admin's"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"progress": "not a list", "revision": 0}, "progress"),
        ({"progress": [{"text": "no items key"}], "revision": 0}, "progress"),
        ({"status_category": "fine", "revision": 0}, "status_category"),
        ({"revision": "3"}, "revision"),
        ({"revision": -1, "progress": ["x"]}, "revision"),
        ({"progress": ["No revision sent."]}, "revision"),
        ({"status": 5, "revision": 0}, "status"),
    ],
)
def test_bad_bodies_get_one_message_naming_the_field_and_change_nothing(client, world, body, field):
    _, _, action, keys, base = world
    response = _put(client, f"{base}/actions/{action.pk}/update", body, keys["owner"])
    assert response.status_code == 400 and response.json()["field"] == field
    assert response.json()["error"].startswith(field)
    assert not Update.objects.filter(action=action, period__label="2031").exists()


@pytest.mark.parametrize(
    "body, error, missing",
    [
        (
            {},
            "add the progress made and choose a status before submitting the update",
            ["progress", "status_category"],
        ),
        (
            {"progress": ["Booked."], "status": "On track"},
            "choose a status before submitting the update",
            ["status_category"],
        ),
        (
            {"progress": [" "], "status_category": "on_track"},
            "add the progress made before submitting the update",
            ["progress"],
        ),
    ],
)
def test_an_incomplete_submission_is_a_400_naming_what_is_missing_and_saves_nothing(
    client, world, body, error, missing
):
    _, _, action, keys, base = world
    url = f"{base}/actions/{action.pk}/update"
    response = _put(client, url, {**body, "revision": 0, "submit": True}, keys["owner"])
    assert response.status_code == 400
    _validator(client, "Error").validate(response.json())
    assert response.json() == {"error": error, "field": missing[0], "missing": missing}
    assert not Update.objects.filter(action=action, period__label="2031").exists()
    # The same body as a draft is saved: a draft may be partial.
    draft = _put(client, url, {**body, "revision": 0}, keys["owner"])
    assert draft.status_code == 200 and draft.json()["update"]["state"] == "draft"


@pytest.mark.parametrize("body", [b"", b"{}"])
def test_an_empty_body_is_refused_and_saves_nothing(client, world, body):
    _, _, action, keys, base = world
    response = client.put(
        f"{base}/actions/{action.pk}/update",
        body,
        content_type="application/json",
        **_auth(keys["owner"]),
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("the request body is empty")
    assert not Update.objects.filter(action=action, period__label="2031").exists()


def test_a_write_without_the_revision_never_lands_on_a_saved_update(client, world):
    """The revision is required even once the update exists: a write that did not say what
    it read is refused, not saved over what is there."""
    _, _, action, keys, base = world
    url = f"{base}/actions/{action.pk}/update"
    listed = client.get(f"{base}/actions/", **_auth(keys["owner"])).json()
    assert next(a for a in listed["actions"] if a["id"] == action.pk)["update"] is None
    first = _put(client, url, {"progress": ["Mine"], "revision": 0}, keys["owner"])
    assert first.status_code == 200 and first.json()["update"]["revision"] == 1
    blind = _put(client, url, {"progress": ["Blind write"]}, keys["owner"])
    assert blind.status_code == 400 and blind.json()["field"] == "revision"
    assert "send the revision you read" in blind.json()["error"]
    assert Update.objects.get(action=action, period__label="2031").progress == ["Mine"]


def test_the_openapi_description_requires_the_revision(client):
    schema = client.get("/api/openapi.json").json()
    assert "revision" in schema["components"]["schemas"]["UpdateWrite"]["required"]


def test_not_json_is_a_clear_400(client, world):
    _, _, action, keys, base = world
    response = client.put(
        f"{base}/actions/{action.pk}/update",
        b"{nope",
        content_type="application/json",
        **_auth(keys["owner"]),
    )
    assert response.status_code == 400 and "not JSON" in response.json()["error"]


def test_roles_and_tokens_are_checked(client, world):
    plan, _, action, keys, base = world
    url = f"{base}/actions/{action.pk}/update"
    body = {"progress": ["x"], "revision": 0}
    # No token: a session is not enough to write (no cross-site writes from a browser).
    assert client.put(url, body, content_type="application/json").status_code == 401
    assert _put(client, url, body, "eqt_made_up").status_code == 401
    assert _put(client, url, body, keys["viewer"]).status_code == 403
    assert _put(client, url, body, keys["reviewer"]).status_code == 403
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"organisation": "Other Council"}
    )
    outsider = member_create(other.organisation, Role.ADMINISTRATOR)
    assert _put(client, url, body, token_create(user=outsider, name="x")[1]).status_code == 404
    assert not Update.objects.filter(action=action, period__label="2031").exists()
    # A revoked token stops working at once.
    from eqtrack.api.models import ApiToken

    token_revoke(token=ApiToken.objects.get(user__memberships__role=Role.OWNER))
    assert _put(client, url, body, keys["owner"]).status_code == 401


def test_a_token_reads_its_organisations_unpublished_plan(client, world):
    plan, _, _, keys, _ = world
    url = f"/api/v1/plans/{plan.organisation.slug}/{plan.slug}/"
    assert client.get(url).status_code == 404
    assert client.get(url, **_auth(keys["viewer"])).status_code == 200
    listed = client.get("/api/v1/plans/", **_auth(keys["viewer"])).json()["plans"]
    assert [p["title"] for p in listed] == [plan.title]


def test_the_token_command_makes_lists_and_revokes(capsys, django_user_model):
    django_user_model.objects.create_user("person0")
    call_command("token", "create", "--user", "person0", "--name", "Power BI")
    out = capsys.readouterr().out
    key = out.splitlines()[1]
    assert key.startswith("eqt_") and len(key) > 40
    call_command("token", "list", "--user", "person0")
    listed = capsys.readouterr().out
    assert f"{key[4:12]}…  Power BI  (live)" in listed
    call_command("token", "revoke", "--user", "person0", "--prefix", key[4:12])
    from eqtrack.api.services import token_user

    assert token_user(key=key) is None


def test_token_keys_are_letters_and_digits_so_a_prefix_can_be_typed(django_user_model):
    # A key from token_urlsafe could start its prefix with "-", which argparse
    # then reads as an option: `eqtrack token revoke --prefix -abc` failed.
    user = django_user_model.objects.create_user("person1")
    keys = [token_create(user=user, name=f"t{n}")[1] for n in range(60)]
    assert all(re.fullmatch(r"eqt_[A-Za-z0-9]{43}", key) for key in keys)
    assert len(set(keys)) == 60


@pytest.mark.parametrize(
    "body, field",
    [
        ({"status": "x" * 501, "status_category": "on_track", "revision": 0}, "status"),
        ({"progress": ["x" * 20001], "revision": 0}, "progress"),
    ],
)
def test_the_api_checks_an_update_by_the_web_forms_rules(client, world, body, field):
    """The same form as the page: what the page refuses (a status over 500 characters, progress
    over 20,000) the API refuses too, naming the field, and keeps nothing."""
    _, _, action, keys, base = world
    response = _put(client, f"{base}/actions/{action.pk}/update", body, keys["owner"])
    assert response.status_code == 400 and response.json()["field"] == field
    assert response.json()["error"].startswith(f"{field}: ensure this value has at most")
    assert not Update.objects.filter(action=action, period__label="2031").exists()
