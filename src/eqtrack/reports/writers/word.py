"""The report as an accessible Word document: real heading styles, title and language set,
table header rows that repeat on every page, bullets as list paragraphs."""

from __future__ import annotations

import copy
import io
from typing import Any, ClassVar

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from eqtrack.plans.templatetags.plan_tags import measure_value

from ..chart import summary_chart_description, summary_chart_png
from ..data import ReportData

LANGUAGE = "en-GB"


_NEEDED_STYLES = [
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "Table Grid",
]


def _a4(document) -> None:
    """A4 pages, as councils print: python-docx's default template is US Letter."""
    for section in document.sections:
        width, height = Mm(210), Mm(297)
        if section.orientation == WD_ORIENT.LANDSCAPE:
            width, height = height, width
        section.page_width, section.page_height = width, height


def _document(template: bytes | None):
    """A new document: the organisation's template with its body emptied (its styles,
    header, footer, logo and page size kept), or python-docx's plain default on A4."""
    if template is None:
        document = Document()
        _a4(document)
        return document
    document = Document(io.BytesIO(template))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    # Styles a template lacks come from the default template, so every report can be written.
    default = Document()
    have = {style.name for style in document.styles}
    for name in _NEEDED_STYLES:
        if name not in have:
            document.styles.element.append(copy.deepcopy(default.styles[name].element))
    return document


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_together(row) -> None:
    """A row that fits on a page is not split across two (Word still splits a longer one)."""
    properties = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    properties.append(keep)


def _language(document) -> None:
    """Set the document's language on its default run style, where Word reads it."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), LANGUAGE)


def _items(cell, items: list[Any], level: int = 0, first: list[bool] | None = None) -> None:
    first = first if first is not None else [True]
    style = "List Bullet" if level == 0 else f"List Bullet {min(level + 1, 3)}"
    for item in items:
        text = item["text"] if isinstance(item, dict) else item
        if first[0]:
            paragraph = cell.paragraphs[0]
            paragraph.text = text
            paragraph.style = cell.part.document.styles[style]
            first[0] = False
        else:
            cell.add_paragraph(text, style=style)
        if isinstance(item, dict):
            _items(cell, item["items"], level + 1, first)


def _landscape(document) -> None:
    """The appendix is a wide table: landscape pages, as councils print it."""
    for section in document.sections:
        if section.orientation != WD_ORIENT.LANDSCAPE:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width


def _widths(document, table, fractions: list[float]) -> None:
    section = document.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    table.autofit = False
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, fraction in zip(table.columns, fractions, strict=True):
        column.width = int(usable * fraction)
    for row in table.rows:
        for cell, fraction in zip(row.cells, fractions, strict=True):
            cell.width = int(usable * fraction)


def _table(document, headings: list[str]):
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, headings, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    return table


def word_document(title: str, template: bytes | None = None):
    """A new accessible document: its title and language set, so screen readers announce both."""
    document = _document(template)
    document.core_properties.title = title
    document.core_properties.language = LANGUAGE
    _language(document)
    return document


def word_table(document, headings: list[str], rows: list[list[str]]):
    """A table whose header row repeats on every page."""
    table = _table(document, headings)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    return table


def word_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _chart(document, data: ReportData) -> None:
    """The summary chart as a picture whose alternative text says what it shows."""
    document.add_picture(io.BytesIO(summary_chart_png(data)), width=Cm(16))
    picture = document.inline_shapes[-1]
    properties = picture._inline.docPr
    properties.set("descr", summary_chart_description(data))
    properties.set("title", "Actions by status in each theme")
    document.add_paragraph("The chart shows the numbers in the table above.")


def _comparison(document, data: ReportData) -> None:
    c = data.comparison
    if c is None:  # the caller asks only for a report that has one
        return

    document.add_heading(f"Compared with {c.previous}", level=2)
    document.add_paragraph(
        f"Of the actions reported in {c.previous} or {data.period}: "
        f"{c.count('carried forward')} carried forward, {c.count('new')} new in {data.period}, "
        f"{c.count('dropped')} not reported in {data.period}."
    )
    table = _table(
        document, ["Agreed action", f"Status {c.previous}", f"Status {data.period}", "Change"]
    )
    for a in c.actions:
        values = [
            f"{a.ref} {a.text}" if a.ref else a.text,
            a.then or "None given",
            a.now or "None given",
            a.change.capitalize(),
        ]
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    _widths(document, table, [0.46, 0.2, 0.2, 0.14])
    if c.indicators:
        table = _table(document, ["Action", "Measure", c.previous, data.period, "Change"])
        for i in c.indicators:
            values = [
                i.ref or "",
                i.label.capitalize(),
                measure_value(i.then, i.unit),
                measure_value(i.now, i.unit),
                i.change.capitalize(),
            ]
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
    else:
        document.add_paragraph("No indicator is stated in both periods.")


class WordWriter:
    format: ClassVar[str] = "docx"
    content_type: ClassVar[str] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )

    @classmethod
    def write(cls, data: ReportData) -> bytes:
        document = _document(data.word_template)
        _landscape(document)
        title = f"{data.title}: progress {data.period}"
        document.core_properties.title = title
        document.core_properties.language = LANGUAGE
        document.core_properties.author = data.organisation or "eqtrack"
        _language(document)
        document.styles["Normal"].font.size = Pt(11)
        if data.organisation:
            document.add_paragraph(data.organisation)
        document.add_heading(title, level=1)

        document.add_heading("Summary", level=2)
        headings = ["Theme", *(label for _, label in data.categories), "All actions"]
        table = _table(document, headings)
        for theme in data.themes:
            values = [
                theme.title,
                *(str(theme.count(c)) for c, _ in data.categories),
                str(len(theme.rows)),
            ]
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
        totals = [
            "All themes",
            *(str(data.total(c)) for c, _ in data.categories),
            str(len(data.rows)),
        ]
        for cell, value in zip(table.add_row().cells, totals, strict=True):
            cell.text = value
        _chart(document, data)
        document.add_heading(f"Actions with no update for {data.period}", level=3)
        if data.missing:
            for row in data.missing:
                document.add_paragraph(
                    f"{row.ref + ': ' if row.ref else ''}{row.text}", style="List Bullet"
                )
        else:
            document.add_paragraph(f"Every action has an update for {data.period}.")
        document.add_heading("Overdue actions", level=3)
        if data.overdue:
            for row in data.overdue:
                document.add_paragraph(
                    f"{row.ref + ': ' if row.ref else ''}{row.text} (due {row.due})",
                    style="List Bullet",
                )
        else:
            document.add_paragraph("No action is past its due date.")

        if data.comparison:
            _comparison(document, data)
        for theme in data.themes:
            document.add_heading(theme.title, level=2)
            if theme.objective:
                paragraph = document.add_paragraph()
                paragraph.add_run("Objective: ").bold = True
                paragraph.add_run(theme.objective)
            table = _table(
                document, ["Agreed Actions", *(column.heading for column in data.columns)]
            )
            for row in theme.rows:
                tr = table.add_row()
                _keep_together(tr)
                cells = tr.cells
                cells[0].text = f"{row.ref} {row.text}" if row.ref else row.text
                for cell, part in zip(cells[1:], row.cells, strict=True):
                    # No empty cells: a reader of the table hears that nothing was given.
                    if part.text:
                        cell.text = part.text
                    elif part.items:
                        _items(cell, part.items)
                    else:
                        cell.text = part.column.empty
            widths = [data.action_width, *(column.width for column in data.columns)]
            _widths(document, table, [width / 100 for width in widths])
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
