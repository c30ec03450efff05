"""Pay gaps as accessible documents (HTML, tagged PDF, Word) made by the report writers: a
table for each measure, the quartile chart beside its table, and every note and reason."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from eqtrack.reports.writers.pdf import pdf_from_html
from eqtrack.reports.writers.word import word_bytes, word_document, word_table

from .chart import gaps_svg, quartiles_svg
from .paygap import QUARTILES, GroupPayGap, GroupPayGaps, PayGap

FORMATS = ("html", "pdf", "docx")
QUARTILE_NAMES = {
    "Lower": "Lower quartile",
    "LowerMiddle": "Lower middle quartile",
    "UpperMiddle": "Upper middle quartile",
    "Top": "Top quartile",
}
GAP_NAMES = {
    "DiffMeanHourlyPercent": "Mean hourly pay gap",
    "DiffMedianHourlyPercent": "Median hourly pay gap",
    "DiffMeanBonusPercent": "Mean bonus gap",
    "DiffMedianBonusPercent": "Median bonus gap",
}


def _percent(gap: PayGap, name: str) -> str:
    value = gap.figures[name]
    if value is None:
        reason = gap.reasons.get(name, "")
        return f"No figure: {reason}" if reason else "No figure"
    return f"{value}%"


def _quartile_rows(gap: PayGap) -> list[list[str]]:
    return [
        [
            QUARTILE_NAMES[q],
            _percent(gap, f"Male{q}Quartile"),
            _percent(gap, f"Female{q}Quartile"),
        ]
        for q in QUARTILES
    ]


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _sex_context(gap: PayGap, title: str) -> dict:
    snapshot = gap.snapshot.strftime("%-d %B %Y") if gap.snapshot else "the snapshot date"
    return {
        "title": title,
        "kind": "sex",
        "intro": (
            f"The gender pay gap on {snapshot}, worked out as the Equality Act 2010 (Specific "
            "Duties and Public Authorities) Regulations 2017, Schedule 1, set out. A positive gap "
            "means men are paid more on average; a negative one, women. The hourly measures "
            "and the quartiles are over full-pay relevant employees; the bonus measures over "
            "relevant employees paid a bonus in the twelve months to the snapshot date."
        ),
        "gaps": [[label, _percent(gap, name)] for name, label in GAP_NAMES.items()],
        "bonus": [
            ["Men paid a bonus", _percent(gap, "MaleBonusPercent")],
            ["Women paid a bonus", _percent(gap, "FemaleBonusPercent")],
        ],
        "quartile_headings": ["Quartile pay band", "Men", "Women"],
        "quartiles": _quartile_rows(gap),
        "chart": mark_safe(  # noqa: S308  (every text in the chart is escaped as it is built)
            quartiles_svg(
                [
                    (
                        QUARTILE_NAMES[q],
                        _float(gap.figures[f"Male{q}Quartile"]),
                        _float(gap.figures[f"Female{q}Quartile"]),
                    )
                    for q in QUARTILES
                ],
                a_name="Men",
                b_name="Women",
            )
        ),
        "notes": gap.notes,
    }


def _short(gap: PayGap, name: str) -> str:
    value = gap.figures[name]
    return "No figure" if value is None else f"{value}%"


def _group_row(group: GroupPayGap) -> dict:
    return {
        "group": group.group,
        "suppressed": group.suppressed,
        "values": (
            ["Suppressed"] * 6
            if group.suppressed
            else [
                *(_short(group, name) for name in GAP_NAMES),
                _short(group, "FemaleBonusPercent"),
                _short(group, "MaleBonusPercent"),
            ]
        ),
    }


def _why(gaps: GroupPayGaps) -> list[str]:
    """Why a shown group's figure is missing, once a group and reason."""
    lines = []
    for group in gaps.groups:
        if group.suppressed:
            continue
        for reason in dict.fromkeys(group.reasons.values()):
            lines.append(f"{group.group}: {reason}.")
    return lines


def _groups_context(gaps: GroupPayGaps, title: str) -> dict:
    snapshot = gaps.snapshot.strftime("%-d %B %Y") if gaps.snapshot else "the snapshot date"
    undeclared = gaps.not_declared["relevant_employees"]
    shown = [g for g in gaps.groups if not g.suppressed]
    return {
        "title": title,
        "kind": "groups",
        "intro": (
            f"Pay gaps by {gaps.by} on {snapshot}: each group against {gaps.reference} (or the "
            "reference named beside it), with the measures the Equality Act 2010 (Specific "
            "Duties and Public Authorities) Regulations 2017, Schedule 1, set for the gender pay "
            "gap. A positive gap means the reference group is paid more on average. "
            f"{undeclared['count']} of {undeclared['of']} relevant employees "
            f"({undeclared['percent']}%) did not declare and are in no group."
        ),
        "group_headings": [
            "Group",
            "Mean hourly",
            "Median hourly",
            "Mean bonus",
            "Median bonus",
            "Group paid bonus",
            "Reference paid bonus",
        ],
        "groups": [_group_row(g) for g in gaps.groups],
        "quartile_headings": ["Group", "Lower", "Lower middle", "Upper middle", "Top"],
        "quartiles": [
            [g.group, *(_short(g, f"Female{q}Quartile") for q in QUARTILES)] for g in shown
        ],
        "why": _why(gaps),
        "chart": mark_safe(  # noqa: S308  (every text in the chart is escaped as it is built)
            gaps_svg([(g.group, _float(g.figures["DiffMeanHourlyPercent"])) for g in gaps.groups])
        ),
        "notes": gaps.notes,
    }


def paygap_document(result: PayGap | GroupPayGaps, *, file_format: str, title: str) -> bytes:
    """The pay gaps as an HTML, PDF or Word document."""
    context = (
        _sex_context(result, title)
        if isinstance(result, PayGap)
        else _groups_context(result, title)
    )
    if file_format == "docx":
        return _docx(context)
    html = render_to_string("workforce/paygap.html", context)
    if file_format == "html":
        return html.encode()
    if file_format == "pdf":
        return pdf_from_html(html)
    raise ValueError(f"{file_format!r} is not one of {', '.join(FORMATS)}")


def _docx(context: dict) -> bytes:
    document = word_document(context["title"])
    document.add_heading(context["title"], level=1)
    document.add_paragraph(context["intro"])
    if context["kind"] == "sex":
        document.add_heading("Pay gaps", level=2)
        word_table(document, ["Measure", "Gap"], context["gaps"])
        document.add_heading("Bonus pay", level=2)
        word_table(document, ["Who", "Share"], context["bonus"])
    else:
        document.add_heading("Pay gaps by group", level=2)
        word_table(
            document,
            context["group_headings"],
            [[row["group"], *row["values"]] for row in context["groups"]],
        )
    document.add_heading("Quartile pay bands", level=2)
    word_table(document, context["quartile_headings"], context["quartiles"])
    if context["notes"] or context.get("why"):
        document.add_heading("Notes", level=2)
        for note in [*context.get("why", []), *context["notes"]]:
            document.add_paragraph(note, style="List Bullet")
    return word_bytes(document)
