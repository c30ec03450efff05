"""Reader for web pages (.html): headings, paragraphs, lists and tables in document order,
interpreted by `tables`."""

from __future__ import annotations

import re
from typing import ClassVar

import lxml.html

from .base import ReaderError, ReadReport
from .blocks import Block, Cell, Heading, Paragraph, Table
from .tables import blocks_to_report
from .text import clean_text, looks_like_html, text_decode, text_or_none

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LISTS = {"ul", "ol"}
_SKIP = {"script", "style", "template", "noscript", "head", "nav", "footer"}


def _own_text(element) -> str:
    """An element's text without the text of lists nested in it."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _LISTS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return clean_text(" ".join(parts))


def _list_paragraphs(list_element, level: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    for item in list_element:
        if item.tag != "li":
            continue
        out.append(Paragraph(_own_text(item), level, bullet=True))
        for child in item:
            if child.tag in _LISTS:
                out.extend(_list_paragraphs(child, level + 1))
    return out


def _cell_paragraphs(cell) -> list[Paragraph]:
    out: list[Paragraph] = []
    loose = [cell.text or ""]

    def flush() -> None:
        text = clean_text(" ".join(loose))
        if text:
            out.append(Paragraph(text))
        loose.clear()

    for child in cell:
        if child.tag in _LISTS:
            flush()
            out.extend(_list_paragraphs(child, 0))
        elif child.tag in ("p", "div") or child.tag in _HEADINGS:
            flush()
            if any(c.tag in _LISTS for c in child):
                text = _own_text(child)
                if text:
                    out.append(Paragraph(text))
                for c in child:
                    if c.tag in _LISTS:
                        out.extend(_list_paragraphs(c, 0))
            else:
                text = clean_text(child.text_content())
                if text:
                    out.append(Paragraph(text))
        elif child.tag == "br":
            flush()
        else:
            loose.append(child.text_content())
        loose.append(child.tail or "")
    flush()
    return out


_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*([#\w]+)", re.I)


def _fill(cell) -> str | None:
    if cell.get("bgcolor"):
        return cell.get("bgcolor")
    match = _BACKGROUND.search(cell.get("style", ""))
    return match.group(1) if match else None


def _table(element) -> Table:
    rows: list[list[Cell]] = []
    for tr in element.iter("tr"):
        row: list[Cell] = []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            paragraphs = _cell_paragraphs(cell)
            try:
                span = max(1, min(int(cell.get("colspan", "1")), 50))
            except ValueError:
                span = 1
            # A cell spanning columns appears in each, as Word's merged cells do.
            fill = _fill(cell)
            row.extend(Cell(list(paragraphs), fill) for _ in range(span))
        if row:
            rows.append(row)
    return Table(rows)


# A reference opening an action's heading ("EO1.2 Provide…", "3.1 Publish…", "H4: Run…").
_HEADING_REF = re.compile(r"^(?P<ref>[A-Z]{0,4}-?\d+(?:\.\d+)*[a-z]?)[.):]?\s+(?=\S)")


def _described(heading, dl, blocks: list[Block]) -> None:
    """An action set out as a heading and a description list of its fields (<dt>Lead</dt>
    <dd>…</dd>), as pages without tables give one: read as a row of a table whose headings
    are the list's terms, consecutive actions sharing one table."""
    text = clean_text(heading.text_content())
    ref = _HEADING_REF.match(text)
    names, cells = (
        ["Ref", "Action"],
        [
            Cell([Paragraph(ref.group("ref"))] if ref else []),
            Cell([Paragraph(text[ref.end() :] if ref else text)]),
        ],
    )
    for term in dl:
        if term.tag == "dt":
            names.append(clean_text(term.text_content()))
            cells.append(Cell([]))
        elif term.tag == "dd" and len(cells) > 2:
            cells[-1].paragraphs.extend(_cell_paragraphs(term))
    header = [Cell([Paragraph(name)]) for name in names]
    last = blocks[-1] if blocks else None
    if isinstance(last, Table) and [c.text for c in last.rows[0]] == names:
        last.rows.append(cells)
    else:
        blocks.append(Table([header, cells]))


def _walk(element, blocks: list[Block]) -> None:
    children = [c for c in element if isinstance(c.tag, str)]
    for n, child in enumerate(children):
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == "dl" and n and children[n - 1].tag in _HEADINGS:
            continue  # read with its heading
        if tag in _HEADINGS and n + 1 < len(children) and children[n + 1].tag == "dl":
            _described(child, children[n + 1], blocks)
        elif tag in _HEADINGS:
            text = clean_text(child.text_content())
            if text:
                blocks.append(Heading(text, _HEADINGS[tag]))
        elif tag == "table":
            blocks.append(_table(child))
        elif tag == "p":
            text = clean_text(child.text_content())
            if text:
                blocks.append(Paragraph(text))
        elif tag in _LISTS:
            blocks.extend(_list_paragraphs(child, 0))
        else:
            _walk(child, blocks)


class WebPageReader:
    name: ClassVar[str] = "web-page"

    @classmethod
    def recognises(cls, data: bytes) -> bool:
        text = text_or_none(data)
        return text is not None and looks_like_html(text)

    @classmethod
    def read(cls, data: bytes, *, source: str) -> ReadReport:
        text = text_decode(data, source=source)
        try:
            root = lxml.html.document_fromstring(text)
        except Exception as e:  # lxml's parser errors have no common base we can rely on
            raise ReaderError(f"{source}: cannot be read as a web page ({e})") from None
        # A council's page carries its site around the plan (cookie banner, breadcrumbs, search,
        # related links): where the page marks its main content, only that is read.
        main = root.find(".//main")
        if main is None:
            main = next(iter(root.xpath(".//*[@role='main']")), None)
        blocks: list[Block] = []
        _walk(main if main is not None else root, blocks)
        return blocks_to_report(blocks, source=source)
