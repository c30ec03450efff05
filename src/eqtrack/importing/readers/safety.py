"""Checks on untrusted archives before anything is unpacked."""

from __future__ import annotations

import io
import zipfile

from .base import ReaderError

# A Word report is a few MB unpacked with a few dozen parts; far beyond that is a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200


def zip_has(data: bytes, member: str) -> bool:
    """Whether the bytes are a zip holding that member: how a .docx or .xlsx is recognised."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False


def zip_check(data: bytes, *, source: str) -> None:
    """Refuse a zip that is damaged, or would unpack to far more than a document should."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
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
            if not entry.filename.endswith((".xml", ".rels")):
                continue
            head = archive.read(entry)[:4096]
            # Word never declares XML entities; a part that does is an entity-expansion attack.
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ReaderError(
                    f"{source}: {entry.filename} declares XML entities, which Word documents "
                    "never do; refused"
                )
