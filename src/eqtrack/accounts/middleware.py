"""Sessions that end after a spell of inactivity, without writing the session on every request:
a signed-in person's session is saved again only when its last save is a minute old."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

TOUCHED = "_eqtrack_touched"
EVERY_SECONDS = 60


class IdleSessionMiddleware:
    """With SESSION_SAVE_EVERY_REQUEST off, Django would end a session a fixed time after it
    was last changed. Re-saving it at most once a minute keeps the idle timeout (to within a
    minute) at a fraction of the database writes, which matter under load on SQLite."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(TOUCHED, 0) >= EVERY_SECONDS:
                session[TOUCHED] = now  # marks it modified, so it is saved with a new expiry
        return response
