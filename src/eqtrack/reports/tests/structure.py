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
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings and headings[0] == ("Heading 1", title)
    levels = [int(style.split()[-1]) for style, _ in headings]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (
        "a heading level skipped"
    )
    for table in document.tables:
        row_properties = table.rows[0]._tr.trPr
        assert row_properties is not None  # the header row's, with the repeat flag
        assert row_properties.find(qn("w:tblHeader")) is not None  # repeats on each page
    return headings


def pdf_structure(content: bytes, *, title: str):
    """Checks a PDF is tagged (PDF/UA), with its language, title and bookmarks; returns the
    pypdf reader for the caller's own checks."""
    from pypdf import PdfReader
    from pypdf.generic import Destination, DictionaryObject

    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert isinstance(catalog, DictionaryObject)
    assert "/StructTreeRoot" in catalog  # a structure tree: the PDF is tagged
    mark_info = catalog["/MarkInfo"]
    assert isinstance(mark_info, DictionaryObject)
    assert bool(mark_info["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata is not None
    assert reader.metadata.title == title
    assert reader.outline
    first = reader.outline[0]
    assert isinstance(first, Destination) and first.title  # a bookmark, not a nested list
    return reader
