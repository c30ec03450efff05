"""The duty calendar: each date the Public Sector Equality Duty, and eqtrack's own work that
serves it, set a council, and whether it is met ("ok"), near ("soon", within 30 days), passed
("overdue") or cannot be worked out ("unknown", nothing recorded yet).

The law is the Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017
(SI 2017/353):

- regulation 4(2), equality information: "The public authority must publish the information
  required by paragraph (1)— (a) not later than 30th March 2018; and (b) subsequently at
  intervals of not greater than one year beginning with the date of last publication."
  (wording checked against legislation.gov.uk/uksi/2017/353/regulation/4). An interval of
  one year at most between two publications: the next is due on the same day a year on (a
  publication on 29 February is due on 28 February, as workforce.models.months_after gives).
- regulation 5, equality objectives: published at intervals of not greater than four years
  (the explanatory note: "Regulation 5 requires the same public authorities to publish
  equality objectives at four-yearly intervals"; regulation 5's own words were not
  available to check here). Due on the same day four years on.
- regulation 3 and Schedule 1, the gender pay gap of an authority with 250 or more employees
  on the snapshot date (31 March): published within a year of the snapshot date. The
  Equality Act 2010 (Gender Pay Gap Information) Regulations 2017 (SI 2017/172, reg. 2(2)),
  which the public authorities' rules mirror, say "within the period of 12 months beginning
  with the snapshot date": a period that begins on 31 March ends on 30 March, the date the
  guidance gives public authorities. (Regulation 3's own words were not available to check.)

Beside them, eqtrack's own dates: policies whose review falls due (the assessments app) and
the open reporting rounds' deadlines (the rounds app)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from eqtrack.assessments.selectors import reviews_due
from eqtrack.organisations.models import Organisation
from eqtrack.rounds.selectors import rounds_open
from eqtrack.workforce.models import StaffSnapshot, months_after

from .models import DutyRecord

# A warning shows on the council's page and goes by e-mail this many days before the date.
SOON_DAYS = 30
# Schedule 1 paragraph 1: the pay gap duty is for authorities with 250 or more employees.
PAY_GAP_EMPLOYEES = 250

INFORMATION = "information"
OBJECTIVES = "objectives"
PAY_GAP = "pay_gap"
POLICY_REVIEW = "policy_review"
ROUND = "round"
# The duties the regulations set, which the administrators are e-mailed about. Policy reviews
# and round deadlines have their own reminders (`eqtrack remind`, to the people who do them).
STATUTORY = (INFORMATION, OBJECTIVES, PAY_GAP)


@dataclass(frozen=True)
class DutyItem:
    """One date of the calendar. `key` tells apart the items of one kind (a policy's id, a
    round's, a snapshot's date); `due_on` is None when it cannot be worked out."""

    kind: str
    key: str
    title: str
    due_on: dt.date | None
    state: str  # "ok" | "soon" | "overdue" | "unknown"
    detail: str
    url: str

    @property
    def warns(self) -> bool:
        return self.state in ("soon", "overdue")


def state_on(due_on: dt.date | None, today: dt.date) -> str:
    """Overdue once the day has passed; soon from 30 days before it; else ok."""
    if due_on is None:
        return "unknown"
    if due_on < today:
        return "overdue"
    if due_on <= today + dt.timedelta(days=SOON_DAYS):
        return "soon"
    return "ok"


def information_due(published_on: dt.date) -> dt.date:
    """Regulation 4(2)(b): not more than a year after the last publication."""
    return months_after(published_on, 12)


def objectives_due(set_on: dt.date) -> dt.date:
    """Regulation 5: not more than four years after the objectives were last published."""
    return months_after(set_on, 48)


def pay_gap_due(snapshot: dt.date) -> dt.date:
    """The last day of the 12 months beginning with the snapshot date: 30 March for 31 March."""
    return months_after(snapshot, 12) - dt.timedelta(days=1)


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _record_items(organisation: Organisation, today: dt.date) -> list[DutyItem]:
    record = DutyRecord.objects.filter(organisation=organisation).first()
    # The calendar itself, readable by every member (its administrators find the record page
    # from there): the council's page links here for viewers too.
    url = reverse("duty-calendar", args=[organisation.slug])
    published = record.information_published_on if record else None
    objectives = record.objectives_set_on if record else None
    information_on = information_due(published) if published else None
    objectives_on = objectives_due(objectives) if objectives else None
    return [
        DutyItem(
            kind=INFORMATION,
            key=INFORMATION,
            title="Publish the equality information",
            due_on=information_on,
            state=state_on(information_on, today),
            detail=f"Last published {_fmt(published)}; at least once a year (regulation 4)."
            if published
            else "No publication recorded yet; at least once a year (regulation 4).",
            url=url,
        ),
        DutyItem(
            kind=OBJECTIVES,
            key=OBJECTIVES,
            title="Set the equality objectives",
            due_on=objectives_on,
            state=state_on(objectives_on, today),
            detail=f"Last set {_fmt(objectives)}; at least every four years (regulation 5)."
            if objectives
            else "No objectives recorded yet; at least every four years (regulation 5).",
            url=url,
        ),
    ]


def _pay_gap_item(organisation: Organisation, today: dt.date) -> DutyItem:
    snapshot = StaffSnapshot.objects.live().filter(organisation=organisation).first()
    title = "Publish the gender pay gap"
    if snapshot is None:
        return DutyItem(
            kind=PAY_GAP,
            key=PAY_GAP,
            title=title,
            due_on=None,
            state="unknown",
            detail="No staff snapshot uploaded yet: a year after each 31 March snapshot.",
            url=reverse("workforce", args=[organisation.slug]),
        )
    due_on = pay_gap_due(snapshot.snapshot)
    url = reverse("workforce-snapshot", args=[organisation.slug, snapshot.snapshot.isoformat()])
    of = f"the {_fmt(snapshot.snapshot)} snapshot"
    if snapshot.published:
        state, detail = "ok", f"The pay gaps of {of} are published."
    elif 0 < snapshot.employees < PAY_GAP_EMPLOYEES:
        state = "ok"
        detail = (
            f"{snapshot.employees} employees on {of}: the duty is for 250 or more (Schedule 1)."
        )
    else:
        state = state_on(due_on, today)
        detail = f"The pay gaps of {of}, within a year of it (Schedule 1)."
    return DutyItem(
        kind=PAY_GAP,
        key=snapshot.snapshot.isoformat(),
        title=title,
        due_on=due_on,
        state=state,
        detail=detail,
        url=url,
    )


def duty_calendar(*, organisation: Organisation, today: dt.date) -> list[DutyItem]:
    """Every date of the council's calendar, soonest first (the unknown last): the statutory
    duties always, policy reviews due within 30 days or passed, each open round's deadline."""
    items = [*_record_items(organisation, today), _pay_gap_item(organisation, today)]
    for policy in reviews_due(organisation=organisation, today=today, within_days=SOON_DAYS):
        items.append(
            DutyItem(
                kind=POLICY_REVIEW,
                key=str(policy.pk),
                title=f"Review “{policy.title}”",
                due_on=policy.next_review_on,
                state=state_on(policy.next_review_on, today),
                detail=f"Owned by {policy.team.name}." if policy.team else "No owning team.",
                url=reverse("policy-detail", args=[organisation.slug, policy.pk]),
            )
        )
    for round in rounds_open(organisation=organisation):
        items.append(
            DutyItem(
                kind=ROUND,
                key=str(round.pk),
                title=f"Updates for the {round.period.label} round of {round.plan.title}",
                due_on=round.deadline,
                state=state_on(round.deadline, today),
                detail="The reporting round's deadline for action owners' updates.",
                url=reverse("round-detail", args=[organisation.slug, round.pk]),
            )
        )
    return sorted(items, key=lambda i: (i.due_on is None, i.due_on or today, i.title))


def duty_warnings(*, organisation: Organisation, today: dt.date) -> list[DutyItem]:
    """The items due soon or overdue: what the council's page warns of."""
    return [item for item in duty_calendar(organisation=organisation, today=today) if item.warns]
