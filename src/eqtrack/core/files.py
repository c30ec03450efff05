"""Reading untrusted files safely: a size limit before reading, text decoded with one clear
message, and zip archives (.docx, .xlsx) checked before anything is unpacked. Every refusal
is a FileRefused whose message names the file and says what is wrong."""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from pathlib import Path


class InputError(ValueError):
    """Input eqtrack cannot use; the message names the file, line or field and is shown as
    it is."""


class FileRefused(InputError):
    """A file eqtrack will not use at all (damaged, hostile, oversized, or not what was
    asked for): an uploaded copy of it is deleted at once, not kept for another try."""


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
    return text_decode(source_read_bytes(path), source=str(path))


def text_decode(data: bytes, *, source: str) -> str:
    """Bytes as text: UTF-8 (with or without a byte-order mark), or UTF-16 with a mark."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise FileRefused(f"{source}: is not valid UTF-16 text ({e.reason})") from None
    if b"\x00" in data[:4096]:
        raise FileRefused(
            f"{source}: is not a text file, nor a Word, PDF or HTML document eqtrack can read"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise FileRefused(
            f"{source}: line {line}: byte 0x{data[e.start]:02x} is not UTF-8; "
            "save the file as UTF-8 text and try again"
        ) from None


# A Word report is a few MB unpacked with a few dozen parts; far beyond that is a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200
_CHUNK = 1024 * 1024
# What zipfile and zlib raise on an archive whose structure, sizes or checksums lie.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)


def zip_has(data: bytes, member: str) -> bool:
    """Whether the bytes are a zip holding that member: how a .docx or .xlsx is recognised."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except _DAMAGED:
        return False


def zip_check(data: bytes, *, source: str) -> None:
    """Refuse a zip that is damaged, or would unpack to far more than a document should."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except _DAMAGED:
        raise FileRefused(f"{source}: is damaged (not a valid .docx/zip file)") from None
    if len(entries) > MAX_ENTRIES:
        raise FileRefused(f"{source}: holds {len(entries)} parts, more than a document should")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
        raise FileRefused(
            f"{source}: would unpack to {unpacked / 1048576:.0f} MB; refused as a possible zip bomb"
        )
    if any(e.flag_bits & 0x1 for e in entries):
        raise FileRefused(f"{source}: is encrypted; save it without a password and try again")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in entries:
            head = _member_head(archive, entry, source=source)
            if not entry.filename.endswith((".xml", ".rels")):
                continue
            # Word never declares XML entities; a part that does is an entity-expansion attack.
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise FileRefused(
                    f"{source}: {entry.filename} declares XML entities, which Word documents "
                    "never do; refused"
                )


def _member_head(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, *, source: str) -> bytes:
    """The first 4 KB of a member, after unpacking all of it: so a member whose declared size
    or CRC lies is refused here, with one message, rather than failing deep in a reader.
    The unpacking is bounded: zipfile reads no more than the declared size, which the bomb
    check above has already limited, and a member that unpacks to more than it declares then
    fails its CRC; one that unpacks to less ends early."""
    head = b""
    size = 0
    try:
        with archive.open(entry) as member:
            while chunk := member.read(_CHUNK):
                head = head or chunk[:4096]
                size += len(chunk)
    except _DAMAGED:
        size = -1
    if size != entry.file_size:
        raise FileRefused(
            f"{source}: is damaged: {entry.filename} does not match the size or checksum the "
            "zip declares for it; refused"
        )
    return head
