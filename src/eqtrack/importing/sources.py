"""Reading an input file's bytes as text, with one clear message for each way it can fail."""

from __future__ import annotations

from pathlib import Path

from .errors import ImportingError


def source_read_text(path: Path) -> str:
    """The file's text. UTF-8 (with or without a byte-order mark) and UTF-16 with a mark are read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportingError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportingError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise ImportingError(f"{path}: permission denied") from None
    except OSError as e:
        raise ImportingError(f"{path}: cannot be read ({e.strerror})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ImportingError(f"{path}: is not valid UTF-16 text ({e.reason})") from None
    if b"\x00" in data[:4096]:
        raise ImportingError(
            f"{path}: is not a text file (eqtrack reads plain-text reports and plan-format JSON)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ImportingError(
            f"{path}: line {line}: byte 0x{data[e.start]:02x} is not UTF-8; "
            "save the file as UTF-8 text and try again"
        ) from None
