"""Representativeness as a document: HTML, tagged PDF or Word, with the same table and chart
as the committee reports use for theirs."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from eqtrack.core.cells import sheet_append
from eqtrack.reports.writers.pdf import pdf_from_html
from eqtrack.reports.writers.word import word_bytes, word_document, word_table

from .chart import representativeness_svg
from .evidence import GroupShare

FORMATS = ("html", "pdf", "docx", "xlsx")


def _rows(shares: list[GroupShare]) -> list[dict]:
    return [
        {
            "variable": s.variable,
            "category": s.category,
            "respondents": s.respondents,
            "sample": f"{s.sample_share:.1%}",
            "interval": f"{s.low:.1%}–{s.high:.1%}",
            "population": f"{s.population_share:.1%}",
            "ratio": f"{s.ratio:.2f}",
            "flag": s.under_represented,
        }
        for s in shares
    ]


def representativeness_document(
    shares: list[GroupShare],
    *,
    file_format: str,
    title: str,
    responses: int,
    population_name: str,
    threshold: float,
    notes: list[str],
) -> bytes:
    context = {
        "title": title,
        "responses": responses,
        "population_name": population_name,
        "threshold_percent": f"{threshold * 100:g}",
        "notes": notes,
        "rows": _rows(shares),
        "shares": shares,
        # Every text in the chart is escaped as it is built.
        "chart": mark_safe(representativeness_svg(shares)),  # noqa: S308
    }
    if file_format == "xlsx":
        return _xlsx(context)
    html = render_to_string("consultations/representativeness.html", context)
    if file_format == "html":
        return html.encode()
    if file_format == "pdf":
        return pdf_from_html(html)
    return _docx(context)


def _docx(context: dict) -> bytes:
    document = word_document(context["title"])
    document.add_heading(context["title"], level=1)
    document.add_paragraph(
        f"{context['responses']} responses compared with {context['population_name']}. A group "
        f"is flagged when its share of the responses is below {context['threshold_percent']}% of "
        "its share of the population and the whole 95% interval lies below that share."
    )
    for note in context["notes"]:
        document.add_paragraph(note, style="List Bullet")
    headings = [
        "Variable",
        "Group",
        "Responses",
        "Share of responses",
        "95% interval",
        "Share of population",
        "Ratio",
        "Under-represented",
    ]
    rows = [
        [
            row["variable"],
            row["category"],
            str(row["respondents"]),
            row["sample"],
            row["interval"],
            row["population"],
            row["ratio"],
            "Yes" if row["flag"] else "No",
        ]
        for row in context["rows"]
    ]
    word_table(document, headings, rows)
    return word_bytes(document)


def _xlsx(context: dict) -> bytes:
    # openpyxl takes a third of a second to load: only a spreadsheet download pays for it.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Who answered"
    headings = [
        "variable",
        "group",
        "responses",
        "share_of_responses",
        "low_95",
        "high_95",
        "share_of_population",
        "ratio",
        "under_represented",
    ]
    sheet_append(sheet, headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for s in context["shares"]:
        # The variable and group names come from the uploaded responses: text, never formulas.
        sheet_append(
            sheet,
            [
                s.variable,
                s.category,
                s.respondents,
                s.sample_share,
                s.low,
                s.high,
                s.population_share,
                s.ratio,
                "yes" if s.under_represented else "no",
            ],
        )
    workbook.properties.title = context["title"]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
