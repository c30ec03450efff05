"""An assessment as an accessible Word document or tagged PDF, and the register as CSV or
Excel: with the committee reports' writers' helpers, so every document is made the same way."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from eqtrack.organisations.models import Organisation
from eqtrack.reports.writers.pdf import pdf_from_html
from eqtrack.reports.writers.spreadsheets import XLSX, rows_csv, rows_xlsx
from eqtrack.reports.writers.word import word_bytes, word_document, word_table

from .models import Assessment
from .selectors import register_rows

FORMATS = ("docx", "pdf", "html")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


def _sections(assessment: Assessment) -> list[tuple[str, list[tuple[str, str]]]]:
    """The assessment as headed sections of question and answer, for every format alike."""
    yes_no = {True: "Yes", False: "No", None: "Not yet decided"}
    sections = [
        (
            "About the proposal",
            [
                ("Proposal", assessment.title),
                ("Policy", assessment.policy.title),
                ("Team", assessment.policy.team.name if assessment.policy.team else "Not set"),
                ("Version", str(assessment.version)),
                ("State", assessment.get_state_display()),
            ],
        ),
        (
            "Screening",
            [
                ("Relevant to equality", yes_no[assessment.relevant]),
                ("Why", assessment.screening_reason or "Not given"),
            ],
        ),
    ]
    if assessment.relevant:
        sections.append(
            (
                "Outcome",
                [
                    ("Outcome", assessment.get_outcome_display() or "Not chosen"),
                    ("Justification", assessment.justification or "None needed"),
                    (
                        "Review by",
                        assessment.review_on.strftime("%-d %B %Y")
                        if assessment.review_on
                        else "Not set",
                    ),
                ],
            )
        )
    signed = (
        f"{assessment.signed_off_by.get_full_name() or assessment.signed_off_by.get_username()}, "
        f"{assessment.signed_off_at:%-d %B %Y}"
        if assessment.signed_off_by and assessment.signed_off_at
        else "Not signed off"
    )
    sections.append(("Sign-off", [("Signed off by", signed)]))
    return sections


def impact_rows(assessment: Assessment) -> list[list[str]]:
    return [
        [
            impact.characteristic.name,
            impact.get_likely_display() or "Not assessed",
            "; ".join(
                x
                for x in [impact.evidence, impact.consultation.title if impact.consultation else ""]
                if x
            )
            or "None recorded",
            "; ".join(
                x
                for x in [
                    impact.mitigation,
                    f"Plan action: {impact.action.text}" if impact.action else "",
                ]
                if x
            )
            or "None",
        ]
        for impact in assessment.impacts.all()
    ]


IMPACT_HEADINGS = ["Characteristic", "Likely impact", "Evidence", "Mitigation"]


def assessment_document(*, assessment: Assessment, file_format: str) -> tuple[bytes, str]:
    title = f"Equality impact assessment: {assessment.title}"
    if file_format == "docx":
        document = word_document(title)
        document.add_heading(title, level=1)
        for heading, answers in _sections(assessment):
            document.add_heading(heading, level=2)
            word_table(document, ["Question", "Answer"], [list(a) for a in answers])
        if assessment.relevant:
            document.add_heading("Impact on each characteristic", level=2)
            word_table(document, IMPACT_HEADINGS, impact_rows(assessment))
        return word_bytes(document), CONTENT_TYPES[file_format]
    html = render_to_string(
        "assessments/assessment_document.html",
        {
            "title": title,
            "sections": _sections(assessment),
            "relevant": assessment.relevant,
            "headings": IMPACT_HEADINGS,
            "rows": impact_rows(assessment),
        },
    )
    if file_format == "pdf":
        return pdf_from_html(html), CONTENT_TYPES[file_format]
    return html.encode(), CONTENT_TYPES["html"]


def register_document(*, organisation: Organisation, file_format: str) -> tuple[bytes, str]:
    rows: list[dict[str, Any]] = register_rows(organisation=organisation)
    header = list(rows[0]) if rows else ["policy"]
    values = [list(r.values()) for r in rows]
    if file_format == "csv":
        return rows_csv(header, values), "text/csv; charset=utf-8"
    return (
        rows_xlsx(
            header=header,
            rows=values,
            sheet="Register",
            title=f"{organisation.name}: policy register",
            widths={"policy": 50, "why not relevant": 40, "latest assessment": 30},
        ),
        XLSX,
    )
