"""Thin views of a reporting round: they check nothing themselves beyond finding the records;
the services decide who may do what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from eqtrack.accounts.permissions import can_administer, can_edit_action, can_review
from eqtrack.organisations.selectors import organisation_get
from eqtrack.plans.models import Action, Update
from eqtrack.plans.services import UpdateConflict

from .forms import ReviewForm, RoundOpenForm, UpdateForm
from .models import ReportingRound
from .selectors import my_actions, round_progress
from .services import (
    RoundError,
    round_close,
    round_open,
    update_review,
    update_save_draft,
    update_submit,
)


def _organisation(slug: str):
    organisation = organisation_get(slug=slug)
    if organisation is None:
        raise Http404("No such organisation")
    return organisation


def _round(organisation, pk: int) -> ReportingRound:
    found = (
        ReportingRound.objects.select_related("plan", "period")
        .filter(organisation=organisation, pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such round")
    return found


@login_required
def rounds(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    organisation = _organisation(organisation_slug)
    plan = organisation.plans.filter(slug=plan_slug, archived_at__isnull=True).first()
    if plan is None:
        raise Http404("No such plan")
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = round_open(
                plan=plan,
                period_label=form.cleaned_data["period"],
                deadline=form.cleaned_data["deadline"],
                user=request.user,
            )
        except PermissionDenied:
            return HttpResponse("Only an administrator opens a round.", status=403)
        except RoundError as e:
            form.add_error("period", str(e))
        else:
            messages.success(request, f"The {opened.period.label} round is open.")
            return redirect("round-detail", organisation.slug, opened.pk)
    return render(
        request,
        "rounds/rounds.html",
        {
            "organisation_name": organisation.name,
            "plan": plan,
            "form": form,
            "rounds": plan.rounds.select_related("period"),
            "may_open": can_administer(request.user, organisation.pk),
        },
    )


@login_required
def round_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(organisation_slug)
    round = _round(organisation, pk)
    if request.method == "POST" and request.POST.get("close"):
        try:
            round_close(round=round, user=request.user)
        except PermissionDenied:
            return HttpResponse("Only an administrator closes a round.", status=403)
        except RoundError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, f"The {round.period.label} round is closed.")
        return redirect("round-detail", organisation.slug, round.pk)
    mine = [
        (a, a.round_updates[0] if a.round_updates else None)
        for a in my_actions(round=round, user=request.user)
    ]
    to_review = (
        Update.objects.live()
        .filter(period=round.period, state=Update.State.SUBMITTED)
        .select_related("action")
        if can_review(request.user, organisation.pk)
        else []
    )
    return render(
        request,
        "rounds/round_detail.html",
        {
            "organisation_name": organisation.name,
            "round": round,
            "mine": mine,
            "to_review": to_review,
            "progress": round_progress(round=round),
            "may_close": can_administer(request.user, organisation.pk),
        },
    )


@login_required
def update_edit(
    request: HttpRequest, organisation_slug: str, pk: int, action_pk: int
) -> HttpResponse:
    organisation = _organisation(organisation_slug)
    round = _round(organisation, pk)
    action = (
        Action.objects.live().filter(plan=round.plan, pk=action_pk).select_related("theme").first()
    )
    if action is None:
        raise Http404("No such action")
    if not can_edit_action(request.user, action):
        return HttpResponse(
            "Only the action's owners and administrators write its update.", status=403
        )
    update = Update.objects.live().filter(action=action, period=round.period).first()
    form = UpdateForm(request.POST or None, initial=UpdateForm.initial_from(update))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = update_save_draft(
                round=round,
                action=action,
                progress=form.items("progress"),
                next_steps=form.items("next_steps"),
                status_text=form.cleaned_data["status_text"] or None,
                status_category=form.cleaned_data["status_category"] or None,
                user=request.user,
                based_on=form.cleaned_data.get("revision"),
            )
            if request.POST.get("submit"):
                update_submit(round=round, update=saved, user=request.user)
                messages.success(request, f"{action.ref or 'The update'} is submitted for review.")
                return redirect("round-detail", organisation.slug, round.pk)
            messages.success(request, "Draft saved.")
            return redirect("round-update", organisation.slug, round.pk, action.pk)
        except UpdateConflict as e:
            conflict = e
        except RoundError as e:
            form.add_error(None, str(e))
    return render(
        request,
        "rounds/update_edit.html",
        {
            "organisation_name": organisation.name,
            "round": round,
            "action": action,
            "update": update,
            "form": form,
            "conflict": conflict,
            "reviews": update.reviews.select_related("reviewer") if update else [],
        },
    )


@login_required
def update_review_page(
    request: HttpRequest, organisation_slug: str, pk: int, update_pk: int
) -> HttpResponse:
    organisation = _organisation(organisation_slug)
    round = _round(organisation, pk)
    update = (
        Update.objects.live()
        .filter(period=round.period, pk=update_pk)
        .select_related("action")
        .first()
    )
    if update is None:
        raise Http404("No such update")
    if not can_review(request.user, organisation.pk):
        return HttpResponse("Only reviewers and administrators review updates.", status=403)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            update_review(
                round=round,
                update=update,
                user=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except RoundError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                f"{update.action.ref or 'The update'}: {'approved' if form.cleaned_data['decision'] == 'approve' else 'returned to its owner'}.",
            )
            return redirect("round-detail", organisation.slug, round.pk)
    return render(
        request,
        "rounds/update_review.html",
        {"organisation_name": organisation.name, "round": round, "update": update, "form": form},
    )
