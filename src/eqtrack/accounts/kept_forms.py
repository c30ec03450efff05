"""Nothing lost when a session ends: a form sent after it expired is kept in the new session,
and offered back, unsaved, once its writer has signed in again."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict

from eqtrack.core.types import User

KEPT = "eqtrack_kept_form"


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like login_required, but a form posted by someone whose session has ended is kept and
    put back (as `request.kept_form`) when they come back to the same page signed in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            if request.method == "POST":
                form = {
                    "path": request.path,
                    "data": {
                        k: request.POST.getlist(k)
                        for k in request.POST
                        if k != "csrfmiddlewaretoken"
                    },
                }
                limit = settings.EQTRACK_KEPT_FORM_MAX_BYTES
                # Measured as stored (JSON), so a visitor cannot fill the session table.
                if len(json.dumps(form).encode()) > limit:
                    messages.warning(
                        request,
                        "Your session ended, so nothing was saved, and what you wrote is "
                        f"too long to keep for you (more than {limit // 1024} kB). Sign in "
                        "again and send it again.",
                    )
                else:
                    request.session[KEPT] = form
                    messages.info(
                        request,
                        "Your session ended, so nothing was saved. Sign in again and what you "
                        "wrote will be put back for you to check and save.",
                    )
            return redirect_to_login(request.path)
        request.kept_form = None  # type: ignore[attr-defined]
        kept = request.session.get(KEPT)
        if request.method == "GET" and kept and kept.get("path") == request.path:
            del request.session[KEPT]
            data = QueryDict(mutable=True)
            for key, values in kept["data"].items():
                data.setlist(key, values)
            request.kept_form = data  # type: ignore[attr-defined]
            messages.info(
                request,
                "This is what you wrote before your session ended. It is not saved yet: "
                "check it and save it.",
            )
        return view(request, *args, **kwargs)

    return wrapper


def form_data(request: HttpRequest) -> QueryDict | None:
    """What a form is bound to: the post, else a form kept from an ended session, else nothing."""
    if request.method == "POST":
        return request.POST
    return getattr(request, "kept_form", None)


def signed_in_user(request: HttpRequest) -> User:
    """The person of a request that @signed_in let through, typed as signed in (services
    take a User, never a visitor); a visitor here is refused, not passed on."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied("Sign in first.")
    return user
