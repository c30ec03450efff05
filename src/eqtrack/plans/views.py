"""The plan pages (the plan, its search, dashboard, downloads and an action's history),
publishing a plan, and its administrators' pages for editing it: thin views, each asks a
selector for what the page shows and a service to make a change."""

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import (
    can_administer,
    can_approve_proposal,
    can_check_measures,
    can_edit_action,
    can_read_tenders,
    can_read_unpublished,
    can_reject_proposal,
    measure_checker_teams,
)
from eqtrack.accounts.selectors import organisation_get_for_member, team_list
from eqtrack.assessments.selectors import reviews_due
from eqtrack.core.context import organisation_context
from eqtrack.core.forms import add_service_error, sentence
from eqtrack.duty.calendar import STATUTORY, duty_warnings
from eqtrack.notifications.selectors import follows_of
from eqtrack.procurement.selectors.delivery import actions_social_value, delivery_flags
from eqtrack.reports.data import ReportError
from eqtrack.reports.selectors import (
    PeriodRefused,
    committee_summary_for,
    dashboard_figures,
    report_period,
)
from eqtrack.reports.services import PlanNotFound, report_for_plan
from eqtrack.reports.writers import SUMMARY_WRITERS, WRITERS
from eqtrack.rounds.selectors import round_open_for, round_outstanding, round_progress

from . import search
from .caching import cached_for_visitors
from .forms import (
    ActionForm,
    IntroductionForm,
    MeasureForm,
    ProposalReviewForm,
    ReasonForm,
    ThemeForm,
    paragraphs_split,
    tags_split,
)
from .history import action_history, action_proposals
from .models import Action, Measure, Plan, StatusCategory, Theme
from .search import SearchFilters
from .selectors import (
    action_get_of_plan,
    action_get_readable,
    measure_get_of_plan,
    measures_for_checking,
    measures_to_check_count,
    plan_document,
    plan_for_editing,
    plan_get_for_member,
    plan_get_readable,
    plan_leads,
    plan_leads_without_team,
    plan_organisation_readable,
    plan_outline,
    plan_page,
    plan_tags,
    plan_teams,
    theme_get_of_plan,
    update_get_of_action,
)
from .services import (
    TEAMS_ASSIGNED,
    MeasureError,
    PlanEditError,
    ProposalError,
    action_add,
    action_archive,
    action_change,
    measure_confirm,
    measure_reject,
    measure_rename,
    plan_introduction_change,
    plan_publish,
    teams_assign,
    theme_add,
    theme_archive,
    theme_change,
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
    administrator = can_administer(request.user, organisation.pk)
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
            may_publish=administrator,
            # After an import, the administrators' cue to give the actions their teams.
            leads_without_team=plan_leads_without_team(plan=plan) if administrator else 0,
            # Consultation evidence is for officers: its pages need signing in.
            show_evidence=can_read_unpublished(request.user, organisation.pk),
            # Indicators read from the progress wait for their owners or reviewers to check.
            measures_to_check=measures_to_check_count(
                organisation=organisation, user=request.user
            ).get(plan.pk, 0),
            # What contracts' suppliers committed to and delivered for each action shown.
            social_value=actions_social_value(
                organisation=organisation,
                action_ids=[a.pk for section in shown.sections for a in section["actions"]],
                today=timezone.localdate(),
            ),
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
        # Open data is built from approved updates only, as reports are, and of periods the
        # public may see (none whose round is still open).
        document = plan_document(
            organisation=organisation, slug=plan_slug, approved_only=True, closed_rounds_only=True
        )
        if document is None:  # archived since it was found readable
            raise Http404("No such plan")
        body = json.dumps(document, ensure_ascii=False, indent=2).encode()
        content_type, name = "application/json", f"{plan_slug}.json"
    else:
        period = report_period(organisation=organisation, plan_slug=plan_slug)
        if period is None and file_format in ("pdf", "docx", "html"):
            raise Http404("The plan has no approved report yet")
        # ?compare=2021 adds the year on year comparison (statuses and confirmed indicators),
        # as the report command's --compare does.
        compare = request.GET.get("compare", "").strip() or None
        try:
            body = report_for_plan(
                organisation=organisation,
                plan_slug=plan_slug,
                period=period,
                format=file_format,
                compare=compare,
                closed_rounds_only=True,
            )
        except PlanNotFound:  # archived since it was found readable
            raise Http404("No such plan") from None
        except ReportError as e:
            return HttpResponse(
                f"{sentence(str(e).removeprefix('--'))}\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
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
    member = can_read_unpublished(request.user, organisation.pk)
    # The page needs the plan's shape (themes and periods for its filters), not its contents;
    # a visitor is not offered a period whose round is still open.
    plan = plan_outline(organisation=organisation, slug=plan_slug, closed_rounds_only=not member)
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
                published_only=not member,
            ),
            statuses=StatusCategory.choices,
            teams=plan_teams(plan=plan),
            tags=plan_tags(plan=plan),
        ),
    )


@cached_for_visitors
def plan_dashboard(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """The plan at a glance for a period the public may see (a GET form chooses it; the latest
    by default): each status's count and its change since the previous period, the actions
    that need attention, status changes, actions by status per theme and per team, and every
    indicator's trend."""
    organisation, plan = plan_get_readable(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    asked = request.GET.get("period", "").strip() or None
    period_error = None
    try:
        figures = dashboard_figures(organisation=organisation, plan=plan, period=asked)
    except PeriodRefused as e:
        period_error = sentence(str(e))
        figures = dashboard_figures(organisation=organisation, plan=plan)
    if figures is None:  # archived since it was loaded above
        raise Http404("No such plan")
    # The open round's progress is for the organisation's people, not the public page.
    member = can_read_unpublished(request.user, organisation.pk)
    round = round_open_for(plan=plan) if member else None
    reviews = reviews_due(organisation=organisation, today=timezone.localdate()) if member else []
    # The statutory duties overdue, in red (policy reviews are listed below with their own tag).
    duty_overdue = (
        [
            item
            for item in duty_warnings(organisation=organisation, today=timezone.localdate())
            if item.state == "overdue" and item.kind in STATUTORY
        ]
        if member
        else []
    )
    return render(
        request,
        "plans/plan_dashboard.html",
        organisation_context(
            organisation,
            plan=plan,
            data=figures.data,
            summary=figures.summary,
            periods=figures.periods,
            period_error=period_error,
            # Every text in the charts is escaped as it is built.
            chart=mark_safe(figures.chart),  # noqa: S308
            change_chart=mark_safe(figures.change_chart),  # noqa: S308
            teams=figures.teams,
            trends=figures.trends,
            round=round,
            reviews_due=reviews,
            duty_overdue=duty_overdue,
            today=timezone.localdate(),
            round_progress=round_progress(round=round) if round else None,
            round_outstanding=round_outstanding(round=round) if round else [],
            # Contract KPIs missed, behind or with a return overdue: they name suppliers, so
            # for those who may read tenders (procurement.selectors.delivery).
            delivery_flags=delivery_flags(organisation=organisation, today=timezone.localdate())
            if can_read_tenders(request.user, organisation.pk)
            else [],
        ),
    )


def committee_summary_download(
    request: HttpRequest, organisation_slug: str, plan_slug: str, file_format: str
) -> HttpResponse:
    """The dashboard's period as a one-page committee summary (PDF or Word), for whoever may
    read the plan."""
    organisation = plan_organisation_readable(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    if file_format not in SUMMARY_WRITERS:
        raise Http404("No such format")
    try:
        summary = committee_summary_for(
            organisation=organisation,
            plan_slug=plan_slug,
            period=request.GET.get("period", "").strip() or None,
        )
    except ReportError as e:  # no such period, or archived since it was found readable
        raise Http404(str(e)) from None
    writer = SUMMARY_WRITERS[file_format]
    name = f"{plan_slug}-committee-summary-{summary.period}.{file_format}"
    response = HttpResponse(writer.write(summary), content_type=writer.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{name.replace("/", "-").replace(" ", "-")}"'
    )
    return response


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


# Editing the plan: for the council's administrators (the services check it too).


def _plan_administered(request: HttpRequest, organisation_slug: str, plan_slug: str) -> Plan:
    plan = plan_get_for_member(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    if not can_administer(request.user, plan.organisation_id):
        raise PermissionDenied("Only an administrator of the council edits its plan.")
    return plan


def _back_to_edit(plan: Plan, anchor: str = "") -> HttpResponse:
    url = reverse("plan-edit", args=[plan.organisation.slug, plan.slug])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _edit_page(request: HttpRequest, template: str, plan: Plan, **context: object) -> HttpResponse:
    return render(
        request, f"plans/{template}", organisation_context(plan.organisation, plan=plan, **context)
    )


@signed_in
def plan_edit(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """The plan's themes and actions, each with links to change or archive it, and what is
    archived, to restore."""
    plan = _plan_administered(request, organisation_slug, plan_slug)
    return _edit_page(request, "plan_edit.html", plan, editing=plan_for_editing(plan=plan))


@signed_in
def plan_introduction_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str
) -> HttpResponse:
    """Change the plan's introduction, shown on its page above the themes."""
    plan = _plan_administered(request, organisation_slug, plan_slug)
    form = IntroductionForm(
        form_data(request), initial={"introduction": "\n\n".join(plan.introduction)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = plan_introduction_change(
                plan=plan,
                introduction=paragraphs_split(form.cleaned_data["introduction"]),
                user=signed_in_user(request),
                reason=form.cleaned_data["reason"],
            )
        except PlanEditError as e:
            add_service_error(form, e)
        else:
            messages.success(
                request,
                "Introduction changed." if changed.introduction else "Introduction removed.",
            )
            return _back_to_edit(plan, "introduction")
    return _edit_page(request, "introduction_form.html", plan, form=form)


@signed_in
def theme_add_page(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    plan = _plan_administered(request, organisation_slug, plan_slug)
    form = ThemeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            theme = theme_add(
                plan=plan,
                title=form.cleaned_data["title"],
                objective=form.cleaned_data["objective"],
                user=signed_in_user(request),
                reason=form.cleaned_data["reason"],
            )
        except PlanEditError as e:
            add_service_error(form, e)
        else:
            messages.success(request, f"Theme “{theme.title}” added.")
            return _back_to_edit(plan, f"theme-{theme.pk}")
    return _edit_page(request, "theme_form.html", plan, form=form, theme=None)


@signed_in
def theme_edit_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str, theme_pk: int
) -> HttpResponse:
    plan = _plan_administered(request, organisation_slug, plan_slug)
    theme = theme_get_of_plan(plan=plan, pk=theme_pk)
    if theme.archived_at is not None:
        return redirect("theme-archive", plan.organisation.slug, plan.slug, theme.pk)
    live = list(plan.themes.live().order_by("position", "pk").values_list("pk", "title"))
    places = [
        (i, f"{i + 1}" + (" (first)" if i == 0 else " (last)" if i == len(live) - 1 else ""))
        for i in range(len(live))
    ]
    here = next(i for i, (pk, _) in enumerate(live) if pk == theme.pk)
    form = ThemeForm(
        form_data(request),
        places=places if len(live) > 1 else None,
        initial={"title": theme.title, "objective": theme.objective, "position": here},
    )
    if request.method == "POST" and form.is_valid():
        position = form.cleaned_data.get("position")
        try:
            theme_change(
                theme=theme,
                user=signed_in_user(request),
                reason=form.cleaned_data["reason"],
                title=form.cleaned_data["title"],
                objective=form.cleaned_data["objective"],
                position=None if position in (None, "", here) else position,
            )
        except PlanEditError as e:
            add_service_error(form, e)
        else:
            messages.success(request, "Theme changed.")
            return _back_to_edit(plan, f"theme-{theme.pk}")
    return _edit_page(request, "theme_form.html", plan, form=form, theme=theme)


def _archive_page(
    request: HttpRequest, plan: Plan, record: Theme | Action, kind: str
) -> HttpResponse:
    """Archive a theme or an action, or restore it if it is archived, with the reason."""
    archived = record.archived_at is not None
    form = ReasonForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        change = theme_archive if isinstance(record, Theme) else action_archive
        try:
            change(
                user=signed_in_user(request),
                reason=form.cleaned_data["reason"],
                archive=not archived,
                **{kind: record},  # type: ignore[arg-type]
            )
        except PlanEditError as e:
            add_service_error(form, e)
        else:
            messages.success(
                request,
                f"{kind.capitalize()} restored."
                if archived
                else f"{kind.capitalize()} archived: "
                "it is kept, with its history, in the list of archived ones to restore.",
            )
            return _back_to_edit(plan, f"{kind}-{record.pk}" if archived else "archived")
    return _edit_page(
        request, "archive_form.html", plan, form=form, record=record, kind=kind, archived=archived
    )


@signed_in
def theme_archive_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str, theme_pk: int
) -> HttpResponse:
    plan = _plan_administered(request, organisation_slug, plan_slug)
    return _archive_page(request, plan, theme_get_of_plan(plan=plan, pk=theme_pk), "theme")


def _action_form(request: HttpRequest, plan: Plan, action: Action | None) -> ActionForm:
    teams = list(team_list(organisation=plan.organisation).order_by("name"))
    choices = [(t.pk, t.name) for t in teams]
    # An action keeps a team no longer offered (archived) until it is given another.
    if action is not None and action.team is not None and action.team.pk not in dict(choices):
        choices.append((action.team.pk, action.team.name))
    themes = [(t.pk, t.title) for t in plan.themes.live().order_by("position", "pk")]
    if action is None:
        initial: dict[str, object] = {"theme": request.GET.get("theme")}
    else:
        initial = {
            "text": action.text,
            "ref": action.ref,
            "theme": action.theme_id,
            "team": action.team_id,
            "lead": action.lead,
            "due": action.due,
            "tags": ", ".join(action.tags or []),
        }
    form = ActionForm(form_data(request), themes=themes, teams=choices, initial=initial)
    form.teams = {t.pk: t for t in teams}  # type: ignore[attr-defined]
    if action is not None and action.team is not None:
        form.teams.setdefault(action.team.pk, action.team)  # type: ignore[attr-defined]
    return form


def _action_fields(form: ActionForm, plan: Plan) -> dict[str, object]:
    data = form.cleaned_data
    return {
        "text": data["text"],
        "ref": data["ref"],
        "theme": theme_get_of_plan(plan=plan, pk=data["theme"]),
        "team": form.teams.get(data["team"]) if data["team"] else None,  # type: ignore[attr-defined]
        "lead": data["lead"],
        "due": data["due"],
        "tags": tags_split(data["tags"]),
    }


@signed_in
def action_add_page(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    plan = _plan_administered(request, organisation_slug, plan_slug)
    form = _action_form(request, plan, None)
    if request.method == "POST" and form.is_valid():
        try:
            action = action_add(
                plan=plan,
                user=signed_in_user(request),
                reason=form.cleaned_data["reason"],
                **_action_fields(form, plan),  # type: ignore[arg-type]
            )
        except PlanEditError as e:
            add_service_error(form, e)
        else:
            messages.success(request, f"Action {action.ref or ''} added.".replace("  ", " "))
            return _back_to_edit(plan, f"action-{action.pk}")
    return _edit_page(request, "action_form.html", plan, form=form, action=None)


@signed_in
def action_edit_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str, action_pk: int
) -> HttpResponse:
    plan = _plan_administered(request, organisation_slug, plan_slug)
    action = action_get_of_plan(plan=plan, pk=action_pk)
    if action.archived_at is not None:
        return redirect("action-archive", plan.organisation.slug, plan.slug, action.pk)
    form = _action_form(request, plan, action)
    if request.method == "POST" and form.is_valid():
        try:
            action_change(
                action=action,
                user=signed_in_user(request),
                reason=form.cleaned_data["reason"],
                **_action_fields(form, plan),
            )
        except PlanEditError as e:
            add_service_error(form, e)
        else:
            messages.success(request, "Action changed. The history of changes shows it.")
            return _back_to_edit(plan, f"action-{action.pk}")
    return _edit_page(request, "action_form.html", plan, form=form, action=action)


@signed_in
def action_archive_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str, action_pk: int
) -> HttpResponse:
    plan = _plan_administered(request, organisation_slug, plan_slug)
    return _archive_page(request, plan, action_get_of_plan(plan=plan, pk=action_pk), "action")


SCOPES = [
    ("unassigned", "Only actions that have no team yet"),
    ("all", "Every action with that lead, replacing the team it has"),
]


@signed_in
def plan_teams_page(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """Assign teams: each value of the plan's Lead column once, with a team for it, set on its
    actions in one go and remembered for the council's next import."""
    plan = _plan_administered(request, organisation_slug, plan_slug)
    leads = plan_leads(plan=plan)
    teams = {t.pk: t for t in team_list(organisation=plan.organisation).order_by("name")}
    data = form_data(request)
    # (the id of the field it is about, the message), for the error summary and the fields.
    errors: list[tuple[str, str]] = []
    scope = (data.get("scope") if data else None) or "unassigned"
    rows: list[dict[str, Any]] = []
    for i, lead in enumerate(leads):
        chosen = data.get(f"team_{i}", "") if data else str(lead.suggested_team_id or "")
        new = (data.get(f"new_{i}", "") if data else "").strip()
        rows.append({"i": i, "lead": lead, "chosen": chosen, "new": new, "error": ""})
    if request.method == "POST":
        choices: dict[str, object] = {}
        new_names: dict[str, str] = {}
        for row in rows:
            i, key = row["i"], request.POST.get(f"lead_{row['i']}", "")
            if key != row["lead"].key:
                continue  # the leads changed since the page was shown: that row is left
            if row["new"]:
                if len(row["new"]) > 200:
                    row["error"] = "Keep the new team's name to 200 characters or fewer"
                    errors.append((f"new_{i}", row["error"]))
                new_names[key] = row["new"]
            elif row["chosen"] == "none":
                choices[key] = None
            elif row["chosen"]:
                team = teams.get(int(row["chosen"])) if row["chosen"].isdigit() else None
                if team is None:
                    row["error"] = f"Choose one of the teams for {row['lead'].name}"
                    errors.append((f"team_{i}", row["error"]))
                choices[key] = team
        if scope not in dict(SCOPES):
            errors.append(("scope_0", "Choose which actions to give teams"))
        if not errors:
            try:
                changed = teams_assign(
                    plan=plan,
                    user=signed_in_user(request),
                    choices=choices,
                    new_names=new_names,
                    replace=scope == "all",
                )
            except PlanEditError as e:
                errors.append(("leads", sentence(str(e))))
            else:
                messages.success(
                    request,
                    f"Teams assigned: {changed} action{'s' if changed != 1 else ''} changed. "
                    "The answers are remembered for the next import.",
                )
                return redirect("plan-teams", plan.organisation.slug, plan.slug)
    return _edit_page(
        request,
        "plan_teams.html",
        plan,
        rows=rows,
        teams=list(teams.values()),
        scope=scope,
        scopes=SCOPES,
        scope_error=next((m for at, m in errors if at == "scope_0"), ""),
        errors=errors,
        reason=TEAMS_ASSIGNED,
    )


# Indicators read from the progress: suggestions until an action's owner or a reviewer checks
# them (the services check who may, too).


@signed_in
def plan_measures_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str
) -> HttpResponse:
    """The plan's indicators that this person may check: those still to check first, then the
    confirmed and rejected ones, to change their mind."""
    plan = plan_get_for_member(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    if measure_checker_teams(request.user, plan.organisation_id) == set():
        raise PermissionDenied("Only the actions' owners and reviewers check their indicators.")
    return _measures_page(request, plan, None)


@signed_in
def action_measures_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str, action_pk: int
) -> HttpResponse:
    """One action's indicators, whatever their state, for those who may check them."""
    plan = plan_get_for_member(
        user=request.user, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    action = action_get_of_plan(plan=plan, pk=action_pk)
    if not can_check_measures(request.user, action):
        raise PermissionDenied("Only the action's owners and reviewers check its indicators.")
    return _measures_page(request, plan, action)


def _measure_decision(form: MeasureForm, measure: Measure, request: HttpRequest) -> str:
    """Make the decision the form asks for; the message that says what it did."""
    user, label = signed_in_user(request), form.cleaned_data["label"]
    name = f"“{label or measure.label}”"
    if form.cleaned_data["decision"] == "confirm":
        measure_confirm(measure=measure, user=user, label=label)
        return f"Confirmed: {name} is shown on the plan's page and in its reports."
    if form.cleaned_data["decision"] == "rename":
        done = measure_rename(measure=measure, user=user, label=label)
        return f"Renamed: the indicator is called {name} now ({done.get_state_display().lower()})."
    measure_reject(measure=measure, user=user)
    return f"Rejected: {name} is shown nowhere. You can still confirm it below."


def _measure_about(measure: Measure) -> str:
    """Whose name field it is, for its label: the indicator's name and its action."""
    return f"“{measure.label}”, action {measure.action.ref or measure.action_id}"


def _measures_page(request: HttpRequest, plan: Plan, action: Action | None) -> HttpResponse:
    found = measures_for_checking(plan=plan, user=request.user, action=action)
    forms = {
        m.pk: MeasureForm(prefix=f"m{m.pk}", initial={"label": m.label}, about=_measure_about(m))
        for m in [*found.suggested, *found.confirmed, *found.rejected]
    }
    posted = None
    if request.method == "POST":
        measure = measure_get_of_plan(plan=plan, pk=request.POST.get("measure"))
        if action is not None and measure.action_id != action.pk:
            raise Http404("No such indicator of this action")
        posted = MeasureForm(request.POST, prefix=f"m{measure.pk}", about=_measure_about(measure))
        if posted.is_valid():
            try:
                done = _measure_decision(posted, measure, request)
            except MeasureError as e:
                add_service_error(posted, e)
            else:
                messages.success(request, done)
                return redirect(f"{request.path}#measure-{measure.pk}")
        forms[measure.pk] = posted
    for measures in (found.suggested, found.confirmed, found.rejected):
        for m in measures:
            m.form = forms[m.pk]  # type: ignore[attr-defined]
    return render(
        request,
        "plans/measures.html",
        organisation_context(
            plan.organisation,
            plan=plan,
            action=action,
            found=found,
            form=posted,  # for the error summary
        ),
    )
