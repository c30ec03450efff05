"""Thin views of the directory's public pages (search, a listing, sign-up, the contact's
links), the moderators' pages and the diversity calendar with its iCalendar feed."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from eqtrack.core.context import organisation_context
from eqtrack.organisations.selectors import organisation_get

from .caching import cached_for_visitors
from .calendar import by_month, ical_feed
from .selectors import hide_stale


def _organisation(slug: str):
    organisation = organisation_get(slug=slug)
    if organisation is None:
        raise Http404("No such organisation")
    return organisation


def calendar_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _organisation(organisation_slug)
    year_text = request.GET.get("year", "")
    year = (
        int(year_text)
        if year_text.isdigit() and 1990 <= int(year_text) <= 2100
        else dt.date.today().year
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
    organisation = _organisation(organisation_slug)
    response = HttpResponse(
        ical_feed(organisation=organisation), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="diversity-calendar.ics"'
    return response


# The public directory: sign-up, search, listings; the owner's links; the moderators' page.

SIGNUP = "eqtrack_directory_signup"


def _step_form(step: str, organisation, data=None, initial=None):  # type: ignore[no-untyped-def]
    from eqtrack.assessments.models import Characteristic
    from eqtrack.assessments.services import characteristics_seed

    from .forms import STEPS, ServiceForm, term_choices

    form_class = next(f for s, f, _ in STEPS if s == step)
    if form_class is ServiceForm:
        characteristics_seed(organisation=organisation)
        return form_class(
            data,
            initial=initial,
            terms=term_choices(organisation),
            characteristics=Characteristic.objects.filter(
                organisation=organisation, retired_at__isnull=True
            ),
        )
    return form_class(data, initial=initial)


def signup_step(request: HttpRequest, organisation_slug: str, step: str) -> HttpResponse:
    """One question page of the sign-up; answers wait in the session until they are sent."""
    from django.shortcuts import redirect

    from .forms import STEPS
    from .services import taxonomy_seed

    organisation = _organisation(organisation_slug)
    steps = [s for s, _, _ in STEPS]
    if step not in steps:
        raise Http404("No such question")
    taxonomy_seed(organisation=organisation)
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
    from django.shortcuts import redirect
    from django_ratelimit.core import is_ratelimited

    from eqtrack.assessments.models import Characteristic

    from .forms import STEPS
    from .models import TaxonomyTerm
    from .postcodes import PostcodeError
    from .services import listing_sign_up

    organisation = _organisation(organisation_slug)
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
            from django.contrib import messages

            from .postcodes import POSTCODE_ERROR

            answers.pop("postal_code", None)
            request.session.modified = True
            messages.error(request, POSTCODE_ERROR)
            return redirect("directory-signup", organisation.slug, "place")
        del request.session[SIGNUP]
        return redirect("directory-signup-done", organisation.slug)
    terms = TaxonomyTerm.objects.filter(organisation=organisation, pk__in=answers.get("terms", []))
    served = Characteristic.objects.filter(
        organisation=organisation, pk__in=answers.get("characteristics", [])
    )
    return render(
        request,
        "directory/signup_check.html",
        organisation_context(
            organisation,
            answers=answers,
            terms=terms,
            served=served,
        ),
    )


def signup_done(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _organisation(organisation_slug)
    return render(
        request,
        "directory/signup_done.html",
        organisation_context(organisation),
    )


@cached_for_visitors
def directory_search(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The public directory: search by words, category and the people a group serves."""
    from django.core.paginator import Page, Paginator
    from django.db.models import QuerySet

    from eqtrack.assessments.models import Characteristic

    from .models import Service, TaxonomyTerm
    from .selectors import approved_services, service_distances

    organisation = _organisation(organisation_slug)
    query = request.GET.get("q", "").strip()[:200]
    term = request.GET.get("category", "")
    served = request.GET.get("serves", "")
    services = approved_services(organisation=organisation, search=query)
    if term.isdigit():
        services = services.filter(terms__pk=int(term))
    if served.isdigit():
        services = services.filter(characteristics__pk=int(served))
    from .postcodes import (
        POSTCODE_ERROR,
        centroid,
        distance_search_available,
        postcode_clean,
    )

    near = request.GET.get("postcode", "").strip()[:10]
    within = request.GET.get("within", "3")
    within = within if within in ("1", "3", "5", "10") else "3"
    distances: dict[int, float] = {}
    postcode_error = ""
    by_distance = False
    listed: QuerySet[Service] | list[Service] = services.prefetch_related("terms")
    if near and distance_search_available():
        if postcode_clean(near) is None:
            postcode_error = POSTCODE_ERROR
        elif (point := centroid(near)) is None:
            postcode_error = f"We do not know the postcode {near}: check it and try again"
        else:
            by_distance = True
            distances = service_distances(
                organisation=organisation, point=point, within_m=int(within) * 1609.344
            )
            listed = sorted(
                services.filter(pk__in=distances).prefetch_related("terms"),
                key=lambda s: distances[s.pk],
            )
    # Of Any: each service on the page gains miles_away, an attribute only the template reads.
    page: Page[Any] = Paginator(listed, 20).get_page(request.GET.get("page"))
    for service in page.object_list:
        service.miles_away = (
            round(distances[service.pk] / 1609.344, 1) if service.pk in distances else None
        )
    # Encoded, so words with "&" or "#" in them survive into the next page's link.
    query_string = urlencode(
        [
            (k, v)
            for k, v in (
                ("q", query),
                ("category", term),
                ("serves", served),
                ("postcode", near),
                ("within", within if near else ""),
            )
            if v
        ]
    )
    return render(
        request,
        "directory/search.html",
        organisation_context(
            organisation,
            query=query,
            category=term,
            serves=served,
            terms=TaxonomyTerm.objects.filter(organisation=organisation).order_by("name"),
            characteristics=Characteristic.objects.filter(
                organisation=organisation, retired_at__isnull=True
            ),
            page=page,
            query_string=query_string,
            # For a search that finds nothing: whether filters narrowed it, and the same words
            # without them.
            filtered=bool(term or served or by_distance),
            words_only=urlencode({"q": query}) if query else "",
            distance_search=distance_search_available(),
            postcode=near,
            within=within,
            postcode_error=postcode_error,
            listed=approved_services(organisation=organisation).count(),
        ),
    )


@cached_for_visitors
def listing_page(request: HttpRequest, organisation_slug: str, uid: str) -> HttpResponse:
    import uuid

    from .models import Service

    organisation = _organisation(organisation_slug)
    try:
        key = uuid.UUID(uid)
    except ValueError:
        raise Http404("No such listing") from None
    service = (
        Service.objects.filter(organisation=organisation, uid=key, listing=Service.Listing.APPROVED)
        .select_related("group")
        .prefetch_related(
            "terms", "characteristics", "at_locations__location", "contacts", "schedules"
        )
        .first()
    )
    if service is None or (hide_stale() and service.stale_since):
        raise Http404("No such listing")
    return render(
        request,
        "directory/listing.html",
        organisation_context(organisation, service=service),
    )


def _listing_by_link(request: HttpRequest, organisation, token: str, purpose: str):
    """The listing a contact's link names, or the "link expired" page (a 404) when the link is
    forged, expired, for something else or for another council's listing."""
    from .links import listing_from_token

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
    from django.shortcuts import redirect

    from .services import EditLinkRefused, edit_link_check, edit_link_open

    organisation = _organisation(organisation_slug)
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
    from .forms import ListingEditForm
    from .services import (
        EditLinkRefused,
        edit_link_change_submit,
        edit_link_for_session,
        listing_values,
    )

    organisation = _organisation(organisation_slug)
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
    from .services import listing_confirm

    organisation = _organisation(organisation_slug)
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
    from django.contrib import messages
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect

    from eqtrack.accounts.permissions import can_read_unpublished, can_review

    from .models import ListingChange, Service
    from .services import listing_decide, listing_values

    organisation = _organisation(organisation_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    if not can_read_unpublished(request.user, organisation.pk):
        raise Http404("No such organisation")
    if not can_review(request.user, organisation.pk):
        raise PermissionDenied(
            "Only moderators (reviewers and administrators) moderate the directory."
        )
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        pk = request.POST.get("id", "")
        kind = request.POST.get("kind")
        if kind == "revoke":
            from .services import edit_links_revoke

            target = Service.objects.filter(
                organisation=organisation, pk=pk if pk.isdigit() else 0
            ).first()
            if target is None:
                raise Http404("No such listing")
            edit_links_revoke(service=target, user=request.user)
            messages.success(
                request,
                f"The change links for {target.name} no longer work. Its contact gets a new "
                "one with the next review, or when it is approved again.",
            )
            return redirect("directory-moderation", organisation.slug)
        if kind == "listing":
            target = Service.objects.filter(
                organisation=organisation, pk=pk if pk.isdigit() else 0
            ).first()
            if target is None:
                raise Http404("No such listing")
            listing_decide(user=request.user, approve=approve, service=target)
        else:
            change = ListingChange.objects.filter(
                organisation=organisation, pk=pk if pk.isdigit() else 0
            ).first()
            if change is None:
                raise Http404("No such change")
            try:
                listing_decide(user=request.user, approve=approve, change=change)
            except ValueError as e:
                messages.error(request, str(e))
                return redirect("directory-moderation", organisation.slug)
        messages.success(request, "Approved: it is public now." if approve else "Rejected.")
        return redirect("directory-moderation", organisation.slug)
    services = Service.objects.filter(organisation=organisation).select_related("group")
    # A new listing is shown whole (what it says, where, who to contact and what they agreed
    # to publish), so the moderator decides on all of it, not on one description.
    pending = services.filter(listing=Service.Listing.PENDING).prefetch_related(
        "terms", "characteristics", "at_locations__location", "contacts"
    )
    changes = []
    for change in ListingChange.objects.filter(
        organisation=organisation, decision=ListingChange.Decision.PENDING
    ).select_related("service__group"):
        current = listing_values(change.service)
        changes.append(
            (
                change,
                [
                    (field, current.get(field, ""), new)
                    for field, new in change.data.items()
                    if current.get(field, "") != new
                ],
            )
        )
    return render(
        request,
        "directory/moderation.html",
        organisation_context(
            organisation,
            pending=pending,
            changes=changes,
            stale=services.filter(listing=Service.Listing.APPROVED, stale_since__isnull=False),
            duplicates=services.filter(possible_duplicate_of__isnull=False).select_related(
                "possible_duplicate_of__group"
            ),
            recent=services.filter(listing=Service.Listing.APPROVED).order_by("-modified_at")[:10],
            # Listings whose contact holds a change link that still works, to revoke.
            with_links=services.filter(
                edit_links__revoked_at__isnull=True,
                edit_links__used_at__isnull=True,
                edit_links__expires_at__gt=timezone.now(),
            ).distinct(),
        ),
    )
