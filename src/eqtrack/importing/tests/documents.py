"""Builds Word, web-page and PDF versions of a read report, so tests can check that every
reader recovers the same plan from the same content in another format."""

from __future__ import annotations

import html
import io

from eqtrack.importing.readers.base import Item, NestedItem, ReadReport

# A plain-text report with an introduction before its first theme, a key after its first
# table and a footer after its last: the plan's text, none of it a theme's objective.
INTRO = "The table below lists our commitments and where each stands."
KEY = "Key: R = off track, A = at risk, G = on track"
FOOTER = "Updated by the Policy team, March 2023"
PLAIN = f"""Equality Action Plan 2023

{INTRO}

As an Employer

To be an inclusive employer.

Agreed Actions   Progress – 2023   Status

We will publish our pay gaps.

·  Published in March.

Complete

{KEY}

As a Service Provider

Agreed Actions   Progress – 2023   Status

We will review access to services.

Review begun.

Amber

{FOOTER}
"""


def _headers(report: ReadReport) -> list[str]:
    has_status = any(a.status for t in report.themes for a in t.actions)
    progress = f"Progress – {report.period}" if report.period else "Progress"
    return ["Agreed Actions", progress, "Status" if has_status else "Issues and next steps"]


def _third(action) -> list[Item]:
    return [action.status.text] if action.status else action.next_steps


def report_to_docx(report: ReadReport) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Appendix 1 Equalities Actions Update", level=1)
    for paragraph in report.introduction:
        document.add_paragraph(paragraph)
    for theme in report.themes:
        document.add_heading(theme.title, level=2)
        document.add_paragraph("Objective")
        document.add_paragraph(theme.objective)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, _headers(report), strict=True):
            cell.text = text
        for action in theme.actions:
            cells = table.add_row().cells
            cells[0].text = action.text
            for cell, items in ((cells[1], action.progress), (cells[2], _third(action))):
                _docx_items(cell, items, level=0, first=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_items(cell, items: list[Item], *, level: int, first: bool) -> bool:
    for item in items:
        text = item.text if isinstance(item, NestedItem) else item
        style = "List Bullet" if level == 0 else f"List Bullet {level + 1}"
        if first:
            paragraph = cell.paragraphs[0]
            paragraph.text = text
            paragraph.style = cell.part.document.styles[style]
            first = False
        else:
            cell.add_paragraph(text, style=style)
        if isinstance(item, NestedItem):
            first = _docx_items(cell, item.items, level=level + 1, first=first)
    return first


def _html_items(items: list[Item]) -> str:
    if not items:
        return ""
    lis = "".join(
        f"<li>{html.escape(i.text)}{_html_items(i.items)}</li>"
        if isinstance(i, NestedItem)
        else f"<li>{html.escape(i)}</li>"
        for i in items
    )
    return f"<ul>{lis}</ul>"


def report_to_html(report: ReadReport) -> str:
    parts = [
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>Update</title>",
        "<style>table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;"
        "vertical-align:top;padding:4px;font-size:9pt}ul{margin:0;padding-left:14pt}"
        "ul ul{list-style-type:circle}</style></head><body>",
        "<h1>Appendix 1 Equalities Actions Update</h1>",
        *(f"<p>{html.escape(paragraph)}</p>" for paragraph in report.introduction),
    ]
    headers = "".join(f"<th>{html.escape(h)}</th>" for h in _headers(report))
    for theme in report.themes:
        parts.append(f"<h2>{html.escape(theme.title)}</h2>")
        parts.append(f"<p>Objective: {html.escape(theme.objective)}</p>")
        parts.append(f"<table><thead><tr>{headers}</tr></thead><tbody>")
        for action in theme.actions:
            parts.append(
                f"<tr><td>{html.escape(action.text)}</td>"
                f"<td>{_html_items(action.progress)}</td>"
                f"<td>{_html_items(_third(action)) if not action.status else html.escape(action.status.text)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts)


# Running header and footer on every page, as councils' committee papers have.
_PAGE_CSS = (
    "@page { size: A4; margin: 2cm;"
    " @top-center { content: 'Communities, Housing and Environment Committee – 14 March 2023';"
    " font-size: 8pt }"
    " @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 8pt } }"
)


def report_to_pdf(report: ReadReport) -> bytes:
    return html_to_pdf(report_to_html(report))


def html_to_pdf(page: str) -> bytes:
    """A web page printed as a PDF with the committee papers' running header and footer."""
    import weasyprint

    return weasyprint.HTML(string=page).write_pdf(stylesheets=[weasyprint.CSS(string=_PAGE_CSS)])


def text_to_pdf(text: str) -> bytes:
    """A text report as a PDF with no tables: one paragraph a line, indents kept."""
    import weasyprint

    body = "".join(
        f"<p style='margin:0 0 8pt 0; white-space:pre-wrap'>{html.escape(line)}</p>"
        for line in text.splitlines()
        if line.strip()
    )
    return weasyprint.HTML(
        string=f"<html><body style='font-size:10pt'>{body}</body></html>"
    ).write_pdf(stylesheets=[weasyprint.CSS(string=_PAGE_CSS)])
