"""Thin views of a reporting round: they check nothing themselves beyond finding the records;
the services decide who may do what."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import (
    can_administer,
    can_review,
    membership,
    update_authorship,
)
from eqtrack.core.context import organisation_context
from eqtrack.core.forms import add_service_error, sentence
from eqtrack.plans.selectors import plan_get_for_member
from eqtrack.plans.services import UpdateConflict

from .forms import (
    LateAcceptForm,
    LateOpenForm,
    ReviewForm,
    RoundOpenForm,
    UpdateForm,
)
from .models import ReportingRound
from .selectors import (
    late_candidates,
    late_open_action_ids,
    late_opening_for,
    late_opening_get,
    late_openings,
    late_updates,
    my_actions,
    round_action_get,
    round_get_for_member,
    round_list,
    round_missing_teams,
    round_open_for,
    round_progress,
    round_to_review,
    round_update_get,
    round_update_of,
    update_changes_since_returned,
    update_last_time,
    update_reviews,
)
from .services import (
    RoundError,
    late_check,
    late_open,
    late_opening_close,
    late_update_accept,
    round_close,
    round_close_check,
    round_open,
    update_edit_check,
    update_review,
    update_save_and_submit,
    update_save_draft,
)

if TYPE_CHECKING:
    from .selectors import ActionWithRoundUpdates

MY_ACTIONS_PAGE = 50


@signed_in
def rounds(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    plan = plan_get_for_member(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    organisation = plan.organisation
    form = RoundOpenForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            opened = round_open(
                plan=plan,
                period_label=form.cleaned_data["period"],
                deadline=form.cleaned_data["deadline"],
                user=signed_in_user(request),
            )
        except PermissionDenied:
            raise PermissionDenied("Only an administrator opens a round.") from None
        except RoundError as e:
            add_service_error(form, e)
        else:
            messages.success(request, f"The {opened.period.label} round is open.")
            return redirect("round-detail", organisation.slug, opened.pk)
    return render(
        request,
        "rounds/rounds.html",
        organisation_context(
            organisation,
            plan=plan,
            form=form,
            rounds=round_list(plan=plan),
            open_round=round_open_for(plan=plan),
            may_open=can_administer(request.user, organisation.pk),
        ),
    )


@signed_in
def round_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    round = round_get_for_member(user=request.user, organisation_slug=organisation_slug, pk=pk)
    organisation = round.organisation
    if request.method == "POST" and request.POST.get("close"):
        try:
            round_close(round=round, user=signed_in_user(request))
        except PermissionDenied:
            raise PermissionDenied("Only an administrator closes a round.") from None
        except RoundError as e:
            messages.error(request, sentence(str(e)))
        else:
            messages.success(request, f"The {round.period.label} round is closed.")
        return redirect("round-detail", organisation.slug, round.pk)
    if request.GET.get("close") == "confirm":
        return _close_confirmation(request, organisation, round)
    administrator = can_administer(request.user, organisation.pk)
    mine = _my_actions_part(request, round, everyone=administrator)
    to_review = round_to_review(round=round) if can_review(request.user, organisation.pk) else []
    return render(
        request,
        "rounds/round_detail.html",
        organisation_context(
            organisation,
            round=round,
            my_actions_table=mark_safe(mine["table"]),  # noqa: S308  (rendered, escaped)
            has_actions=mine["count"] > 0,
            everyone=administrator,
            to_review=to_review,
            may_review=can_review(request.user, organisation.pk),
            progress=mine["progress"],
            missing_teams=mine["missing_teams"],
            may_close=administrator,
            late_openings=[] if round.is_open else late_openings(round=round),
            late_updates=[] if round.is_open else late_updates(round=round),
        ),
    )


def _close_confirmation(
    request: HttpRequest, organisation: Any, round: ReportingRound
) -> HttpResponse:
    """Are you sure? With what the round holds: closing it cannot be undone. The page is a GET
    of the round's own address (?close=confirm), so it needs no JavaScript."""
    try:
        round_close_check(round=round, user=signed_in_user(request))
    except PermissionDenied:
        raise PermissionDenied("Only an administrator closes a round.") from None
    except RoundError as e:
        messages.error(request, sentence(str(e)))
        return redirect("round-detail", round.organisation.slug, round.pk)
    return render(
        request,
        "rounds/round_close.html",
        organisation_context(organisation, round=round, progress=round_progress(round=round)),
    )


def _my_actions_part(request: HttpRequest, round: ReportingRound, *, everyone: bool) -> dict:
    """The person's "my actions" table (fifty a page: an administrator's is every action of
    the plan, with its team, and the teams of those with no update yet) and the round's
    progress, kept in the worker's cache until the plan, the round or the person's role or
    teams change: the page everyone in a round keeps coming back to."""
    member = membership(request.user, round.organisation_id)
    # A closed round links the actions it is reopened for (late updates) to their pages.
    late_ids = late_open_action_ids(round=round)
    # A digest, as in core/caching.py: the date and the page number would otherwise put
    # spaces and anything typed into the key.
    key = (
        "my-actions:"
        + hashlib.sha256(
            repr(
                [
                    round.pk,
                    round.pk,
                    round.plan.content_version,
                    round.closed_at,
                    request.user.pk,
                    request.user.is_superuser,
                    member.role if member else "",
                    sorted(team.pk for team in member.teams.all()) if member else [],
                    request.GET.get("page", "1")[:10],
                    late_ids,
                ]
            ).encode()
        ).hexdigest()
    )
    part = cache.get(key)
    if part is None:
        # Declared: the plugin loses the prefetched round_updates through Paginator's type.
        page: Page[ActionWithRoundUpdates] = Paginator(
            my_actions(round=round, user=request.user), MY_ACTIONS_PAGE
        ).get_page(request.GET.get("page"))
        rows = [(a, a.round_updates[0] if a.round_updates else None) for a in page.object_list]
        part = {
            "table": render_to_string(
                "rounds/_my_actions.html",
                {
                    "round": round,
                    "mine": rows,
                    "page": page,
                    "everyone": everyone,
                    "late_ids": late_ids,
                },
            ),
            "count": page.paginator.count,
            "progress": round_progress(round=round),
            "missing_teams": round_missing_teams(round=round) if everyone else [],
        }
        cache.set(key, part)
    return part


@signed_in
def update_edit(
    request: HttpRequest, organisation_slug: str, pk: int, action_pk: int
) -> HttpResponse:
    round = round_get_for_member(user=request.user, organisation_slug=organisation_slug, pk=pk)
    organisation = round.organisation
    action = round_action_get(round=round, pk=action_pk)
    update = round_update_of(round=round, action=action)

    def page(**shown: object) -> HttpResponse:
        """The update's page: read-only, or with the form (and a conflict, if one)."""
        return render(
            request,
            "rounds/update_edit.html",
            organisation_context(
                organisation,
                round=round,
                action=action,
                update=update,
                reviews=update_reviews(update=update),
                late_opening=late_opening_for(round=round, action=action),
                **shown,
            ),
        )

    try:
        update_edit_check(round=round, action=action, user=signed_in_user(request))
    except PermissionDenied:
        raise PermissionDenied(
            "Only the action's owners and administrators write its update."
        ) from None
    except RoundError as refusal:
        # Submitted, approved or the round closed: the update is shown, not a form that could
        # only fail. A save from a form left open elsewhere is refused with the same reason.
        if request.method == "POST":
            messages.error(request, sentence(str(refusal)))
            return redirect("round-update", organisation.slug, round.pk, action.pk)
        return page(read_only=True)
    form = UpdateForm(form_data(request), initial=UpdateForm.initial_from(update))
    conflict = None
    if request.method == "POST" and form.is_valid():
        submitting = bool(request.POST.get("submit"))
        # Saving and submitting is all or nothing: a refused submission keeps nothing, so the
        # revision in the form still holds and the person's words are still in it.
        write = update_save_and_submit if submitting else update_save_draft
        try:
            write(
                round=round,
                action=action,
                progress=form.items("progress"),
                next_steps=form.items("next_steps"),
                status_text=form.cleaned_data["status_text"] or None,
                status_category=form.cleaned_data["status_category"] or None,
                user=signed_in_user(request),
                based_on=form.cleaned_data["revision"],
            )
            if submitting:
                messages.success(request, f"{action.ref or 'The update'} is submitted for review.")
                return redirect("round-detail", organisation.slug, round.pk)
            messages.success(request, "Draft saved.")
            return redirect("round-update", organisation.slug, round.pk, action.pk)
        except UpdateConflict as e:
            conflict = e
        except RoundError as e:
            add_service_error(form, e)
    return page(
        form=form, conflict=conflict, last_time=update_last_time(round=round, action=action)
    )


@signed_in
def update_review_page(
    request: HttpRequest, organisation_slug: str, pk: int, update_pk: int
) -> HttpResponse:
    round = round_get_for_member(user=request.user, organisation_slug=organisation_slug, pk=pk)
    organisation = round.organisation
    update = round_update_get(round=round, pk=update_pk)
    if not can_review(request.user, organisation.pk):
        raise PermissionDenied("Only reviewers and administrators review updates.")
    form = ReviewForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            update_review(
                round=round,
                update=update,
                user=signed_in_user(request),
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except RoundError as e:
            add_service_error(form, e)
        else:
            messages.success(
                request,
                f"{update.action.ref or 'The update'}: {'approved' if form.cleaned_data['decision'] == 'approve' else 'returned to its owner'}.",
            )
            return redirect("round-detail", organisation.slug, round.pk)
    return render(
        request,
        "rounds/update_review.html",
        organisation_context(
            organisation,
            round=round,
            update=update,
            form=form,
            since_returned=update_changes_since_returned(update=update),
            # Said before the decision is tried: the four-eyes rule will refuse it.
            own=update_authorship(request.user, update),
        ),
    )


@signed_in
def round_late(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Late updates into a closed round, for its administrators: reopen it for named actions
    (their owners write, a reviewer approves), accept an update received some other way
    straight into the period, or close a late opening again."""
    round = round_get_for_member(user=request.user, organisation_slug=organisation_slug, pk=pk)
    organisation = round.organisation
    user = signed_in_user(request)
    try:
        late_check(round=round, user=user)
    except PermissionDenied:
        raise PermissionDenied(
            "Only an administrator takes late updates into a closed round."
        ) from None
    except RoundError as e:
        messages.error(request, sentence(str(e)))
        return redirect("round-detail", organisation.slug, round.pk)
    actions = late_candidates(round=round)
    by_pk = {str(a.pk): a for a in actions}
    data = form_data(request)
    step = data.get("step") if data is not None else None
    reopen = LateOpenForm(data if step == "reopen" else None, actions=actions)
    accept = LateAcceptForm(data if step == "accept" else None, actions=actions)
    if request.method == "POST" and step == "close":
        opening = late_opening_get(round=round, pk=_whole(request.POST.get("opening")))
        try:
            late_opening_close(opening=opening, user=user)
        except RoundError as e:
            messages.error(request, sentence(str(e)))
        else:
            messages.success(request, f"{opening.action.ref or 'The action'} is closed again.")
        return redirect("round-late", organisation.slug, round.pk)
    if request.method == "POST" and step == "reopen" and reopen.is_valid():
        try:
            opened = late_open(
                round=round,
                actions=[by_pk[pk] for pk in reopen.cleaned_data["actions"]],
                reason=reopen.cleaned_data["reason"],
                user=user,
            )
        except RoundError as e:
            add_service_error(reopen, e)
        else:
            names = ", ".join(o.action.ref or "one action" for o in opened)
            messages.success(request, f"The {round.period.label} round is reopened for {names}.")
            return redirect("round-detail", organisation.slug, round.pk)
    if request.method == "POST" and step == "accept" and accept.is_valid():
        action = by_pk[accept.cleaned_data["action"]]
        try:
            late_update_accept(
                round=round,
                action=action,
                progress=accept.items("progress"),
                next_steps=accept.items("next_steps"),
                status_text=accept.cleaned_data["status_text"] or None,
                status_category=accept.cleaned_data["status_category"] or None,
                reason=accept.cleaned_data["reason"],
                user=user,
            )
        except RoundError as e:
            add_service_error(accept, e)
        else:
            messages.success(
                request,
                f"{action.ref or 'The update'}: accepted as a late update for "
                f"{round.period.label}.",
            )
            return redirect("round-detail", organisation.slug, round.pk)
    return render(
        request,
        "rounds/round_late.html",
        organisation_context(
            organisation,
            round=round,
            reopen=reopen,
            accept=accept,
            errors=reopen.errors or accept.errors,
            late_openings=late_openings(round=round),
        ),
    )


def _whole(value: str | None) -> int:
    """A posted record number; not one, no record (404)."""
    if not value or not value.isdigit():
        raise Http404("No such late opening")
    return int(value)
