"""Pay gaps and a staff snapshot's figures as a document: HTML, tagged PDF or Word, made by
the report writers, each table with its chart beside it (SVG in HTML and PDF, a picture in
Word with the chart's description as its alternative text). The web's snapshot documents and
`eqtrack paygap --format` share these sections and this one writer per format."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from docx.shared import Cm

from eqtrack.reports.writers.pdf import pdf_from_html
from eqtrack.reports.writers.word import word_bytes, word_document, word_table

from .paygap import GroupPayGaps, PayGap
from .report import Section, gender_sections, group_section

FORMATS = ("html", "pdf", "docx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def sections_with_svg(sections: list[Section]) -> list[tuple[Section, str]]:
    """Each section with its chart as SVG ("" without one); every text in it is escaped."""
    return [
        (section, mark_safe(section.chart.svg()) if section.chart else "")  # noqa: S308
        for section in sections
    ]


def snapshot_document(
    sections: list[Section], *, file_format: str, title: str, intro: list[str]
) -> bytes:
    if file_format not in FORMATS:
        raise ValueError(f"{file_format!r}: a document is one of {', '.join(FORMATS)}")
    if file_format == "docx":
        return _docx(sections, title=title, intro=intro)
    html = render_to_string(
        "workforce/snapshot_document.html",
        {"title": title, "intro": intro, "sections": sections_with_svg(sections)},
    )
    if file_format == "html":
        return html.encode()
    return pdf_from_html(html)


def paygap_document(result: PayGap | GroupPayGaps, *, file_format: str, title: str) -> bytes:
    """One comparison's pay gaps (`eqtrack paygap --by …`) as a document: the sections a
    snapshot's page shows for it, worked from the same figures a snapshot keeps."""
    if isinstance(result, PayGap):
        sections = gender_sections({"sex": result.as_dict()})
    else:
        sections = [group_section({result.by: result.as_dict()}, result.by)]
    intro = [
        "Worked out by eqtrack from a staff file, as the Equality Act 2010 (Specific Duties and "
        "Public Authorities) Regulations 2017, Schedule 1, define the measures. Groups of fewer "
        "than 10 people are not shown."
    ]
    return snapshot_document(sections, file_format=file_format, title=title, intro=intro)


def _docx(sections: list[Section], *, title: str, intro: list[str]) -> bytes:
    document = word_document(title)
    document.add_heading(title, level=1)
    for line in intro:
        document.add_paragraph(line)
    for section in sections:
        document.add_heading(section.heading, level=2)
        for line in section.intro:
            document.add_paragraph(line)
        if section.table:
            document.add_paragraph().add_run(section.table.caption).bold = True
            word_table(document, section.table.headings, section.table.rows)
        if section.chart and section.chart.rows:
            document.add_picture(io.BytesIO(section.chart.png()), width=Cm(16))
            properties = document.inline_shapes[-1]._inline.docPr
            properties.set("descr", section.chart.description)
            properties.set("title", section.chart.title)
            document.add_paragraph("The chart shows the figures in the table above.")
        for note in section.notes:
            document.add_paragraph(note, style="List Bullet")
    return word_bytes(document)
