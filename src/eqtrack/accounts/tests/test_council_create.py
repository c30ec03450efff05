"""The site operator's one step: a council and its first administrator, invited by e-mail."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from eqtrack.accounts.models import Membership, Role
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_council_and_its_first_administrator_invited(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "council-create",
            "Kent County Council",
            admin_email="Ann@Kent.example",
            admin_name="Ann Lee",
        )
    organisation = Organisation.objects.get(name="Kent County Council")
    membership = Membership.objects.get(organisation=organisation)
    assert membership.role == Role.ADMINISTRATOR
    assert membership.user.email == "Ann@kent.example"
    assert not membership.user.has_usable_password()
    assert not membership.user.is_staff and not membership.user.is_superuser
    [message] = mail.outbox
    assert message.to == ["Ann@kent.example"]
    assert "/invitation/" in message.body and "Kent County Council" in message.body


def test_a_council_with_people_is_refused_and_nothing_changes():
    call_command("council-create", "Kent", admin_email="a@kent.example", admin_name="Ann Lee")
    with pytest.raises(CommandError, match="already has people"):
        call_command("council-create", "Kent", admin_email="b@kent.example", admin_name="Bo Li")
    assert Membership.objects.count() == 1


def test_a_missing_name_is_named():
    with pytest.raises(CommandError, match="name: Enter their name"):
        call_command("council-create", "Kent", admin_email="a@kent.example", admin_name=" ")
    assert not Organisation.objects.filter(name="Kent").exists()
