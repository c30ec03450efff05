"""THE test of issue 20's duty calendar: the clock moves across the 12-month mark of the
equality information and the 4-year mark of the equality objectives, and each warning
appears once on the council's page and goes once by e-mail; the overdue ones are red on the
plan's dashboard.

The pages read the day from django.utils.timezone.localdate (as every page of eqtrack does),
so the clock is moved there: Django's clock, none of our code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.duty.models import DutyRecord, DutyWarning
from eqtrack.duty.services import duty_warnings_send
from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db
D = dt.date
INFORMATION = "Publish the equality information"
OBJECTIVES = "Set the equality objectives"


@pytest.fixture
def world():
    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    org = plan.organisation
    DutyRecord.objects.create(
        organisation=org,
        information_published_on=D(2025, 12, 1),
        objectives_set_on=D(2022, 12, 15),
    )
    return {
        "plan": plan,
        "org": org,
        "admin": member_create(org, Role.ADMINISTRATOR),
        "viewer": member_create(org, Role.VIEWER),
    }


@pytest.fixture
def clock(monkeypatch):
    """Move Django's idea of today (the pages' and the services' clock)."""
    real = timezone.localdate

    def set_today(day: dt.date) -> None:
        def localdate(value=None, timezone=None):
            return day if value is None else real(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return set_today


def _page(client, world) -> str:
    response = client.get(f"/{world['org'].slug}/")
    assert response.status_code == 200
    return response.content.decode()


def _dashboard(client, world) -> str:
    response = client.get(f"/{world['org'].slug}/{world['plan'].slug}/dashboard/")
    assert response.status_code == 200
    return response.content.decode()


def _step(client, world, clock, day):
    """Move to `day`, run the daily job (twice: the second sends nothing), read the pages."""
    clock(day)
    mail.outbox.clear()
    first = duty_warnings_send(today=day)
    sent = list(mail.outbox)
    assert duty_warnings_send(today=day) == []
    assert len(mail.outbox) == len(sent)
    return first, sent, _page(client, world), _dashboard(client, world)


def test_each_warning_once_on_the_page_and_by_email(client, world, clock):
    client.force_login(world["viewer"])
    admin = world["admin"]

    # 31 October 2026: 31 days before the information's year is up; nothing to say.
    warned, sent, page, dashboard = _step(client, world, clock, D(2026, 10, 31))
    assert (warned, sent) == ([], [])
    assert page.count(INFORMATION) == 0 and page.count(OBJECTIVES) == 0
    assert "Nothing is due in the next 30 days." in page
    assert "Equality duties overdue" not in dashboard

    # 1 November: the information is due within 30 days.
    warned, sent, page, dashboard = _step(client, world, clock, D(2026, 11, 1))
    assert [(w.item.kind, w.item.state) for w in warned] == [("information", "soon")]
    assert [(m.to, m.subject) for m in sent] == [
        ([admin.email], f"Due 1 December 2026: {INFORMATION}")
    ]
    assert "is due on 1 December 2026" in sent[0].body
    assert f"/{world['org'].slug}/duties/" in sent[0].body
    assert page.count(INFORMATION) == 1 and page.count(OBJECTIVES) == 0
    assert page.count("Due soon") == 1
    assert "due 1 December 2026" in page
    assert "Equality duties overdue" not in dashboard

    # 16 November: the objectives are due within 30 days too; only they are e-mailed.
    warned, sent, page, dashboard = _step(client, world, clock, D(2026, 11, 16))
    assert [(w.item.kind, w.item.state) for w in warned] == [("objectives", "soon")]
    assert [m.subject for m in sent] == [f"Due 15 December 2026: {OBJECTIVES}"]
    assert page.count(INFORMATION) == 1 and page.count(OBJECTIVES) == 1
    assert page.count("Due soon") == 2

    # 2 December: the information is overdue: red on the page and the dashboard, e-mailed once.
    warned, sent, page, dashboard = _step(client, world, clock, D(2026, 12, 2))
    assert [(w.item.kind, w.item.state) for w in warned] == [("information", "overdue")]
    assert [m.subject for m in sent] == [f"Overdue since 1 December 2026: {INFORMATION}"]
    assert "was due on 1 December 2026 and is overdue" in sent[0].body
    assert page.count(INFORMATION) == 1 and page.count(OBJECTIVES) == 1
    assert page.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 1
    assert "was due 1 December 2026" in page
    assert dashboard.count(INFORMATION) == 1 and dashboard.count(OBJECTIVES) == 0
    assert dashboard.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 1

    # 16 December: the objectives are overdue too.
    warned, sent, page, dashboard = _step(client, world, clock, D(2026, 12, 16))
    assert [(w.item.kind, w.item.state) for w in warned] == [("objectives", "overdue")]
    assert [m.subject for m in sent] == [f"Overdue since 15 December 2026: {OBJECTIVES}"]
    assert page.count(INFORMATION) == 1 and page.count(OBJECTIVES) == 1
    assert page.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 2
    assert dashboard.count(INFORMATION) == 1 and dashboard.count(OBJECTIVES) == 1
    assert dashboard.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 2

    # Four warnings in all, each once.
    assert DutyWarning.objects.count() == 4


def test_a_new_publication_is_a_new_due_date_and_warned_of_afresh(client, world, clock):
    duty_warnings_send(today=D(2026, 11, 1))
    record = DutyRecord.objects.get(organisation=world["org"])
    record.information_published_on = D(2026, 11, 20)
    record.objectives_set_on = D(2026, 11, 20)
    record.save()
    mail.outbox.clear()
    assert duty_warnings_send(today=D(2027, 10, 21)) != []
    assert [m.subject for m in mail.outbox] == [f"Due 20 November 2027: {INFORMATION}"]


def test_visitors_see_no_warnings(client, world, clock):
    clock(D(2026, 12, 16))
    page = _page(client, world)
    assert INFORMATION not in page and "Duty calendar" not in page


def test_the_command_says_what_it_sends_and_sends_it_once(world, capsys):
    call_command("duty-warnings", "--date", "2026-12-02", "--dry-run")
    out = capsys.readouterr().out
    assert "would send overdue warning to 1 administrator(s)" in out
    assert "would send soon warning to 1 administrator(s)" in out  # the objectives
    assert "2 duty warning(s) would send." in out
    assert mail.outbox == [] and DutyWarning.objects.count() == 0
    call_command("duty-warnings", "--today", "2026-12-02")
    assert "2 duty warning(s) sent." in capsys.readouterr().out
    assert len(mail.outbox) == 2
    call_command("duty-warnings", "--today", "2026-12-02")
    assert "0 duty warning(s) sent." in capsys.readouterr().out
    assert len(mail.outbox) == 2
