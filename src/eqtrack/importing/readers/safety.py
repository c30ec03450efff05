"""Checks on untrusted archives before anything is unpacked."""

from __future__ import annotations

import io
import zipfile
import zlib

from .base import ReaderError

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
        raise ReaderError(f"{source}: is damaged (not a valid .docx/zip file)") from None
    if len(entries) > MAX_ENTRIES:
        raise ReaderError(f"{source}: holds {len(entries)} parts, more than a document should")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
        raise ReaderError(
            f"{source}: would unpack to {unpacked / 1048576:.0f} MB; refused as a possible zip bomb"
        )
    if any(e.flag_bits & 0x1 for e in entries):
        raise ReaderError(f"{source}: is encrypted; save it without a password and try again")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in entries:
            head = _member_head(archive, entry, source=source)
            if not entry.filename.endswith((".xml", ".rels")):
                continue
            # Word never declares XML entities; a part that does is an entity-expansion attack.
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ReaderError(
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
        raise ReaderError(
            f"{source}: is damaged: {entry.filename} does not match the size or checksum the "
            "zip declares for it; refused"
        )
    return head
