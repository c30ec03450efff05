"""Files uploaded through the web wait here, in the data directory, between the check and the
import (or the cancel): so a person sees exactly what will be imported before it is."""

from __future__ import annotations

import re
import secrets
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from django.conf import settings

from eqtrack.core.files import max_bytes

from .errors import ImportingError

STALE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")


class Upload(Protocol):
    name: str
    size: int

    def chunks(self) -> Iterable[bytes]: ...


def _root() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


def _folder(token: str) -> Path:
    # The token comes back from a form: never let it name anything outside the staging area.
    if not _TOKEN.match(token):
        raise ImportingError("that upload has expired or was never made; upload the files again")
    return _root() / token


def staging_save(*, files: list[Upload]) -> str:
    """Keep the uploaded files, in their order, and return the token that names them."""
    _discard_stale()
    limit = max_bytes()
    for upload in files:
        if upload.size > limit:
            raise ImportingError(
                f"{upload.name}: is {upload.size / 1048576:.1f} MB, over the "
                f"{limit / 1048576:.0f} MB limit"
            )
    token = secrets.token_urlsafe(18)
    folder = _folder(token)
    for index, upload in enumerate(files):
        # Each file in its own numbered folder, under its own name (stripped of any path), so
        # the order is kept and messages name the file as the person knows it.
        name = Path(upload.name.replace("\\", "/")).name or f"file-{index + 1}"
        target = folder / f"{index:02d}" / name
        target.parent.mkdir(parents=True)
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    return token


def staging_paths(*, token: str) -> list[Path]:
    folder = _folder(token)
    if not folder.is_dir():
        raise ImportingError("that upload has expired or was never made; upload the files again")
    return [next(d.iterdir()) for d in sorted(folder.iterdir()) if d.is_dir()]


def staging_names(*, token: str) -> list[str]:
    return [p.name for p in staging_paths(token=token)]


def staging_discard(*, token: str) -> None:
    shutil.rmtree(_folder(token), ignore_errors=True)


def staging_message(message: str, *, token: str) -> str:
    """An importer's message with the staging folder taken out of the file names in it."""
    return re.sub(re.escape(str(_folder(token))) + r"/\d+/", "", message)


def _discard_stale() -> None:
    root = _root()
    if not root.is_dir():
        return
    cutoff = time.time() - STALE_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
