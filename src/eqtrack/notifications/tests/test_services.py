"""Following, approval e-mails and deadline reminders, through their services."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.notifications.models import Follow
from eqtrack.notifications.services import follow_set, reminders_send
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Update
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import round_open, update_review, update_save_draft, update_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    plan = plan_create_from_document(document=document_generate(actions=4, periods=1))
    # None of them ended before the round (a round asks nothing of an ended action).
    Update.objects.filter(action__plan=plan).update(status_category="ongoing")
    hr = Team.objects.create(organisation=plan.organisation, name="HR")
    actions = list(Action.objects.filter(plan=plan).order_by("pk"))
    Action.objects.filter(pk__in=[a.pk for a in actions[:2]]).update(team=hr)
    people = {
        "admin": member_create(plan.organisation, Role.ADMINISTRATOR, username="admin"),
        "owner": member_create(plan.organisation, Role.OWNER, teams=[hr], username="owner"),
        "reviewer": member_create(plan.organisation, Role.REVIEWER, username="reviewer"),
        "councillor": member_create(plan.organisation, Role.VIEWER, username="councillor"),
    }
    round = round_open(
        plan=plan, period_label="2031", deadline=dt.date(2031, 3, 31), user=people["admin"]
    )
    return plan, people, round, [Action.objects.get(pk=a.pk) for a in actions]


def _approve(round, action, people):
    update = update_save_draft(
        round=round,
        action=action,
        progress=["Done."],
        next_steps=[],
        status_text="Complete",
        status_category="complete",
        user=people["owner"],
    )
    update_submit(round=round, update=update, user=people["owner"])
    return update_review(round=round, update=update, user=people["reviewer"], approve=True)


def test_followers_of_an_action_or_its_theme_are_emailed_once_on_approval(
    setting, django_capture_on_commit_callbacks
):
    plan, people, round, actions = setting
    follow_set(user=people["councillor"], action=actions[0], following=True)
    follow_set(user=people["councillor"], theme=actions[0].theme, following=True)
    follow_set(user=people["admin"], action=actions[1], following=True)
    with django_capture_on_commit_callbacks(execute=True):
        _approve(round, actions[0], people)
    approved = [m for m in mail.outbox if m.subject.startswith("Update approved")]
    # Its writer, and the follower once (not the approver, nor the other action's follower).
    assert [m.to for m in approved] == [["owner@council.example"], ["councillor@council.example"]]
    message = approved[1]
    assert "Update approved" in message.subject and "2031" in message.subject
    assert actions[0].text in message.body
    assert f"/{plan.organisation.slug}/{plan.slug}/actions/{actions[0].pk}/history/" in message.body


def test_a_return_emails_its_writer_but_no_follower(setting, django_capture_on_commit_callbacks):
    _, people, round, actions = setting
    follow_set(user=people["councillor"], action=actions[0], following=True)
    update = update_save_draft(
        round=round,
        action=actions[0],
        progress=["Half done."],
        next_steps=[],
        status_text=None,
        status_category="ongoing",
        user=people["owner"],
    )
    update_submit(round=round, update=update, user=people["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        update_review(
            round=round, update=update, user=people["reviewer"], approve=False, comment="More"
        )
    assert [m.to for m in mail.outbox] == [["owner@council.example"]]
    assert mail.outbox[0].subject.startswith("Update returned")


def test_following_twice_is_harmless_and_unfollowing_stops_it(setting):
    _, people, _, actions = setting
    assert follow_set(user=people["councillor"], action=actions[0], following=True)
    assert follow_set(user=people["councillor"], action=actions[0], following=True)
    assert Follow.objects.count() == 1
    assert not follow_set(user=people["councillor"], action=actions[0], following=False)
    assert Follow.objects.count() == 0


def test_nobody_follows_an_unpublished_plan_of_another_council(setting):
    _, _, _, actions = setting
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"organisation": "Other Council"}
    )
    outsider = member_create(other.organisation, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        follow_set(user=outsider, action=actions[0], following=True)
    assert not Follow.objects.exists()


def test_reminders_go_to_owners_with_updates_outstanding_once_each(setting):
    _, people, round, actions = setting
    # A week before: the owner of the two HR actions hears about both.
    sent = reminders_send(today=dt.date(2031, 3, 24))
    assert [(r.user.username, r.kind, len(r.actions)) for r in sent] == [("owner", "due-7", 2)]
    assert mail.outbox[0].to == ["owner@council.example"]
    assert "due by 31 March 2031 (in 7 days)" in mail.outbox[0].body
    assert actions[0].text[:40] in mail.outbox[0].body
    # Running again the same day (or the next) sends nothing more.
    assert reminders_send(today=dt.date(2031, 3, 24)) == []
    assert reminders_send(today=dt.date(2031, 3, 25)) == []
    # Submitting one leaves one outstanding; the day before, the reminder names only it.
    update = update_save_draft(
        round=round,
        action=actions[0],
        progress=["Done."],
        next_steps=[],
        status_text=None,
        status_category="ongoing",
        user=people["owner"],
    )
    update_submit(round=round, update=update, user=people["owner"])
    sent = reminders_send(today=dt.date(2031, 3, 30))
    assert [(r.kind, [a.pk for a in r.actions]) for r in sent] == [("due-1", [actions[1].pk])]
    # After the deadline: "late", once a week.
    assert [r.kind for r in reminders_send(today=dt.date(2031, 4, 1))] == ["late-1"]
    assert reminders_send(today=dt.date(2031, 4, 7)) == []
    assert [r.kind for r in reminders_send(today=dt.date(2031, 4, 8))] == ["late-2"]
    assert "Late:" in mail.outbox[-1].subject


def test_a_closed_round_reminds_nobody(setting):
    from eqtrack.rounds.services import round_close

    _, people, round, _ = setting
    round_close(round=round, user=people["admin"])
    assert reminders_send(today=dt.date(2031, 3, 30)) == []


def test_the_remind_command_has_a_dry_run_and_clear_errors(setting, capsys):
    call_command("remind", "--date", "2031-03-30", "--dry-run")
    out = capsys.readouterr().out
    assert "would send due-1 to owner <owner@council.example>: 2 action(s)" in out
    assert mail.outbox == []
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date: '30/03/2031' is not a date"):
        call_command("remind", "--date", "30/03/2031")
