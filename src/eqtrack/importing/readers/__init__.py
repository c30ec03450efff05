"""The document readers, one per layout, and the choice among them by content."""

from __future__ import annotations

from .base import Reader, ReaderError
from .labelled_text import LabelledTextReader
from .pdf import PdfReader
from .plain_text import PlainTextReader
from .tabbed_text import TabbedTextReader
from .text import text_decode
from .web_page import WebPageReader
from .word import WordReader

# Most specific first: the first that recognises a text reads it.
READERS: list[type[Reader]] = [
    WordReader,
    PdfReader,
    WebPageReader,
    TabbedTextReader,
    PlainTextReader,
    LabelledTextReader,
]


def reader_for(data: bytes, *, source: str) -> type[Reader]:
    """The reader whose layout the file fits, decided by content rather than file name."""
    for reader in READERS:
        if reader.recognises(data):
            return reader
    if data.startswith(b"PK"):
        raise ReaderError(
            f"{source}: is a damaged zip, or a zip that is not a Word document (.docx)"
        )
    # Say why a text file could not be read (its encoding) before saying it holds no plan.
    text_decode(data, source=source)
    raise ReaderError(
        f"{source}: no recognisable action plan (expected a table headed 'Agreed Actions')"
    )
