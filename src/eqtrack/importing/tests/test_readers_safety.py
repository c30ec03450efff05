"""Bad input: damaged, hostile or oversized files each give one clear error naming the file."""

import io
import zipfile

import docx
import pytest

from eqtrack.core.files import InputError
from eqtrack.importing.parsing import files_parse


def _docx_bytes(build=None) -> bytes:
    document = docx.Document()
    document.add_paragraph("An introduction with no table.")
    if build:
        build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rezip(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, change(name, source.read(name)))
        return_value = out
    return return_value.getvalue()


def _parse_error(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as raised:
        files_parse(paths=[path], periods=["2024"])
    message = str(raised.value)
    assert str(path) in message and "\n" not in message
    return message


def test_a_word_document_with_no_table(tmp_path):
    assert "no tables found" in _parse_error(tmp_path, "intro.docx", _docx_bytes())


def test_a_docx_that_is_not_a_zip(tmp_path):
    message = _parse_error(tmp_path, "report.docx", b"PK\x03\x04 this is not really a zip file")
    assert "is a damaged zip, or a zip that is not a Word document (.docx)" in message


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path):
    def inflate(name, content):
        return content + b" " * 30_000_000 if name == "word/document.xml" else content

    message = _parse_error(tmp_path, "bomb.docx", _rezip(_docx_bytes(), inflate))
    assert "refused as a possible zip bomb" in message


def test_xml_entity_declarations_are_refused(tmp_path):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )

    def entities(name, content):
        return laughs + content.split(b"?>", 1)[1] if name == "word/document.xml" else content

    message = _parse_error(tmp_path, "laughs.docx", _rezip(_docx_bytes(), entities))
    assert "word/document.xml declares XML entities" in message


def test_a_damaged_pdf(tmp_path):
    message = _parse_error(
        tmp_path, "report.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"
    )
    assert "is damaged or not a PDF eqtrack can read" in message


def test_a_password_protected_pdf(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    message = _parse_error(tmp_path, "locked.pdf", out.getvalue())
    assert "is password-protected; save an unlocked copy and try again" in message


def test_a_web_page_with_no_table(tmp_path):
    message = _parse_error(
        tmp_path, "page.html", b"<html><body><h1>News</h1><p>Hello.</p></body></html>"
    )
    assert "no tables found" in message


def test_a_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("EQTRACK_MAX_UPLOAD_MB", "0.001")
    message = _parse_error(tmp_path, "big.txt", b"x" * 5000)
    assert "over the 0 MB limit (set EQTRACK_MAX_UPLOAD_MB to change it)" in message
