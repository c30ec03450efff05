"""An assessment's Word and PDF documents pass the committee report's structure checks, and
the register's spreadsheets hold every policy."""

import io

import pytest

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.documents import assessment_document, register_document
from eqtrack.assessments.models import Outcome
from eqtrack.assessments.services import (
    assessment_conclude,
    assessment_screen,
    assessment_start,
    impact_save,
    policy_create,
)
from eqtrack.organisations.models import Organisation
from eqtrack.reports.tests.structure import pdf_structure, word_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment():
    org = Organisation.objects.create(name="Borough", slug="borough")
    author = member_create(org, Role.OWNER)
    policy = policy_create(organisation=org, title="Allocations <policy>", user=author)
    assessment = assessment_start(policy=policy, user=author)
    assessment_screen(assessment=assessment, relevant=True, reason="Homes.", user=author)
    impact = assessment.impacts.get(characteristic__name="Poverty and socio-economic disadvantage")
    impact_save(
        impact=impact, likely="negative", evidence="Data costs.", mitigation="Help.", user=author
    )
    assessment_conclude(assessment=assessment, outcome=Outcome.ADJUST, user=author)
    return assessment


def test_the_word_document_passes_the_report_structure_checks(assessment):
    import docx

    content, _ = assessment_document(assessment=assessment, file_format="docx")
    title = "Equality impact assessment: Allocations <policy>"
    headings = word_structure(content, title=title)
    assert [t for s, t in headings if s == "Heading 2"] == [
        "About the proposal",
        "Screening",
        "Outcome",
        "Sign-off",
        "Impact on each characteristic",
    ]
    table = docx.Document(io.BytesIO(content)).tables[-1]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows}
    assert rows["Poverty and socio-economic disadvantage"] == [
        "Poverty and socio-economic disadvantage",
        "Negative",
        "Data costs.",
        "Help.",
    ]


def test_the_pdf_passes_the_report_structure_checks_and_escapes_text(assessment):
    content, content_type = assessment_document(assessment=assessment, file_format="pdf")
    assert content_type == "application/pdf"
    reader = pdf_structure(content, title="Equality impact assessment: Allocations <policy>")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Allocations <policy>" in text and "Data costs." in text
    html, _ = assessment_document(assessment=assessment, file_format="html")
    assert b"Allocations &lt;policy&gt;" in html


def test_the_register_as_csv_and_excel(assessment):
    from openpyxl import load_workbook

    csv, _ = register_document(organisation=assessment.organisation, file_format="csv")
    lines = csv.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and "version 1: Draft" in lines[1]
    xlsx, _ = register_document(organisation=assessment.organisation, file_format="xlsx")
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet["A2"].value == "Allocations <policy>" and sheet.freeze_panes == "A2"
