"""The council administrators' services: invitations, people's roles and teams, deactivation,
teams (merging above all) and the council's details, each refused to anyone else."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.accounts.permissions import can_read_unpublished, membership
from eqtrack.accounts.selectors import invitation_person, organisations_member_of, team_list
from eqtrack.accounts.services import (
    PeopleError,
    council_details_update,
    council_logo_set,
    invitation_accept,
    invitation_resend,
    person_change,
    person_deactivate,
    person_invite,
    person_reactivate,
    team_archive,
    team_create,
    team_merge,
    team_rename,
    team_restore,
)
from eqtrack.accounts.tests.factories import member_create
from eqtrack.accounts.tokens import InvitationTokenGenerator, invitation_tokens
from eqtrack.assessments.services import policy_create
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.services import OrganisationError
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe\xa7\x9a\xa0"
    b"\xa0\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def council():
    plan = plan_create_from_document(document=document_generate(actions=4, periods=1))
    org = plan.organisation
    admin = member_create(org, Role.ADMINISTRATOR, username="admin")
    return {"org": org, "plan": plan, "admin": admin}


def _invite(council, email="sam@council.example", role=Role.OWNER, teams=()):
    return person_invite(
        organisation=council["org"],
        email=email,
        name="Sam Patel",
        role=role,
        teams=teams,
        user=council["admin"],
    )


def _link(message) -> str:
    found = re.search(r"http://[^\s]+/invitation/[^\s]+/", message.body)
    assert found, message.body
    return found.group(0).split("://", 1)[1].split("/", 1)[1]


def test_invite_makes_an_account_without_password_and_mails_one_link_after_commit(
    council, django_capture_on_commit_callbacks
):
    hr = Team.objects.create(organisation=council["org"], name="HR")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        member = _invite(council, teams=[hr])
        assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@council.example"]
    assert council["org"].name in message.subject
    person = member.user
    assert person.first_name == "Sam" and person.last_name == "Patel"
    assert not person.has_usable_password()
    assert member.role == Role.OWNER and list(member.teams.all()) == [hr]
    assert member.status == "invited"
    assert member.history.first().history_user == council["admin"]
    # The link names the person and works.
    uidb64, token = _link(message).strip("/").split("/")[1:]
    assert invitation_person(uidb64=uidb64, token=token) == person
    assert "single sign-on" not in message.body.lower() and "Sign in with" not in message.body


def test_invitation_mentions_single_sign_on_when_configured(
    council, settings, django_capture_on_commit_callbacks
):
    settings.EQTRACK_OIDC_ENABLED, settings.EQTRACK_OIDC_NAME = True, "Microsoft"
    with django_capture_on_commit_callbacks(execute=True):
        _invite(council)
    assert "Sign in with Microsoft" in mail.outbox[0].body


def test_a_failing_mail_server_keeps_the_invitation(council, django_capture_on_commit_callbacks):
    with (
        mock.patch("eqtrack.accounts.services.send_mail", side_effect=OSError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        member = _invite(council)
    assert Membership.objects.filter(pk=member.pk).exists()


def test_invite_reuses_an_existing_account_and_sends_no_password_link(
    council, django_capture_on_commit_callbacks
):
    other = Organisation.objects.create(name="Other", slug="other")
    existing = member_create(other, Role.VIEWER, username="kim")
    with django_capture_on_commit_callbacks(execute=True):
        member = person_invite(
            organisation=council["org"],
            email=existing.email.upper(),
            name="Ignored",
            role=Role.REVIEWER,
            teams=[],
            user=council["admin"],
        )
    assert (
        member.user == existing and User.objects.filter(email__iexact=existing.email).count() == 1
    )
    assert "/invitation/" not in mail.outbox[0].body and "sign in as usual" in mail.outbox[0].body


def test_invite_refuses_a_member_and_a_non_administrator(council):
    _invite(council)
    with pytest.raises(PeopleError, match="already one of"):
        _invite(council)
    owner = member_create(council["org"], Role.OWNER)
    with pytest.raises(PermissionDenied):
        person_invite(
            organisation=council["org"],
            email="x@council.example",
            name="X",
            role=Role.VIEWER,
            teams=[],
            user=owner,
        )
    other = Organisation.objects.create(name="Other", slug="other")
    with pytest.raises(PermissionDenied):  # an administrator of another council
        person_invite(
            organisation=other,
            email="y@x.example",
            name="Y",
            role="viewer",
            teams=[],
            user=council["admin"],
        )
    assert not User.objects.filter(email__in=["x@council.example", "y@x.example"]).exists()


def test_accept_sets_the_password_once(council, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member = _invite(council)
    token = invitation_tokens.make_token(member.user)
    landed = invitation_accept(person=member.user, token=token, password="a long new password 9")
    member.user.refresh_from_db()
    assert landed == member and member.user.check_password("a long new password 9")
    with pytest.raises(PeopleError):  # used
        invitation_accept(person=member.user, token=token, password="another long one 7")
    assert member.user.check_password("a long new password 9")


def test_an_expired_or_resent_link_is_refused(council, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member = _invite(council)
    person = member.user
    token = invitation_tokens.make_token(person)
    now = invitation_tokens._now()  # Django's clock for tokens (naive local time)
    later = InvitationTokenGenerator()
    later._now = lambda: now + dt.timedelta(days=15)  # type: ignore[method-assign]
    assert invitation_tokens.check_token(person, token)
    assert not later.check_token(person, token)
    soon = InvitationTokenGenerator()
    soon._now = lambda: now + dt.timedelta(days=13)  # type: ignore[method-assign]
    assert soon.check_token(person, token)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(membership=member, user=council["admin"])
    person.refresh_from_db()
    assert not invitation_tokens.check_token(person, token)  # the earlier link is dead
    assert len(mail.outbox) == 2


def test_a_link_to_a_disabled_account_is_refused(council, django_capture_on_commit_callbacks):
    from django.utils.http import urlsafe_base64_encode

    from eqtrack.accounts.selectors import invitation_person

    with django_capture_on_commit_callbacks(execute=True):
        person = _invite(council).user
    uid = urlsafe_base64_encode(str(person.pk).encode())
    token = invitation_tokens.make_token(person)
    assert invitation_person(uidb64=uid, token=token) == person
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert invitation_person(uidb64=uid, token=token) is None


def test_deactivated_member_is_refused_everywhere_and_history_stays(council):
    viewer = member_create(council["org"], Role.REVIEWER)
    m = Membership.objects.get(user=viewer)
    person_deactivate(membership=m, reason="Left the council", user=council["admin"])
    fresh = User.objects.get(pk=viewer.pk)
    assert membership(fresh, council["org"].pk) is None
    assert not can_read_unpublished(fresh, council["org"].pk)
    assert list(organisations_member_of(user=fresh)) == []
    m.refresh_from_db()
    assert (
        m.status == "deactivated" and m.history.first().history_change_reason == "Left the council"
    )
    client = Client()
    client.force_login(fresh)
    plan, slug = council["plan"], council["org"].slug
    assert client.get(f"/{slug}/{plan.slug}/").status_code == 404
    assert client.get(f"/{slug}/policies/").status_code == 404
    assert client.get(f"/{slug}/{plan.slug}/rounds/").status_code == 404
    person_reactivate(membership=m, reason="Back", user=council["admin"])
    assert membership(User.objects.get(pk=viewer.pk), council["org"].pk) is not None


def test_no_self_deactivation_and_the_last_administrator_stays(council):
    own = Membership.objects.get(user=council["admin"])
    with pytest.raises(PeopleError, match="yourself"):
        person_deactivate(membership=own, reason="x", user=council["admin"])
    second = member_create(council["org"], Role.ADMINISTRATOR)
    # Demoting oneself is allowed while another administrator stays.
    person_change(membership=own, role=Role.VIEWER, teams=[], reason="Handed over", user=second)
    last = Membership.objects.get(user=second)
    with pytest.raises(PeopleError, match="only administrator"):
        person_change(membership=last, role=Role.VIEWER, teams=[], reason="x", user=second)
    superuser = User.objects.create_superuser("op", "op@x.example", "a long pass 1")
    with pytest.raises(PeopleError, match="only administrator"):
        person_deactivate(membership=last, reason="x", user=superuser)
    last.refresh_from_db()
    assert last.role == Role.ADMINISTRATOR and not last.is_archived


def test_change_role_and_teams_records_why(council):
    hr, it = (Team.objects.create(organisation=council["org"], name=n) for n in ("HR", "IT"))
    person = member_create(council["org"], Role.VIEWER, teams=[hr])
    m = Membership.objects.get(user=person)
    person_change(membership=m, role=Role.OWNER, teams=[it], reason="Moved", user=council["admin"])
    m.refresh_from_db()
    assert m.role == Role.OWNER and list(m.teams.all()) == [it]
    assert {v.history_change_reason for v in m.history.all()} >= {"Moved"}
    with pytest.raises(PeopleError, match="why"):
        person_change(membership=m, role=Role.VIEWER, teams=[], reason=" ", user=council["admin"])


def test_merge_moves_actions_people_and_policies_and_archives(council):
    org, admin = council["org"], council["admin"]
    a = team_create(organisation=org, name="Housing", user=admin)
    b = team_create(organisation=org, name="Housing Options", user=admin)
    actions = list(Action.objects.filter(plan=council["plan"])[:2])
    Action.objects.filter(pk__in=[x.pk for x in actions]).update(team=a)
    owner = member_create(org, Role.OWNER, teams=[a])
    policy = policy_create(organisation=org, title="Lettings", user=admin, team=a)
    team_merge(team=a, into=b, user=admin)
    a.refresh_from_db()
    assert a.is_archived
    assert set(Action.objects.filter(team=b)) == set(actions)
    assert not Action.objects.filter(team=a).exists()
    assert list(Membership.objects.get(user=owner).teams.all()) == [b]
    policy.refresh_from_db()
    assert policy.team == b
    moved = actions[0].history.order_by("-history_id").first()
    assert moved.history_user == admin and "merged into" in moved.history_change_reason
    assert list(team_list(organisation=org)) == [b]  # the archived team is not offered
    with pytest.raises(PeopleError):
        team_merge(team=b, into=b, user=admin)


def test_team_names_archive_and_restore(council):
    org, admin = council["org"], council["admin"]
    team = team_create(organisation=org, name="  Policy   Team ", user=admin)
    assert team.name == "Policy Team"
    with pytest.raises(PeopleError, match="already"):
        team_create(organisation=org, name="policy team", user=admin)
    team_rename(team=team, name="Policy", user=admin)
    team_archive(team=team, user=admin)
    assert team not in team_list(organisation=org)
    with pytest.raises(PeopleError, match="restore it"):
        team_create(organisation=org, name="Policy", user=admin)
    team_restore(team=team, user=admin)
    assert team in team_list(organisation=org)
    viewer = member_create(org, Role.VIEWER)
    with pytest.raises(PermissionDenied):
        team_archive(team=team, user=viewer)


def test_council_details_and_logo(council):
    org, admin = council["org"], council["admin"]
    changed = council_details_update(
        organisation=org,
        name="Renamed Council",
        contact_email="equality@council.example",
        website="https://council.example",
        separate_reviewer_and_signer=False,
        user=admin,
    )
    org.refresh_from_db()
    assert changed == ["name", "contact e-mail", "website", "separate reviewer and signer"]
    assert org.name == "Renamed Council" and not org.separate_reviewer_and_signer
    version = org.history.first()
    assert version.history_user == admin and "name" in version.history_change_reason
    council_logo_set(organisation=org, data=PNG, user=admin)
    org.refresh_from_db()
    assert bytes(org.logo) == PNG and org.logo_content_type == "image/png"
    for bad, why in (
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "PNG or JPEG"),
        (PNG[:30], "damaged"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * (1024 * 1024), "1 MB"),
    ):
        with pytest.raises(OrganisationError, match=why):
            council_logo_set(organisation=org, data=bad, user=admin)
    org.refresh_from_db()
    assert bytes(org.logo) == PNG
    Organisation.objects.create(name="Taken", slug="taken")
    with pytest.raises(OrganisationError, match="Another council"):
        council_details_update(
            organisation=org,
            name="taken",
            contact_email="",
            website="",
            separate_reviewer_and_signer=True,
            user=admin,
        )
    with pytest.raises(PermissionDenied):
        council_logo_set(organisation=org, data=None, user=member_create(org, Role.MANAGER))
