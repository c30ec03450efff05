"""The committee summary's PDF and Word documents, read back as a reader would: one A4 page
of PDF, and a Word document with real headings and tables."""

import copy
import io

import pdfplumber
import pytest
from docx import Document

from eqtrack.reports.committee import ATTENTION_ON_PAGE, ActionFacts, committee_summary
from eqtrack.reports.writers import SUMMARY_WRITERS
from eqtrack.reports.writers.summary import SummaryPdfWriter, SummaryWordWriter

from .structure import pdf_structure

A4 = (595, 842)  # points, rounded


@pytest.fixture(scope="module")
def sample(seed_document):
    return committee_summary(document=seed_document, period="2022", previous="2021")


@pytest.fixture(scope="module")
def troubled(seed_document):
    """The sample plan with every 2022 update off track, at length: the longest summary."""
    document = copy.deepcopy(seed_document)
    for theme in document["themes"]:
        for action in theme["actions"]:
            for update in action["updates"]:
                if update["period"] == "2022":
                    update["status"] = {"text": "Red", "category": "off_track"}
                    update["progress"] = ["A long account of what went wrong. " * 12]
                    update["next_steps"] = ["What happens next, at length. " * 8]
    # Long team names, as councils have them, wrap in their column.
    facts = {
        (t, a): ActionFacts(team="Policy, Communities and Engagement")
        for t, theme in enumerate(document["themes"])
        for a, _ in enumerate(theme["actions"])
    }
    return committee_summary(document=document, period="2022", previous="2021", facts=facts)


def _pages(pdf: bytes):
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(round(p.width), round(p.height), p.extract_text()) for p in document.pages]


def test_the_pdf_summary_of_the_sample_plan_is_one_a4_page(sample):
    pages = _pages(SummaryPdfWriter.write(sample))
    assert len(pages) == 1
    width, height, text = pages[0]
    assert (width, height) == A4
    assert "Equalities Action Plan: committee summary, 2022" in text
    assert "Change since 2021" in text and "Needs attention" in text
    assert "Status changes since 2021" in text and "Actions whose status moved" in text


def test_a_long_summary_still_fits_one_a4_page_and_says_what_it_left_out(troubled):
    assert len(troubled.attention) > ATTENTION_ON_PAGE
    pages = _pages(SummaryPdfWriter.write(troubled))
    assert len(pages) == 1 and pages[0][:2] == A4
    assert "more actions need attention" in pages[0][2]


def test_the_pdf_summary_is_tagged_with_its_title_language_and_bookmarks(sample):
    reader = pdf_structure(
        SummaryPdfWriter.write(sample),
        title="Equalities Action Plan: committee summary, 2022 – Maidstone Borough Council",
    )
    assert reader.outline[0].title == "Equalities Action Plan: committee summary, 2022"


def test_the_word_summary_has_its_headings_tables_and_a4_pages(sample):
    document = Document(io.BytesIO(SummaryWordWriter.write(sample)))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Equalities Action Plan: committee summary, 2022"),
        ("Heading 2", "Actions by status"),
        ("Heading 2", "Status changes since 2021"),
        ("Heading 2", "Needs attention"),
        ("Heading 2", "Actions whose status moved"),
    ]
    # No action needs attention in the sample plan: a sentence says so, not an empty table.
    assert "No action is off track, at risk, overdue or without an update." in [
        p.text for p in document.paragraphs
    ]
    counts, changes, moved = document.tables
    assert [c.text for c in counts.rows[0].cells] == ["Status", "2022", "Change since 2021"]
    assert [c.text for c in counts.rows[-1].cells] == [
        "All actions",
        "21",
        "No change (the same as 2021)",
    ]
    assert [c.text for c in changes.rows[0].cells] == ["Change", "Actions"]
    assert [c.text for c in moved.rows[0].cells] == ["Action", "2021", "2022", "Change"]
    # The header rows repeat on a second page, should Word need one.
    assert 'w:tblHeader w:val="true"' in counts.rows[0]._tr.xml
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.title == "Equalities Action Plan: committee summary, 2022"
    assert document.core_properties.language == "en-GB"
    # The chart is a picture with the counts as its text alternative.
    [picture] = document.inline_shapes
    assert "Ended: 2" in picture._inline.docPr.get("descr")


def test_the_word_summary_lists_what_needs_attention_with_the_latest_commentary(troubled):
    document = Document(io.BytesIO(SummaryWordWriter.write(troubled)))
    attention = document.tables[2]
    assert [c.text for c in attention.rows[0].cells] == [
        "Action",
        "Team",
        "Why",
        "Latest commentary",
    ]
    first = [c.text for c in attention.rows[1].cells]
    assert first[0].startswith("CL1: We will work with")
    assert first[1:3] == ["Policy, Communities and Engagement", "Off track"]
    assert first[3].startswith("A long account of what went wrong.")
    assert "Next steps: What happens next" in first[3]
    assert len(attention.rows) == 1 + ATTENTION_ON_PAGE
    assert any(p.text.startswith("And 15 more actions need attention") for p in document.paragraphs)


def test_every_summary_writer_is_reachable_by_its_format():
    assert {"pdf": SummaryPdfWriter, "docx": SummaryWordWriter} == SUMMARY_WRITERS
