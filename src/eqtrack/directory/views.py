"""Thin views of the directory's public pages (search, a listing, sign-up, the contact's
links), the moderators' pages and the diversity calendar with its iCalendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import can_review
from eqtrack.accounts.selectors import (
    organisation_get_for_administrator,
    organisation_get_for_member,
    team_list,
)
from eqtrack.assessments.selectors import characteristic_list
from eqtrack.core.context import organisation_context
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get_public

from .caching import cached_for_visitors
from .calendar import by_month, ical_feed
from .forms import (
    STEPS,
    CalendarEventForm,
    CalendarSeedForm,
    ListingEditForm,
    ServiceForm,
    term_choices,
)
from .links import listing_from_token
from .models import CalendarEvent
from .postcodes import POSTCODE_ERROR, PostcodeError, distance_search_available
from .selectors import (
    approved_services,
    calendar_event_get,
    calendar_events,
    listing_change_get,
    listing_get,
    listing_get_public,
    moderation_queue,
    signup_choices,
    taxonomy_term_list,
)
from .selectors import directory_search as search
from .services import (
    CalendarEventError,
    EditLinkRefused,
    calendar_event_add,
    calendar_event_archive,
    calendar_event_change,
    calendar_seed,
    edit_link_change_submit,
    edit_link_check,
    edit_link_for_session,
    edit_link_open,
    edit_links_revoke,
    listing_confirm,
    listing_decide,
    listing_sign_up,
    listing_values,
)


def calendar_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=organisation_slug)
    year_text = request.GET.get("year", "")
    year = (
        int(year_text)
        if year_text.isdigit() and 1990 <= int(year_text) <= 2100
        else timezone.localdate().year
    )
    return render(
        request,
        "directory/calendar.html",
        organisation_context(
            organisation,
            year=year,
            months=by_month(organisation=organisation, year=year),
            feed_url=request.build_absolute_uri(f"/{organisation.slug}/diversity-calendar.ics"),
        ),
    )


def calendar_feed(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=organisation_slug)
    response = HttpResponse(
        ical_feed(organisation=organisation), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="diversity-calendar.ics"'
    return response


# The public directory: sign-up, search, listings; the owner's links; the moderators' page.

SIGNUP = "eqtrack_directory_signup"


def _step_form(step: str, organisation, data=None, initial=None):  # type: ignore[no-untyped-def]

    form_class = next(f for s, f, _ in STEPS if s == step)
    if form_class is ServiceForm:
        # The choices were seeded when the organisation was set up: a GET writes nothing.
        return form_class(
            data,
            initial=initial,
            terms=term_choices(organisation),
            characteristics=characteristic_list(organisation=organisation),
        )
    return form_class(data, initial=initial)


def signup_step(request: HttpRequest, organisation_slug: str, step: str) -> HttpResponse:
    """One question page of the sign-up; answers wait in the session until they are sent."""
    organisation = organisation_get_public(slug=organisation_slug)
    steps = [s for s, _, _ in STEPS]
    if step not in steps:
        raise Http404("No such question")
    answers = request.session.get(SIGNUP, {})
    form = _step_form(
        step, organisation, request.POST if request.method == "POST" else None, initial=answers
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("nickname"):
            # Only a program fills in the hidden field: thank it, and keep nothing.
            request.session.pop(SIGNUP, None)
            return redirect("directory-signup-done", organisation.slug)
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("nickname", "privacy")}
        if step == "contact":
            data["contact_email"] = data.pop("email")
        answers.update(data)
        request.session[SIGNUP] = answers
        following = steps.index(step) + 1
        if following < len(steps) and not request.GET.get("check"):
            return redirect("directory-signup", organisation.slug, steps[following])
        return redirect("directory-signup-check", organisation.slug)
    index = steps.index(step)
    return render(
        request,
        "directory/signup_step.html",
        organisation_context(
            organisation,
            form=form,
            title=STEPS[index][2],
            number=index + 1,
            count=len(steps),
            back=steps[index - 1] if index else None,
        ),
    )


def signup_check(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """Check your answers, then send them; at most five sign-ups an hour from one address."""
    organisation = organisation_get_public(slug=organisation_slug)
    answers = request.session.get(SIGNUP, {})
    missing = next(
        (s for s, f, _ in STEPS if not any(k in answers for k in f.base_fields if k != "nickname")),
        None,
    )
    if missing:
        return redirect("directory-signup", organisation.slug, missing)
    if request.method == "POST":
        if is_ratelimited(
            request, group="directory-signup", key="ip", rate="5/h", method="POST", increment=True
        ):
            return render(
                request,
                "directory/too_many.html",
                organisation_context(organisation),
                status=429,
            )
        try:
            listing_sign_up(organisation=organisation, answers=answers)
        except PostcodeError:
            # Answers kept from before postcodes were checked: back to that question, the
            # rest kept, rather than an error page.

            answers.pop("postal_code", None)
            request.session.modified = True
            messages.error(request, POSTCODE_ERROR)
            return redirect("directory-signup", organisation.slug, "place")
        del request.session[SIGNUP]
        return redirect("directory-signup-done", organisation.slug)
    return render(
        request,
        "directory/signup_check.html",
        organisation_context(
            organisation,
            answers=answers,
            **signup_choices(organisation=organisation, answers=answers),
        ),
    )


def signup_done(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=organisation_slug)
    return render(
        request,
        "directory/signup_done.html",
        organisation_context(organisation),
    )


@cached_for_visitors
def directory_search(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The public directory: search by words, category and the people a group serves."""
    organisation = organisation_get_public(slug=organisation_slug)
    found = search(organisation=organisation, params=request.GET)
    return render(
        request,
        "directory/search.html",
        organisation_context(
            organisation,
            query=found.query,
            category=found.category,
            serves=found.serves,
            terms=taxonomy_term_list(organisation=organisation),
            characteristics=characteristic_list(organisation=organisation),
            page=found.page,
            query_string=found.query_string,
            # For a search that finds nothing: whether filters narrowed it, and the same words
            # without them.
            filtered=found.filtered,
            words_only=found.words_only,
            distance_search=distance_search_available(),
            postcode=found.postcode,
            within=found.within,
            postcode_error=found.postcode_error,
            listed=approved_services(organisation=organisation).count(),
        ),
    )


@cached_for_visitors
def listing_page(request: HttpRequest, organisation_slug: str, uid: str) -> HttpResponse:
    organisation = organisation_get_public(slug=organisation_slug)
    service = listing_get_public(organisation=organisation, uid=uid)
    return render(
        request,
        "directory/listing.html",
        organisation_context(organisation, service=service),
    )


def _listing_by_link(request: HttpRequest, organisation, token: str, purpose: str):
    """The listing a contact's link names, or the "link expired" page (a 404) when the link is
    forged, expired, for something else or for another council's listing."""
    service = listing_from_token(token, purpose)
    if service is None or service.organisation_id != organisation.pk:
        return None, render(
            request, "directory/link_expired.html", organisation_context(organisation), status=404
        )
    return service, None


EDIT_SESSION_KEY = "eqtrack_directory_edit_link"


def _link_refused(request: HttpRequest, organisation, reason: str) -> HttpResponse:
    """Why an edit link does not work (a forged one is simply not found)."""
    return render(
        request,
        "directory/link_refused.html",
        organisation_context(organisation, reason=reason),
        status=404 if reason in ("unknown", "not_opened") else 410,
    )


def listing_edit(request: HttpRequest, organisation_slug: str, token: str) -> HttpResponse:
    """The e-mailed link. Its page only offers a button (so that a mail scanner fetching the
    link spends nothing); the button trades the link for this browser's session and spends
    it, and the form is then at an address without the secret (see models.EditLink)."""
    organisation = organisation_get_public(slug=organisation_slug)
    try:
        if request.method == "POST":
            link = edit_link_open(organisation=organisation, secret=token)
            request.session.cycle_key()
            request.session[EDIT_SESSION_KEY] = link.pk
            return redirect("directory-edit-form", organisation.slug)
        link = edit_link_check(organisation=organisation, secret=token)
    except EditLinkRefused as refused:
        if refused.reason == "used" and request.session.get(EDIT_SESSION_KEY):
            # Opened in this browser already (a second click on the e-mail's link).
            return redirect("directory-edit-form", organisation.slug)
        return _link_refused(request, organisation, refused.reason)
    return render(
        request,
        "directory/edit_open.html",
        organisation_context(organisation, service=link.service),
    )


def listing_edit_form(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The owner's change, with the link this browser opened: a live listing's change waits
    for a moderator; sending it spends the link, and a new one is e-mailed."""
    organisation = organisation_get_public(slug=organisation_slug)
    try:
        link = edit_link_for_session(
            organisation=organisation, pk=request.session.get(EDIT_SESSION_KEY, "")
        )
    except EditLinkRefused as refused:
        return _link_refused(
            request, organisation, "not_opened" if refused.reason == "unknown" else refused.reason
        )
    service = link.service
    form = ListingEditForm(request.POST or None, initial=listing_values(service))
    if request.method == "POST" and form.is_valid():
        try:
            change = edit_link_change_submit(link=link, data=form.cleaned_data)
        except EditLinkRefused as refused:
            return _link_refused(request, organisation, refused.reason)
        request.session.pop(EDIT_SESSION_KEY, None)
        return render(
            request,
            "directory/edit_done.html",
            organisation_context(organisation, waiting=change.decision == "pending"),
        )
    return render(
        request,
        "directory/listing_edit.html",
        organisation_context(organisation, form=form, service=service),
    )


def listing_confirm_page(request: HttpRequest, organisation_slug: str, token: str) -> HttpResponse:
    """The review e-mail's "still correct" link: one button, which renews the listing."""
    organisation = organisation_get_public(slug=organisation_slug)
    service, expired = _listing_by_link(request, organisation, token, "confirm")
    if expired:
        return expired
    if request.method == "POST":
        listing_confirm(service=service)
    return render(
        request,
        "directory/confirm.html",
        organisation_context(organisation, service=service, confirmed=request.method == "POST"),
    )


def moderation(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """New listings and changes waiting, stale listings and recent changes, for moderators
    (the council's reviewers and administrators)."""
    organisation_get_public(slug=organisation_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    if not can_review(request.user, organisation.pk):
        raise PermissionDenied(
            "Only moderators (reviewers and administrators) moderate the directory."
        )
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        pk = request.POST.get("id", "")
        kind = request.POST.get("kind")
        if kind == "revoke":
            target = listing_get(organisation=organisation, pk=pk)
            edit_links_revoke(service=target, user=request.user)
            messages.success(
                request,
                f"The change links for {target.name} no longer work. Its contact gets a new "
                "one with the next review, or when it is approved again.",
            )
            return redirect("directory-moderation", organisation.slug)
        if kind == "listing":
            listing_decide(
                user=request.user,
                approve=approve,
                service=listing_get(organisation=organisation, pk=pk),
            )
        else:
            change = listing_change_get(organisation=organisation, pk=pk)
            try:
                listing_decide(user=request.user, approve=approve, change=change)
            except ValueError as e:
                messages.error(request, str(e))
                return redirect("directory-moderation", organisation.slug)
        messages.success(request, "Approved: it is public now." if approve else "Rejected.")
        return redirect("directory-moderation", organisation.slug)
    return render(
        request,
        "directory/moderation.html",
        organisation_context(organisation, **moderation_queue(organisation=organisation)),
    )


# The calendar's management pages, for the council's administrators.


def _administered(request: HttpRequest, organisation_slug: str) -> Organisation:
    return organisation_get_for_administrator(
        slug=organisation_slug,
        user=request.user,
        refusal="Only the council's administrators manage the calendar.",
    )


def _seed_years() -> list[int]:
    this_year = timezone.localdate().year
    return [this_year, this_year + 1]


@signed_in
def calendar_manage(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The calendar's events by date, and the one button that adds a year's standard ones."""
    organisation = _administered(request, organisation_slug)
    years = _seed_years()
    form = CalendarSeedForm(form_data(request), years=years, initial={"year": str(years[0])})
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        before = calendar_events(organisation=organisation).count()
        calendar_seed(organisation=organisation, year=year, user=signed_in_user(request))
        added = calendar_events(organisation=organisation).count() - before
        messages.success(
            request,
            f"{added} of {year}'s standard events added."
            if added
            else f"The calendar already had {year}'s standard events.",
        )
        return redirect("manage-calendar", organisation.slug)
    return render(
        request,
        "directory/manage/calendar.html",
        organisation_context(
            organisation, events=list(calendar_events(organisation=organisation)), form=form
        ),
    )


def _event_values(form: CalendarEventForm, organisation: Organisation) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "repeats": data["repeats"],
        "description": data["description"],
        "team": team_list(organisation=organisation).filter(pk=data["team"]).first()
        if data["team"]
        else None,
    }


@signed_in
def calendar_event_add_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    form = CalendarEventForm(
        form_data(request),
        teams=team_list(organisation=organisation),
        initial={"repeats": CalendarEvent.Repeats.YEARLY},
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = calendar_event_add(
                organisation=organisation,
                **_event_values(form, organisation),
                user=signed_in_user(request),
            )
        except CalendarEventError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, f"{event.title} is in the calendar.")
            return redirect("manage-calendar", organisation.slug)
    return render(
        request,
        "directory/manage/calendar_event.html",
        organisation_context(organisation, form=form, event=None),
    )


@signed_in
def calendar_event_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    event = calendar_event_get(organisation=organisation, pk=pk)
    form = CalendarEventForm(
        form_data(request),
        teams=team_list(organisation=organisation),
        initial={
            "title": event.title,
            "starts_on": event.starts_on,
            "ends_on": event.ends_on,
            "repeats": event.repeats,
            "description": event.description,
            "team": str(event.team_id or ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            calendar_event_change(
                event=event, **_event_values(form, organisation), user=signed_in_user(request)
            )
        except CalendarEventError as e:
            event.refresh_from_db()
            form.add_error(e.field, str(e))
        else:
            messages.success(request, f"{event.title} is changed.")
            return redirect("manage-calendar", organisation.slug)
    return render(
        request,
        "directory/manage/calendar_event.html",
        organisation_context(organisation, form=form, event=event),
    )


@signed_in
def calendar_event_remove_page(
    request: HttpRequest, organisation_slug: str, pk: int
) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    event = calendar_event_get(organisation=organisation, pk=pk)
    if request.method == "POST":
        calendar_event_archive(event=event, user=signed_in_user(request))
        messages.success(request, f"{event.title} is no longer in the calendar.")
        return redirect("manage-calendar", organisation.slug)
    return render(
        request,
        "directory/manage/calendar_remove.html",
        organisation_context(organisation, event=event),
    )
