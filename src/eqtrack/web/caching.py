"""Whole public pages cached for visitors: a published plan's page, dashboard and search are
the same for every visitor until the plan changes, so each worker keeps the HTML it made,
under the plan's content version. Signed-in people always get a fresh page."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from eqtrack.plans.models import Plan


def published_version(*, organisation_slug: str, plan_slug: str) -> tuple[int, int] | None:
    """The published plan's id and content version, in one small query; None if it is not
    a live published plan."""
    return (
        Plan.objects.live()
        .filter(organisation__slug=organisation_slug, slug=plan_slug, published=True)
        .values_list("pk", "content_version")
        .first()
    )


# The query parameters the cached pages read; any other is left out of the key, so made-up
# parameters cannot fill the cache with copies of one page.
PARAMETERS = (
    "page",
    "q",
    "theme",
    "status",
    "period",
    "team",
    "tag",
    "category",
    "serves",
    "postcode",
    "within",
    "search",
    "per_page",
    "taxonomy_term_id",
    "taxonomy_id",
    "minimum_age",
    "maximum_age",
    "day",
    "start_time",
    "end_time",
    "proximity",
    "year",
)


def page_key(request: HttpRequest) -> str:
    """The path and the parameters that matter, in a fixed order, as a short digest (cache
    keys must be short and free of spaces whatever people type into search)."""
    kept = sorted((k, v[:200]) for k, v in request.GET.items() if k in PARAMETERS)
    text = request.path + "?" + "&".join(f"{k}={v}" for k, v in kept)
    return hashlib.sha256(text.encode()).hexdigest()


def cached_response(
    request: HttpRequest,
    *,
    version_key: Callable[[], str | None],
    render: Callable[[], HttpResponse],
) -> HttpResponse:
    """`render()`'s answer, from the cache when the person is a visitor asking with GET and
    `version_key()` (which names what the answer was made from; None: do not cache) is
    unchanged; made afresh, and kept, otherwise. Signed-in people, and anyone with a message
    to see, get a fresh answer (and the version is not even looked up)."""
    if request.method != "GET" or request.user.is_authenticated or len(get_messages(request)) != 0:
        return render()
    version = version_key()
    if version is None:
        return render()
    key = f"{version}:{page_key(request)}"
    cached = cache.get(key)
    if cached is not None:
        content, status, headers = cached
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        return response
    response = render()
    if response.status_code in (200, 404) and not response.cookies:
        headers = {
            name: response[name]
            for name in ("Content-Type", "Access-Control-Allow-Origin")
            if response.has_header(name)
        }
        cache.set(key, (response.content, response.status_code, headers))
    return response


def cached_for_visitors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A published plan's page, cached for visitors until the plan changes (the view takes
    organisation_slug and plan_slug)."""

    @wraps(view)
    def wrapper(
        request: HttpRequest, organisation_slug: str, plan_slug: str, **kwargs: Any
    ) -> HttpResponse:
        def version_key() -> str | None:
            found = published_version(organisation_slug=organisation_slug, plan_slug=plan_slug)
            return f"page:{found[0]}:{found[1]}" if found else None

        return cached_response(
            request,
            version_key=version_key,
            render=lambda: view(request, organisation_slug, plan_slug, **kwargs),
        )

    return wrapper
