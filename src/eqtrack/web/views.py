"""Thin views: each asks a selector for what the page shows and renders it."""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from eqtrack.accounts.keeping import signed_in
from eqtrack.accounts.permissions import (
    can_administer,
    can_read_unpublished,
    readable_organisation_ids,
)
from eqtrack.accounts.selectors import organisations_administered, organisations_member_of
from eqtrack.core.context import organisation_context
from eqtrack.organisations.selectors import organisation_get
from eqtrack.plans.caching import cached_for_visitors
from eqtrack.plans.selectors import PLAN_PAGE_ACTIONS, plan_list, plan_with_contents


def home(request: HttpRequest) -> HttpResponse:
    """Every published plan, and the unpublished ones of the organisations the reader is in."""
    members_of = readable_organisation_ids(request.user)
    plans = plan_list(
        organisation=None, published_only=members_of is not None, unpublished_of=members_of
    )
    return render(
        request,
        "web/home.html",
        {
            "plans": plans,
            "administered": organisations_administered(user=request.user),
            "member_of": organisations_member_of(user=request.user),
        },
    )


def organisation_home(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """A council's front page: its plans, community directory, diversity calendar and
    published assessments for everyone; for its people, the work waiting for them."""
    from eqtrack.accounts.permissions import (
        can_administer,
        can_edit_any_action,
        can_review,
        can_sign_off,
    )
    from eqtrack.assessments.models import Assessment
    from eqtrack.assessments.selectors import assessments_waiting
    from eqtrack.rounds.selectors import rounds_open

    organisation = organisation_get(slug=organisation_slug)
    if organisation is None:
        raise Http404("No such organisation")
    member = can_read_unpublished(request.user, organisation.pk)
    may_review = can_review(request.user, organisation.pk)
    return render(
        request,
        "web/organisation.html",
        organisation_context(
            organisation,
            plans=plan_list(organisation=organisation, published_only=not member),
            member=member,
            rounds=rounds_open(organisation=organisation) if member else [],
            may_update=can_edit_any_action(request.user, organisation.pk),
            may_review=may_review,
            may_administer=can_administer(request.user, organisation.pk),
            to_review=assessments_waiting(
                organisation=organisation, state=Assessment.State.SUBMITTED
            )
            if may_review
            else [],
            to_sign_off=assessments_waiting(
                organisation=organisation, state=Assessment.State.REVIEWED
            )
            if can_sign_off(request.user, organisation.pk)
            else [],
        ),
    )


def _readable_plan(
    request: HttpRequest, organisation_slug: str, plan_slug: str, *, with_assessments: bool = False
):
    """The organisation and the plan with its contents, as this person may read them: visitors
    get published plans and approved updates only, officers everything. 404 otherwise."""
    organisation = organisation_get(slug=organisation_slug)
    officer = organisation is not None and can_read_unpublished(request.user, organisation.pk)
    plan = (
        plan_with_contents(
            organisation=organisation,
            slug=plan_slug,
            published_only=not officer,
            approved_only=not officer,
            with_assessments=with_assessments,
        )
        if organisation
        else None
    )
    if plan is None:
        raise Http404("No such plan")
    return organisation, plan


def _readable_organisation(request: HttpRequest, organisation_slug: str, plan_slug: str):
    """The organisation, if this person may read that plan of it (without loading the plan)."""
    organisation = organisation_get(slug=organisation_slug)
    if organisation is None or not (
        plan_list(
            organisation=organisation,
            published_only=not can_read_unpublished(request.user, organisation.pk),
        )
        .filter(slug=plan_slug)
        .exists()
    ):
        raise Http404("No such plan")
    return organisation


@cached_for_visitors
def plan_detail(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """The plan, fifty actions a page (a council's plan usually fits on one), each with every
    period's progress."""
    from django.core.paginator import Paginator

    from eqtrack.notifications.selectors import follows_of
    from eqtrack.reports.selectors import report_period

    organisation, plan = _readable_plan(
        request, organisation_slug, plan_slug, with_assessments=True
    )
    _, followed_themes = follows_of(organisation=organisation, user=request.user)
    everything = [
        (counter, theme, action)
        for counter, theme in enumerate(plan.live_themes, start=1)
        for action in theme.live_actions
    ]
    paginator = Paginator(everything, PLAN_PAGE_ACTIONS)
    page = paginator.get_page(request.GET.get("page"))
    sections: list[dict] = []
    for counter, theme, action in page.object_list:
        if not sections or sections[-1]["counter"] != counter:
            sections.append({"counter": counter, "theme": theme, "actions": []})
        sections[-1]["actions"].append(action)
    first_page: dict[int, int] = {}
    for index, (counter, _, _) in enumerate(everything):
        first_page.setdefault(counter, index // PLAN_PAGE_ACTIONS + 1)
    contents = [
        {
            "counter": counter,
            "theme": theme,
            "page": first_page.get(counter, 1),
        }
        for counter, theme in enumerate(plan.live_themes, start=1)
    ]
    return render(
        request,
        "plans/plan_detail.html",
        organisation_context(
            organisation,
            plan=plan,
            followed_themes=followed_themes,
            sections=sections,
            contents=contents,
            page=page,
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
    from django.contrib import messages
    from django.shortcuts import redirect

    from eqtrack.plans.selectors import plan_get
    from eqtrack.plans.services import plan_publish

    organisation = organisation_get(slug=organisation_slug)
    if organisation is None or not can_read_unpublished(request.user, organisation.pk):
        raise Http404("No such plan")
    plan = plan_get(organisation=organisation, slug=plan_slug)
    if plan is None:
        raise Http404("No such plan")
    wanted = request.POST.get("published") == "1"
    plan_publish(plan=plan, published=wanted, user=request.user)
    messages.success(
        request,
        "The plan is published: anyone can read it, with its approved updates."
        if wanted
        else "The plan is no longer published: only the council's people can read it.",
    )
    return redirect("plan-detail", organisation.slug, plan.slug)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the app answers and its database does, no session."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain")


def plan_download(
    request: HttpRequest, organisation_slug: str, plan_slug: str, format: str
) -> HttpResponse:
    """The plan's latest report in any format, or the plan itself as plan-format JSON; for
    whoever may read the plan (anyone, once it is published)."""
    import json

    from eqtrack.plans.selectors import plan_document
    from eqtrack.reports.selectors import (
        glossary_for,
        report_period,
        report_render,
        word_template_for,
    )
    from eqtrack.reports.writers import WRITERS

    organisation = _readable_organisation(request, organisation_slug, plan_slug)
    if format != "json" and format not in WRITERS:
        raise Http404("No such format")
    # Reports and open data are built from approved updates only.
    document = plan_document(organisation=organisation, slug=plan_slug, approved_only=True)
    if document is None:  # archived since it was found readable
        raise Http404("No such plan")
    if format == "json":
        body = json.dumps(document, ensure_ascii=False, indent=2).encode()
        content_type, name = "application/json", f"{plan_slug}.json"
    else:
        period = report_period(organisation=organisation, plan_slug=plan_slug)
        if period is None and format in ("pdf", "docx", "html"):
            raise Http404("The plan has no approved report yet")
        body = report_render(
            document=document,
            period=period,
            format=format,
            glossary=glossary_for(organisation=organisation),
            word_template=word_template_for(organisation=organisation),
        )
        content_type = WRITERS[format].content_type
        name = f"{plan_slug}-{period or 'plan'}.{format}".replace("/", "-").replace(" ", "-")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@cached_for_visitors
def plan_search(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """Search a plan's actions and every period's progress, with filters; a GET form, so it
    works without JavaScript and results can be bookmarked."""
    from eqtrack.plans.models import StatusCategory
    from eqtrack.plans.search import search_actions
    from eqtrack.plans.selectors import plan_outline, plan_tags, plan_teams

    organisation = _readable_organisation(request, organisation_slug, plan_slug)
    # The page needs the plan's shape (themes and periods for its filters), not its contents.
    plan = plan_outline(organisation=organisation, slug=plan_slug)
    if plan is None:  # archived since it was found readable
        raise Http404("No such plan")
    published_only = not can_read_unpublished(request.user, organisation.pk)
    query = request.GET.get("q", "").strip()[:200]
    filters = {
        "theme": request.GET.get("theme", ""),
        "status": request.GET.get("status", ""),
        "period": request.GET.get("period", ""),
        "team": request.GET.get("team", ""),
        "tag": request.GET.get("tag", "")[:100],
    }
    theme_id = int(filters["theme"]) if filters["theme"].isdigit() else None
    team_id = int(filters["team"]) if filters["team"].isdigit() else None
    hits = None
    if query or any(filters.values()):
        hits = search_actions(
            organisation=organisation,
            query=query,
            plan_slug=plan.slug,
            theme_id=theme_id,
            status=filters["status"] if filters["status"] in StatusCategory.values else None,
            period=filters["period"] or None,
            team_id=team_id,
            tag=filters["tag"] or None,
            published_only=published_only,
        )
    return render(
        request,
        "plans/plan_search.html",
        organisation_context(
            organisation,
            plan=plan,
            query=query,
            filters=filters,
            hits=hits,
            statuses=StatusCategory.choices,
            teams=plan_teams(plan=plan),
            tags=plan_tags(plan=plan),
        ),
    )


@cached_for_visitors
def plan_dashboard(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """The plan at a glance: actions by status per theme and per team, actions with no update
    in the latest period, overdue actions, and every indicator's trend."""
    import datetime as dt

    from django.utils.safestring import mark_safe

    from eqtrack.assessments.selectors import reviews_due
    from eqtrack.plans.selectors import action_trends, plan_document
    from eqtrack.reports.chart import summary_chart_svg
    from eqtrack.reports.data import report_data
    from eqtrack.reports.selectors import report_period
    from eqtrack.rounds.selectors import round_open_for, round_outstanding, round_progress

    organisation, plan = _readable_plan(request, organisation_slug, plan_slug)
    # Reports and open data are built from approved updates only.
    document = plan_document(organisation=organisation, slug=plan_slug, approved_only=True)
    if document is None:  # archived since it was loaded above
        raise Http404("No such plan")
    # Of the same period as the public report: a round still open is shown apart, below.
    period = report_period(organisation=organisation, plan_slug=plan_slug)
    data = (
        report_data(document=document, period=period, glossary={}) if document["periods"] else None
    )
    actions = [a for theme in plan.live_themes for a in theme.live_actions]
    teams: dict[str, dict[str, int]] = {}
    if data:
        category_of = {row.ref: row.category for row in data.rows}
        for action in actions:
            counts = teams.setdefault(action.team.name if action.team else "No team yet", {})
            category = category_of.get(action.ref, "no_status")
            counts[category] = counts.get(category, 0) + 1
    trends = [(action, trend) for action in actions for trend in action_trends(action)]
    # The open round's progress is for the organisation's people, not the public page.
    member = can_read_unpublished(request.user, organisation.pk)
    round = round_open_for(plan=plan) if member else None
    reviews = reviews_due(organisation=organisation, today=dt.date.today()) if member else []
    return render(
        request,
        "plans/plan_dashboard.html",
        organisation_context(
            organisation,
            plan=plan,
            data=data,
            # Every text in the chart is escaped as it is built.
            chart=mark_safe(summary_chart_svg(data)) if data else "",  # noqa: S308
            teams=[
                (name, [counts.get(c, 0) for c, _ in data.categories], sum(counts.values()))
                for name, counts in sorted(teams.items())
            ]
            if data
            else [],
            trends=trends,
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
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils import timezone

    from eqtrack.accounts.permissions import can_edit_action
    from eqtrack.notifications.selectors import follows_of
    from eqtrack.plans.history import action_history, action_proposals
    from eqtrack.plans.models import Action
    from eqtrack.plans.services import version_restore

    organisation = _readable_organisation(request, organisation_slug, plan_slug)
    member = can_read_unpublished(request.user, organisation.pk)
    # The action of the live plan with that slug (the one just checked as readable), not of
    # an archived plan that had the slug before; an archived action (or one held until its
    # assessment is signed off) is the council's people's to read only.
    actions = Action.objects.filter(
        organisation=organisation, plan__slug=plan_slug, plan__archived_at__isnull=True
    )
    if not member:
        actions = actions.live()
    action = actions.filter(pk=action_pk).first()
    if action is None:
        raise Http404("No such action")
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
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.urls import reverse

    from eqtrack.accounts.permissions import can_approve_proposal, can_reject_proposal
    from eqtrack.plans.forms import ProposalReviewForm
    from eqtrack.plans.history import action_proposals
    from eqtrack.plans.models import Action
    from eqtrack.plans.services import ProposalError, update_proposal_review
    from eqtrack.rounds.forms import sentence

    organisation = _readable_organisation(request, organisation_slug, plan_slug)
    # A proposal is never public: to everyone outside the council it does not exist.
    if not can_read_unpublished(request.user, organisation.pk):
        raise Http404("No such update")
    action = Action.objects.filter(
        organisation=organisation,
        plan__slug=plan_slug,
        plan__archived_at__isnull=True,
        pk=action_pk,
    ).first()
    if action is None:
        raise Http404("No such action")
    history = reverse("action-history", args=[organisation.slug, plan_slug, action.pk])
    proposals = action_proposals(organisation=organisation, action=action)
    proposal = next((p for p in proposals if p.update.pk == update_pk), None)
    update = proposal.update if proposal else action.updates.live().filter(pk=update_pk).first()
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
