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


def plan_detail(request: HttpRequest, organisation_slug: str, plan_slug: str) -> HttpResponse:
    organisation = organisation_get(slug=organisation_slug)
    plan = (
        plan_with_contents(
            organisation=organisation,
            slug=plan_slug,
            published_only=not user_can_read_unpublished(request.user),
        )
        if organisation
        else None
    )
    if plan is None:
        raise Http404("No such plan")
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
