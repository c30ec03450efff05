"""The report as a tagged PDF (PDF/UA-1): the HTML report laid out by WeasyPrint, with its
title, language, structure tree and bookmarks from the headings."""

from __future__ import annotations

from typing import ClassVar

from ..data import ReportData
from .html import HtmlWriter


class FetchRefused(ValueError):
    pass


def _refuse_fetch(url: str, timeout: int = 10, ssl_context=None) -> dict:
    """Plan text can never make the renderer reach out: the report needs nothing fetched
    (its styles and chart are inline), so every URL is refused."""
    raise FetchRefused(f"eqtrack reports fetch nothing ({url[:60]})")


def pdf_from_html(html: str) -> bytes:
    """Any of eqtrack's accessible HTML documents as a tagged PDF (PDF/UA-1), fetching nothing."""
    # WeasyPrint takes over a second to load (and needs Pango): only a PDF download pays for it.
    import weasyprint

    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch)
    return document.write_pdf(pdf_variant="pdf/ua-1")


class PdfWriter:
    format: ClassVar[str] = "pdf"
    content_type: ClassVar[str] = "application/pdf"

    @classmethod
    def write(cls, data: ReportData) -> bytes:
        return pdf_from_html(HtmlWriter.write(data).decode())
