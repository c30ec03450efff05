"""Whole public pages cached for visitors, one mechanism for every app: an app names what its
pages are made from (a version that changes with every change to it) and the query parameters
they read; each worker keeps the HTML it made under that version, so nothing stale is served
and nothing needs clearing. Signed-in people always get a fresh page."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def request_key(request: HttpRequest, *, parameters: Collection[str]) -> str:
    """The path and the parameters the page reads, in a fixed order, as a short digest (cache
    keys must be short and free of spaces whatever people type into search). Any other
    parameter is left out, so made-up parameters cannot fill the cache with copies of a page."""
    kept = sorted((k, v[:200]) for k, v in request.GET.items() if k in parameters)
    text = request.path + "?" + "&".join(f"{k}={v}" for k, v in kept)
    return hashlib.sha256(text.encode()).hexdigest()


def cached_response(
    request: HttpRequest,
    *,
    version_key: Callable[[], str | None],
    page_key: Callable[[HttpRequest], str],
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


def cached_for_visitors(
    *, version: Callable[..., str | None], page_key: Callable[[HttpRequest], str]
) -> Callable[[View], View]:
    """A view decorator: the view's answer cached for visitors under `version(...)`, which is
    given the view's URL arguments and names what the page is made from (None: do not cache),
    and `page_key(request)`, which names the page."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return cached_response(
                request,
                version_key=lambda: version(*args, **kwargs),
                page_key=page_key,
                render=lambda: view(request, *args, **kwargs),
            )

        return wrapper

    return decorate


def version_bump_on_change(
    *, senders: Iterable[type[Model] | str], bump: Callable[[Any], None], uid: str
) -> None:
    """Call `bump(instance)` after every save or delete of these models (a model, or its
    "app_label.Model" label so the app need not import another's models), so the version the
    cached pages are kept under changes with them. Not when loaddata restores rows (raw):
    they arrive with their own versions, and nothing was edited."""

    def changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if not raw:
            bump(instance)

    for sender in senders:
        name = sender if isinstance(sender, str) else sender._meta.label
        for signal in (post_save, post_delete):
            # Held strongly: the receiver is made here and nothing else refers to it.
            signal.connect(changed, sender=sender, weak=False, dispatch_uid=f"{uid}:{name}")
