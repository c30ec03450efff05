"""Each writer's output read back as a reader would: by python-docx, pypdf and pdfplumber,
and as HTML."""

import copy
import io
import re
from pathlib import Path

import pytest

from eqtrack.reports.data import report_data
from eqtrack.reports.writers.html import HtmlWriter
from eqtrack.reports.writers.pdf import FetchRefused, PdfWriter, _refuse_fetch
from eqtrack.reports.writers.word import WordWriter

THEMES = ["As a Community Leader", "As an Employer", "As a Service Provider"]


def _statuses(document, period="2022"):
    return [
        [
            next(
                (
                    u["status"]["text"]
                    for u in a["updates"]
                    if u["period"] == period and u["status"]
                ),
                None,
            )
            for a in theme["actions"]
        ]
        for theme in document["themes"]
    ]


def test_html_one_table_per_theme_with_every_action_and_status_as_written(data_2022, seed_document):
    html = HtmlWriter.write(data_2022).decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert "<main>" in html and html.count("<table>") == 4  # the summary, then one per theme
    sections = html.split('<section aria-labelledby="theme-')[1:]
    for theme, section, statuses in zip(THEMES, sections, _statuses(seed_document), strict=True):
        assert f">{theme}</h2>" in section
        rows = re.findall(r"<tr id=\"action-[^>]*>\s*<th scope=\"row\">", section)
        assert len(rows) == len(statuses)
        for status in statuses:
            if status:
                assert f"<td>{status}</td>" in section.replace("’", "&#x27;").replace("&#x27;", "’")
    assert '<th scope="col" style="width:50%">Progress – 2022</th>' in html


def test_plan_text_is_never_markup(seed_document):
    document = copy.deepcopy(seed_document)
    document["themes"][0]["actions"][0]["text"] = (
        '<script>alert(1)</script><img src="http://127.0.0.1:9/x">'
    )
    html = HtmlWriter.write(report_data(document=document, period="2022", glossary={})).decode()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_word_report_reads_back_with_title_language_headings_and_repeating_headers(
    data_2022, seed_document
):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    from .structure import word_structure

    content = WordWriter.write(data_2022)
    headings = word_structure(content, title="Equalities Action Plan: progress 2022")
    document = docx.Document(io.BytesIO(content))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE  # the wide appendix table
    assert [text for style, text in headings if style == "Heading 2"] == ["Summary", *THEMES]
    tables = document.tables
    assert len(tables) == 4
    for table, statuses in zip(tables[1:], _statuses(seed_document), strict=True):
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
        assert [c.text for c in header.cells] == ["Agreed Actions", "Progress – 2022", "Status"]
        assert len(table.rows) - 1 == len(statuses)
        for row, status in zip(table.rows[1:], statuses, strict=True):
            assert row.cells[2].text == (status or "None given.")
            assert all(cell.text.strip() for cell in row.cells)  # no empty cells
    # The summary chart is a picture with a text alternative saying what it shows.
    [chart] = document.inline_shapes
    assert chart._inline.docPr.get("descr").startswith(
        "Actions by status in each theme. As a Community Leader: 1 complete, 4 ongoing"
    )
    # Nested progress items are nested list paragraphs.
    styles = {
        p.style.name for t in tables[1:] for r in t.rows for c in r.cells for p in c.paragraphs
    }
    assert {"List Bullet", "List Bullet 2"} <= styles


def test_pdf_is_tagged_with_title_language_and_bookmarks(data_2022, seed_document):
    from .structure import pdf_structure

    pdf = PdfWriter.write(data_2022)
    reader = pdf_structure(
        pdf, title="Equalities Action Plan – progress 2022 – Maidstone Borough Council"
    )
    top, below = reader.outline[0], reader.outline[1]
    assert top.title == "Equalities Action Plan: progress 2022"
    assert [item.title for item in below if not isinstance(item, list)] == ["Summary", *THEMES]
    # Read back with eqtrack's own PDF reader: each theme's table, each status as written.
    read = _read_back(pdf)
    assert [t.title for t in read.themes] == THEMES
    for theme, statuses in zip(read.themes, _statuses(seed_document), strict=True):
        assert [a.status.text if a.status else None for a in theme.actions] == [
            s or "None given." for s in statuses
        ]


def _read_back(pdf: bytes):
    from eqtrack.importing.readers.pdf import PdfReader

    return PdfReader.read(pdf, source="report.pdf")


def test_the_pdf_renderer_fetches_nothing():
    for url in ("http://127.0.0.1:9/x.png", "https://example.org/a.css", "file:///etc/passwd"):
        with pytest.raises(FetchRefused):
            _refuse_fetch(url)


def test_the_comparison_in_html_and_word(seed_document, seed_glossary):
    import docx

    data = report_data(
        document=seed_document, period="2022", glossary=seed_glossary, compare="2021"
    )
    html = HtmlWriter.write(data).decode()
    assert '<h2 id="compared">Compared with 2021</h2>' in html
    assert (
        'Mental health first aiders</td><td class="num">20</td><td class="num">14</td><td>Fell</td>'
        in html
    )
    document = docx.Document(io.BytesIO(WordWriter.write(data)))
    assert "Compared with 2021" in [p.text for p in document.paragraphs]
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert ["E3", "Mental health first aiders", "20", "14", "Fell"] in rows


def _template() -> bytes:
    import docx
    from docx.shared import RGBColor

    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Maidstone Borough Council – OFFICIAL"
    template.styles["Heading 1"].font.color.rgb = RGBColor(0x5A, 0x1E, 0x6E)
    template.add_paragraph("Delete me: sample text in the template.")
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def test_an_organisations_word_template_gives_its_header_and_styles(data_2022):
    import docx
    from docx.shared import RGBColor

    data = copy.copy(data_2022)
    data.word_template = _template()
    document = docx.Document(io.BytesIO(WordWriter.write(data)))
    assert document.sections[0].header.paragraphs[0].text == "Maidstone Borough Council – OFFICIAL"
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x5A, 0x1E, 0x6E)
    texts = [p.text for p in document.paragraphs]
    assert "Delete me: sample text in the template." not in texts
    assert "Equalities Action Plan: progress 2022" in texts
    assert len(document.tables) == 4


@pytest.mark.django_db
def test_a_template_is_uploaded_in_the_admin_and_used_by_the_cli(
    client, django_user_model, tmp_path
):
    from io import StringIO

    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from eqtrack.importing.services import plan_import
    from eqtrack.reports.models import WordTemplate

    seeds = Path(__file__).resolve().parents[4] / "sample_data"
    plan = plan_import(
        paths=[
            seeds / "equalities-actions-update-2021.txt",
            seeds / "equalities-actions-update-2022.txt",
        ],
        slug="eap",
    ).plan
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    bad = client.post(
        "/admin/reports/wordtemplate/add/",
        {
            "organisation": plan.organisation.pk,
            "upload": SimpleUploadedFile("x.docx", b"not a docx"),
        },
    )
    assert "is damaged (not a valid .docx/zip file)" in bad.content.decode()
    good = client.post(
        "/admin/reports/wordtemplate/add/",
        {
            "organisation": plan.organisation.pk,
            "upload": SimpleUploadedFile("mbc.docx", _template()),
        },
    )
    assert good.status_code == 302
    assert WordTemplate.objects.get().filename == "mbc.docx"
    output = tmp_path / "report.docx"
    call_command("report", "eap", "--format", "docx", "-o", str(output), stdout=StringIO())
    header = docx.Document(str(output)).sections[0].header.paragraphs[0].text
    assert header == "Maidstone Borough Council – OFFICIAL"
