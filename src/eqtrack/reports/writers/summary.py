"""The committee summary (reports/committee.py) on one A4 page: a tagged PDF and a Word
document, both laid out from the same SummaryPage, one writer per format."""

from __future__ import annotations

import io
from typing import ClassVar, Protocol

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Mm, Pt

from ..chart import status_change_chart_png, status_change_chart_svg, status_change_description
from ..committee import CommitteeSummary, summary_page
from .pdf import pdf_from_html
from .word import WordWriter, word_bytes, word_document, word_table


class SummaryWriter(Protocol):
    format: ClassVar[str]
    content_type: ClassVar[str]

    @classmethod
    def write(cls, summary: CommitteeSummary) -> bytes:
        """The committee summary as the bytes of a file of this format."""


class SummaryPdfWriter:
    format: ClassVar[str] = "pdf"
    content_type: ClassVar[str] = "application/pdf"

    @classmethod
    def write(cls, summary: CommitteeSummary) -> bytes:
        page = summary_page(summary)
        # The chart's every text is escaped as it is built.
        chart = (
            mark_safe(status_change_chart_svg(summary, width=360))  # noqa: S308
            if page.previous
            else ""
        )
        html = render_to_string("reports/committee_summary.html", {"page": page, "chart": chart})
        return pdf_from_html(html)


class SummaryWordWriter:
    format: ClassVar[str] = "docx"
    content_type: ClassVar[str] = WordWriter.content_type

    @classmethod
    def write(cls, summary: CommitteeSummary) -> bytes:
        page = summary_page(summary)
        document = word_document(page.title, summary.data.word_template)
        document.core_properties.author = page.organisation or "eqtrack"
        for section in document.sections:  # A4 portrait, narrow margins: one page
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Cm(1.5)
            section.top_margin = section.bottom_margin = Cm(1.5)
        document.styles["Normal"].font.size = Pt(9)
        if page.organisation:
            document.add_paragraph(page.organisation)
        document.add_heading(page.title, level=1)
        for table in page.tables:
            document.add_heading(table.heading, level=2)
            if table.rows:  # an empty list is said in its note, not as a table of no rows
                word_table(document, table.header, table.rows)
            if table.note:
                document.add_paragraph(table.note)
            if table.chart:
                document.add_picture(io.BytesIO(status_change_chart_png(summary)), width=Cm(12))
                properties = document.inline_shapes[-1]._inline.docPr
                properties.set("descr", status_change_description(summary))
                properties.set("title", "Status changes since the previous period")
        return word_bytes(document)


SUMMARY_WRITERS: dict[str, type[SummaryWriter]] = {
    w.format: w for w in (SummaryPdfWriter, SummaryWordWriter)
}
