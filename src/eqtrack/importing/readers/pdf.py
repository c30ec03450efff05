"""Reader for PDF reports: pdfplumber finds the ruled tables and the text around them (a
table ruled only by shaded stripes, found in pieces, is made whole; with no ruled table,
`unruled` finds tables set out by spacing alone); running headers and footers are dropped;
the rest is interpreted by `tables`, and a PDF with no tables at all by the text readers."""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import statistics
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import pairwise
from typing import ClassVar

from .base import Reader, ReaderError, ReadReport
from .blocks import Block, Cell, Heading, Paragraph, Table
from .labelled_text import LabelledTextReader
from .plain_text import PlainTextReader
from .tabbed_text import TabbedTextReader
from .tables import blocks_to_report
from .text import clean_text

_BULLETS = {"•": 0, "●": 0, "▪": 0, "■": 0, "·": 0, "-": 0, "◦": 1, "○": 1, "o": 1}
_BULLET_LINE = re.compile(r"^([•●▪■·◦○o-])\s+(.*)$")
_PAGE_NUMBER = re.compile(r"^(page\s+)?\d+(\s+of\s+\d+)?$", re.I)
# Below this many pages, starting worker processes costs more than it saves.
_PARALLEL_FROM_PAGES = 24
# Running headers and footers sit in the top and bottom margins of the page.
_MARGIN = 0.08
# Readers of plain text, which a PDF with no tables is read through: most specific first, as
# in readers.READERS.
TEXT_READERS: list[type[Reader]] = [TabbedTextReader, PlainTextReader, LabelledTextReader]


@dataclass
class _Line:
    top: float
    bottom: float
    x0: float
    size: float
    text: str
    bold: bool = False
    # Its words, each with its place: a table with no ruling lines is cut into columns by them.
    words: list[dict] = field(default_factory=list, repr=False)


def _lines(words: list[dict]) -> list[_Line]:
    """Words grouped into lines by their vertical position, left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for group in lines:
        group.sort(key=lambda w: w["x0"])
        out.append(
            _Line(
                top=min(w["top"] for w in group),
                bottom=max(w["bottom"] for w in group),
                x0=group[0]["x0"],
                size=statistics.median(w.get("size", 10) for w in group),
                text=" ".join(w["text"] for w in group),
                bold=sum("bold" in w.get("fontname", "").lower() for w in group) * 2 > len(group),
                words=group,
            )
        )
    return out


def _join(previous: str, line: str) -> str:
    if previous.endswith("-") and previous[-2:-1].isalpha() or previous.endswith("/"):
        return previous + line  # a word broken across the line at its hyphen or slash
    return f"{previous} {line}"


def _paragraphs(lines: list[_Line]) -> list[Paragraph]:
    """A cell's lines as paragraphs: a bullet starts an item, a wider gap a paragraph."""
    out: list[Paragraph] = []
    indents = sorted({round(line.x0) for line in lines if _BULLET_LINE.match(line.text)})
    previous: _Line | None = None
    for line in lines:
        match = _BULLET_LINE.match(line.text)
        if match and match.group(2):
            by_char = _BULLETS[match.group(1)]
            by_indent = next((i for i, x in enumerate(indents) if abs(x - line.x0) <= 3), 0)
            out.append(Paragraph(match.group(2), max(by_char, by_indent), bullet=True))
        elif (
            out
            and previous is not None
            and line.top - previous.bottom < 0.5 * (line.bottom - line.top)
        ):
            last = out[-1]
            out[-1] = Paragraph(_join(last.text, line.text), last.level, last.bullet)
        else:
            out.append(Paragraph(line.text))
        previous = line
    return [Paragraph(clean_text(p.text), p.level, p.bullet) for p in out]


def _table_settings(page) -> dict:
    """Close tables that a page break cuts: a row running off the page has no bottom rule,
    so the ends of the vertical rules stand in for one (and for a top rule on the next)."""
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    if not verticals:
        return {}
    return {
        "explicit_horizontal_lines": [
            min(e["top"] for e in verticals),
            max(e["bottom"] for e in verticals),
        ]
    }


def _inside(word: dict, bbox: tuple[float, float, float, float]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


_Box = tuple[float, float, float, float]
# Column edges of two tables this far apart (in points) are the same edge: one table.
_EDGE_TOLERANCE = 3.0
# A rule closes a row only if it runs this share of the table's width.
_RULE_SPAN = 0.9
# Words closer than this share of their height are one run of text (a space is about a
# third of it); a run across a column's edge is a paragraph, not a cell.
_SPACE = 0.35


@dataclass
class _Found:
    """A table pdfplumber found, as its rows of cell boxes (None: merged into the cell on its
    left), with the edges of its columns across the page."""

    rows: list[list[_Box | None]]
    edges: list[float]

    @property
    def top(self) -> float:
        return min(c[1] for row in self.rows for c in row if c is not None)

    @property
    def bottom(self) -> float:
        return max(c[3] for row in self.rows for c in row if c is not None)


def _found(table) -> _Found:
    xs = sorted({x for row in table.rows for c in row.cells if c is not None for x in (c[0], c[2])})
    edges: list[float] = []
    for x in xs:
        if not edges or x - edges[-1] > 1:
            edges.append(x)
    return _Found([list(row.cells) for row in table.rows], edges)


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(
        abs(x - y) <= _EDGE_TOLERANCE for x, y in zip(a, b, strict=True)
    )


def _rules(page) -> list[tuple[float, list[tuple[float, float]]]]:
    """The page's horizontal rules (lines, and the edges of boxes such as shaded rows), as
    their height down the page and the stretches across it they cover."""
    at: dict[float, list[tuple[float, float]]] = {}
    for edge in page.edges:
        if edge["orientation"] == "h":
            top = next((t for t in at if abs(t - edge["top"]) <= 1), edge["top"])
            at.setdefault(top, []).append((edge["x0"], edge["x1"]))
    return sorted(at.items())


def _spans(stretches: list[tuple[float, float]], left: float, right: float) -> bool:
    covered, reach = 0.0, left
    for x0, x1 in sorted(stretches):
        x0, x1 = max(x0, reach), min(x1, right)
        if x1 > x0:
            covered += x1 - x0
            reach = x1
    return covered >= _RULE_SPAN * (right - left)


def _crosses(line: _Line, edges: list[float]) -> bool:
    """Whether a line's text runs across one of the columns' inner edges, or outside them."""
    words = line.words
    if words[0]["x0"] < edges[0] - 1 or words[-1]["x1"] > edges[-1] + 1:
        return True
    for edge in edges[1:-1]:
        if any(w["x0"] < edge - 1 and w["x1"] > edge + 1 for w in words):
            return True  # a word across the edge
        if any(
            w["x1"] <= edge <= after["x0"]
            and after["x0"] - w["x1"] < _SPACE * (w["bottom"] - w["top"])
            for w, after in pairwise(words)
        ):
            return True  # words a space apart either side of it
    return False


def _band_rows(
    top: float,
    bottom: float,
    table: _Found,
    words: list[dict],
    rules: list[tuple[float, list[tuple[float, float]]]],
    body: float,
) -> list[list[_Box | None]] | None:
    """The rows of a table's columns between two heights with no drawn cells (an unshaded row
    of a striped table, ruled only below): None if what is there is not rows of the table,
    a heading or a line across its columns."""
    left, right = table.edges[0], table.edges[-1]
    inside = [
        w
        for w in words
        if top < (w["top"] + w["bottom"]) / 2 < bottom and w["x1"] > left and w["x0"] < right
    ]
    lines = _lines(inside)
    if any(_is_heading(line, body) or _crosses(line, table.edges) for line in lines):
        return None
    cuts = [
        height
        for height, stretches in rules
        if top + 1 < height < bottom - 1 and _spans(stretches, left, right)
    ]
    rows: list[list[_Box | None]] = []
    for upper, lower in pairwise([top, *cuts, bottom]):
        if any(upper < (w["top"] + w["bottom"]) / 2 < lower for w in inside):
            rows.append([(x0, upper, x1, lower) for x0, x1 in pairwise(table.edges)])
    return rows


def _row_text(row: list[_Box | None], words: list[dict]) -> list[str]:
    return [
        " ".join(w["text"] for w in words if _inside(w, box)) if box is not None else ""
        for box in row
    ]


def _joined(found: list[_Found], words: list[dict], page, body: float) -> list[_Found]:
    """Tables found in pieces made whole. A table ruled only by shaded stripes and lines under
    its rows is found as its header and shaded rows, each a table of its own, with the rows
    between and after them lost: pieces stacked with the same columns are one table, the text
    between them cut into its columns, and it runs on down to each rule across its width
    below, until a heading, a line across its columns or another table."""
    rules = _rules(page)
    tables: list[_Found] = []
    for table in sorted(found, key=lambda t: t.top):
        last = tables[-1] if tables else None
        between = (
            _band_rows(last.bottom, table.top, last, words, rules, body)
            if last is not None
            and _same_columns(last.edges, table.edges)
            # A table opening with the header of the one above is a table of its own.
            and _row_text(table.rows[0], words) != _row_text(last.rows[0], words)
            else None
        )
        # Two tables with nothing between them but space are two (a table per theme).
        if last is not None and between is not None and (between or table.top - last.bottom < 2):
            last.rows.extend([*between, *table.rows])
        else:
            tables.append(_Found([list(row) for row in table.rows], table.edges))
    for n, table in enumerate(tables):
        # The top of the next table is not a rule under a row of this one.
        limit = tables[n + 1].top - 1 if n + 1 < len(tables) else page.height
        for height, stretches in rules:
            if not table.bottom + 1 < height < limit or not _spans(
                stretches, table.edges[0], table.edges[-1]
            ):
                continue
            more = _band_rows(table.bottom, height, table, words, rules, body)
            if more == [] and height - table.bottom < 3:
                continue  # a second rule just under the last (a border under a shaded row)
            if not more:
                break
            table.rows.extend(more)
    return tables


@dataclass
class _TableEnd:
    """Where a ruled table's last row ends on its page, kept until the foot of the pages' body
    is known: by it, whether the page break cut that row is judged."""

    table: Table
    bottom: float  # the last row's bottom
    closed: bool  # a ruling line runs under the last row: it ended there whole
    # Each cell of the last row: its last line's bottom and height, or None when empty.
    cells: list[tuple[float, float] | None]


@dataclass
class _Page:
    height: float
    sizes: list[float]
    placed: list[tuple[float, Block | _Line]]  # tables and loose lines, top to bottom
    ends: list[_TableEnd] = field(default_factory=list)


def _closed(page, bbox: tuple[float, float, float, float]) -> bool:
    """Whether a ruling line runs under a row across most of its width. A row the page break
    cuts has none: its cells' side rules just stop at the foot of the page."""
    left, _, right, bottom = bbox
    return any(
        edge["orientation"] == "h"
        and abs(edge["top"] - bottom) <= 1.5
        and min(edge["x1"], right) - max(edge["x0"], left) >= 0.5 * (right - left)
        for edge in page.edges
    )


def _page_read(page) -> _Page:
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
    sizes = [w["size"] for w in words if "size" in w]
    found = [_found(table) for table in page.find_tables(_table_settings(page))]
    if found:
        found = _joined(found, words, page, statistics.median(sizes) if sizes else 10)
    placed: list[tuple[float, Block | _Line]] = []
    ends: list[_TableEnd] = []
    in_tables: set[int] = set()
    for table in found:
        rows: list[list[Cell]] = []
        last_lines: list[tuple[float, float] | None] = []
        for row in table.rows:
            cells: list[Cell] = []
            last_lines = []
            for bbox in row:
                if bbox is None:
                    # Merged into the cell on its left: repeat it, as Word's merged cells are.
                    cells.append(Cell(list(cells[-1].paragraphs)) if cells else Cell([]))
                    last_lines.append(last_lines[-1] if last_lines else None)
                    continue
                inside = [i for i, w in enumerate(words) if _inside(w, bbox)]
                in_tables.update(inside)
                lines = _lines([words[i] for i in inside])
                cells.append(Cell(_paragraphs(lines)))
                last_lines.append(
                    (lines[-1].bottom, lines[-1].bottom - lines[-1].top) if lines else None
                )
            rows.append(cells)
        block = Table(rows, page=page.page_number)
        placed.append((table.top, block))
        if table.rows:
            boxes = [c for c in table.rows[-1] if c is not None]
            last = (
                min(c[0] for c in boxes),
                min(c[1] for c in boxes),
                max(c[2] for c in boxes),
                max(c[3] for c in boxes),
            )
            ends.append(_TableEnd(block, last[3], _closed(page, last), last_lines))
    placed.extend(
        (line.top, line) for line in _lines([w for i, w in enumerate(words) if i not in in_tables])
    )
    placed.sort(key=lambda p: p[0])
    return _Page(page.height, sizes, placed, ends)


def _mark_cut_rows(pages: list[_Page], kept: list[list[Block | _Line]]) -> None:
    """Mark the last row of each ruled table that the page break may have cut: the foot of the
    pages' body is the lowest any of their text or tables reaches (running headers, footers
    and page numbers aside), on pages of the same height; a row reaches it when its bottom is
    within two lines of it, as a cell's text is when the next line would not have fitted."""
    feet: dict[float, float] = {}
    for page, items in zip(pages, kept, strict=True):
        bottoms = [line.bottom for line in items if isinstance(line, _Line)]
        bottoms += [end.bottom for end in page.ends]
        if bottoms:
            feet[page.height] = max(feet.get(page.height, 0.0), *bottoms)
    for page in pages:
        foot = feet.get(page.height)
        for end in page.ends:
            reaches = [
                foot is not None and line is not None and foot - line[0] < 2 * line[1]
                for line in end.cells
            ]
            for cell, at_foot in zip(end.table.rows[-1], reaches, strict=False):
                cell.at_foot = at_foot
            end.table.cut_at_foot = any(reaches) and not end.closed


def _pages_read(data: bytes, start: int, stop: int) -> list[_Page]:
    # pdfplumber (with pdfminer) loads only for a PDF, in each worker process that reads one.
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[start:stop]:
            pages.append(_page_read(page))
            page.flush_cache()  # a long report would otherwise keep every page's objects
    return pages


def _all_pages(data: bytes) -> list[_Page]:
    """Every page read; a long report's pages shared among processes, one per core."""
    import pdfplumber  # loaded only for a PDF, as in _pages_read

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
    workers = min(os.cpu_count() or 1, 8)
    if count < _PARALLEL_FROM_PAGES or workers < 2:
        return _pages_read(data, 0, count)
    step = -(-count // (workers * 2))
    ranges = [(start, min(start + step, count)) for start in range(0, count, step)]
    # spawn, not fork: a fresh interpreter is safe whatever threads the caller runs.
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            chunks = pool.map(_pages_read, [data] * len(ranges), *zip(*ranges, strict=True))
            return [page for chunk in chunks for page in chunk]
    except BrokenProcessPool:
        # Workers could not start here (an embedded interpreter, say): read in this process.
        return _pages_read(data, 0, count)


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", clean_text(text).lower())


def _in_margin(line: _Line, page: _Page) -> bool:
    return line.top < page.height * _MARGIN or line.bottom > page.height * (1 - _MARGIN)


def _running_lines(pages: list[_Page], body: float) -> set[str]:
    """Lines in the page margins that recur on at least half the pages: headers and footers.
    On a report of one page nothing recurs, but its header and footer sit in the margins in
    type smaller than the body text: without that they would read as its introduction."""
    margins = [
        [line for _, line in page.placed if isinstance(line, _Line) and _in_margin(line, page)]
        for page in pages
    ]
    if len(pages) < 2:
        return {
            _running_key(line.text) for page in margins for line in page if line.size < body * 0.9
        }
    seen: Counter[str] = Counter()
    for page in margins:
        seen.update({_running_key(line.text) for line in page})
    return {key for key, count in seen.items() if count >= max(2, len(pages) / 2)}


def _is_heading(line: _Line, body: float) -> bool:
    """Bigger and bold, or much bigger, than the body text."""
    return line.size >= body * 1.4 or (line.size >= body * 1.15 and line.bold)


def _blocks(pages: list[_Page]) -> list[Block]:
    sizes = [size for page in pages for size in page.sizes]
    body = statistics.median(sizes) if sizes else 10
    drop = _running_lines(pages, body)
    kept = [
        [
            item
            for _, item in page.placed
            if not isinstance(item, _Line)
            or not (_running_key(item.text) in drop or _PAGE_NUMBER.match(item.text.strip()))
        ]
        for page in pages
    ]
    _mark_cut_rows(pages, kept)
    if not any(isinstance(item, Table) for page in kept for item in page):
        from .unruled import unruled_tables  # it builds on this module's lines

        unruled_tables(kept, body)
    placed = [item for page in kept for item in page]
    left = min((item.x0 for item in placed if isinstance(item, _Line)), default=0)
    blocks: list[Block] = []
    previous: _Line | None = None
    for item in placed:
        if not isinstance(item, _Line):
            blocks.append(item)
            previous = None
            continue
        heading = _is_heading(item, body)
        same_block = (
            previous is not None
            and not _BULLET_LINE.match(item.text)
            and abs(previous.size - item.size) < 0.5
            and 0 <= item.top - previous.bottom < 0.5 * (item.bottom - item.top)
        )
        last = blocks[-1] if blocks else None
        if same_block and isinstance(last, Heading | Paragraph):
            last.text = _join(last.text, item.text)
        elif heading:
            blocks.append(Heading(item.text, 1 if item.size >= body * 1.6 else 2))
        else:
            # An indented paragraph is a sub-item whose bullet was lost: keep the indent.
            blocks.append(Paragraph(item.text, level=1 if item.x0 - left > 10 else 0))
        previous = item
    return blocks


class PdfReader:
    name: ClassVar[str] = "pdf"

    @classmethod
    def recognises(cls, data: bytes) -> bool:
        return data[:1024].lstrip().startswith(b"%PDF-")

    @classmethod
    def read(cls, data: bytes, *, source: str) -> ReadReport:
        try:
            blocks = _blocks(_all_pages(data))
        except Exception as e:  # pdfminer raises many kinds on damaged or locked files
            # pdfplumber wraps pdfminer's errors: look at the wrapped ones' names too.
            names = " ".join(type(x).__name__ for x in (e, *e.args, e.__cause__) if x is not None)
            if "Password" in names or "Encrypt" in names:
                raise ReaderError(
                    f"{source}: is password-protected; save an unlocked copy and try again"
                ) from None
            raise ReaderError(
                f"{source}: is damaged or not a PDF eqtrack can read ({type(e).__name__})"
            ) from None
        if not any(isinstance(block, Table) for block in blocks):
            return _read_as_text(blocks, source=source)
        return blocks_to_report(blocks, source=source)


def _read_as_text(blocks: list[Block], *, source: str) -> ReadReport:
    """A PDF with no ruled tables: its paragraphs, one a line, through the text readers."""
    text = "\n\n".join(
        ("\u00a0" * 6 if isinstance(block, Paragraph) and block.level else "") + block.text
        for block in blocks
        if isinstance(block, Heading | Paragraph)
    )
    data = text.encode("utf-8")
    for reader in TEXT_READERS:
        if reader.recognises(data):
            report = reader.read(data, source=source)
            report.notes.append("no ruled tables found; read from the text lines")
            return report
    raise ReaderError(
        f"{source}: no tables found, and its text is not a layout eqtrack knows "
        "(a table headed 'Agreed Actions')"
    )
