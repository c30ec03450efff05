"""The report writers, one per format, by the name the CLI uses; and the committee summary's."""

from __future__ import annotations

from .base import Writer
from .html import HtmlWriter
from .pdf import PdfWriter
from .spreadsheets import CsvWriter, XlsxWriter
from .summary import SUMMARY_WRITERS, SummaryWriter
from .word import WordWriter

WRITERS: dict[str, type[Writer]] = {
    w.format: w for w in (WordWriter, PdfWriter, HtmlWriter, XlsxWriter, CsvWriter)
}

__all__ = ["SUMMARY_WRITERS", "WRITERS", "SummaryWriter", "Writer"]
