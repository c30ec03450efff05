"""Reading an input file's bytes and text, with one clear message for each way it can fail."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import FileRefused
from .readers.base import ReaderError
from .readers.text import text_decode

# Councils' reports are a few MB; a much larger file is a mistake or an attack.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def max_bytes() -> int:
    """The largest file eqtrack reads: EQTRACK_MAX_UPLOAD_MB megabytes (default 50)."""
    megabytes = os.environ.get("EQTRACK_MAX_UPLOAD_MB")
    try:
        return int(float(megabytes) * 1024 * 1024) if megabytes else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def source_read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing files over the size limit before reading them."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise FileRefused(f"{path}: is a folder, not a file")
        limit = max_bytes()
        if size > limit:
            raise FileRefused(
                f"{path}: is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit "
                "(set EQTRACK_MAX_UPLOAD_MB to change it)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise FileRefused(f"{path}: no such file") from None
    except PermissionError:
        raise FileRefused(f"{path}: permission denied") from None
    except OSError as e:
        raise FileRefused(f"{path}: cannot be read ({e.strerror})") from None


def source_read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), or UTF-16 with a mark."""
    try:
        return text_decode(source_read_bytes(path), source=str(path))
    except ReaderError as e:
        raise FileRefused(str(e)) from None
