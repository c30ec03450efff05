"""Each kind of notice, through the services that cause it: sent once, after the commit, to the
right people (never to whoever did the thing), as each chose (at once, in the daily digest, or
never); and a mail server that fails loses no change."""

import datetime as dt
import logging
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Assessment
from eqtrack.assessments.services import (
    assessment_review,
    assessment_screen,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
    policy_create,
)
from eqtrack.notifications.models import Choice, Kind, PendingNotice
from eqtrack.notifications.services import (
    follow_set,
    notice_preferences_set,
    reminders_send,
    review_reminders_send,
)
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Update
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import (
    RoundError,
    round_close,
    round_open,
    update_review,
    update_save_draft,
    update_submit,
)

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("421 service not available")


@pytest.fixture
def council():
    plan = plan_create_from_document(document=document_generate(actions=4, periods=1))
    Update.objects.filter(action__plan=plan).update(status_category="ongoing")
    org = plan.organisation
    hr, it = (Team.objects.create(organisation=org, name=n) for n in ("HR", "IT"))
    actions = list(Action.objects.filter(plan=plan).order_by("pk"))
    Action.objects.filter(pk__in=[a.pk for a in actions[:2]]).update(team=hr)
    Action.objects.filter(pk=actions[2].pk).update(team=it)
    people = {
        "admin": member_create(org, Role.ADMINISTRATOR, username="admin"),
        "owner": member_create(org, Role.OWNER, teams=[hr], username="owner"),
        "it_owner": member_create(org, Role.OWNER, teams=[it], username="it_owner"),
        "idle_owner": member_create(org, Role.OWNER, username="idle_owner"),
        "reviewer": member_create(org, Role.REVIEWER, username="reviewer"),
        "reviewer2": member_create(org, Role.REVIEWER, username="reviewer2"),
        "manager": member_create(org, Role.MANAGER, username="manager"),
        "viewer": member_create(org, Role.VIEWER, username="viewer"),
    }
    return plan, people, [Action.objects.get(pk=a.pk) for a in actions]


def _open(plan, people, capture):
    with capture(execute=True):
        return round_open(
            plan=plan, period_label="2031", deadline=dt.date(2031, 3, 31), user=people["admin"]
        )


def _draft(round, action, user):
    return update_save_draft(
        round=round,
        action=action,
        progress=["Done."],
        next_steps=[],
        status_text="On track",
        status_category="ongoing",
        user=user,
    )


def _to(messages):
    return sorted(address for m in messages for address in m.to)


def _subject(start):
    return [m for m in mail.outbox if m.subject.startswith(start)]


def test_a_round_opening_tells_each_owner_their_actions_and_the_deadline(
    council, django_capture_on_commit_callbacks
):
    plan, people, actions = council
    round = _open(plan, people, django_capture_on_commit_callbacks)
    # Owners of actions in the round only: not the owner with no team, nor the administrator.
    assert _to(mail.outbox) == ["it_owner@council.example", "owner@council.example"]
    hr = next(m for m in mail.outbox if m.to == ["owner@council.example"])
    assert hr.subject == f"Updates wanted by 31 March 2031: 2031, {plan.title}"
    assert "by 31 March 2031" in hr.body
    assert actions[0].text[:60] in hr.body and actions[1].text[:60] in hr.body
    assert actions[2].text[:60] not in hr.body  # IT's
    assert f"{BASE}/{plan.organisation.slug}/rounds/{round.pk}/" in hr.body
    assert "Hello owner," in hr.body
    # An HTML part too, with the link clickable.
    html, kind = hr.alternatives[0]
    assert kind == "text/html"
    assert f'href="{BASE}/{plan.organisation.slug}/rounds/{round.pk}/"' in html


def test_a_submitted_update_goes_to_the_reviewers_with_a_link_to_review_it(
    council, django_capture_on_commit_callbacks
):
    plan, people, actions = council
    round = _open(plan, people, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    update = _draft(round, actions[0], people["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        update_submit(round=round, update=update, user=people["owner"])
    assert _to(mail.outbox) == ["reviewer2@council.example", "reviewer@council.example"]
    message = mail.outbox[0]
    assert message.subject.startswith("To review: ")
    review = f"{BASE}/{plan.organisation.slug}/rounds/{round.pk}/updates/{update.pk}/review/"
    assert review in message.body


def test_with_no_reviewer_the_administrators_review_but_not_the_one_who_submitted(
    council, django_capture_on_commit_callbacks
):
    plan, people, actions = council
    from eqtrack.accounts.models import Membership

    Membership.objects.filter(role=Role.REVIEWER).update(role=Role.VIEWER)
    other_admin = member_create(plan.organisation, Role.ADMINISTRATOR, username="admin2")
    round = _open(plan, people, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    update = _draft(round, actions[3], people["admin"])  # no team's: the administrator writes
    with django_capture_on_commit_callbacks(execute=True):
        update_submit(round=round, update=update, user=people["admin"])
    assert _to(mail.outbox) == [other_admin.email]


def test_a_returned_update_goes_to_its_writer_with_the_comment(
    council, django_capture_on_commit_callbacks
):
    plan, people, actions = council
    round = _open(plan, people, django_capture_on_commit_callbacks)
    update = _draft(round, actions[0], people["owner"])
    update_submit(round=round, update=update, user=people["owner"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_review(
            round=round,
            update=update,
            user=people["reviewer"],
            approve=False,
            comment="Say how many staff were trained.",
        )
    assert [m.to for m in mail.outbox] == [["owner@council.example"]]
    message = mail.outbox[0]
    assert message.subject.startswith("Update returned: ")
    assert "Say how many staff were trained." in message.body
    assert "reviewer has returned your 2031 update" in message.body
    page = f"{BASE}/{plan.organisation.slug}/rounds/{round.pk}/actions/{actions[0].pk}/"
    assert page in message.body


def test_an_approval_goes_to_the_writer_and_followers_but_not_the_approver(
    council, django_capture_on_commit_callbacks
):
    plan, people, actions = council
    round = _open(plan, people, django_capture_on_commit_callbacks)
    follow_set(user=people["viewer"], theme=actions[0].theme, following=True)
    follow_set(user=people["reviewer"], action=actions[0], following=True)
    update = _draft(round, actions[0], people["owner"])
    update_submit(round=round, update=update, user=people["owner"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_review(round=round, update=update, user=people["reviewer"], approve=True)
    assert _to(mail.outbox) == ["owner@council.example", "viewer@council.example"]
    to_owner = next(m for m in mail.outbox if m.to == ["owner@council.example"])
    assert "an action you wrote an update for has been approved" in to_owner.body
    assert f"/rounds/{round.pk}/actions/{actions[0].pk}/" in to_owner.body


def test_reminders_before_the_deadline_go_as_each_owner_chose(
    council, django_capture_on_commit_callbacks
):
    plan, people, _ = council
    _open(plan, people, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    notice_preferences_set(user=people["it_owner"], choices={Kind.ROUND_CLOSING: Choice.OFF})
    sent = reminders_send(today=dt.date(2031, 3, 24))
    # Both are due one (and it is recorded, so neither hears again), but IT's owner said never.
    assert sorted(r.user.username for r in sent) == ["it_owner", "owner"]
    assert [m.to for m in mail.outbox] == [["owner@council.example"]]
    assert "(in 7 days)" in mail.outbox[0].body
    assert reminders_send(today=dt.date(2031, 3, 24)) == []


def test_a_round_closing_tells_owners_what_was_missed_and_the_reviewers(
    council, django_capture_on_commit_callbacks
):
    plan, people, actions = council
    round = _open(plan, people, django_capture_on_commit_callbacks)
    update_submit(
        round=round, update=_draft(round, actions[0], people["owner"]), user=people["owner"]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        round_close(round=round, user=people["admin"])
    assert _to(mail.outbox) == [
        "it_owner@council.example",
        "owner@council.example",
        "reviewer2@council.example",
        "reviewer@council.example",
    ]
    to_owner = next(m for m in mail.outbox if m.to == ["owner@council.example"])
    assert to_owner.subject == f"Round closed: 2031, {plan.title}"
    # What HR still owed: the second action, not the first (submitted).
    assert actions[1].text[:60] in to_owner.body and actions[0].text[:60] not in to_owner.body
    to_reviewer = next(m for m in mail.outbox if m.to == ["reviewer@council.example"])
    assert "had no update" not in to_reviewer.body


def test_a_refused_step_tells_nobody(council, django_capture_on_commit_callbacks):
    plan, people, actions = council
    round = _open(plan, people, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    update = update_save_draft(
        round=round,
        action=actions[0],
        progress=[],
        next_steps=[],
        status_text=None,
        status_category=None,
        user=people["owner"],
    )
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RoundError):
        update_submit(round=round, update=update, user=people["owner"])
    assert mail.outbox == []


@pytest.fixture
def assessment(council):
    plan, people, _ = council
    policy = policy_create(
        organisation=plan.organisation,
        title="Housing allocations policy",
        team=Team.objects.get(name="HR"),
        user=people["owner"],
    )
    assessment = assessment_start(policy=policy, user=people["owner"])
    assessment_screen(
        assessment=assessment, relevant=False, reason="It changes no service.", user=people["owner"]
    )
    return assessment


def test_an_assessment_submitted_returned_and_signed_off_tells_the_right_people(
    council, assessment, django_capture_on_commit_callbacks
):
    plan, people, _ = council
    page = f"{BASE}/{plan.organisation.slug}/assessments/{assessment.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        assessment_submit(assessment=assessment, user=people["owner"])
    assert _to(mail.outbox) == ["reviewer2@council.example", "reviewer@council.example"]
    assert mail.outbox[0].subject == (
        "To review: the impact assessment of Housing allocations policy"
    )
    assert page in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assessment_review(
            assessment=assessment,
            approve=False,
            comment="Name the data used.",
            user=people["reviewer"],
        )
    assert [m.to for m in mail.outbox] == [["owner@council.example"]]
    assert "Name the data used." in mail.outbox[0].body and page in mail.outbox[0].body
    mail.outbox.clear()
    assessment_submit(assessment=assessment, user=people["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        # Passed on for sign-off: the author hears when it is signed off, not now.
        assessment_review(assessment=assessment, approve=True, user=people["reviewer2"])
    assert [m.to for m in mail.outbox] == []
    with django_capture_on_commit_callbacks(execute=True):
        assessment_sign_off(assessment=assessment, user=people["manager"])
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["owner@council.example"],
            "Signed off: the impact assessment of Housing allocations policy",
        )
    ]
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.SIGNED_OFF


def test_a_policy_review_falling_due_goes_to_its_team_once(council, assessment):
    policy = assessment.policy
    policy.next_review_on = dt.date(2031, 5, 1)
    policy.save()
    assert review_reminders_send(today=dt.date(2031, 3, 1)) == []
    sent = review_reminders_send(today=dt.date(2031, 4, 10))
    assert [(p.pk, [u.username for u in people]) for p, people in sent] == [(policy.pk, ["owner"])]
    assert [m.subject for m in mail.outbox] == ["Review due 1 May 2031: Housing allocations policy"]
    assert f"/policies/{policy.pk}/" in mail.outbox[0].body
    assert review_reminders_send(today=dt.date(2031, 4, 11)) == []
    call_command("remind", "--date", "2031-04-12")
    assert len(mail.outbox) == 1


def test_turned_off_nobody_is_told_and_digest_kinds_wait_for_the_digest(
    council, django_capture_on_commit_callbacks, capsys
):
    plan, people, actions = council
    notice_preferences_set(user=people["it_owner"], choices={Kind.ROUND_OPENED: Choice.OFF})
    notice_preferences_set(
        user=people["reviewer"],
        choices={Kind.UPDATE_SUBMITTED: Choice.DIGEST, Kind.ROUND_CLOSED: Choice.DIGEST},
    )
    notice_preferences_set(user=people["reviewer2"], choices={Kind.UPDATE_SUBMITTED: Choice.OFF})
    round = _open(plan, people, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["owner@council.example"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for action in actions[:2]:
            update_submit(
                round=round, update=_draft(round, action, people["owner"]), user=people["owner"]
            )
        round_close(round=round, user=people["admin"])
    # Nothing at once for the reviewer; the round's closing went to the others.
    assert "reviewer@council.example" not in _to(mail.outbox)
    assert "reviewer2@council.example" in _to(_subject("Round closed"))
    assert not _subject("To review")
    waiting = PendingNotice.objects.filter(user=people["reviewer"], sent_at__isnull=True)
    assert sorted(waiting.values_list("kind", flat=True)) == [
        Kind.ROUND_CLOSED,
        Kind.UPDATE_SUBMITTED,
        Kind.UPDATE_SUBMITTED,
    ]
    mail.outbox.clear()
    call_command("notices-digest")
    assert "1 digest(s) sent." in capsys.readouterr().out
    assert [m.to for m in mail.outbox] == [["reviewer@council.example"]]
    digest = mail.outbox[0]
    assert digest.subject == "eqtrack: 3 notices since your last digest"
    assert digest.body.count("== To review: ") == 2 and "== Round closed: " in digest.body
    assert f"/rounds/{round.pk}/updates/" in digest.body
    assert not waiting.exists()
    # Run again: nothing is sent twice.
    call_command("notices-digest")
    assert len(mail.outbox) == 1
    assert "0 digest(s) sent." in capsys.readouterr().out


def test_a_failing_mail_server_loses_no_change_and_is_logged(
    council, django_capture_on_commit_callbacks, settings, caplog
):
    plan, people, actions = council
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="eqtrack.notifications"):
        round = _open(plan, people, django_capture_on_commit_callbacks)
        update = _draft(round, actions[0], people["owner"])
        with django_capture_on_commit_callbacks(execute=True):
            update_submit(round=round, update=update, user=people["owner"])
            review = update_review(
                round=round, update=update, user=people["reviewer"], approve=False, comment="More"
            )
    update.refresh_from_db()
    assert update.state == Update.State.RETURNED and review.pk is not None
    assert "could not e-mail 'Update returned:" in caplog.text
    assert "could not e-mail 'Updates wanted by" in caplog.text
    # A digest that fails stays waiting for the next run.
    notice_preferences_set(user=people["owner"], choices={Kind.ROUND_CLOSED: Choice.DIGEST})
    with django_capture_on_commit_callbacks(execute=True):
        round_close(round=round, user=people["admin"])
    call_command("notices-digest")
    assert PendingNotice.objects.filter(user=people["owner"], sent_at__isnull=True).count() == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("notices-digest")
    assert [m.to for m in mail.outbox] == [["owner@council.example"]]
    assert not PendingNotice.objects.filter(sent_at__isnull=True).exists()


def test_a_deactivated_person_is_told_nothing_and_their_waiting_digest_is_dropped(
    council, django_capture_on_commit_callbacks
):
    """Deactivating archives the membership, the account stays active: neither a notice now
    nor one kept for a digest before may carry the council's unpublished work to them."""
    from django.utils import timezone

    from eqtrack.accounts.models import Membership

    plan, people, actions = council
    notice_preferences_set(user=people["reviewer"], choices={Kind.UPDATE_SUBMITTED: Choice.DIGEST})
    round = _open(plan, people, django_capture_on_commit_callbacks)
    update = _draft(round, actions[0], people["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        update_submit(round=round, update=update, user=people["owner"])
    assert PendingNotice.objects.filter(user=people["reviewer"], sent_at__isnull=True).exists()
    Membership.objects.filter(user__in=[people["reviewer"], people["owner"]]).update(
        archived_at=timezone.now()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_review(
            round=round, update=update, user=people["reviewer2"], approve=False, comment="More."
        )
    assert mail.outbox == []  # the returned update's writer was deactivated
    call_command("notices-digest")
    assert mail.outbox == []
    assert not PendingNotice.objects.filter(sent_at__isnull=True).exists()
