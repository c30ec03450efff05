"""Writes about people's access: inviting people and changing their role and teams, the
council's teams, its details, and the group that lets a council's administrators into the
admin. Only the council's administrators may make these changes; each is kept in the history
with who made it and why, and logged in the security log."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from eqtrack.core.history import change_record
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.services import (
    organisation_details_update,
    organisation_get_or_create,
    organisation_logo_set,
)

from .admin_scoping import council_administrator_permissions
from .audit import audit_record
from .models import Membership, Role, Team
from .permissions import can_administer, membership_forget
from .signals import team_merged
from .tokens import INVITATION_DAYS, invitation_tokens, invitation_uid

log = logging.getLogger(__name__)

COUNCIL_ADMINISTRATORS = "Council administrators"


class PeopleError(ValueError):
    """A change to people or teams that cannot be made; `field` names the form field the
    message is about (None: the whole form)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def council_administrators_group_ensure() -> Group:
    """The group (made or brought up to date) holding the Django permissions a council's
    administrator uses in the admin. Being in it shows a staff user only the councils they
    hold the administrator role in; only the operator (a superuser) puts people in it."""
    group, _ = Group.objects.get_or_create(name=COUNCIL_ADMINISTRATORS)
    group.permissions.set(council_administrator_permissions())
    return group


def _administrator_required(user: User, organisation_id: int) -> None:
    if not can_administer(user, organisation_id):
        raise PermissionDenied("Only the council's administrators manage its people and teams.")


def _teams_of(organisation: Organisation, teams: Iterable[Team]) -> list[Team]:
    """The teams, checked to be the organisation's and in use."""
    chosen = list(teams)
    for team in chosen:
        if team.organisation_id != organisation.pk or team.is_archived:
            raise PeopleError("teams", f"Choose the council's teams in use (not “{team.name}”)")
    return chosen


def _role_checked(role: str) -> str:
    if role not in Role.values:
        raise PeopleError("role", "Choose a role")
    return role


def _reason_checked(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise PeopleError("reason", "Say why you are making this change")
    return reason


def _administrators_left(membership: Membership) -> bool:
    """Whether the council keeps a live administrator besides this membership."""
    return (
        Membership.objects.live()
        .filter(organisation_id=membership.organisation_id, role=Role.ADMINISTRATOR)
        .exclude(pk=membership.pk)
        .exists()
    )


def _username_for(email: str) -> str:
    """A new account's user name: its e-mail address, numbered if someone has it already."""
    User = get_user_model()
    base = email.lower()[:140]
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _invitation_mail_on_commit(membership: Membership) -> None:
    """After the transaction commits, e-mail the person about their membership: with a link to
    set a password if they have none yet, else saying to sign in as usual. A failing mail
    server is logged; the invitation stays (the administrator can send it again)."""
    person, organisation = membership.user, membership.organisation
    base = settings.EQTRACK_BASE_URL.rstrip("/")
    link = None
    if not person.has_usable_password():
        token = invitation_tokens.make_token(person)
        link = base + reverse("invitation-accept", args=[invitation_uid(person), token])
    context = {
        "person": person,
        "organisation": organisation,
        "role": membership.get_role_display(),
        "link": link,
        "days": INVITATION_DAYS,
        "sign_in": base + reverse("sign-in"),
        "council_page": base + reverse("organisation-home", args=[organisation.slug]),
        "single_sign_on": getattr(settings, "EQTRACK_OIDC_ENABLED", False),
        "single_sign_on_name": getattr(settings, "EQTRACK_OIDC_NAME", ""),
    }
    subject = f"You have been invited to {organisation.name}'s equality work on eqtrack"
    message = render_to_string("accounts/invitation_email.txt", context)
    address = person.email

    def send() -> None:
        try:
            send_mail(subject=subject, message=message, from_email=None, recipient_list=[address])
        except Exception:  # noqa: BLE001 - any mail failure: logged, the invitation stands
            log.exception("invitation e-mail to %s could not be sent", address)

    transaction.on_commit(send)


@transaction.atomic
def person_invite(
    *,
    organisation: Organisation,
    email: str,
    name: str,
    role: str,
    teams: Iterable[Team],
    user: User,
) -> Membership:
    """Give the person with this e-mail address `role` and `teams` at the council, making them
    an account (with no password yet) unless the address has one, and e-mail them once the
    change is committed: a link to set their password for a new account."""
    _administrator_required(user, organisation.pk)
    return _invite(
        organisation=organisation, email=email, name=name, role=role, teams=teams, user=user
    )


def _invite(
    *,
    organisation: Organisation,
    email: str,
    name: str,
    role: str,
    teams: Iterable[Team],
    user: User | None,
) -> Membership:
    """The invitation itself, once whoever asked is known to be allowed to."""
    role, chosen = _role_checked(role), _teams_of(organisation, teams)
    email = get_user_model().objects.normalize_email(email.strip())
    if not email:
        raise PeopleError("email", "Enter their e-mail address")
    person = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
    if person is not None:
        existing = Membership.objects.filter(organisation=organisation, user=person).first()
        if existing is not None and existing.is_archived:
            raise PeopleError(
                "email", f"{email} was deactivated here: reactivate them from their page instead"
            )
        if existing is not None:
            raise PeopleError("email", f"{email} is already one of the council's people")
    else:
        first, _, last = " ".join(name.split()).partition(" ")
        if not first:
            raise PeopleError("name", "Enter their name")
        person = get_user_model()(
            username=_username_for(email), email=email, first_name=first[:150], last_name=last[:150]
        )
        person.set_unusable_password()
        person.save()
    membership = Membership(organisation=organisation, user=person, role=role)
    change_record(membership, user=user, reason="Invited by e-mail")
    membership.save()
    if chosen:
        change_record(membership, user=user, reason="Invited by e-mail")
        membership.teams.set(chosen)
    audit_record(f"invitation: {email} invited to {organisation} as {role}", user=user)
    _invitation_mail_on_commit(membership)
    return membership


@transaction.atomic
def invitation_resend(*, membership: Membership, user: User) -> None:
    """Send the invitation again with a new link; the earlier links stop working (a new unset
    password changes what they were signed with)."""
    _administrator_required(user, membership.organisation_id)
    if membership.is_archived:
        raise PeopleError(None, "Reactivate them before inviting them again")
    person = membership.user
    if person.has_usable_password() or person.last_login is not None:
        raise PeopleError(None, "They have signed in already: they need no invitation")
    person.set_unusable_password()
    person.save(update_fields=["password"])
    audit_record(f"invitation: sent again to {person.email} for {membership.organisation}")
    _invitation_mail_on_commit(membership)


@transaction.atomic
def invitation_accept(*, person: User, token: str, password: str) -> Membership:
    """Set the invited person's first password, if the link is still good and they still
    belong to a council; returns the membership whose council they land on (their newest).
    PeopleError otherwise, with nothing changed."""
    membership = (
        Membership.objects.live()
        .filter(user=person)
        .select_related("organisation")
        .order_by("-pk")
        .first()
    )
    if not invitation_tokens.check_token(person, token) or membership is None:
        raise PeopleError(None, "This invitation link has expired or been used")
    person.set_password(password)
    person.save(update_fields=["password"])
    audit_record(f"invitation: accepted by {person.get_username()}", user=person)
    return membership


@transaction.atomic
def person_change(
    *, membership: Membership, role: str, teams: Iterable[Team], reason: str, user: User
) -> None:
    """Change a person's role and teams at the council, saying why."""
    _administrator_required(user, membership.organisation_id)
    role, reason = _role_checked(role), _reason_checked(reason)
    chosen = _teams_of(membership.organisation, teams)
    if membership.is_archived:
        raise PeopleError(None, "Reactivate them before changing their role")
    demoted = membership.role == Role.ADMINISTRATOR and role != Role.ADMINISTRATOR
    if demoted and not _administrators_left(membership):
        raise PeopleError(
            "role",
            "They are the council's only administrator: make someone else an administrator first",
        )
    if role != membership.role:
        membership.role = role
        change_record(membership, user=user, reason=reason)
        membership.save(update_fields=["role"])
    # Archived teams they are still in stay: those are not offered, so not unticked.
    kept = [t for t in membership.teams.all() if t.is_archived]
    if {t.pk for t in membership.teams.all()} != {t.pk for t in [*chosen, *kept]}:
        change_record(membership, user=user, reason=reason)
        membership.teams.set([*chosen, *kept])
    membership_forget(membership.user)


@transaction.atomic
def person_deactivate(*, membership: Membership, reason: str, user: User) -> None:
    """Take away all of a person's access to the council; what they wrote and decided stays,
    with their name. Never oneself, nor the council's last administrator."""
    _administrator_required(user, membership.organisation_id)
    reason = _reason_checked(reason)
    if membership.user_id == user.pk:
        raise PeopleError(None, "You cannot deactivate yourself: ask another administrator")
    if membership.role == Role.ADMINISTRATOR and not _administrators_left(membership):
        raise PeopleError(None, "They are the council's only administrator, so stay active")
    if membership.is_archived:
        return
    membership.archived_at = timezone.now()
    change_record(membership, user=user, reason=reason)
    membership.save(update_fields=["archived_at"])
    audit_record(
        f"permission change: {membership.user.get_username()} deactivated at "
        f"{membership.organisation}",
        user=user,
    )
    membership_forget(membership.user)


@transaction.atomic
def person_reactivate(*, membership: Membership, reason: str, user: User) -> None:
    """Give a deactivated person back their role and teams at the council."""
    _administrator_required(user, membership.organisation_id)
    reason = _reason_checked(reason)
    if not membership.is_archived:
        return
    membership.archived_at = None
    change_record(membership, user=user, reason=reason)
    membership.save(update_fields=["archived_at"])
    audit_record(
        f"permission change: {membership.user.get_username()} reactivated at "
        f"{membership.organisation}",
        user=user,
    )
    membership_forget(membership.user)


def _team_name_checked(organisation_id: int, name: str, *, team: Team | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise PeopleError("name", "Enter the team's name")
    if len(name) > Team._meta.get_field("name").max_length:  # type: ignore[operator]
        raise PeopleError("name", "The team's name must be 200 characters or fewer")
    same = Team.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if team is not None:
        same = same.exclude(pk=team.pk)
    clash = same.first()
    if clash is not None:
        if clash.is_archived:
            raise PeopleError(
                "name", f"An archived team is called “{clash.name}”: restore it instead"
            )
        raise PeopleError("name", f"There is already a team called “{clash.name}”")
    return name


@transaction.atomic
def team_create(
    *, organisation: Organisation, name: str, user: User, reason: str = "Team added"
) -> Team:
    _administrator_required(user, organisation.pk)
    team = Team(organisation=organisation, name=_team_name_checked(organisation.pk, name))
    change_record(team, user=user, reason=reason)
    team.save()
    return team


@transaction.atomic
def team_rename(*, team: Team, name: str, user: User) -> None:
    _administrator_required(user, team.organisation_id)
    name = _team_name_checked(team.organisation_id, name, team=team)
    if name == team.name:
        return
    old = team.name
    team.name = name
    change_record(team, user=user, reason=f"Renamed from “{old}”")
    team.save(update_fields=["name"])


@transaction.atomic
def team_archive(*, team: Team, user: User) -> None:
    """Stop offering the team as a choice; its actions and people keep it until changed."""
    _administrator_required(user, team.organisation_id)
    if team.is_archived:
        return
    team.archived_at = timezone.now()
    change_record(team, user=user, reason="Archived")
    team.save(update_fields=["archived_at"])


@transaction.atomic
def team_restore(*, team: Team, user: User) -> None:
    _administrator_required(user, team.organisation_id)
    if not team.is_archived:
        return
    team.archived_at = None
    change_record(team, user=user, reason="Restored")
    team.save(update_fields=["archived_at"])


@transaction.atomic
def team_merge(*, team: Team, into: Team, user: User) -> None:
    """Merge `team` into `into`: its people join `into`, its actions (and the other records
    apps above this one keep, through the team_merged signal) move to it, and `team` is
    archived, each change recorded with who and why."""
    _administrator_required(user, team.organisation_id)
    if into.organisation_id != team.organisation_id or into.is_archived:
        raise PeopleError("into", "Choose one of the council's teams in use")
    if into.pk == team.pk:
        raise PeopleError("into", "Choose another team to merge it into")
    if team.is_archived:
        raise PeopleError(None, f"“{team.name}” is archived already")
    reason = f"Team “{team.name}” merged into “{into.name}”"
    for membership in Membership.objects.filter(teams=team).prefetch_related("teams"):
        change_record(membership, user=user, reason=reason)
        membership.teams.remove(team)
        change_record(membership, user=user, reason=reason)
        membership.teams.add(into)
    team_merged.send(sender=Team, team=team, into=into, user=user)
    team.archived_at = timezone.now()
    change_record(team, user=user, reason=reason)
    team.save(update_fields=["archived_at"])


@transaction.atomic
def council_details_update(
    *,
    organisation: Organisation,
    name: str,
    contact_email: str,
    website: str,
    separate_reviewer_and_signer: bool,
    user: User,
) -> list[str]:
    """The council's administrators change its details (organisations.services writes them);
    returns what changed."""
    _administrator_required(user, organisation.pk)
    changed = organisation_details_update(
        organisation=organisation,
        name=name,
        contact_email=contact_email,
        website=website,
        separate_reviewer_and_signer=separate_reviewer_and_signer,
        user=user,
    )
    if changed:
        audit_record(f"council details: {organisation} changed {', '.join(changed)}", user=user)
    return changed


@transaction.atomic
def council_logo_set(*, organisation: Organisation, data: bytes | None, user: User) -> None:
    """The council's administrators put up (PNG or JPEG, at most 1 MB) or take down its logo."""
    _administrator_required(user, organisation.pk)
    organisation_logo_set(organisation=organisation, data=data, user=user)


@transaction.atomic
def council_create(*, name: str, admin_email: str, admin_name: str) -> Membership:
    """A new council on this site with its first administrator, invited by e-mail: what the
    site operator does (from the command line) before the council runs everything else from
    its own pages. Refuses a council that already has people."""
    name = " ".join(name.split())
    if not name:
        raise PeopleError("name", "Enter the council's name")
    organisation = organisation_get_or_create(name=name)
    if Membership.objects.filter(organisation=organisation).exists():
        raise PeopleError(
            "name", f"{organisation.name} already has people: its administrators invite more"
        )
    return _invite(
        organisation=organisation,
        email=admin_email,
        name=admin_name,
        role=Role.ADMINISTRATOR,
        teams=[],
        user=None,
    )
