"""The report writers, one per format, by the name the CLI uses."""

from __future__ import annotations

from .base import Writer
from .html import HtmlWriter
from .pdf import PdfWriter
from .spreadsheets import CsvWriter, XlsxWriter
from .word import WordWriter

WRITERS: dict[str, type[Writer]] = {
    w.format: w for w in (WordWriter, PdfWriter, HtmlWriter, XlsxWriter, CsvWriter)
}
