"""Single sign-on's rules without a provider: who may sign in, what the settings are made of,
and what the sign-in page says when the provider sends someone back without a sign-in. The
whole trip through a real provider is tests/test_single_sign_on.py."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from eqtrack.accounts.models import Membership, Role
from eqtrack.accounts.oidc import SignOnBackend, claimed_email, invited_people
from eqtrack.accounts.tests.factories import member_create
from eqtrack.config.settings.single_sign_on import single_sign_on_settings
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")


def _backend():
    backend = SignOnBackend.__new__(SignOnBackend)  # no provider settings needed for these
    backend.UserModel = get_user_model()
    backend.request = RequestFactory().get("/oidc/callback/")
    return backend


def test_the_address_is_email_or_else_entra_ids_preferred_username():
    assert claimed_email({"email": "a@x.example", "preferred_username": "b@x.example"}) == (
        "a@x.example"
    )
    assert claimed_email({"email": "", "preferred_username": "b@x.example"}) == "b@x.example"
    assert claimed_email({"sub": "1"}) == ""
    assert _backend().verify_claims({"preferred_username": "b@x.example"})
    assert not _backend().verify_claims({"sub": "1"})


def test_only_an_active_account_with_a_membership_may_sign_in(council):
    invited = member_create(council, Role.OWNER, username="ann")
    invited.email = "Ann.Owner@council.example"
    invited.save()
    switched_off = member_create(council, Role.OWNER, username="dee")
    switched_off.is_active = False
    switched_off.save()
    get_user_model().objects.create_user("nomember", email="nomember@council.example")

    assert list(invited_people("ann.owner@COUNCIL.example")) == [invited]
    assert list(invited_people(switched_off.email)) == []
    assert list(invited_people("nomember@council.example")) == []
    assert list(invited_people("")) == []


def test_two_memberships_are_still_one_person(council):
    other = Organisation.objects.create(name="Kent County Council", slug="kent")
    ann = member_create(council, Role.OWNER, username="ann")
    Membership.objects.create(organisation=other, user=ann, role=Role.VIEWER)
    assert list(invited_people(ann.email)) == [ann]


def test_someone_whose_membership_was_archived_may_not_sign_in(council):
    from django.utils import timezone

    dee = member_create(council, Role.OWNER, username="dee")
    Membership.objects.filter(user=dee).update(archived_at=timezone.now())
    assert list(invited_people(dee.email)) == []


def test_signing_in_never_makes_an_account_and_the_refused_address_is_kept(council):
    backend = _backend()
    people_before = get_user_model().objects.count()
    claims = {"email": "zed@elsewhere.example", "given_name": "Zed"}
    assert list(backend.filter_users_by_claims(claims)) == []
    assert backend.request.single_sign_on_email == "zed@elsewhere.example"
    assert backend.create_user(claims) is None
    assert get_user_model().objects.count() == people_before


def test_an_address_the_provider_has_not_verified_is_refused():
    backend = _backend()
    assert backend.verify_claims({"email": "ann@council.example", "email_verified": True})
    assert backend.verify_claims({"email": "ann@council.example"})  # Entra ID sends none
    assert not backend.verify_claims({"email": "ann@council.example", "email_verified": False})


def test_someone_deactivated_while_signed_in_is_signed_out(council):
    dee = member_create(council, Role.OWNER, username="dee")
    assert _backend().get_user(dee.pk) == dee
    dee.is_active = False
    dee.save()
    assert _backend().get_user(dee.pk) is None


def test_settings_for_entra_id_come_from_its_tenant_and_any_endpoint_can_be_given():
    entra = single_sign_on_settings(
        {"EQTRACK_OIDC_CLIENT_ID": "client-1", "EQTRACK_OIDC_TENANT": "contoso"}
    )
    assert entra["OIDC_OP_TOKEN_ENDPOINT"] == (
        "https://login.microsoftonline.com/contoso/oauth2/v2.0/token"
    )
    assert entra["OIDC_CREATE_USER"] is False
    other = single_sign_on_settings(
        {
            "EQTRACK_OIDC_CLIENT_ID": "client-1",
            "EQTRACK_OIDC_AUTHORIZATION_ENDPOINT": "https://id.example/authorize",
            "EQTRACK_OIDC_TOKEN_ENDPOINT": "https://id.example/token",
            "EQTRACK_OIDC_USER_ENDPOINT": "https://id.example/userinfo",
            "EQTRACK_OIDC_JWKS_ENDPOINT": "https://id.example/jwks",
        }
    )
    assert other["OIDC_OP_AUTHORIZATION_ENDPOINT"] == "https://id.example/authorize"
    assert other["OIDC_OP_JWKS_ENDPOINT"] == "https://id.example/jwks"


def test_settings_without_a_tenant_name_the_missing_endpoint():
    with pytest.raises(ImproperlyConfigured, match="EQTRACK_OIDC_JWKS_ENDPOINT"):
        single_sign_on_settings(
            {
                "EQTRACK_OIDC_CLIENT_ID": "client-1",
                "EQTRACK_OIDC_AUTHORIZATION_ENDPOINT": "https://id.example/authorize",
                "EQTRACK_OIDC_TOKEN_ENDPOINT": "https://id.example/token",
                "EQTRACK_OIDC_USER_ENDPOINT": "https://id.example/userinfo",
            }
        )


@pytest.mark.urls("eqtrack.accounts.tests.sign_on_urls")
def test_a_provider_that_sends_someone_back_without_a_sign_in_is_explained(client, settings):
    for name, value in single_sign_on_settings(
        {"EQTRACK_OIDC_CLIENT_ID": "client-1", "EQTRACK_OIDC_TENANT": "contoso"}
    ).items():
        setattr(settings, name, value)
    settings.EQTRACK_OIDC_ENABLED = True
    settings.EQTRACK_OIDC_NAME = "Council Account"

    back = client.get("/oidc/callback/?error=access_denied&state=abc", follow=True)
    assert back.redirect_chain[-1][0] == "/sign-in/"
    page = back.content.decode()
    assert "Signing in with Council Account did not work." in page
    assert "Sign in with Council Account</a>" in page
    assert "_auth_user_id" not in client.session
