"""The plan pages (the plan, its search, dashboard, downloads and an action's history) and
publishing a plan: thin views, each asks a selector for what the page shows and renders it."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from eqtrack.accounts.kept_forms import signed_in, signed_in_user
from eqtrack.accounts.permissions import (
    can_administer,
    can_approve_proposal,
    can_edit_action,
    can_read_unpublished,
    can_reject_proposal,
)
from eqtrack.accounts.selectors import organisation_get_for_member
from eqtrack.assessments.selectors import reviews_due
from eqtrack.core.context import organisation_context
from eqtrack.notifications.selectors import follows_of
from eqtrack.reports.selectors import dashboard_figures, report_period
from eqtrack.reports.services import PlanNotFound, report_for_plan
from eqtrack.reports.writers import WRITERS
from eqtrack.rounds.forms import sentence
from eqtrack.rounds.selectors import round_open_for, round_outstanding, round_progress

from . import search
from .caching import cached_for_visitors
from .forms import ProposalReviewForm
from .history import action_history, action_proposals
from .models import StatusCategory
from .search import SearchFilters
from .selectors import (
    action_get_readable,
    plan_document,
    plan_get_for_member,
    plan_get_readable,
    plan_organisation_readable,
    plan_outline,
    plan_page,
    plan_tags,
    plan_teams,
    update_get_of_action,
)
from .services import (
    ProposalError,
    plan_publish,
    update_proposal_review,
    version_restore,
)


@cached_for_visitors
def plan_detail(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """The plan, fifty actions a page (a council's plan usually fits on one), each with every
    period's progress."""
    organisation, plan = plan_get_readable(
        user=request.user,
        organisation_slug=organisation_slug,
        plan_slug=plan_slug,
        with_assessments=True,
    )
    _, followed_themes = follows_of(organisation=organisation, user=request.user)
    shown = plan_page(plan=plan, number=request.GET.get("page"))
    return render(
        request,
        "plans/plan_detail.html",
        organisation_context(
            organisation,
            plan=plan,
            followed_themes=followed_themes,
            sections=shown.sections,
            contents=shown.contents,
            page=shown.page,
            report_period=report_period(organisation=organisation, plan_slug=plan.slug),
            may_publish=can_administer(request.user, organisation.pk),
            # Consultation evidence is for officers: its pages need signing in.
            show_evidence=can_read_unpublished(request.user, organisation.pk),
        ),
    )


@signed_in
@require_POST
def plan_publish_page(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """Publish or unpublish a plan (a POST from its page): the service decides who may."""
    plan = plan_get_for_member(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    organisation = plan.organisation
    wanted = request.POST.get("published") == "1"
    plan_publish(plan=plan, published=wanted, user=signed_in_user(request))
    messages.success(
        request,
        "The plan is published: anyone can read it, with its approved updates."
        if wanted
        else "The plan is no longer published: only the council's people can read it.",
    )
    return redirect("plan-detail", organisation.slug, plan.slug)


def plan_download(
    request: HttpRequest, organisation_slug: str, plan_slug: str, file_format: str
) -> HttpResponse:
    """The plan's latest report in any format, or the plan itself as plan-format JSON; for
    whoever may read the plan (anyone, once it is published)."""
    organisation = plan_organisation_readable(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    if file_format != "json" and file_format not in WRITERS:
        raise Http404("No such format")
    if file_format == "json":
        # Open data is built from approved updates only, as reports are.
        document = plan_document(organisation=organisation, slug=plan_slug, approved_only=True)
        if document is None:  # archived since it was found readable
            raise Http404("No such plan")
        body = json.dumps(document, ensure_ascii=False, indent=2).encode()
        content_type, name = "application/json", f"{plan_slug}.json"
    else:
        period = report_period(organisation=organisation, plan_slug=plan_slug)
        if period is None and file_format in ("pdf", "docx", "html"):
            raise Http404("The plan has no approved report yet")
        try:
            body = report_for_plan(
                organisation=organisation, plan_slug=plan_slug, period=period, format=file_format
            )
        except PlanNotFound:  # archived since it was found readable
            raise Http404("No such plan") from None
        content_type = WRITERS[file_format].content_type
        name = f"{plan_slug}-{period or 'plan'}.{file_format}".replace("/", "-").replace(" ", "-")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@cached_for_visitors
def plan_search(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """Search a plan's actions and every period's progress, with filters; a GET form, so it
    works without JavaScript and results can be bookmarked."""
    organisation = plan_organisation_readable(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    # The page needs the plan's shape (themes and periods for its filters), not its contents.
    plan = plan_outline(organisation=organisation, slug=plan_slug)
    if plan is None:  # archived since it was found readable
        raise Http404("No such plan")
    filters = SearchFilters.from_query(request.GET)
    return render(
        request,
        "plans/plan_search.html",
        organisation_context(
            organisation,
            plan=plan,
            query=filters.query,
            filters=filters.as_form(),
            hits=search.plan_search(
                organisation=organisation,
                plan_slug=plan.slug,
                filters=filters,
                published_only=not can_read_unpublished(request.user, organisation.pk),
            ),
            statuses=StatusCategory.choices,
            teams=plan_teams(plan=plan),
            tags=plan_tags(plan=plan),
        ),
    )


@cached_for_visitors
def plan_dashboard(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """The plan at a glance: actions by status per theme and per team, actions with no update
    in the latest period, overdue actions, and every indicator's trend."""
    organisation, plan = plan_get_readable(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    figures = dashboard_figures(organisation=organisation, plan=plan)
    if figures is None:  # archived since it was loaded above
        raise Http404("No such plan")
    # The open round's progress is for the organisation's people, not the public page.
    member = can_read_unpublished(request.user, organisation.pk)
    round = round_open_for(plan=plan) if member else None
    reviews = reviews_due(organisation=organisation, today=timezone.localdate()) if member else []
    return render(
        request,
        "plans/plan_dashboard.html",
        organisation_context(
            organisation,
            plan=plan,
            data=figures.data,
            # Every text in the chart is escaped as it is built.
            chart=mark_safe(figures.chart),  # noqa: S308
            teams=figures.teams,
            trends=figures.trends,
            round=round,
            reviews_due=reviews,
            round_progress=round_progress(round=round) if round else None,
            round_outstanding=round_outstanding(round=round) if round else [],
        ),
    )


def action_history_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str, action_pk: int
) -> HttpResponse:
    """An action's versions with their differences; those who may edit it can restore one."""
    organisation = plan_organisation_readable(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    member = can_read_unpublished(request.user, organisation.pk)
    action = action_get_readable(
        user=request.user, organisation=organisation, plan_slug=plan_slug, pk=action_pk
    )
    may_restore = can_edit_action(request.user, action)
    followed_actions, followed_themes = follows_of(organisation=organisation, user=request.user)
    # Visitors see the published record: approved updates only, and not who typed them.
    versions = action_history(organisation=organisation, action=action, approved_only=not member)
    if request.method == "POST":
        # may_restore implies signed in; checking it too types the user for version_restore.
        if not may_restore or not request.user.is_authenticated:
            raise PermissionDenied("You cannot change this action.")
        wanted = request.POST.get("version", "")
        version = next((v for v in versions if f"{v.kind}:{v.history_id}" == wanted), None)
        if version is None:
            raise Http404("No such version")
        started = timezone.now()
        restored = version_restore(
            organisation=organisation,
            obj=version.record,
            history_id=version.history_id,
            user=request.user,
        )
        messages.success(
            request,
            "Restored for review: that version was never approved, so the approved text stays "
            "published until a reviewer approves it."
            # This restore made the proposal (not one waiting from before).
            if (getattr(restored, "proposed_at", None) or started) > started
            else "Restored. The version before the restore is kept in the history too.",
        )
        return redirect(request.path)
    return render(
        request,
        "plans/action_history.html",
        organisation_context(
            organisation,
            action=action,
            plan_slug=plan_slug,
            versions=versions,
            # Restored texts waiting for review are the council's people's only.
            proposals=action_proposals(organisation=organisation, action=action) if member else [],
            may_restore=may_restore,
            show_who=member,
            plan=action.plan,
            following=action.pk in followed_actions,
            following_theme=action.theme_id in followed_themes,
        ),
    )


def update_proposal_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str, action_pk: int, update_pk: int
) -> HttpResponse:
    """A restored text waiting for review beside an update's approved one: what approving it
    would change, and for reviewers the decision (plans.services.update_proposal_review)."""
    # A proposal is never public: to everyone outside the council it does not exist.
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    action = action_get_readable(
        user=request.user, organisation=organisation, plan_slug=plan_slug, pk=action_pk
    )
    history = reverse("action-history", args=[organisation.slug, plan_slug, action.pk])
    proposals = action_proposals(organisation=organisation, action=action)
    proposal = next((p for p in proposals if p.update.pk == update_pk), None)
    update = proposal.update if proposal else update_get_of_action(action=action, pk=update_pk)
    if update is None:
        raise Http404("No such update")
    may_approve = can_approve_proposal(request.user, update)
    may_reject = can_reject_proposal(request.user, update)
    form = ProposalReviewForm(initial={"revision": update.revision})
    if request.method == "POST":
        if not (may_approve or may_reject) or not request.user.is_authenticated:
            raise PermissionDenied("You cannot decide on this restored text.")
        if proposal is None:
            messages.error(request, "No restored text is waiting for review on that update.")
            return redirect(history)
        form = ProposalReviewForm(request.POST)
        if form.is_valid():
            try:
                update_proposal_review(
                    update=update,
                    user=request.user,
                    decision=form.cleaned_data["decision"],
                    comment=form.cleaned_data["comment"],
                    based_on=form.cleaned_data["revision"],
                )
            except ProposalError as e:
                form.add_error(None, sentence(str(e)))
            else:
                messages.success(
                    request,
                    "Approved: the restored text is the published one now."
                    if form.cleaned_data["decision"] == "approve"
                    else "Rejected: the published text stays as it was.",
                )
                return redirect(history)
    elif proposal is None:
        return redirect(history)  # decided already: the history says how
    return render(
        request,
        "plans/update_proposal.html",
        organisation_context(
            organisation,
            action=action,
            plan_slug=plan_slug,
            proposal=proposal,
            form=form,
            may_approve=may_approve,
            may_reject=may_reject,
        ),
    )
