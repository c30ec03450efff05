"""The diversity calendar: which events fall in which month of a year (yearly and monthly ones
repeated), and the whole calendar as an iCalendar feed that Outlook and Google subscribe to."""

from __future__ import annotations

import calendar as months
import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event

from eqtrack.organisations.models import Organisation

from .models import CalendarEvent


@dataclass(frozen=True)
class Occurrence:
    event: CalendarEvent
    starts_on: dt.date
    ends_on: dt.date | None


def _moved(day: dt.date, year: int, month: int) -> dt.date:
    return dt.date(year, month, min(day.day, months.monthrange(year, month)[1]))


def occurrences(*, organisation: Organisation, year: int) -> list[Occurrence]:
    """Every event's dates in `year`, soonest first."""
    found = []
    events = CalendarEvent.objects.live().filter(organisation=organisation).select_related("team")
    for event in events:
        length = (event.ends_on - event.starts_on) if event.ends_on else None
        if event.repeats == CalendarEvent.Repeats.YEARLY:
            starts = [_moved(event.starts_on, year, event.starts_on.month)]
        elif event.repeats == CalendarEvent.Repeats.MONTHLY:
            starts = [_moved(event.starts_on, year, m) for m in range(1, 13)]
        else:
            starts = [event.starts_on] if event.starts_on.year == year else []
        for start in starts:
            if start < event.starts_on:
                continue
            end = start + length if length is not None else None
            if (
                event.ends_on
                and event.repeats == CalendarEvent.Repeats.YEARLY
                and event.starts_on.day == 1
            ):
                # A month-long event lasts the whole month, whatever its length that year.
                end = dt.date(
                    start.year, start.month, months.monthrange(start.year, start.month)[1]
                )
            found.append(Occurrence(event, start, end))
    return sorted(found, key=lambda o: (o.starts_on, o.event.title))


def by_month(*, organisation: Organisation, year: int) -> list[tuple[str, list[Occurrence]]]:
    grouped: dict[int, list[Occurrence]] = {m: [] for m in range(1, 13)}
    for occurrence in occurrences(organisation=organisation, year=year):
        grouped[occurrence.starts_on.month].append(occurrence)
    return [(months.month_name[m], grouped[m]) for m in range(1, 13)]


def ical_feed(*, organisation: Organisation) -> bytes:
    """Every event once, all-day, with its repeat rule, so calendars repeat it themselves."""
    feed = Calendar()
    feed.add("prodid", "-//eqtrack//diversity calendar//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"{organisation.name}: diversity calendar")
    for event in CalendarEvent.objects.live().filter(organisation=organisation):
        item = Event()
        item.add("uid", f"{event.uid}@eqtrack")
        item.add("summary", event.title)
        item.add("dtstart", event.starts_on)
        # DTEND of an all-day event is the day after it ends.
        item.add("dtend", (event.ends_on or event.starts_on) + dt.timedelta(days=1))
        item.add("dtstamp", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
        if event.description:
            item.add("description", event.description)
        if event.repeats:
            item.add("rrule", {"freq": event.repeats.lower()})
        feed.add_component(item)
    return feed.to_ical()
