"""Reader for Word documents (.docx): headings, paragraphs and tables in document order,
interpreted by `tables`."""

from __future__ import annotations

import io
import re
from typing import ClassVar

import docx
from docx.oxml.ns import qn

from eqtrack.core.files import zip_check, zip_has

from .base import ReaderError, ReadReport
from .blocks import Block, Cell, Heading, Paragraph, Table
from .tables import blocks_to_report
from .text import clean_text

_HEADING_STYLE = re.compile(r"^(Heading|Title)\s*(\d*)$", re.I)
_LIST_STYLE = re.compile(r"^List (Bullet|Number|Paragraph)\s*(\d*)$", re.I)
_BULLET_CHAR = re.compile(r"^\s*([•·●▪■◦○o\-–])\s+")
_NESTED_CHARS = "◦○o"


def _paragraph(p) -> Paragraph:  # p: docx.text.paragraph.Paragraph
    text = p.text
    style = p.style.name if p.style is not None else ""
    level, bullet = 0, False
    num = p._p.pPr.numPr if p._p.pPr is not None else None
    if num is not None and num.ilvl is not None:
        level, bullet = int(num.ilvl.val), True
    elif match := _LIST_STYLE.match(style):
        level, bullet = max(int(match.group(2) or 1) - 1, 0), True
    if match := _BULLET_CHAR.match(text):
        bullet = True
        level = max(level, 1 if match.group(1) in _NESTED_CHARS else 0)
        text = text[match.end() :]
    return Paragraph(clean_text(text), level, bullet)


def _fill(cell) -> str | None:
    properties = cell._tc.tcPr
    shading = properties.find(qn("w:shd")) if properties is not None else None
    fill = shading.get(qn("w:fill")) if shading is not None else None
    return None if fill in (None, "auto") else fill


def _ink(cell) -> str | None:
    colours = {
        str(run.font.color.rgb) if run.font.color and run.font.color.rgb else None
        for p in cell.paragraphs
        for run in p.runs
        if run.text.strip()
    }
    return colours.pop() if len(colours) == 1 else None


def _table(table) -> Table:  # table: docx.table.Table
    rows: list[list[Cell]] = []
    above: list = []
    for row in table.rows:
        cells = row.cells  # a merged cell appears once per grid column it spans
        out = []
        for i, cell in enumerate(cells):
            paragraphs = [_paragraph(p) for p in cell.paragraphs]
            # A cell merged down from the row above: marked, so the table's reading can
            # share it (one lead for three actions) or leave it to the row above (a cell
            # of an action split over two rows).
            merged = i < len(above) and cell._tc is above[i]._tc
            out.append(Cell(paragraphs, _fill(cell), _ink(cell), from_above=merged))
        rows.append(out)
        above = cells
    return Table(rows)


def _blocks(document) -> list[Block]:
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            blocks.append(_table(item))
            continue
        style = item.style.name if item.style is not None else ""
        if match := _HEADING_STYLE.match(style):
            if clean_text(item.text):
                blocks.append(Heading(clean_text(item.text), int(match.group(2) or 0)))
        else:
            blocks.append(_paragraph(item))
    return blocks


class WordReader:
    name: ClassVar[str] = "word"

    @classmethod
    def recognises(cls, data: bytes) -> bool:
        return zip_has(data, "word/document.xml")

    @classmethod
    def read(cls, data: bytes, *, source: str) -> ReadReport:
        zip_check(data, source=source)
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as e:  # python-docx raises many kinds on a damaged file
            raise ReaderError(f"{source}: is not a Word document eqtrack can open ({e})") from None
        return blocks_to_report(_blocks(document), source=source)
