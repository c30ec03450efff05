"""Gunicorn's access log with the secrets of e-mailed links left out of every logged field."""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

# The secret part of a listing's change link and of its "still correct" link. A change link
# is spent once opened (directory.models.EditLink), so one logged by a proxy in front is of
# no use later; this keeps it out of our own log altogether.
SECRET_IN_PATH = re.compile(r"(/directory/(?:change|confirm)/)[^/\s?#\"]+")


def redact(value: str) -> str:
    return SECRET_IN_PATH.sub(r"\1[link]", value)


class RedactingLogger(Logger):
    """`eqtrack serve` runs gunicorn with this logger (--logger-class)."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict:
        return {
            key: redact(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }
