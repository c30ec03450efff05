"""The document readers, one per layout, and the choice among them by content."""

from __future__ import annotations

from .base import Reader, ReaderError
from .seed_plain import SeedPlainReader
from .seed_tabbed import SeedTabbedReader

# Most specific first: the first that recognises a text reads it.
READERS: list[type[Reader]] = [SeedTabbedReader, SeedPlainReader]


def reader_for(text: str, *, source: str) -> type[Reader]:
    """The reader whose layout the text fits, decided by content rather than file name."""
    for reader in READERS:
        if reader.recognises(text):
            return reader
    raise ReaderError(
        f"{source}: no recognisable action plan (expected a table headed 'Agreed Actions')"
    )
