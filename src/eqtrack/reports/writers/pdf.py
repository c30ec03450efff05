"""The report as a tagged PDF (PDF/UA-1): the HTML report laid out by WeasyPrint, with its
title, language, structure tree and bookmarks from the headings; no table row leaves an empty
action cell at the top of a page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from ..data import ReportData
from .html import HtmlWriter

PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}

# A row that opts in (`<tr id="…" data-continued="CL1 (continued)">`, its first cell naming
# it) is kept on one page when it fits on one.
_KEEP_ROWS = "tr[data-continued] { break-inside: avoid; }"


class FetchRefused(ValueError):
    pass


def _refuse_fetch(url: str, timeout: int = 10, ssl_context=None) -> dict:
    """Plan text can never make the renderer reach out: the report needs nothing fetched
    (its styles and chart are inline), so every URL is refused."""
    raise FetchRefused(f"eqtrack reports fetch nothing ({url[:60]})")


def pdf_from_html(html: str) -> bytes:
    """Any of eqtrack's accessible HTML documents as a tagged PDF (PDF/UA-1), fetching nothing.

    Rows that opt in stay on one page where they fit. One longer than a page runs on, and its
    first cell says "CL1 (continued)" at the top of each page it runs on to, so that no page
    starts under an empty action cell. That takes up to two more layouts, only when a row is
    that long: the first finds the long rows, which then may break (kept together, a row
    taller than a page below the header row starts a page of its own without the header);
    the next finds the pages each runs on to; the last puts the words there, each forced to
    the top of its page, which changes nothing else of the layout."""
    document = _render(html, _KEEP_ROWS)
    long = [
        row
        for row, pages in _row_pages(document).items()
        if len(pages) > 1 or not all(headed for _, headed in pages)
    ]
    if long:
        css = _KEEP_ROWS + "".join(f'tr[id="{row}"] {{ break-inside: auto; }}' for row in long)
        document = _render(html, css)
        runs_on = {
            row: sum(not shown for shown, _ in pages)
            for row, pages in _row_pages(document).items()
            if not all(shown for shown, _ in pages)
        }
        if runs_on:
            document = _render(_continued(html, runs_on), css)
    return document.write_pdf(**PDF_OPTIONS)


def _render(html: str, css: str):
    # WeasyPrint takes over a second to load (and needs Pango): only a PDF download pays for it.
    import weasyprint

    return weasyprint.HTML(string=html, url_fetcher=_refuse_fetch).render(
        stylesheets=[weasyprint.CSS(string=css)], **PDF_OPTIONS
    )


def _boxes(box) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def _row_pages(document) -> dict[str, list[tuple[bool, bool]]]:
    """Each opted-in row's pages, in order, by its id: whether its first cell shows anything
    there, and whether the table's header row (where it has one) is above it there."""
    from weasyprint.formatting_structure.boxes import TableBox, TableRowBox

    pages: dict[str, list[tuple[bool, bool]]] = {}
    for page in document.pages:
        # The laid-out boxes of the page: WeasyPrint's own structure, read and not changed.
        for table in _boxes(page._page_box):
            if not isinstance(table, TableBox):
                continue
            headed = table.element is None or table.element.find("thead") is None
            headed = headed or any(getattr(group, "is_header", False) for group in table.children)
            for group in table.children:
                for box in group.children:
                    element = getattr(box, "element", None)
                    if not isinstance(box, TableRowBox) or element is None:
                        continue
                    if element.get("data-continued") is None or not element.get("id"):
                        continue
                    shown = bool(box.children and box.children[0].children)
                    pages.setdefault(element.get("id"), []).append((shown, headed))
    return pages


def _continued(html: str, runs_on: dict[str, int]) -> str:
    """The document with each long row's continued words (its `data-continued`) added to its
    first cell, once for each page the row runs on to, each starting a page."""
    for row, times in runs_on.items():

        def add(match: re.Match[str], times: int = times) -> str:
            words = f'<div class="continued" style="break-before: page">{match.group(2)}</div>'
            return match.group(1) + words * times + match.group(3)

        # Plan text is escaped, so the first closing cell tag after the row's own tag is its
        # first cell's, and the attribute's words are escaped as they are.
        html = re.sub(
            rf'(<tr\b[^>]*\bid="{re.escape(row)}"[^>]*\bdata-continued="([^"]*)"[^>]*>.*?)(</t[hd]>)',
            add,
            html,
            count=1,
            flags=re.DOTALL,
        )
    return html


class PdfWriter:
    format: ClassVar[str] = "pdf"
    content_type: ClassVar[str] = "application/pdf"

    @classmethod
    def write(cls, data: ReportData) -> bytes:
        return pdf_from_html(HtmlWriter.write(data).decode())
