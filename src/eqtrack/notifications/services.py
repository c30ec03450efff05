"""Writes for notifications: follow and unfollow; choose how to hear of each kind of notice;
send a notice to the people concerned (at once, into their daily digest, or not at all, as
each chose) and the digests (`eqtrack notices-digest`); and the reminders of a round's
deadline and of policies' reviews (`eqtrack remind`).

Notices are sent from the receivers in notifications.signals, which the lower apps' signals
reach only once their change is committed. A mail server that fails is logged and does not
undo or stop anything: the change stands, and the next person is still told."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from eqtrack.accounts.models import Membership, Role
from eqtrack.accounts.permissions import can_read_plan
from eqtrack.assessments.models import Assessment, Policy
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action, Theme, Update
from eqtrack.rounds.models import ReportingRound

from .models import Choice, Follow, Kind, NoticePreference, PendingNotice, ReminderSent
from .selectors import (
    due_by_owner,
    notice_choice,
    outstanding_by_owner,
    reviewers_and_owners_of,
    reviewers_of,
)

log = logging.getLogger("eqtrack.notifications")


def _link(path: str) -> str:
    return settings.EQTRACK_BASE_URL.rstrip("/") + path


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _mail(*, user: User, subject: str, text: str) -> bool:
    """E-mail one person, with a plain-text part and the same as HTML (its links clickable).
    A mail server that fails is logged, not raised: whatever the e-mail was about stands."""
    html = render_to_string("notifications/email.html", {"subject": subject, "text": text})
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (SMTPException, OSError):
        log.exception("could not e-mail %r to %s", subject, user.email)
        return False
    return True


def _still_member(user: User, organisation_id: int) -> bool:
    """Whether the person may still read the council's unpublished work: an active account
    with a live membership (a deactivated person's membership is archived). Checked when a
    notice is written and again when a digest is sent, as it may have changed between."""
    # A fresh query, not accounts.permissions.membership: that one is remembered on the user
    # object, which may be the one whose membership this very request archived.
    return bool(
        user.is_active
        and Membership.objects.live()
        .filter(user_id=user.pk, organisation_id=organisation_id)
        .exists()
    )


def notice_send(
    *,
    kind: str,
    organisation: Organisation,
    user: User,
    subject: str,
    template: str,
    context: dict[str, Any],
    url: str,
) -> str:
    """Tell one person of one thing, as they chose for its kind: e-mail it now, keep it for
    their daily digest, or (if they turned the kind off) do nothing. Returns their choice.
    Nobody without an e-mail address or whose account is deactivated is told anything."""
    if not user.email or not _still_member(user, organisation.pk):
        return Choice.OFF
    choice = notice_choice(user=user, kind=kind)
    if choice == Choice.OFF:
        return choice
    body = render_to_string(template, {**context, "user": user, "url": url}).strip()
    if choice == Choice.DIGEST:
        PendingNotice.objects.create(
            organisation=organisation, user=user, kind=kind, subject=subject, body=body, url=url
        )
        return choice
    text = render_to_string(
        "notifications/notice.txt",
        {"name": _name(user), "body": body, "notices_url": _link(reverse("notices"))},
    )
    _mail(user=user, subject=subject, text=text)
    return choice


def _everyone_but(people: Iterable[User | None], actor: User | None) -> list[User]:
    """Each person once, leaving out whoever did the thing: nobody is told of their own act."""
    seen: dict[int, User] = {}
    for person in people:
        if person is not None and (actor is None or person.pk != actor.pk):
            seen.setdefault(person.pk, person)
    return list(seen.values())


def _tell(
    people: list[User],
    *,
    kind: str,
    organisation: Organisation,
    subject: str,
    context: dict[str, Any],
    url: str,
) -> list[User]:
    """Send each of `people` the same notice of `kind` (its template is named after the kind),
    as each chose; returns them."""
    for person in people:
        notice_send(
            kind=kind,
            organisation=organisation,
            user=person,
            subject=subject,
            template=f"notifications/notices/{kind}.txt",
            context=context,
            url=url,
        )
    return people


@transaction.atomic
def notice_preferences_set(*, user: User, choices: dict[str, str]) -> None:
    """Record how the person wants to hear of each kind of notice named in `choices`."""
    if not user or not user.is_authenticated:
        raise PermissionDenied("sign in to choose your notices")
    for kind, choice in choices.items():
        if kind not in Kind.values:
            raise ValueError(f"there is no kind of notice called {kind!r}")
        if choice not in Choice.values:
            raise ValueError(f"{Kind(kind).label}: choose straight away, daily or never")
    for kind, choice in choices.items():
        NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"choice": choice})


@dataclass(frozen=True)
class Digest:
    user: User
    notices: list[PendingNotice]
    sent: bool


def digests_send(*, dry_run: bool = False) -> list[Digest]:
    """E-mail each person with notices kept for their digest one e-mail listing them all, and
    mark them sent (so running this again sends nothing twice). A digest the mail server
    refuses stays unsent, for the next run."""
    digests = []
    waiting = (
        PendingNotice.objects.filter(sent_at__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    for user_id in list(waiting):
        with transaction.atomic():
            notices = list(
                PendingNotice.objects.select_for_update()
                .filter(user_id=user_id, sent_at__isnull=True)
                .select_related("user", "organisation")
                .order_by("created_at", "pk")
            )
            if not notices:
                continue  # sent meanwhile by another run
            user = notices[0].user
            # Someone deactivated since a notice was kept gets none of that council's notices.
            gone = [n for n in notices if not _still_member(user, n.organisation_id)]
            if gone and not dry_run:
                PendingNotice.objects.filter(pk__in=[n.pk for n in gone]).update(
                    sent_at=timezone.now()
                )
            notices = [n for n in notices if n not in gone]
            if not notices:
                continue
            if dry_run:
                digests.append(Digest(user, notices, False))
                continue
            count = len(notices)
            text = render_to_string(
                "notifications/digest.txt",
                {
                    "name": _name(user),
                    "notices": notices,
                    "notices_url": _link(reverse("notices")),
                },
            )
            subject = f"eqtrack: {count} notice{'' if count == 1 else 's'} since your last digest"
            sent = bool(user.email) and _mail(user=user, subject=subject, text=text)
            if sent or not user.email:
                PendingNotice.objects.filter(pk__in=[n.pk for n in notices]).update(
                    sent_at=timezone.now()
                )
            digests.append(Digest(user, notices, sent))
    return digests


@transaction.atomic
def follow_set(
    *, user: User, following: bool, action: Action | None = None, theme: Theme | None = None
) -> bool:
    """Follow (or stop following) an action or a theme; returns whether the person follows it now."""
    target = action or theme
    if target is None or (action is not None and theme is not None):
        raise ValueError("follow one action or one theme")
    if not user or not user.is_authenticated:
        raise PermissionDenied("sign in to follow an action")
    if not can_read_plan(user, target.plan):
        raise PermissionDenied("you cannot read that plan")
    lookup = {"action": action} if action else {"theme": theme}
    if not following:
        Follow.objects.filter(user=user, **lookup).delete()
        return False
    # Asking twice is not an error: the second time finds the first.
    Follow.objects.get_or_create(organisation=target.organisation, user=user, **lookup)
    return True


def _round_of(update: Update) -> ReportingRound | None:
    return ReportingRound.objects.filter(period=update.period_id).select_related("plan").first()


def _update_url(update: Update) -> str:
    """The update's page in its round, or its action's history if it is in no round."""
    round = _round_of(update)
    plan = update.action.plan
    if round is None:
        return _link(
            reverse("action-history", args=[plan.organisation.slug, plan.slug, update.action_id])
        )
    return _link(reverse("round-update", args=[plan.organisation.slug, round.pk, update.action_id]))


def _action_name(action: Action) -> str:
    return action.ref or action.text[:60]


def approval_notify(*, update: Update, user: User | None = None) -> list[User]:
    """Tell the update's writer, and everyone following its action or its theme, that it has
    been approved (not the approver). Followers who can no longer read the plan are skipped.
    Returns who was told."""
    action = update.action
    plan = action.plan
    subject = f"Update approved: {_action_name(action)} ({update.period.label})"
    context = {"update": update, "action": action, "plan": plan}
    told = _tell(
        _everyone_but([update.written_by], user),
        kind=Kind.UPDATE_APPROVED,
        organisation=plan.organisation,
        subject=subject,
        context={**context, "following": False},
        url=_update_url(update),
    )
    follows = (
        Follow.objects.filter(Q(action=action) | Q(theme_id=action.theme_id))
        .select_related("user")
        .order_by("user_id")
    )
    url = _link(reverse("action-history", args=[plan.organisation.slug, plan.slug, action.pk]))
    followers = [
        follower
        for follower in _everyone_but((f.user for f in follows), user)
        if follower not in told and can_read_plan(follower, plan)
    ]
    return told + _tell(
        followers,
        kind=Kind.UPDATE_APPROVED,
        organisation=plan.organisation,
        subject=subject,
        context={**context, "following": True},
        url=url,
    )


def round_opened_notify(*, round: ReportingRound, user: User | None = None) -> list[User]:
    """Tell each action owner which of their teams' actions the new round asks updates for,
    and by when."""
    url = _link(reverse("round-detail", args=[round.organisation.slug, round.pk]))
    told = []
    for owner, actions in due_by_owner(round=round).items():
        if user is not None and owner.pk == user.pk:
            continue
        notice_send(
            kind=Kind.ROUND_OPENED,
            organisation=round.organisation,
            user=owner,
            subject=(
                f"Updates wanted by {round.deadline:%-d %B %Y}: "
                f"{round.period.label}, {round.plan.title}"
            ),
            template="notifications/notices/round_opened.txt",
            context={"round": round, "actions": actions},
            url=url,
        )
        told.append(owner)
    return told


def round_closed_notify(*, round: ReportingRound, user: User | None = None) -> list[User]:
    """Tell the council's reviewers and the round's action owners that the round has closed;
    owners also hear which of their actions had no update."""
    url = _link(reverse("round-detail", args=[round.organisation.slug, round.pk]))
    missing = outstanding_by_owner(round=round)
    people = _everyone_but(reviewers_and_owners_of(round=round), user)
    for person in people:
        notice_send(
            kind=Kind.ROUND_CLOSED,
            organisation=round.organisation,
            user=person,
            subject=f"Round closed: {round.period.label}, {round.plan.title}",
            template="notifications/notices/round_closed.txt",
            context={"round": round, "missing": missing.get(person, [])},
            url=url,
        )
    return people


def update_submitted_notify(*, update: Update, user: User | None = None) -> list[User]:
    """Tell the council's reviewers that an update is waiting for them."""
    round = _round_of(update)
    if round is None:
        return []
    action = update.action
    url = _link(reverse("round-review", args=[round.organisation.slug, round.pk, update.pk]))
    return _tell(
        _everyone_but(reviewers_of(organisation=round.organisation), user),
        kind=Kind.UPDATE_SUBMITTED,
        organisation=round.organisation,
        subject=f"To review: {_action_name(action)} ({round.period.label})",
        context={"round": round, "update": update, "action": action, "by": user},
        url=url,
    )


def update_returned_notify(*, update: Update, comment: str, user: User | None = None) -> list[User]:
    """Tell the update's writer it came back, with the reviewer's comment."""
    return _tell(
        _everyone_but([update.written_by], user),
        kind=Kind.UPDATE_RETURNED,
        organisation=update.organisation,
        subject=f"Update returned: {_action_name(update.action)} ({update.period.label})",
        context={"update": update, "action": update.action, "comment": comment, "by": user},
        url=_update_url(update),
    )


def _assessment_url(assessment: Assessment) -> str:
    return _link(reverse("assessment-detail", args=[assessment.organisation.slug, assessment.pk]))


def assessment_submitted_notify(*, assessment: Assessment, user: User | None = None) -> list[User]:
    """Tell the council's reviewers that an assessment is waiting for their review."""
    return _tell(
        _everyone_but(reviewers_of(organisation=assessment.organisation), user),
        kind=Kind.ASSESSMENT_SUBMITTED,
        organisation=assessment.organisation,
        subject=f"To review: the impact assessment of {assessment.title}",
        context={"assessment": assessment, "by": user},
        url=_assessment_url(assessment),
    )


def assessment_reviewed_notify(*, assessment: Assessment, user: User | None = None) -> list[User]:
    """Tell the author an assessment came back, with the reviewer's comment. (One a reviewer
    passed on goes to sign-off: its author hears when it is signed off.)"""
    if assessment.state != Assessment.State.RETURNED:
        return []
    return _tell(
        _everyone_but([assessment.author], user),
        kind=Kind.ASSESSMENT_RETURNED,
        organisation=assessment.organisation,
        subject=f"Returned: the impact assessment of {assessment.title}",
        context={"assessment": assessment, "by": user},
        url=_assessment_url(assessment),
    )


def assessment_signed_off_notify(*, assessment: Assessment, user: User | None = None) -> list[User]:
    """Tell the author their assessment has been signed off."""
    return _tell(
        _everyone_but([assessment.author], user),
        kind=Kind.ASSESSMENT_SIGNED_OFF,
        organisation=assessment.organisation,
        subject=f"Signed off: the impact assessment of {assessment.title}",
        context={"assessment": assessment, "by": user},
        url=_assessment_url(assessment),
    )


@dataclass(frozen=True)
class Reminder:
    round: ReportingRound
    user: User
    kind: str
    actions: list[Action]


def _kind(round: ReportingRound, today: dt.date, days_before: tuple[int, ...]) -> str | None:
    """Which reminder is due today: "due-N" from N days before the deadline, then "late-W" in
    each week W after it; None when none is."""
    left = (round.deadline - today).days
    if left < 0:
        return f"late-{(-left - 1) // 7 + 1}"
    within = [n for n in days_before if left <= n]
    return f"due-{min(within)}" if within else None


def reminders_send(
    *, today: dt.date, days_before: tuple[int, ...] = (7, 1), dry_run: bool = False
) -> list[Reminder]:
    """E-mail each action owner who still owes updates in an open round: before the deadline
    (7 and 1 days ahead by default) and, once it has passed, once a week until they submit.
    Each reminder goes once, however often this runs."""
    reminders = []
    for round in ReportingRound.objects.filter(closed_at__isnull=True).select_related(
        "plan__organisation", "period"
    ):
        kind = _kind(round, today, days_before)
        if kind is None:
            continue
        already = set(
            ReminderSent.objects.filter(round=round, kind=kind).values_list("user_id", flat=True)
        )
        url = _link(reverse("round-detail", args=[round.plan.organisation.slug, round.pk]))
        for user, actions in outstanding_by_owner(round=round).items():
            if user.pk in already:
                continue
            reminders.append(Reminder(round, user, kind, actions))
            if dry_run:
                continue
            context = {
                "user": user,
                "round": round,
                "actions": actions,
                "late": kind.startswith("late"),
                "days_left": (round.deadline - today).days,
                "url": url,
            }
            # Recorded first: a mail server that fails must not have it sent again and again.
            ReminderSent.objects.create(
                organisation=round.organisation, round=round, user=user, kind=kind
            )
            notice_send(
                kind=Kind.ROUND_CLOSING,
                organisation=round.organisation,
                user=user,
                subject=(
                    f"Late: your {round.period.label} updates for {round.plan.title}"
                    if context["late"]
                    else f"Due {round.deadline:%-d %B %Y}: your {round.period.label} updates"
                ),
                template="notifications/notices/round_closing.txt",
                context=context,
                url=url,
            )
    return reminders


def review_reminders_send(
    *, today: dt.date, days_before: int = 30, dry_run: bool = False
) -> list[tuple[Policy, list[Any]]]:
    """Tell the owning team's people (or, with no team, the administrators) about each policy
    whose review falls due within `days_before` days or has passed. Each review date is
    reminded of once. Returns each policy with whom it went to."""
    sent = []
    due = Policy.objects.filter(
        next_review_on__isnull=False, next_review_on__lte=today + dt.timedelta(days=days_before)
    ).select_related("organisation", "team")
    for policy in due:
        if policy.next_review_on is None:  # never: the query leaves these out
            continue
        if policy.review_reminded_for == policy.next_review_on:
            continue
        members = (
            Membership.objects.live()
            .filter(organisation=policy.organisation)
            .select_related("user")
        )
        members = (
            members.filter(teams=policy.team)
            if policy.team
            else members.filter(role=Role.ADMINISTRATOR)
        )
        people = [m.user for m in members if m.user.email and m.user.is_active]
        sent.append((policy, people))
        if dry_run:
            continue
        url = _link(reverse("policy-detail", args=[policy.organisation.slug, policy.pk]))
        # Recorded first, as reminders are: each review date is reminded of once.
        Policy.objects.filter(pk=policy.pk).update(review_reminded_for=policy.next_review_on)
        for person in people:
            notice_send(
                kind=Kind.ASSESSMENT_REVIEW_DUE,
                organisation=policy.organisation,
                user=person,
                subject=f"Review due {policy.next_review_on:%-d %B %Y}: {policy.title}",
                template="notifications/notices/assessment_review_due.txt",
                context={"policy": policy, "overdue": policy.next_review_on < today},
                url=url,
            )
    return sent
