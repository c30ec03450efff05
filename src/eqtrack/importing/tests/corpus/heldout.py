"""Held-out layouts: reports written as other councils write them, by someone who had not read
the readers, after the readers were tuned to the first thirteen layouts, so that the corpus
also measures what the importer has not been shaped around.

Decisions an officer would make, as in `builders` (and these, written down once):
- A status shown only as a coloured symbol ("●" in a green font, 🟢, ✅) reads as the
  colour's name ("Green") and its category, like a coloured cell; ✅ / ✔ mean complete.
- A split rating ("A/G") is the worse of the two (at risk), as eqtrack's status vocabulary
  decides, so a doubt is never hidden from councillors.
- Quarter status columns (Q1 RAG … Q4 RAG): the action's status is the latest quarter that
  has one (a blank later quarter has not been reported yet).
- Numbered lists in a cell are items; the numbers (typed or Word's own) are not kept.
- A "Risks" table under a theme's actions, a cover page's contents list and a key table are
  not actions or themes.
"""

from __future__ import annotations

from eqtrack.importing.readers.base import Item, NestedItem, ReadAction, ReadReport

from .builders import (
    Layout,
    _docx_bytes,
    _e,
    _fill,
    _html_list,
    _html_paragraphs,
    _new_docx,
    _pdf,
    _plan,
    _put,
    _status_text,
    _table,
)
from .content import ActionWords

# New wording, in the style of `content`, so no layout here shares an action with the others.
HEALTH: list[ActionWords] = [
    (
        "Reduce the gap in healthy life expectancy between our most and least deprived wards.",
        [
            "Health inequalities needs assessment agreed by the Health and Wellbeing Board.",
            "Community health champions recruited in Eastfield and Moor Lane.",
        ],
        ["Commission a men’s health outreach service in the three most deprived wards."],
    ),
    (
        "Increase uptake of NHS Health Checks among Gypsy, Roma and Traveller residents.",
        ["Outreach nurse visited both permanent sites; 41 health checks completed."],
        ["Agree a follow-up visit schedule with the site liaison officer."],
    ),
    (
        "Make leisure centres welcoming to disabled residents and carers.",
        [
            "Free carer’s pass introduced at all four centres from 1 May.",
            NestedItem(
                "Equipment bought:",
                ["Poolside hoist at Riverside Pool.", "Two inclusive gym machines."],
            ),
        ],
        ["Run a quiet swim session each week at Riverside Pool."],
    ),
    (
        "Offer women-only swimming and fitness sessions requested by Muslim women’s groups.",
        ["Weekly women-only swim started in September with female lifeguards."],
        [],
    ),
    (
        "Improve the mental health support offered to LGBTQ+ young people.",
        ["Youth service staff trained by the Proud Futures charity; drop-in runs fortnightly."],
        ["Evaluate the drop-in with the young people who use it."],
    ),
    (
        "Provide period products free of charge in council buildings.",
        ["Dispensers installed in libraries, leisure centres and the Civic Centre."],
        ["Monitor use and restock monthly through facilities management."],
    ),
]

HOUSING: list[ActionWords] = [
    (
        "Shorten the time disabled tenants wait for adaptations to their homes.",
        ["Average wait for minor adaptations down from 14 weeks to 9 weeks."],
        ["Recruit a second occupational therapist for major adaptations."],
    ),
    (
        "Record the protected characteristics of people on the housing register.",
        ["Equality questions added to the online housing application form in June."],
        ["Produce the first equality breakdown of allocations for Housing Committee."],
    ),
    (
        "Give survivors of domestic abuse priority on the housing register.",
        [
            "Allocations policy amended and approved by Cabinet in October.",
            "Domestic Abuse Housing Alliance accreditation started.",
        ],
        ["Complete the accreditation self-assessment."],
    ),
    (
        "Provide a transit site for Gypsy and Traveller families.",
        ["Three possible sites assessed; none yet has planning consent."],
        ["Report the site options to Cabinet in the summer."],
    ),
    (
        "Ensure new council homes meet accessible and adaptable housing standards.",
        ["All 64 homes at Mill Street built to M4(2); six wheelchair-user homes to M4(3)."],
        [],
    ),
    (
        "Translate tenancy agreements into the five most requested community languages.",
        ["Tenancy agreement translated into Polish, Urdu, Bengali, Somali and Portuguese."],
        ["Publish the translations on the tenants’ portal."],
    ),
]

PEOPLE: list[ActionWords] = [
    (
        "Introduce a menopause policy and train managers to support colleagues.",
        [
            "Menopause policy adopted in March after consultation with UNISON and GMB.",
            "92 managers attended the briefing sessions.",
        ],
        ["Set up a menopause café for staff."],
    ),
    (
        "Offer reverse mentoring between senior leaders and staff from under-represented groups.",
        ["First cohort of 12 pairs completed the programme in November."],
        ["Recruit the second cohort through the staff networks."],
    ),
    (
        "Make reasonable adjustments quicker to agree and easier to keep.",
        ["Reasonable adjustments passport launched; 57 passports agreed so far."],
        ["Add the passport to the induction checklist."],
    ),
    (
        "Increase the share of senior posts held by women and ethnic minority staff.",
        ["Women now hold 46% of posts at grade 12 and above, up from 41%."],
        ["Use diverse interview panels for every senior appointment."],
    ),
    (
        "Collect sexual orientation and gender identity data through the HR system.",
        ["Self-service equality form live in the HR system; declaration rate 38%."],
        [],
    ),
    (
        "Support carers in the workforce with flexible working and carer’s leave.",
        ["Five days’ paid carer’s leave introduced from April."],
        ["Apply for Carer Confident accreditation."],
    ),
]

PLACE: list[ActionWords] = [
    (
        "Make bus stops and town centre streets easier to use for people with sight loss.",
        ["Tactile paving replaced at 18 crossings in the town centre."],
        ["Walk the route with the Sight Loss Forum before the next phase."],
    ),
    (
        "Run a Holocaust Memorial Day event with schools and faith groups.",
        ["Event held at the Town Hall with 9 schools and the Interfaith Council."],
        [],
    ),
    (
        "Set up a community cohesion fund for small grassroots groups.",
        [
            "£40,000 fund launched; 23 grants awarded.",
            NestedItem(
                "Groups funded include:",
                ["Eastfield Somali Women’s Group.", "Rainbow Seniors lunch club."],
            ),
        ],
        ["Open the second funding round in January."],
    ),
    (
        "Work with the police to respond to community tensions quickly.",
        ["Tension monitoring meeting now held fortnightly with the police and schools."],
        ["Agree a shared community tension protocol."],
    ),
    (
        "Make polling stations accessible to disabled voters.",
        ["All 42 polling stations audited before the May elections; ramps hired for three."],
        ["Provide tactile voting devices and magnifiers at every station."],
    ),
    (
        "Involve young people from diverse backgrounds in council decisions.",
        ["Youth Council elections held in all secondary schools; turnout 61%."],
        ["Invite the Youth Council to present to Full Council."],
    ),
]


def _no_next_steps(words: list[ActionWords]) -> list[ActionWords]:
    return [(text, progress, []) for text, progress, _ in words]


# (a) Word: the status as a coloured symbol ------------------------------------------------

_SYMBOL_COLOURS = {"on_track": "00B050", "at_risk": "FFC000", "off_track": "FF0000"}
_EMOJI = {"on_track": "🟢", "at_risk": "🟠", "off_track": "🔴", "complete": "✅"}


def _word_status_symbols(plan: ReadReport) -> tuple[str, bytes]:
    """The status column holds "●" in a coloured font in the first theme, and an emoji in the
    second, as different officers filled the template in."""
    from docx.shared import RGBColor

    document = _new_docx("Equality Action Plan – Progress Report, September 2024")
    for t, theme in enumerate(plan.themes):
        document.add_heading(theme.title, level=2)
        document.add_paragraph(theme.objective)
        table = _table(document, ["Ref", "Action", "Lead", "Due", "Progress", "Next steps", "RAG"])
        for action in theme.actions:
            cells = table.add_row().cells
            values = [
                action.ref,
                action.text,
                action.lead,
                action.due,
                action.progress,
                action.next_steps,
            ]
            for cell, value in zip(cells, values, strict=False):
                _put(cell, value)
            assert action.status is not None
            category = action.status.category or ""
            paragraph = cells[6].paragraphs[0]
            if t == 0:
                run = paragraph.add_run("●")
                run.font.color.rgb = RGBColor.from_string(_SYMBOL_COLOURS[category])
            else:
                paragraph.add_run(_EMOJI[category])
    return "status-symbols.docx", _docx_bytes(document)


# (b) Word: cover page with contents, then per theme an actions table and a risks table ------

RISKS = [
    ("Funding for the programme is not confirmed.", "Medium", "High", "Bid to reserves."),
    ("Staff turnover delays delivery.", "High", "Medium", "Cover through the policy team."),
]


def _word_cover_and_risks(plan: ReadReport) -> tuple[str, bytes]:
    from docx.enum.text import WD_BREAK

    document = _new_docx("Kingsmere City Council")
    document.add_paragraph("Equality, Diversity and Inclusion Action Plan 2024–2028")
    document.add_paragraph("Year 1 progress report – Cabinet, 17 July 2025")
    document.add_paragraph("Contents")
    document.add_paragraph("1. Introduction ........ 2")
    for t, theme in enumerate(plan.themes, start=2):
        document.add_paragraph(f"{theme.title} ........ {t + 1}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("1. Introduction", level=2)
    document.add_paragraph(
        "This report sets out the progress made in the first year of our action plan. Each "
        "section lists the actions under one of our equality objectives, followed by the risks "
        "to delivering them."
    )
    for theme in plan.themes:
        document.add_heading(theme.title, level=2)
        document.add_paragraph(theme.objective)
        table = _table(
            document,
            ["Ref", "Action", "Lead officer", "Target date", "Progress", "Next steps", "Status"],
        )
        for action in theme.actions:
            cells = table.add_row().cells
            values = [
                action.ref,
                action.text,
                action.lead,
                action.due,
                action.progress,
                action.next_steps,
                _status_text(action),
            ]
            _fill(cells, values)
        document.add_paragraph("Risks")
        risks = _table(document, ["Risk", "Likelihood", "Impact", "Mitigation"])
        for row in RISKS:
            for cell, value in zip(risks.add_row().cells, row, strict=True):
                cell.text = value
    return "cover-contents-risks.docx", _docx_bytes(document)


def _cover_plan() -> ReadReport:
    plan = _plan(
        [
            (
                "Healthier lives for everyone",
                "Narrow the gaps in health between our communities.",
                HEALTH[:4],
            ),
            (
                "Homes that meet people’s needs",
                "Everyone has a safe home that suits them.",
                HOUSING[:4],
            ),
        ],
        ref=lambda t, a: f"{t + 1}.{a + 1}",
        statuses=[("On track", "on_track"), ("Complete", "complete"), ("At risk", "at_risk")],
        offset=2,
    )
    # The contents list and headings number the themes; the plan's titles would not.
    for t, theme in enumerate(plan.themes, start=2):
        theme.title = f"{t}. {theme.title}"
    return plan


# (c) HTML: each action a <section> with a <dl> -------------------------------------------

_PAGE_TOP = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Equality objectives: progress | Fenwick District Council</title></head><body>
<header><a href="/">Fenwick District Council</a><nav><a href="/bins">Bins</a>
<a href="/planning">Planning</a><a href="/council">Council and democracy</a></nav></header>
<main><h1>Equality objectives: how we are doing</h1>
<p>Published 2 October 2024. We review this page every six months.</p>
"""
_PAGE_BOTTOM = """</main><footer><p>Fenwick District Council, Market Place, Fenwick FN1 2AB</p>
<p><a href="/accessibility">Accessibility</a> <a href="/privacy">Privacy notice</a></p></footer>
</body></html>"""


def _html_sections(plan: ReadReport) -> tuple[str, bytes]:
    parts = [_PAGE_TOP]
    for theme in plan.themes:
        parts.append(f"<h2>{_e(theme.title)}</h2><p>{_e(theme.objective)}</p>")
        for a in theme.actions:
            fields = [
                ("Lead", _e(a.lead)),
                ("Due", _e(a.due)),
                ("Progress", _html_list(a.progress)),
            ]
            if a.next_steps:
                fields.append(("Next steps", _html_list(a.next_steps)))
            fields.append(("Status", _e(_status_text(a))))
            dl = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in fields)
            parts.append(
                f"<section class='action'><h3>{_e(a.ref)} {_e(a.text)}</h3><dl>{dl}</dl></section>"
            )
    parts.append(_PAGE_BOTTOM)
    return "action-sections.html", "".join(parts).encode("utf-8")


# (d) PDF: portrait, two-line header cells, zebra rows, dated running footer --------------

_PORTRAIT_CSS = """
@page { size: A4; margin: 2cm 1.6cm 2.4cm 1.6cm;
  @bottom-left { content: 'Printed 14 March 2025'; font-size: 7.5pt }
  @bottom-right { content: 'Page ' counter(page); font-size: 7.5pt } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt }
table { border-collapse: collapse; width: 100%; margin-bottom: 12pt }
th { background: #1f3864; color: #fff; text-align: left; padding: 3pt; vertical-align: bottom }
td { padding: 3pt; vertical-align: top; text-align: left; border-bottom: 0.5pt solid #aaa }
tbody tr:nth-child(even) td { background: #e9eef6 }
td p { margin: 0 0 2pt 0 } ul { margin: 0; padding-left: 10pt }
h1 { font-size: 15pt } h2 { font-size: 12pt; color: #1f3864 }
"""


def _pdf_portrait_zebra(plan: ReadReport) -> tuple[str, bytes]:
    headings = ["Ref", "Action", "Lead<br>officer", "Target<br>date", "Progress", "Status"]
    parts = ["<h1>Annual Equality Report 2024: Action Plan Progress</h1>"]
    for theme in plan.themes:
        parts.append(f"<h2>{_e(theme.title)}</h2><p>{_e(theme.objective)}</p>")
        parts.append(
            "<table><thead><tr>"
            + "".join(f"<th>{h}</th>" for h in headings)
            + "</tr></thead><tbody>"
        )
        for a in theme.actions:
            parts.append(
                f"<tr><td>{_e(a.ref)}</td><td>{_e(a.text)}</td><td>{_e(a.lead)}</td>"
                f"<td>{_e(a.due)}</td><td>{_html_paragraphs(a.progress)}</td>"
                f"<td>{_e(_status_text(a))}</td></tr>"
            )
        parts.append("</tbody></table>")
    return "portrait-zebra.pdf", _pdf("".join(parts), _PORTRAIT_CSS)


# (e) Word: theme merged down the first column, numbered lists in cells --------------------


def _numbered(cell, items: list[Item], *, typed: bool) -> None:
    """Items as a numbered list: Word's own numbering, or numbers typed in ("1. …")."""
    first = True
    for n, item in enumerate(items, start=1):
        assert isinstance(item, str)  # this layout's items are flat
        text = f"{n}. {item}" if typed else item
        if first:
            paragraph = cell.paragraphs[0]
            paragraph.text = text
            first = False
        else:
            paragraph = cell.add_paragraph(text)
        if not typed:
            paragraph.style = cell.part.document.styles["List Number"]


def _word_theme_merged_numbered(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Equality Objectives 2023–2027: Progress to 31 March 2025")
    headings = ["Objective", "No.", "Action", "Lead", "Deadline", "Progress", "Next steps", "RAG"]
    table = _table(document, headings)
    for theme in plan.themes:
        first_row = len(table.rows)
        for action in theme.actions:
            cells = table.add_row().cells
            for cell, value in zip(
                cells[1:5], [action.ref, action.text, action.lead, action.due], strict=True
            ):
                _put(cell, value)
            _numbered(cells[5], action.progress, typed=False)
            _numbered(cells[6], action.next_steps, typed=True)
            _put(cells[7], _status_text(action))
        merged = table.cell(first_row, 0).merge(table.cell(len(table.rows) - 1, 0))
        merged.text = theme.title
    return "theme-merged-numbered.docx", _docx_bytes(document)


def _flat(words: list[ActionWords]) -> list[ActionWords]:
    """Nested items flattened to one level, as a numbered list holds them."""

    def flatten(items: list[Item]) -> list[Item]:
        out: list[Item] = []
        for item in items:
            if isinstance(item, NestedItem):
                out.append(item.text)
                out.extend(flatten(item.items))
            else:
                out.append(item)
        return out

    return [(text, flatten(p), flatten(n)) for text, p, n in words]


# (f) PDF exported from a spreadsheet: grid, small font, landscape, quarter RAG columns -------

_SHEET_CSS = """
@page { size: A4 landscape; margin: 1cm;
  @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 6pt } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 6.5pt }
table { border-collapse: collapse; width: 100% }
th, td { border: 0.4pt solid #999; padding: 1.5pt; vertical-align: top; text-align: left }
th { background: #d9d9d9; font-weight: bold }
td p { margin: 0 }
"""
_QUARTERS = ["Q1 RAG", "Q2 RAG", "Q3 RAG", "Q4 RAG"]


def _quarter_statuses(action: ReadAction, n: int) -> list[str]:
    """Earlier quarters' statuses, then this one's as the latest reported; Q4 not yet filled
    in for every other action (the export was taken before the year end)."""
    assert action.status is not None
    letter = {"on_track": "G", "at_risk": "A", "off_track": "R", "complete": "Complete"}[
        action.status.category or ""
    ]
    earlier = ["A", "G", "G"] if n % 2 else ["G", "A", "R"]
    if n % 2:
        return [*earlier, letter]
    return [*earlier[:2], letter, ""]


def _pdf_spreadsheet(plan: ReadReport) -> tuple[str, bytes]:
    headings = [
        "Ref",
        "Theme",
        "Action",
        "Lead",
        "Due",
        "Start",
        *_QUARTERS,
        "Commentary",
        "Next steps",
        "Budget",
    ]
    rows = []
    n = 0
    for theme in plan.themes:
        for a in theme.actions:
            quarters = _quarter_statuses(a, n)
            n += 1
            cells = [
                _e(a.ref),
                _e(theme.title),
                _e(a.text),
                _e(a.lead),
                _e(a.due),
                "Apr-24",
                *quarters,
                _html_paragraphs(a.progress),
                _html_paragraphs(a.next_steps),
                "Within existing resources",
            ]
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body = (
        "<table><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in headings)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    return "spreadsheet-export.pdf", _pdf(body, _SHEET_CSS)


# (g) Word: introduction, a key of RAG meanings at the top, mixed status wordings ---------

_KEY_ROWS = [
    ("G", "On track – the action will be delivered as planned."),
    ("A/G", "Some issues, but expected to be delivered on time."),
    ("A", "At risk – there are issues that may delay delivery."),
    ("R", "Off track – will not be delivered without intervention."),
    ("Complete ✔", "The action has been delivered."),
]


def _word_key_first(plan: ReadReport) -> tuple[str, bytes]:
    document = _new_docx("Public Sector Equality Duty: Action Plan Monitoring 2024/25")
    document.add_heading("Introduction", level=2)
    document.add_paragraph(
        "Under the Public Sector Equality Duty the council must publish equality objectives "
        "and report on them. This report gives the position at the end of quarter 2."
    )
    document.add_paragraph(
        "Each action has a RAG rating agreed by its lead officer, using the key below."
    )
    document.add_heading("Key", level=3)
    key = _table(document, ["RAG", "Meaning"])
    for status, meaning in _KEY_ROWS:
        cells = key.add_row().cells
        cells[0].text, cells[1].text = status, meaning
    for theme in plan.themes:
        document.add_heading(theme.title, level=2)
        document.add_paragraph(f"Objective: {theme.objective}")
        table = _table(
            document,
            ["Ref", "Action", "Responsible officer", "Timescale", "Update", "RAG"],
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
                    _status_text(action),
                ],
            )
    return "key-first-mixed-rag.docx", _docx_bytes(document)


# The layouts --------------------------------------------------------------------------------

_SIX: list[tuple[str, str]] = [
    ("On track", "on_track"),
    ("Complete", "complete"),
    ("At risk", "at_risk"),
    ("Off track", "off_track"),
]


# The introduction a person would type in from each file (set after the fidelity scorer began
# to score introductions): the paragraphs before the first theme, less a cover page's title and
# contents list; a page's "Published …" line is the page's own text, like builders' "Last
# updated". Layouts not named have none.
_INTRODUCTIONS = {
    "heldout-word-cover-and-risks": [
        "This report sets out the progress made in the first year of our action plan. Each "
        "section lists the actions under one of our equality objectives, followed by the risks "
        "to delivering them."
    ],
    "heldout-web-action-sections": [
        "Published 2 October 2024. We review this page every six months."
    ],
    "heldout-word-key-first": [
        "Under the Public Sector Equality Duty the council must publish equality objectives "
        "and report on them. This report gives the position at the end of quarter 2.",
        "Each action has a RAG rating agreed by its lead officer, using the key below.",
    ],
}


def layouts() -> list[Layout]:
    out = _layouts()
    for layout in out:
        layout.expected.introduction = list(_INTRODUCTIONS.get(layout.name, []))
    return out


def _layouts() -> list[Layout]:
    return [
        Layout(
            "heldout-word-status-symbols",
            "Word (held out): status as '●' in a coloured font, or as an emoji (🟢 🟠 🔴 ✅)",
            _symbols_plan(),
            _word_status_symbols,
        ),
        Layout(
            "heldout-word-cover-and-risks",
            "Word (held out): a cover page with a contents list, an introduction, and per theme "
            "an actions table followed by a separate 'Risks' table",
            _cover_plan(),
            _word_cover_and_risks,
        ),
        Layout(
            "heldout-web-action-sections",
            "Web page (held out): no table; each action a <section> with its ref and title as "
            "an <h3> and a <dl> of Lead, Due, Progress, Next steps and Status",
            _plan(
                [
                    (
                        "Fair access to housing",
                        "Everyone can find a home that meets their needs.",
                        HOUSING[:5],
                    ),
                    (
                        "Strong, connected communities",
                        "People from all backgrounds take part in local life.",
                        PLACE[1:5],
                    ),
                ],
                ref=lambda t, a: f"EO{t + 1}.{a + 1}",
                statuses=_SIX,
                offset=5,
            ),
            _html_sections,
        ),
        Layout(
            "heldout-pdf-portrait-zebra",
            "PDF (held out): portrait, header cells on two lines ('Lead / officer', 'Target / "
            "date'), zebra-striped rows with no vertical rules, a dated running footer",
            _plan(
                [
                    (
                        "Objective A: A fair and inclusive employer",
                        "Our staff are treated fairly and can be themselves at work.",
                        _no_next_steps(PEOPLE[:5]),
                    ),
                    (
                        "Objective B: Healthier communities",
                        "Health improves fastest where it is poorest.",
                        _no_next_steps(HEALTH[1:6]),
                    ),
                ],
                ref=lambda t, a: f"{'AB'[t]}{a + 1}",
                statuses=_SIX,
                offset=6,
            ),
            _pdf_portrait_zebra,
        ),
        Layout(
            "heldout-word-theme-merged-numbered",
            "Word (held out): the objective in a first column merged down over its actions; "
            "progress as a numbered list (Word's numbering), next steps numbered by hand",
            _plan(
                [
                    ("Our people", "", _flat(PEOPLE[1:6])),
                    ("Our homes", "", _flat(HOUSING[2:6])),
                    ("Our places", "", _flat(PLACE[:3])),
                ],
                ref=lambda t, a: f"{t + 1}.{a + 1}",
                statuses=[("Green", "on_track"), ("Amber", "at_risk"), ("Complete", "complete")],
                offset=7,
            ),
            _word_theme_merged_numbered,
        ),
        Layout(
            "heldout-pdf-spreadsheet-export",
            "PDF (held out): a spreadsheet printed to PDF – landscape, grid lines, 6.5pt text, "
            "twelve columns including a theme column and Q1–Q4 RAG letters; the status is the "
            "latest quarter filled in",
            _plan(
                [
                    ("Workforce", "", PEOPLE[:4]),
                    ("Health and wellbeing", "", HEALTH[2:6]),
                    ("Housing", "", HOUSING[:4]),
                ],
                ref=lambda t, a: f"EDI-{t + 1:02d}{a + 1}",
                # The latest quarter's RAG letter, as the export shows it.
                statuses=[
                    ("G", "on_track"),
                    ("A", "at_risk"),
                    ("Complete", "complete"),
                    ("R", "off_track"),
                ],
                offset=8,
            ),
            _pdf_spreadsheet,
        ),
        Layout(
            "heldout-word-key-first",
            "Word (held out): an introduction and a 'Key' table of RAG meanings before the "
            "first theme; statuses 'G', 'A/G', 'A', 'R', 'Complete ✔'",
            _plan(
                [
                    (
                        "Inclusive workplace",
                        "A workforce that reflects the county at every grade.",
                        _no_next_steps(PEOPLE[2:6]),
                    ),
                    (
                        "Accessible places and services",
                        "Our streets, buildings and services work for disabled people.",
                        _no_next_steps(PLACE[3:6] + HOUSING[4:5]),
                    ),
                ],
                ref=_key_ref,
                statuses=[
                    ("G", "on_track"),
                    ("A/G", "at_risk"),
                    ("Complete ✔", "complete"),
                    ("A", "at_risk"),
                    ("R", "off_track"),
                ],
                offset=9,
            ),
            _word_key_first,
        ),
    ]


def _key_ref(t: int, a: int) -> str:
    return f"{('IW', 'AP')[t]}{a + 1:02d}"


def _symbols_plan() -> ReadReport:
    return _plan(
        [
            (
                "Healthy and active lives",
                "Everyone can be healthy and active, whoever they are.",
                HEALTH[:4],
            ),
            (
                "A place where everyone belongs",
                "Communities that get on well together.",
                PLACE[:4],
            ),
        ],
        ref=lambda t, a: f"{'HP'[t]}{a + 1}",
        # The colour's name, as for a coloured cell; ✅ is complete.
        statuses=[
            ("Green", "on_track"),
            ("Amber", "at_risk"),
            ("Red", "off_track"),
            ("Green", "on_track"),
            ("Green", "on_track"),
            ("Complete", "complete"),
            ("Amber", "at_risk"),
            ("Red", "off_track"),
        ],
        offset=3,
    )
