"""The duty calendar's pages: the full calendar for the council's members, and the page where
its administrators record when the equality information was published and the objectives set.
Thin views: the calendar works out the dates, the services decide who may record them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import can_administer, can_read_unpublished
from eqtrack.accounts.selectors import organisation_get_for_administrator
from eqtrack.core.context import organisation_context
from eqtrack.organisations.selectors import organisation_get_public

from .calendar import duty_calendar
from .forms import DutyRecordForm
from .models import DutyRecord
from .services import REFUSAL, duty_information_published, duty_objectives_set


def duty_calendar_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """Every date of the council's duty calendar, for its members."""
    organisation = organisation_get_public(slug=organisation_slug)
    if not can_read_unpublished(request.user, organisation.pk):
        raise Http404("No such page")
    return render(
        request,
        "duty/calendar.html",
        organisation_context(
            organisation,
            items=duty_calendar(organisation=organisation, today=timezone.localdate()),
            may_administer=can_administer(request.user, organisation.pk),
            here=request.path,
        ),
    )


@signed_in
def duty_record(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """When the equality information was last published and the objectives last set."""
    organisation = organisation_get_for_administrator(
        slug=organisation_slug, user=request.user, refusal=REFUSAL
    )
    record = DutyRecord.objects.filter(organisation=organisation).first()
    form = DutyRecordForm(
        form_data(request),
        initial={
            "information_published_on": record.information_published_on if record else None,
            "objectives_set_on": record.objectives_set_on if record else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        user = signed_in_user(request)
        writes = {
            "information_published_on": duty_information_published,
            "objectives_set_on": duty_objectives_set,
        }
        try:
            # Both dates or neither: one refused leaves the other unrecorded too.
            with transaction.atomic():
                for field, write in writes.items():
                    day = form.cleaned_data[field]
                    if day is not None and day != form.initial[field]:
                        write(organisation=organisation, on=day, user=user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "The duty calendar is updated.")
            return redirect("duty-calendar", organisation.slug)
    return render(request, "duty/record.html", organisation_context(organisation, form=form))
