"""Thin views: each asks a selector for what the page shows and renders it."""

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from eqtrack.organisations.selectors import organisation_get
from eqtrack.plans.selectors import plan_list, plan_with_contents, user_can_read_unpublished


def home(request: HttpRequest) -> HttpResponse:
    plans = plan_list(organisation=None, published_only=not user_can_read_unpublished(request.user))
    return render(request, "web/home.html", {"plans": plans})


def _readable_plan(request: HttpRequest, organisation_slug: str, plan_slug: str):
    """The organisation and the plan with its contents, as this person may read them: visitors
    get published plans and approved updates only, officers everything. 404 otherwise."""
    organisation = organisation_get(slug=organisation_slug)
    officer = user_can_read_unpublished(request.user)
    plan = (
        plan_with_contents(
            organisation=organisation,
            slug=plan_slug,
            published_only=not officer,
            approved_only=not officer,
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
    published_only = not user_can_read_unpublished(request.user)
    if organisation is None or not (
        plan_list(organisation=organisation, published_only=published_only)
        .filter(slug=plan_slug)
        .exists()
    ):
        raise Http404("No such plan")
    return organisation


def plan_detail(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    organisation, plan = _readable_plan(request, organisation_slug, plan_slug)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "organisation_name": organisation.name,
            # Consultation evidence is for officers: its pages need signing in.
            "show_evidence": user_can_read_unpublished(request.user),
        },
    )


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
    from eqtrack.reports.selectors import glossary_for, report_render, word_template_for
    from eqtrack.reports.writers import WRITERS

    organisation = _readable_organisation(request, organisation_slug, plan_slug)
    if format != "json" and format not in WRITERS:
        raise Http404("No such format")
    # Reports and open data are built from approved updates only.
    document = plan_document(organisation=organisation, slug=plan_slug, approved_only=True)
    if format == "json":
        body = json.dumps(document, ensure_ascii=False, indent=2).encode()
        content_type, name = "application/json", f"{plan_slug}.json"
    else:
        body = report_render(
            document=document,
            period=None,
            format=format,
            glossary=glossary_for(organisation=organisation),
            word_template=word_template_for(organisation=organisation),
        )
        content_type = WRITERS[format].content_type
        period = document["periods"][-1] if document["periods"] else "plan"
        name = f"{plan_slug}-{period}.{format}".replace("/", "-").replace(" ", "-")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def plan_search(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """Search a plan's actions and every period's progress, with filters; a GET form, so it
    works without JavaScript and results can be bookmarked."""
    from eqtrack.plans.models import StatusCategory
    from eqtrack.plans.search import search_actions

    organisation, plan = _readable_plan(request, organisation_slug, plan_slug)
    published_only = not user_can_read_unpublished(request.user)
    query = request.GET.get("q", "").strip()[:200]
    filters = {
        "theme": request.GET.get("theme", ""),
        "status": request.GET.get("status", ""),
        "period": request.GET.get("period", ""),
    }
    theme_id = int(filters["theme"]) if filters["theme"].isdigit() else None
    hits = None
    if query or any(filters.values()):
        hits = search_actions(
            organisation=organisation,
            query=query,
            plan_slug=plan.slug,
            theme_id=theme_id,
            status=filters["status"] if filters["status"] in StatusCategory.values else None,
            period=filters["period"] or None,
            published_only=published_only,
        )
    return render(
        request,
        "plans/plan_search.html",
        {
            "plan": plan,
            "organisation_name": organisation.name,
            "query": query,
            "filters": filters,
            "hits": hits,
            "statuses": StatusCategory.choices,
        },
    )


def plan_dashboard(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    """The plan at a glance: actions by status per theme and per team, actions with no update
    in the latest period, overdue actions, and every indicator's trend."""
    from django.utils.safestring import mark_safe

    from eqtrack.plans.selectors import action_trends, plan_document
    from eqtrack.reports.chart import summary_chart_svg
    from eqtrack.reports.data import report_data

    organisation, plan = _readable_plan(request, organisation_slug, plan_slug)
    # Reports and open data are built from approved updates only.
    document = plan_document(organisation=organisation, slug=plan_slug, approved_only=True)
    data = report_data(document=document, period=None, glossary={}) if document["periods"] else None
    actions = [a for theme in plan.live_themes for a in theme.live_actions]
    teams: dict[str, dict[str, int]] = {}
    if data:
        category_of = {row.ref: row.category for row in data.rows}
        for action in actions:
            counts = teams.setdefault(action.team.name if action.team else "No team yet", {})
            category = category_of.get(action.ref, "no_status")
            counts[category] = counts.get(category, 0) + 1
    trends = [(action, trend) for action in actions for trend in action_trends(action)]
    return render(
        request,
        "plans/plan_dashboard.html",
        {
            "plan": plan,
            "organisation_name": organisation.name,
            "data": data,
            # Every text in the chart is escaped as it is built.
            "chart": mark_safe(summary_chart_svg(data)) if data else "",  # noqa: S308
            "teams": [
                (name, [counts.get(c, 0) for c, _ in data.categories], sum(counts.values()))
                for name, counts in sorted(teams.items())
            ]
            if data
            else [],
            "trends": trends,
        },
    )


def action_history_page(
    request: HttpRequest, organisation_slug: str, plan_slug: str, action_pk: int
) -> HttpResponse:
    """An action's versions with their differences; those who may edit it can restore one."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from eqtrack.accounts.permissions import can_edit_action
    from eqtrack.plans.history import action_history
    from eqtrack.plans.models import Action
    from eqtrack.plans.services import version_restore

    organisation = _readable_organisation(request, organisation_slug, plan_slug)
    action = Action.objects.filter(
        organisation=organisation, plan__slug=plan_slug, pk=action_pk
    ).first()
    if action is None:
        raise Http404("No such action")
    may_restore = can_edit_action(request.user, action)
    versions = action_history(organisation=organisation, action=action)
    if request.method == "POST":
        if not may_restore:
            return HttpResponse("You cannot change this action.", status=403)
        wanted = request.POST.get("version", "")
        version = next((v for v in versions if f"{v.kind}:{v.history_id}" == wanted), None)
        if version is None:
            raise Http404("No such version")
        version_restore(
            organisation=organisation,
            obj=version.record,
            history_id=version.history_id,
            user=request.user,
        )
        messages.success(
            request, "Restored. The version before the restore is kept in the history too."
        )
        return redirect(request.path)
    return render(
        request,
        "plans/action_history.html",
        {
            "action": action,
            "plan_slug": plan_slug,
            "organisation_name": organisation.name,
            "versions": versions,
            "may_restore": may_restore,
        },
    )
