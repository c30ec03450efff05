"""Tables in a PDF drawn without ruling lines: columns found from a header line whose words
are column headings ("Action", "Progress"), each word below placed in the column it sits
under, and rows told apart by the wider gap between them than between a cell's lines.

A cell's labelled lines ("Lead: Head of HR", "Status: On track") fill the column their
label names, and a reference at the start of the action ("1.2 Publish…") its reference, as
councils write them when the table has no column for them."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .blocks import Block, Cell, Heading, Paragraph, Table
from .columns import Column, column_for
from .pdf import _MARGIN, _PAGE_NUMBER, _Line, _paragraphs, _running_key
from .text import clean_text

# Words further apart than this share of the text's height on a header line are separate
# headings (a space between words is about a third of it).
_HEADING_GAP = 0.5
# A vertical gap wider than this share of the text's height starts a new row.
_ROW_GAP = 0.8
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z &/]{0,30}?)\s*:\s*(?P<value>\S.*)$")
_LABELLED = (Column.REF, Column.LEAD, Column.DUE, Column.STATUS, Column.PARTNERS)
_REF = re.compile(r"^(?P<ref>(?:[A-Z]{1,3}\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)[a-z]?)[.):]?\s+(?=\S)")


@dataclass
class _Word:
    page: int
    top: float
    bottom: float
    x0: float
    size: float
    text: str
    bold: bool


@dataclass
class _Grid:
    starts: list[float]  # each column's left edge
    headings: list[str]
    rows: list[list[list[_Word]]] = field(default_factory=list)


def _page_words(data: bytes) -> list[list[dict]]:
    import pdfplumber  # loaded only for a PDF, as in pdf._pages_read

    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages):
            words = page.extract_words(extra_attrs=["size", "fontname"])
            for word in words:
                word["page"], word["page_height"] = n, page.height
            out.append(words)
            page.flush_cache()
    return out


def _line_groups(words: list[dict]) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if groups and abs(groups[-1][0]["top"] - word["top"]) <= 2:
            groups[-1].append(word)
        else:
            groups.append([word])
    return [sorted(g, key=lambda w: w["x0"]) for g in groups]


def _body_lines(pages: list[list[dict]]) -> list[list[dict]]:
    """Every page's lines, running headers, footers and page numbers left out."""
    keys: Counter[str] = Counter()
    per_page = [_line_groups(words) for words in pages]
    for groups in per_page:
        keys.update(
            {
                _running_key(" ".join(w["text"] for w in g))
                for g in groups
                if g[0]["top"] < g[0]["page_height"] * _MARGIN
                or g[0]["bottom"] > g[0]["page_height"] * (1 - _MARGIN)
            }
        )
    running = {k for k, n in keys.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    return [
        g
        for groups in per_page
        for g in groups
        if _running_key(" ".join(w["text"] for w in g)) not in running
        and not _PAGE_NUMBER.match(" ".join(w["text"] for w in g))
    ]


def _header(line: list[dict]) -> _Grid | None:
    """A line of column headings, far enough apart to be columns, one of them the action's."""
    clusters: list[list[dict]] = []
    for word in line:
        gap = _HEADING_GAP * (word["bottom"] - word["top"])
        if clusters and word["x0"] - clusters[-1][-1]["x1"] < gap:
            clusters[-1].append(word)
        else:
            clusters.append([word])
    if len(clusters) < 2:
        return None
    headings = [" ".join(w["text"] for w in c) for c in clusters]
    columns = [column_for(h) for h in headings]
    if None in columns or Column.ACTION not in columns:
        return None
    return _Grid([c[0]["x0"] for c in clusters], headings)


def _column(grid: _Grid, x0: float) -> int:
    return max((i for i, start in enumerate(grid.starts) if x0 >= start - 3), default=0)


def _cells(grid: _Grid, row: list[list[_Word]]) -> list[Cell]:
    """A row's cells, with labelled lines moved to columns of their own."""
    paragraphs = []
    for words in row:
        lines = [
            _Line(
                top=min(w.top for w in group),
                bottom=max(w.bottom for w in group),
                x0=group[0].x0,
                size=group[0].size,
                text=" ".join(w.text for w in group),
            )
            for group in _word_lines(words)
        ]
        # A labelled line starts a paragraph of its own, however close to the one above.
        chunks: list[list[_Line]] = []
        for line in lines:
            if not chunks or _labelled(line.text):
                chunks.append([])
            chunks[-1].append(line)
        paragraphs.append([p for chunk in chunks for p in _paragraphs(chunk)])
    columns = [column_for(h) for h in grid.headings]
    # A column the table has is never filled from a label as well.
    extra: dict[Column, list[Paragraph]] = {c: [] for c in _LABELLED if c in columns}
    for i, column in enumerate(columns):
        kept = []
        for n, p in enumerate(paragraphs[i]):
            label = _LABEL.match(p.text)
            named = column_for(label.group("label")) if label else None
            if label and named in _LABELLED and named not in extra:
                extra[named] = [Paragraph(clean_text(label.group("value")))]
                continue
            ref = _REF.match(p.text) if column is Column.ACTION and n == 0 else None
            if ref and Column.REF not in extra:
                extra[Column.REF] = [Paragraph(ref.group("ref"))]
                p = Paragraph(p.text[ref.end() :], p.level, p.bullet)
            kept.append(p)
        paragraphs[i] = kept
    cells = [Cell(p) for p in paragraphs]
    return cells + [Cell(extra.get(c, []) if c not in columns else []) for c in _LABELLED]


def _labelled(text: str) -> bool:
    label = _LABEL.match(text)
    return label is not None and column_for(label.group("label")) in _LABELLED


def _word_lines(words: list[_Word]) -> list[list[_Word]]:
    groups: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.page, round(w.top), w.x0)):
        if groups and groups[-1][0].page == word.page and abs(groups[-1][0].top - word.top) <= 2:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def unruled_blocks(data: bytes) -> list[Block]:
    """The PDF's headings, paragraphs and unruled tables in order; no Table when it has no
    header line of column headings."""
    lines = _body_lines(_page_words(data))
    sizes = [w["size"] for line in lines for w in line]
    body = statistics.median(sizes) if sizes else 10
    blocks: list[Block] = []
    grid: _Grid | None = None
    table = Table()
    row_bottom = 0.0
    page = -1
    for line in lines:
        size = statistics.median(w["size"] for w in line)
        bold = sum("bold" in w["fontname"].lower() for w in line) * 2 > len(line)
        text = clean_text(" ".join(w["text"] for w in line))
        heading = size >= body * 1.4 or (size >= body * 1.15 and bold)
        if found := _header(line):
            grid = found
            # The header row, with a column for each label a cell's lines may carry.
            table = Table(
                [
                    [Cell([Paragraph(h)]) for h in grid.headings]
                    + [Cell([Paragraph(c.value)]) for c in _LABELLED]
                ]
            )
            blocks.append(table)
            row_bottom, page = line[0]["bottom"], line[0]["page"]
            continue
        if heading or grid is None:
            grid = None
            last = blocks[-1] if blocks else None
            if heading:
                blocks.append(Heading(text, 1 if size >= body * 1.6 else 2))
            elif isinstance(last, Paragraph) and 0 <= line[0]["top"] - row_bottom < size * 0.5:
                last.text = f"{last.text} {text}"
            else:
                blocks.append(Paragraph(text))
            row_bottom = line[0]["bottom"]
            continue
        if any(w["x0"] < start - 3 < w["x1"] - 6 for w in line for start in grid.starts[1:]):
            # Text running across where a column should begin: a page of prose whose
            # headings happened to sit apart, not a table.
            return [block for block in blocks if not isinstance(block, Table)]
        words = [
            _Word(w["page"], w["top"], w["bottom"], w["x0"], w["size"], w["text"], bold)
            for w in line
        ]
        first = [w for w in words if _column(grid, w.x0) == 0]
        new_page = line[0]["page"] != page
        gap = line[0]["top"] - row_bottom
        starts_row = bool(first) and (
            not grid.rows
            or (new_page and not _LABEL.match(" ".join(w.text for w in first)))
            or (not new_page and gap > size * _ROW_GAP)
        )
        if starts_row:
            grid.rows.append([[] for _ in grid.starts])
        for word in words:
            grid.rows[-1][_column(grid, word.x0)].append(word)
        if starts_row:
            table.rows.append([])
        table.rows[-1] = _cells(grid, grid.rows[-1])
        row_bottom = max(row_bottom if not (new_page or starts_row) else 0, line[0]["bottom"])
        page = line[0]["page"]
    return blocks
