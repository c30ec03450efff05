"""The officers' survey pages end to end with the test client: who has answered (flagged in
words), results before and after close, the responses as CSV and Excel (question order, the
Other text, formulas made inert), the questions on paper as Word and PDF (read back), and
typing in a paper response; with who may see what, and the queries a page takes."""

from __future__ import annotations

import csv
import io

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.organisations.models import Organisation
from eqtrack.reports.tests.structure import pdf_structure, word_structure
from eqtrack.surveys.models import Response, Survey
from eqtrack.surveys.services.results import survey_results_store

from .results_fixtures import respond, survey_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(db):
    return survey_build()


def _url(b, tail: str) -> str:
    return f"/{b['org'].slug}/consultations/{b['consultation'].pk}/survey/{tail}"


def _fill(b, women: int = 20, men: int = 4) -> None:
    female, male = b["sex_options"][0], b["sex_options"][1]
    for _ in range(women):
        respond(
            b["survey"],
            {b["support"]: "Yes", b["sex"]: female, b["parks"]: ["River Walk"], b["safe"]: "Safe"},
        )
    for _ in range(men):
        respond(b["survey"], {b["support"]: "No", b["why"]: "Bins", b["sex"]: male})


def test_who_has_answered_flags_groups_in_words_and_takes_few_queries(
    built, client, django_assert_max_num_queries
):
    b = built
    _fill(b, women=60, men=10)
    client.force_login(b["viewer"])
    with django_assert_max_num_queries(15):
        page = client.get(_url(b, "responses/"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "70 (70 online, 0 on paper)" in text
    assert "updates as answers arrive" in text
    assert "Under-represented so far: sex: Male" in text
    assert ">Under-represented</strong>" in text  # in words, not colour alone
    assert "does not ask about: religion" in text
    # A viewer reads the figures but not the responses, nor types any in.
    assert "responses.csv" not in text and "paper/new/" not in text
    # Twice the responses, the same number of queries.
    _fill(b, women=60, men=10)
    with django_assert_max_num_queries(15):
        assert "140 (140 online" in client.get(_url(b, "responses/")).content.decode()


def test_without_a_profile_the_page_asks_for_one(built, client, monkeypatch):
    from eqtrack.consultations import selectors

    b = built
    _fill(b, 2, 2)
    original = selectors.consultation_get

    def without_profile(**kwargs):
        consultation = original(**kwargs)
        consultation.profile_id = None  # as a consultation run in eqtrack may be, at first
        consultation.profile = None
        return consultation

    monkeypatch.setattr(selectors, "consultation_get", without_profile)
    client.force_login(b["admin"])
    text = client.get(_url(b, "responses/")).content.decode()
    assert "Choose a population profile" in text


def test_who_may_see_what(built, client):
    b = built
    _fill(b, 3, 1)
    other = Organisation.objects.create(name="Elsewhere", slug="elsewhere")
    outsider = member_create(other, Role.ADMINISTRATOR)
    pages = [
        "responses/",
        "results/",
        "responses.csv",
        "responses.xlsx",
        "results.csv",
        "results.xlsx",
        "questions.docx",
        "questions.pdf",
        "paper/new/",
    ]
    # Signed out: to the sign-in page; another council's people: nothing there.
    assert client.get(_url(b, "responses/")).status_code == 302
    client.force_login(outsider)
    for tail in pages:
        assert client.get(_url(b, tail)).status_code == 404, tail
    client.force_login(b["viewer"])
    for tail in pages:
        expected = 403 if tail in {"responses.csv", "responses.xlsx", "paper/new/"} else 200
        assert client.get(_url(b, tail)).status_code == expected, tail
    assert client.post(_url(b, "paper/new/"), {}).status_code == 403
    client.force_login(b["admin"])
    for tail in pages:
        assert client.get(_url(b, tail)).status_code == 200, tail
    # A consultation without a survey has no survey pages.
    Response.objects.all().delete()
    b["survey"].questions.all().delete()
    b["survey"].delete()
    assert client.get(_url(b, "responses/")).status_code == 404


def test_results_unweighted_while_open_then_weighted_when_closed(built, client):
    b = built
    _fill(b, women=20, men=4)
    client.force_login(b["viewer"])
    text = client.get(_url(b, "results/")).content.decode()
    assert "not weighted" in text and "Weighted share" not in text
    assert "Do you support the plan?" in text and "83%" in text  # 20 of 24, as they came
    b["survey"].status = Survey.Status.CLOSED
    b["survey"].save()
    survey_results_store(survey=b["survey"], user=b["admin"])
    text = client.get(_url(b, "results/")).content.decode()
    assert "weighted to Maidstone" in text and "Weighted share" in text
    # Weighted, the 4 men's No counts as much as the 20 women's Yes: 49% of Maidstone is male.
    assert (
        '>No</th><td class="govuk-table__cell govuk-table__cell--numeric">4</td><td class="govuk-table__cell govuk-table__cell--numeric">49%'
        in text
    )
    assert "not weighted by religion" in text
    # The consultation's own page shows the kept results as for an uploaded consultation.
    page = client.get(f"/{b['org'].slug}/consultations/{b['consultation'].pk}/")
    assert "Answers, weighted to the population" in page.content.decode()
    download = client.get(_url(b, "results.csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(download)))
    no = next(
        r for r in rows if r["question"] == "Do you support the plan?" and r["answer"] == "No"
    )
    assert float(no["share"]) == pytest.approx(86964 / (88817 + 86964))
    assert float(no["low_95"]) < float(no["share"]) < float(no["high_95"])


def _inert_response(b):
    return respond(
        b["survey"],
        {
            b["support"]: "No",
            b["why"]: "=1+2",
            b["parks"]: {"value": ["North Park"], "other": "@SUM(A1:A3)"},
            b["sex"]: b["sex_options"][0],
        },
    )


def test_the_responses_as_csv_keep_the_order_and_the_other_text_and_hold_no_formula(built, client):
    b = built
    routed_out = respond(b["survey"], {b["support"]: "Yes", b["safe"]: "Safe"})
    response = _inert_response(b)
    client.force_login(b["admin"])
    download = client.get(_url(b, "responses.csv"))
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:4] == ["Response", "Submitted", "Source", "Do you support the plan?"]
    assert header.index("Why not?") < header.index("Which parks do you use? (other)")
    assert header.index("Which parks do you use? (other)") < header.index("How safe do you feel?")
    assert header[-1] == "sex"
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_id[str(routed_out.pk)]["Why not?"] == ""
    row = by_id[str(response.pk)]
    assert row["Why not?"] == "'=1+2"  # shown as text by a spreadsheet, not worked out
    assert row["Which parks do you use? (other)"] == "'@SUM(A1:A3)"


def test_the_responses_as_excel_hold_text_not_formulas(built, client):
    b = built
    response = _inert_response(b)
    b["survey"].status = Survey.Status.CLOSED
    b["survey"].save()
    client.force_login(b["admin"])
    download = client.get(_url(b, "responses.xlsx"))
    sheet = load_workbook(io.BytesIO(download.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Response", "Submitted", "Source", "Do you support the plan?"]
    assert header[-2:] == ["sex", "Weight"]  # closed and weighted: each response's weight
    cells = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert cells["Response"].value == response.pk
    assert cells["Why not?"].value == "=1+2" and cells["Why not?"].data_type == "s"
    assert cells["Why not?"].quotePrefix
    other = cells["Which parks do you use? (other)"]
    assert other.value == "@SUM(A1:A3)" and other.data_type == "s"
    assert cells["Weight"].value == pytest.approx(1.0)


def test_the_questions_on_paper_as_word_and_pdf(built, client):
    b = built
    questions = [b[k] for k in ("support", "why", "parks", "safe", "sex", "postcode")]
    client.force_login(b["viewer"])
    title = "Parks and open spaces: questions"
    download = client.get(_url(b, "questions.docx"))
    word_structure(download.content, title=title)
    document = Document(io.BytesIO(download.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    for number, question in enumerate(questions, start=1):
        assert f"{number}. {question.text}" in headings
    text = [p.text for p in document.paragraphs]
    assert (
        "If you answered “No” to question 1, answer question 2. If not, go to question 3." in text
    )
    boxes = [p for p in document.paragraphs if p.text.startswith("☐ ")]
    assert "☐ Don't know" in [p.text for p in boxes] and "☐ Other, please say" in [
        p.text for p in boxes
    ]
    # The boxes are a real list (numbered paragraphs), not lines of text.
    assert all(p._p.pPr.numPr is not None for p in boxes)
    download = client.get(_url(b, "questions.pdf"))
    assert download["Content-Type"] == "application/pdf"
    pdf_structure(download.content, title=title)  # tagged, with its language and title
    with pdfplumber.open(io.BytesIO(download.content)) as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    text = " ".join(text.split())
    for number, question in enumerate(questions, start=1):
        assert f"{number}. {question.text}" in text
    assert "If you answered “No” to question 1, answer question 2." in text
    assert "☐ Very safe" in text


def test_typing_in_a_paper_response(built, client):
    b = built
    client.force_login(b["admin"])
    page = client.get(_url(b, "paper/new/"))
    text = page.content.decode()
    assert "1. Do you support the plan?" in text and "6. What is your postcode?" in text
    support, why, postcode = (f"q{b[k].pk}" for k in ("support", "why", "postcode"))
    page = client.post(
        _url(b, "paper/new/"),
        {support: "Yes", why: "Written anyway", postcode: "not one", f"q{b['parks'].pk}-other": ""},
    )
    text = page.content.decode()
    assert "There is a problem" in text and text.count('class="govuk-error-message"') == 2
    assert f'href="#{why}"' in text and f'href="#{postcode}"' in text
    assert "Written anyway" in text  # what was typed is kept on the page
    assert not Response.objects.exists()
    page = client.post(
        _url(b, "paper/new/"),
        {
            support: "No",
            why: "Too far",
            f"q{b['parks'].pk}": ["North Park", "Other"],
            f"q{b['parks'].pk}-other": "The allotments",
            postcode: "me14 1xx",
        },
    )
    assert page.status_code == 302 and page["Location"] == _url(b, "paper/new/")
    response = Response.objects.get()
    assert response.source == "paper" and response.entered_by == b["admin"]
    answers = {a.question_id: a for a in response.answers.all()}
    assert answers[b["parks"].pk].choices == ["North Park", "Other"]
    assert answers[b["parks"].pk].other == "The allotments"
    assert "Paper response" in client.get(_url(b, "paper/new/")).content.decode()
    text = client.get(_url(b, "responses/")).content.decode()
    assert "1 (0 online, 1 on paper)" in text
