"""Sessions that end after exactly a spell of inactivity, and at the latest some hours after
signing in, without writing the session on every request: it is saved again only when its
last save is a minute old, and a signed cookie says when the browser was last seen."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse

TOUCHED = "_eqtrack_touched"  # when the session was last saved
SIGNED_IN = "_eqtrack_signed_in"  # when its person signed in
SEEN = "eqtrack_seen"  # cookie: when this browser last asked for a page in this session
EVERY_SECONDS = 60


class IdleSessionMiddleware:
    """With SESSION_SAVE_EVERY_REQUEST off, Django would end a session a fixed time after it
    was last changed. Re-saving it at most once a minute keeps it alive at a fraction of the
    database writes, which matter under load on SQLite; the database keeps it a minute longer
    than the idle time (SESSION_COOKIE_AGE), and this middleware ends it on the second, from
    the last request's time (in a cookie signed for this session, so it cannot be forged or
    moved to another session). It also ends a signed-in session EQTRACK_SESSION_MAX_HOURS
    after signing in, however busy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.time()
        session = getattr(request, "session", None)
        if session is not None and session.session_key and self._ended(request, session, now):
            # Before the view, and before AuthenticationMiddleware reads the session: the
            # request goes on as a visitor's (a form it sends is kept, see kept_forms.py).
            session.flush()
        response = self.get_response(request)
        if session is not None and not session.is_empty():
            # Signing out flushes the session, so each sign-in starts its lifetime afresh.
            if "_auth_user_id" in session and SIGNED_IN not in session:
                session[SIGNED_IN] = now
            if now - session.get(TOUCHED, 0) >= EVERY_SECONDS:
                session[TOUCHED] = now  # marks it modified, so it is saved with a new expiry
            if session.session_key:
                response.set_signed_cookie(
                    SEEN,
                    repr(now),
                    salt=_salt(session.session_key),
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite=settings.SESSION_COOKIE_SAMESITE,
                )
        return response

    @staticmethod
    def _ended(request: HttpRequest, session: SessionBase, now: float) -> bool:
        touched = session.get(TOUCHED)
        if touched is None:
            return False
        # No cookie signed for this session (or a forged one): its last save is its last request.
        raw = request.get_signed_cookie(SEEN, default=None, salt=_salt(str(session.session_key)))
        try:
            seen = float(raw) if raw else 0.0
        except ValueError:
            seen = 0.0
        idle = now - max(touched, seen)
        signed_in = session.get(SIGNED_IN, now)
        return (
            idle > settings.EQTRACK_SESSION_IDLE_SECONDS
            or now - signed_in > settings.EQTRACK_SESSION_MAX_SECONDS
        )


def _salt(session_key: str) -> str:
    # Signed for this session only: a cookie from another session (one's own, say) says
    # nothing about this one.
    return f"eqtrack.seen.{session_key}"
