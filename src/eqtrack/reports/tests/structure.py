"""The structure checks every document eqtrack writes must pass: the committee report's, and
the same for assessments and other documents."""

from __future__ import annotations

import io


def word_structure(content: bytes, *, title: str) -> list[tuple[str, str]]:
    """Checks a Word document's title, language, table headers and headings; returns its
    headings as (style, text) for the caller's own checks."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(content))
    assert document.core_properties.title == title
    assert document.core_properties.language == "en-GB"
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings and headings[0] == ("Heading 1", title)
    levels = [int(style.split()[-1]) for style, _ in headings]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (
        "a heading level skipped"
    )
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    return headings


def pdf_structure(content: bytes, *, title: str):
    """Checks a PDF is tagged (PDF/UA), with its language, title and bookmarks; returns the
    pypdf reader for the caller's own checks."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # a structure tree: the PDF is tagged
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == title
    assert reader.outline and reader.outline[0].title
    return reader
