"""The corpus's layouts: each builds a report file (Word, PDF, web page or text) from the plan
it is expected to give, so the file and the expectation cannot drift apart.

Decisions an officer would make, written down once:
- Quarter columns (Q1 … Q4 2023/24): one report of the year 2023/24 whose progress keeps
  every quarter's update, each under its quarter's heading as a nested item, so nothing
  reported in the year is lost and each update says when it was made.
- A RAG shown only by a cell's colour reads as the colour's name ("Red") and its category.
- A percentage is under way ("ongoing") below 100%, complete at 100%, not started at 0%.
- Notes rows and key tables are not actions or themes; an introduction is no theme's
  objective.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import cycle

from eqtrack.importing.readers.base import (
    Item,
    NestedItem,
    ReadAction,
    ReadReport,
    ReadStatus,
    ReadTheme,
)

from ..documents import _docx_items
from .content import COMMUNITY, DUES, EMPLOYER, LEADS, OTHER, SERVICES, ActionWords

INTRO = "The table below lists our commitments and where each stands at the end of the year."


@dataclass
class Layout:
    name: str
    description: str
    expected: ReadReport
    build: Callable[[ReadReport], tuple[str, bytes]]
    # Issue 16 defects other branches fix that this layout exercises: "intro", "status",
    # "pdfbreak".
    exercises: tuple[str, ...] = field(default_factory=tuple)

    def file(self) -> tuple[str, bytes]:
        return self.build(self.expected)


Status = tuple[str, str]


def _plan(
    themes: list[tuple[str, str, list[ActionWords]]],
    *,
    ref: Callable[[int, int], str | None],
    statuses: list[Status] | None,
    period: str | None = None,
    leads: bool = True,
    dues: bool = True,
    offset: int = 0,
) -> ReadReport:
    lead_names = cycle(LEADS[offset:] + LEADS[:offset])
    due_dates = cycle(DUES[offset:] + DUES[:offset])
    status_list = cycle(statuses) if statuses else None
    report = ReadReport(source="", period=period)
    for t, (title, objective, words) in enumerate(themes):
        theme = ReadTheme(title, objective)
        for a, (text, progress, next_steps) in enumerate(words):
            status = next(status_list) if status_list else None
            theme.actions.append(
                ReadAction(
                    text=text,
                    ref=ref(t, a),
                    lead=next(lead_names) if leads else None,
                    due=next(due_dates) if dues else None,
                    progress=list(progress),
                    next_steps=list(next_steps),
                    status=ReadStatus(*status) if status else None,
                )
            )
        report.themes.append(theme)
    return report


def _dotted(t: int, a: int) -> str:
    return f"{t + 1}.{a + 1}"


def _all(report: ReadReport) -> list[ReadAction]:
    return [a for t in report.themes for a in t.actions]


# Word ---------------------------------------------------------------------------------------


def _docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _new_docx(title: str, *, intro: str | None = None):
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    if intro:
        document.add_paragraph(intro)
    return document


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _put(cell, value: str | list[Item] | None) -> None:
    if value is None:
        return
    if isinstance(value, str):
        cell.text = value
    elif value:
        _docx_items(cell, value, level=0, first=True)


def _fill(cells, values: list) -> None:
    """Each cell of a row its value, in order."""
    for cell, value in zip(cells, values, strict=True):
        _put(cell, value)


def _table(document, headings: list[str]):
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
    return table


def _status_text(action: ReadAction) -> str | None:
    return action.status.text if action.status else None


def _word_objective_column(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Equality Action Plan 2023–2027: annual progress report", intro=INTRO)
    table = _table(
        document,
        [
            "Equality objective",
            "Ref",
            "Action",
            "Lead officer",
            "Due date",
            "Progress update",
            "Status",
        ],
    )
    for theme in plan.themes:
        for action in theme.actions:
            cells = table.add_row().cells
            values = [theme.title, action.ref, action.text, action.lead, action.due]
            for cell, value in zip(cells, values, strict=False):
                _put(cell, value)
            _put(cells[5], action.progress)
            _put(cells[6], _status_text(action))
    return "objective-column.docx", _docx_bytes(document)


def _word_headings(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Equality and Diversity Action Plan – Progress 2023/24")
    for theme in plan.themes:
        document.add_heading(theme.title, level=2)
        document.add_paragraph(f"Objective: {theme.objective}")
        table = _table(
            document,
            ["Ref", "Action", "Lead", "Timescale", "Progress", "Next steps", "RAG status"],
        )
        for action in theme.actions:
            cells = table.add_row().cells
            _fill(
                cells,
                [
                    action.ref,
                    action.text,
                    action.lead,
                    action.due,
                    action.progress,
                    action.next_steps,
                    _status_text(action),
                ],
            )
    return "theme-headings.docx", _docx_bytes(document)


def _spanning_row(table, text: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    merged.text = text


def _word_spanning_rows(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Single Equality Scheme Action Plan – Monitoring Report")
    headings = ["Ref", "Action", "Responsible officer", "Target date", "Progress to date", "Status"]
    table = _table(document, headings)
    for theme in plan.themes:
        _spanning_row(table, theme.title)
        _spanning_row(table, f"Objective: {theme.objective}")
        for action in theme.actions:
            cells = table.add_row().cells
            _fill(
                cells,
                [
                    action.ref,
                    action.text,
                    action.lead,
                    action.due,
                    action.progress,
                    _status_text(action),
                ],
            )
    return "spanning-rows.docx", _docx_bytes(document)


_FILLS = {"off_track": "FF0000", "at_risk": "FFC000", "on_track": "00B050", "complete": "0070C0"}


def _word_rag_fill(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Equality Objectives – Progress Update")
    for theme in plan.themes:
        document.add_heading(theme.title, level=2)
        document.add_paragraph(theme.objective)
        table = _table(document, ["No.", "Action", "Owner", "Deadline", "Update", "RAG"])
        for action in theme.actions:
            cells = table.add_row().cells
            for cell, value in zip(
                cells,
                [action.ref, action.text, action.lead, action.due, action.progress],
                strict=False,
            ):
                _put(cell, value)
            assert action.status is not None
            _shade(cells[5], _FILLS[action.status.category or ""])
    return "rag-colour.docx", _docx_bytes(document)


def _word_letters_percentages(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Equalities Delivery Plan – Quarter 4 Performance")
    table = _table(
        document, ["Action ref", "Key action", "Lead service", "By when", "Comments", "RAG"]
    )
    for theme in plan.themes:
        _spanning_row(table, theme.title)
        for action in theme.actions:
            cells = table.add_row().cells
            _fill(
                cells,
                [
                    action.ref,
                    action.text,
                    action.lead,
                    action.due,
                    action.progress,
                    _status_text(action),
                ],
            )
    return "rag-letters-percentages.docx", _docx_bytes(document)


QUARTERS = ["Q1 2023/24", "Q2 2023/24", "Q3 2023/24", "Q4 2023/24"]


def _quarter_items(action: ReadAction) -> dict[str, list[Item]]:
    return {
        item.text: item.items
        for item in action.progress
        if isinstance(item, NestedItem) and item.text in QUARTERS
    }


def _word_quarters(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Equality Action Plan 2023/24 – Quarterly Monitoring")
    for theme in plan.themes:
        document.add_heading(theme.title, level=2)
        document.add_paragraph(f"Objective: {theme.objective}")
        table = _table(document, ["Ref", "Action", "Lead officer", *QUARTERS, "Status"])
        for action in theme.actions:
            cells = table.add_row().cells
            by_quarter = _quarter_items(action)
            _fill(
                cells,
                [
                    action.ref,
                    action.text,
                    action.lead,
                    *(by_quarter.get(q) for q in QUARTERS),
                    _status_text(action),
                ],
            )
    return "quarter-columns.docx", _docx_bytes(document)


def _word_merged_cells(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Workforce and Services Equality Plan – Progress")
    table = _table(document, ["Theme", "Ref", "Action", "Lead", "Due", "Progress", "Status"])
    for theme in plan.themes:
        first_row = len(table.rows)
        previous: dict[int, tuple[object, int]] = {}
        for action in theme.actions:
            row = table.add_row()
            cells = row.cells
            values = [
                None,
                action.ref,
                action.text,
                action.lead,
                action.due,
                action.progress,
                _status_text(action),
            ]
            for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
                # The same lead or due date as the row above: one cell spanning both.
                if i in (3, 4) and previous.get(i, (None, 0))[0] == value:
                    start = previous[i][1]
                    merged = table.cell(start, i).merge(cell)
                    merged.text = value
                    continue
                _put(cell, value)
                if i in (3, 4):
                    previous[i] = (value, len(table.rows) - 1)
        merged = table.cell(first_row, 0).merge(table.cell(len(table.rows) - 1, 0))
        merged.text = theme.title
    return "merged-cells.docx", _docx_bytes(document)


NOTE = "Note: actions 2.4–2.6 were merged into 2.3 in 2023 and are reported there."
KEY = [
    ("Complete", "The action has been delivered."),
    ("On track", "Progressing as planned."),
    ("At risk", "May not be delivered on time."),
    ("Off track", "Will not be delivered on time without intervention."),
]


def _word_notes_rows(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Corporate Equality Plan – Six-Monthly Update")
    for t, theme in enumerate(plan.themes):
        document.add_heading(theme.title, level=2)
        document.add_paragraph(f"Objective: {theme.objective}")
        table = _table(
            document, ["Ref", "What we will do", "Lead", "When", "Update", "Next steps", "Status"]
        )
        for a, action in enumerate(theme.actions):
            cells = table.add_row().cells
            _fill(
                cells,
                [
                    action.ref,
                    action.text,
                    action.lead,
                    action.due,
                    action.progress,
                    action.next_steps,
                    _status_text(action),
                ],
            )
            if t == 1 and a == 1:
                _spanning_row(table, NOTE)
    document.add_heading("Key", level=3)
    key = _table(document, ["Status", "Meaning"])
    for status, meaning in KEY:
        cells = key.add_row().cells
        cells[0].text, cells[1].text = status, meaning
    return "notes-rows-and-key.docx", _docx_bytes(document)


# HTML and PDF -------------------------------------------------------------------------------


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def _html_list(items: list[Item]) -> str:
    if not items:
        return ""
    return (
        "<ul>"
        + "".join(
            f"<li>{_e(i.text)}{_html_list(i.items)}</li>"
            if isinstance(i, NestedItem)
            else f"<li>{_e(i)}</li>"
            for i in items
        )
        + "</ul>"
    )


def _html_paragraphs(items: list[Item]) -> str:
    """Items as paragraphs, nested ones as a bulleted list under their parent."""
    out = []
    for i in items:
        if isinstance(i, NestedItem):
            out.append(f"<p>{_e(i.text)}</p>{_html_list(i.items)}")
        else:
            out.append(f"<p>{_e(i)}</p>")
    return "".join(out)


_LANDSCAPE_CSS = """
@page { size: A4 landscape; margin: 2.2cm 1.5cm;
  @top-left { content: 'Ashdown District Council'; font-size: 8pt }
  @top-right { content: 'Equality Action Plan – Annual Review 2023/24'; font-size: 8pt }
  @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 8pt }
  @bottom-left { content: 'OFFICIAL'; font-size: 8pt } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt }
table { border-collapse: collapse; width: 100% }
th, td { border: 0.75pt solid #000; padding: 3pt; vertical-align: top; text-align: left }
th { background: #dde }
td p { margin: 0 0 3pt 0 } ul { margin: 0; padding-left: 12pt }
h1 { font-size: 16pt }
"""


def _pdf(body: str, css: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<html lang='en-GB'><body>{body}</body></html>").write_pdf(
        stylesheets=[weasyprint.CSS(string=css)]
    )


def _pdf_landscape(plan: ReadReport) -> tuple[str, bytes]:
    headings = ["Ref", "Action", "Lead officer", "Due date", "Progress", "Status"]
    rows = []
    for theme in plan.themes:
        rows.append(f"<tr><td colspan='6'><b>{_e(theme.title)}</b></td></tr>")
        rows.append(f"<tr><td colspan='6'>Objective: {_e(theme.objective)}</td></tr>")
        for a in theme.actions:
            rows.append(
                f"<tr><td>{_e(a.ref)}</td><td>{_e(a.text)}</td><td>{_e(a.lead)}</td>"
                f"<td>{_e(a.due)}</td><td>{_html_paragraphs(a.progress)}</td>"
                f"<td>{_e(_status_text(a))}</td></tr>"
            )
    body = (
        "<h1>Equality Action Plan: Annual Review 2023/24</h1>"
        f"<p>{_e(INTRO)}</p>"
        "<table><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in headings)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    return "landscape-running-header.pdf", _pdf(body, _LANDSCAPE_CSS)


def _pdf_rows_across_pages(plan: ReadReport) -> tuple[str, bytes]:
    headings = ["Action", "Lead officer", "Due date", "Progress", "Status"]
    rows = []
    for theme in plan.themes:
        rows.append(f"<tr><td colspan='5'><b>{_e(theme.title)}</b></td></tr>")
        rows.append(f"<tr><td colspan='5'>Objective: {_e(theme.objective)}</td></tr>")
        for a in theme.actions:
            rows.append(
                f"<tr><td>{_e(a.text)}</td><td>{_e(a.lead)}</td><td>{_e(a.due)}</td>"
                f"<td>{_html_paragraphs(a.progress)}</td><td>{_e(_status_text(a))}</td></tr>"
            )
    body = (
        "<h1>Equality Objectives: Progress Report</h1><table><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in headings)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    # Bigger text, rows kept whole: several rows begin at the top of a page.
    css = _LANDSCAPE_CSS.replace("font-size: 9pt", "font-size: 11pt") + "tr { break-inside: avoid }"
    return "rows-across-pages.pdf", _pdf(body, css)


def _no_full_stops(words: list[ActionWords]) -> list[ActionWords]:
    """Actions written as headlines, with no full stop, as many councils write them."""
    return [(text.rstrip("."), progress, []) for text, progress, _ in words]


_CHROME_TOP = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Equality action plan: progress 2023/24 | Northbridge Borough Council</title>
<link rel="stylesheet" href="/assets/site.css"><script src="/assets/site.js"></script></head>
<body><a class="skip-link" href="#main">Skip to main content</a>
<div class="cookie-banner"><p>We use cookies to make this website work. <a href="/cookies">Cookie settings</a></p>
<button>Accept all cookies</button></div>
<header class="site-header"><div class="logo"><a href="/">Northbridge Borough Council</a></div>
<form class="search"><label for="q">Search this site</label><input id="q" name="q"></form>
<nav><ul><li><a href="/bins">Bins and recycling</a></li><li><a href="/council-tax">Council tax</a></li>
<li><a href="/housing">Housing</a></li><li><a href="/your-council">Your council</a></li></ul></nav></header>
<div class="breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/your-council">Your council</a></li>
<li>Equality and diversity</li></ol></div>
<main id="main"><h1>Equality action plan: progress 2023/24</h1>
<p class="updated">Last updated: 4 April 2024</p>
"""
_CHROME_BOTTOM = """<h2>Related content</h2><ul><li><a href="/eia">Equality impact assessments</a></li>
<li><a href="/pay-gap">Gender pay gap report</a></li></ul>
<div class="feedback"><h2>Was this page useful?</h2><p><a href="/feedback">Yes</a> <a href="/feedback">No</a></p></div>
</main><footer><h2>Contact us</h2><p>Northbridge Borough Council, Civic Centre, Northbridge NB1 1AA</p>
<ul><li><a href="/accessibility">Accessibility statement</a></li><li><a href="/privacy">Privacy</a></li></ul>
<p>© Northbridge Borough Council 2024</p></footer></body></html>"""


def _html_nested(plan: ReadReport) -> tuple[str, bytes]:
    parts = [_CHROME_TOP]
    for theme in plan.themes:
        parts.append(f"<h2>{_e(theme.title)}</h2><p>{_e(theme.objective)}</p>")
        parts.append(
            "<table class='govuk-table'><thead><tr><th scope='col'>Ref</th><th scope='col'>Action</th>"
            "<th scope='col'>Who</th><th scope='col'>When</th><th scope='col'>Progress</th>"
            "<th scope='col'>Next steps</th><th scope='col'>Status</th></tr></thead><tbody>"
        )
        for a in theme.actions:
            parts.append(
                f"<tr><td>{_e(a.ref)}</td><td>{_e(a.text)}</td><td>{_e(a.lead)}</td><td>{_e(a.due)}</td>"
                f"<td>{_html_list(a.progress)}</td><td>{_html_list(a.next_steps)}</td>"
                f"<td><strong class='tag'>{_e(_status_text(a))}</strong></td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append(_CHROME_BOTTOM)
    return "web-page-nested-lists.html", "".join(parts).encode("utf-8")


_TWO_COLUMN_CSS = """
@page { size: A4; margin: 2cm; @bottom-right { content: counter(page); font-size: 8pt } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt }
table { border-collapse: collapse; width: 100% }
td, th { border: none; padding: 0 8pt 10pt 0; vertical-align: top; text-align: left; width: 50% }
td p, th p { margin: 0 0 3pt 0 } ul { margin: 0; padding-left: 12pt }
h1 { font-size: 16pt } h2 { font-size: 13pt; font-weight: bold }
"""


def _pdf_two_column(plan: ReadReport) -> tuple[str, bytes]:
    parts = ["<h1>Equality Scheme – Progress Report</h1>"]
    for theme in plan.themes:
        parts.append(f"<h2>{_e(theme.title)}</h2><p>Objective: {_e(theme.objective)}</p>")
        parts.append("<table><tr><th>Action</th><th>Progress</th></tr>")
        for a in theme.actions:
            status = f"<p>Status: {_e(_status_text(a))}</p>" if a.status else ""
            parts.append(
                f"<tr><td><p>{_e(a.ref)} {_e(a.text)}</p><p>Lead: {_e(a.lead)}</p>"
                f"<p>Due: {_e(a.due)}</p></td><td>{_html_paragraphs(a.progress)}{status}</td></tr>"
            )
        parts.append("</table>")
    return "two-columns-no-rules.pdf", _pdf("".join(parts), _TWO_COLUMN_CSS)


# Text ---------------------------------------------------------------------------------------


def _text_items(items: list[Item], depth: int = 0) -> list[str]:
    out = []
    for i in items:
        text = i.text if isinstance(i, NestedItem) else i
        out.append(f"{'  ' * depth}- {text}")
        if isinstance(i, NestedItem):
            out.extend(_text_items(i.items, depth + 1))
    return out


def _text_email(plan: ReadReport) -> tuple[str, bytes]:
    lines = [
        "Subject: Equality action plan – update for Q3 2023/24",
        "",
        "Dear colleagues,",
        "",
        "Please find below the latest position on the actions in our equality action plan, "
        "for the Corporate Equality Group on 12 January.",
        "",
    ]
    for t, theme in enumerate(plan.themes, start=1):
        lines += [f"Theme {t}: {theme.title}", f"Objective: {theme.objective}", ""]
        for a in theme.actions:
            lines.append(f"{a.ref} {a.text}")
            lines.append(f"Lead: {a.lead}")
            lines.append(f"Due: {a.due}")
            if len(a.progress) == 1 and isinstance(a.progress[0], str):
                lines.append(f"Progress: {a.progress[0]}")
            else:
                lines.append("Progress:")
                lines += _text_items(a.progress)
            if a.next_steps:
                lines.append(f"Next steps: {' '.join(str(s) for s in a.next_steps)}")
            if a.status:
                lines.append(f"Status: {a.status.text}")
            lines.append("")
    lines += ["Kind regards,", "", "Priya Shah", "Equality and Diversity Officer"]
    return "email-update.txt", "\n".join(lines).encode("utf-8")


# The layouts --------------------------------------------------------------------------------

_STANDARD: list[Status] = [
    ("On track", "on_track"),
    ("Complete", "complete"),
    ("At risk", "at_risk"),
    ("Not started", "not_started"),
    ("Off track", "off_track"),
]
# Wordings councils use that issue 16's status vocabulary (another branch) adds.
_WORDINGS: list[Status] = [
    ("Achieved", "complete"),
    ("Behind schedule", "off_track"),
    ("In progress", "ongoing"),
    ("On track", "on_track"),
    ("Delivered", "complete"),
    ("Not yet due", "not_started"),
]


def _no_next_steps(words: list[ActionWords]) -> list[ActionWords]:
    return [(text, progress, []) for text, progress, _ in words]


def _quarterly(words: list[ActionWords]) -> list[ActionWords]:
    """Progress spread over the quarters reported, each under its heading."""
    out: list[ActionWords] = []
    for n, (text, progress, _) in enumerate(words):
        quarters: list[Item] = []
        flat = [p for p in progress]
        reported = QUARTERS[n % 2 :] if n % 3 else QUARTERS[1:3]
        for q, quarter in enumerate(reported):
            item = (
                flat[q % len(flat)] if q < len(flat) else f"No change this quarter ({quarter[:2]})."
            )
            quarters.append(NestedItem(quarter, [item]))
        out.append((text, quarters, []))
    return out


def _layouts() -> list[Layout]:
    return [
        Layout(
            "word-objective-column",
            "Word: one table whose first column names the objective; an introduction above it",
            _plan(
                [
                    ("Know our communities", "", _no_next_steps(COMMUNITY[:4])),
                    ("Be an inclusive employer", "", _no_next_steps(EMPLOYER[:4])),
                    ("Deliver accessible services", "", _no_next_steps(SERVICES[:3])),
                ],
                ref=_dotted,
                statuses=_STANDARD,
            ),
            _word_objective_column,
            exercises=("intro",),
        ),
        Layout(
            "word-theme-headings",
            "Word: a heading and an 'Objective:' paragraph per theme, then its table",
            _plan(
                [
                    (
                        "Objective 1: An inclusive employer",
                        "Our workforce reflects the communities we serve at every level.",
                        EMPLOYER[:5],
                    ),
                    (
                        "Objective 2: Fair and accessible services",
                        "Everyone can use our services, whatever their needs.",
                        SERVICES[:4],
                    ),
                ],
                ref=lambda t, a: f"{'ES'[t]}{a + 1}",
                statuses=_STANDARD,
                offset=2,
            ),
            _word_headings,
        ),
        Layout(
            "word-spanning-rows",
            "Word: one big table, themes and 'Objective:' as rows spanning every column; "
            "status wordings such as 'Behind schedule' and 'Achieved'",
            _plan(
                [
                    (
                        "As an Employer",
                        "To be an employer of choice for people from all backgrounds.",
                        _no_next_steps(EMPLOYER[1:5]),
                    ),
                    (
                        "As a Service Provider",
                        "To provide services that meet the needs of all residents.",
                        _no_next_steps(SERVICES[1:5]),
                    ),
                    (
                        "As a Community Leader",
                        "To build strong, cohesive communities.",
                        _no_next_steps(COMMUNITY[:3]),
                    ),
                ],
                ref=lambda t, a: f"{('E', 'SP', 'CL')[t]}{a + 1}",
                statuses=_WORDINGS,
                offset=4,
            ),
            _word_spanning_rows,
            exercises=("status",),
        ),
        Layout(
            "word-rag-colour",
            "Word: RAG shown only by the status cell's fill colour",
            _plan(
                [
                    (
                        "Understanding our communities",
                        "We use good equality data to plan services.",
                        _no_next_steps(COMMUNITY[2:6]),
                    ),
                    (
                        "Accessible council",
                        "Our buildings and information are accessible to all.",
                        _no_next_steps(OTHER[3:6] + SERVICES[1:2]),
                    ),
                ],
                ref=_dotted,
                statuses=[
                    ("Green", "on_track"),
                    ("Amber", "at_risk"),
                    ("Red", "off_track"),
                    ("Blue", "complete"),
                ],
                offset=1,
            ),
            _word_rag_fill,
        ),
        Layout(
            "word-rag-letters-percentages",
            "Word: RAG as letters R/A/G in some rows and percentages in others; themes as spanning rows",
            _plan(
                [
                    ("Priority 1: Fair employment", "", _no_next_steps(EMPLOYER[:3] + OTHER[2:3])),
                    ("Priority 2: Inclusive services", "", _no_next_steps(SERVICES[2:6])),
                ],
                ref=lambda t, a: f"P{t + 1}.{a + 1}",
                statuses=[
                    ("G", "on_track"),
                    ("75%", "ongoing"),
                    ("A", "at_risk"),
                    ("100%", "complete"),
                    ("R", "off_track"),
                    ("0%", "not_started"),
                ],
                offset=3,
            ),
            _word_letters_percentages,
        ),
        Layout(
            "word-quarter-columns",
            "Word: a progress column per quarter (Q1–Q4 2023/24), read as one year's report "
            "with each quarter's update under its heading",
            _plan(
                [
                    (
                        "Workforce",
                        "A diverse workforce with an inclusive culture.",
                        _quarterly(EMPLOYER[2:6]),
                    ),
                    (
                        "Communities",
                        "Strong relationships with all our communities.",
                        _quarterly(COMMUNITY[1:4]),
                    ),
                ],
                ref=_dotted,
                statuses=_STANDARD[:3],
                period="2023/24",
                dues=False,
                offset=5,
            ),
            _word_quarters,
        ),
        Layout(
            "word-merged-cells",
            "Word: a theme cell spanning its rows, one lead and due date cell spanning several actions",
            _merged_cells_plan(),
            _word_merged_cells,
        ),
        Layout(
            "word-notes-rows",
            "Word: a note row inside the table and a key table after it",
            _plan(
                [
                    (
                        "Leadership and governance",
                        "Equality is part of how every decision is made.",
                        OTHER[:3],
                    ),
                    (
                        "Service delivery",
                        "Services designed around residents’ needs.",
                        SERVICES[:3] + SERVICES[4:6],
                    ),
                ],
                ref=_dotted,
                statuses=_STANDARD,
                offset=6,
            ),
            _word_notes_rows,
        ),
        Layout(
            "pdf-landscape-running-header",
            "PDF: landscape, running header and footer, one ruled table over several pages "
            "with its header row repeated; an introduction above it",
            _plan(
                [
                    (
                        "Objective 1: Inclusive employer",
                        "Our workforce reflects the borough.",
                        _no_next_steps(EMPLOYER),
                    ),
                    (
                        "Objective 2: Accessible services",
                        "Residents can use every service we offer.",
                        _no_next_steps(SERVICES),
                    ),
                    (
                        "Objective 3: Cohesive communities",
                        "People from different backgrounds get on well together.",
                        _no_next_steps(COMMUNITY),
                    ),
                ],
                ref=lambda t, a: f"{t + 1}.{a + 1}",
                statuses=_STANDARD,
                offset=7,
            ),
            _pdf_landscape,
            exercises=("intro",),
        ),
        Layout(
            "pdf-rows-across-pages",
            "PDF: no reference column, actions without full stops, rows kept whole so that "
            "several begin at the top of a page under the running header",
            _plan(
                [
                    (
                        "Objective 1: Inclusive employer",
                        "Our workforce reflects the borough.",
                        _no_full_stops(EMPLOYER),
                    ),
                    (
                        "Objective 2: Accessible services",
                        "Residents can use every service we offer.",
                        _no_full_stops(SERVICES),
                    ),
                    (
                        "Objective 3: Cohesive communities",
                        "People from different backgrounds get on well together.",
                        _no_full_stops(COMMUNITY),
                    ),
                ],
                ref=lambda t, a: None,
                statuses=_STANDARD,
            ),
            _pdf_rows_across_pages,
            exercises=("pdfbreak",),
        ),
        Layout(
            "web-page-nested-lists",
            "Web page: themes as headings, nested lists in progress cells, site header, "
            "navigation, cookie banner and footer around it",
            _plan(
                [
                    (
                        "Tackling hate crime and building cohesion",
                        "Fewer people experience hate crime, and more report it.",
                        COMMUNITY[:3],
                    ),
                    (
                        "Accessible information",
                        "Everyone can find and understand our information.",
                        SERVICES[1:4],
                    ),
                    ("A diverse workforce", "Our staff reflect Northbridge.", EMPLOYER[2:5]),
                ],
                ref=lambda t, a: f"{'HAW'[t]}{a + 1}",
                statuses=_STANDARD,
                offset=8,
            ),
            _html_nested,
        ),
        Layout(
            "pdf-two-columns-no-rules",
            "PDF: action on the left, progress on the right, no ruling lines; lead, due date "
            "and status as labelled lines",
            _plan(
                [
                    (
                        "Fair access",
                        "Services reach everyone who needs them.",
                        _no_next_steps(SERVICES[3:6] + OTHER[4:5]),
                    ),
                    (
                        "Valuing our staff",
                        "Staff feel they belong and can progress.",
                        _no_next_steps(EMPLOYER[:4]),
                    ),
                ],
                ref=lambda t, a: f"{t + 1}.{a + 1}",
                statuses=_STANDARD,
                offset=9,
            ),
            _pdf_two_column,
        ),
        Layout(
            "text-email-labels",
            "Text: an e-mail with numbered actions and 'Lead:', 'Progress:', 'Status:' labels; "
            "a greeting and introduction first; wordings such as 'Slipped'",
            _plan(
                [
                    (
                        "Our workforce",
                        "Recruit, retain and develop a diverse workforce.",
                        EMPLOYER[:3],
                    ),
                    (
                        "Our services",
                        "Services that treat everyone fairly.",
                        SERVICES[:3] + OTHER[:1],
                    ),
                    (
                        "Our communities",
                        "Work with partners for cohesive communities.",
                        COMMUNITY[3:6],
                    ),
                ],
                ref=_dotted,
                statuses=[
                    ("On track", "on_track"),
                    ("Complete", "complete"),
                    ("Slipped", "off_track"),
                    ("At risk", "at_risk"),
                ],
                offset=1,
            ),
            _text_email,
            exercises=("intro", "status"),
        ),
    ]


def _merged_cells_plan() -> ReadReport:
    plan = _plan(
        [
            ("Workforce", "", _no_next_steps(EMPLOYER[:4])),
            ("Customers", "", _no_next_steps(SERVICES[:3])),
            ("Communities", "", _no_next_steps(COMMUNITY[:3])),
        ],
        ref=lambda t, a: f"{'WCK'[t]}{a + 1}",
        statuses=_STANDARD,
    )
    # The first three workforce actions share a lead, two customer actions a due date.
    workforce, customers, _ = plan.themes
    for action in workforce.actions[:3]:
        action.lead = "Head of HR"
    for action in customers.actions[:2]:
        action.due = "March 2024"
    return plan


# The introduction a person would type in from each layout's file: the text before the first
# theme, and the notes around the tables (a "Last updated" line is one; a key table of status
# meanings is the status vocabulary's, not the plan's). Layouts not named have none.
_INTRODUCTIONS = {
    "word-objective-column": [INTRO],
    "word-notes-rows": [NOTE],
    "pdf-landscape-running-header": [INTRO],
    "web-page-nested-lists": ["Last updated: 4 April 2024"],
    "text-email-labels": [
        "Please find below the latest position on the actions in our equality action plan, "
        "for the Corporate Equality Group on 12 January."
    ],
}

LAYOUTS = _layouts()
for _layout in LAYOUTS:
    _layout.expected.introduction = list(_INTRODUCTIONS.get(_layout.name, []))
