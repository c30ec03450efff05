"""Tables in a PDF drawn without ruling lines, read from the lines `pdf` places on each page:
found by a header line whose headings stand apart (two or more, one of them the action's),
cut into those columns by where each word starts and into rows where a reference or an
action begins, and followed over the next pages, under their header repeated or not, until a
heading or a paragraph across the columns.

A cell's labelled lines ("Lead: Head of HR", "Status: On track") fill the column their label
names, and a reference at the start of the action ("1.2 Publish…") its reference, as councils
write them when the table has no column for them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block, Cell, Paragraph, Table
from .columns import Column, column_for
from .pdf import _is_heading, _Line, _lines, _paragraphs
from .text import clean_text

# Words further apart than this share of the text's height are in different columns (a space
# between words is about a third of it, a cell's padding more than half).
_COLUMN_GAP = 0.5
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z &/]{0,30}?)\s*:\s*(?P<value>\S.*)$")
# The columns a labelled line in a cell may fill, when the table has none of its own.
_LABELLED = (Column.REF, Column.LEAD, Column.DUE, Column.STATUS, Column.PARTNERS)
_REF = re.compile(r"^(?P<ref>(?:[A-Z]{1,3}\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)[a-z]?)[.):]?\s+(?=\S)")


def _runs(words: list[dict]) -> list[list[dict]]:
    """A line's words in runs, split where the gap between two is wider than a space."""
    runs: list[list[dict]] = []
    for word in sorted(words, key=lambda w: w["x0"]):
        gap = _COLUMN_GAP * (word["bottom"] - word["top"])
        if runs and word["x0"] - runs[-1][-1]["x1"] < gap:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


@dataclass
class _Columns:
    """An unruled table's columns: where each starts across the page, what each holds, which
    of them (the reference and the action) start a row, and the columns its cells' labelled
    lines may fill that it has none of."""

    starts: list[float]
    named: list[Column | None]
    anchors: set[int]
    labelled: list[Column]


def _header_columns(line: _Line) -> _Columns | None:
    """The columns of a table with no ruling lines, if the line is its header row: runs of
    words apart that name an action column and every other, or all but one of three or more
    ("Ref  Action  Lead…", "Action  Progress")."""
    runs = _runs(line.words)
    named = [column_for(" ".join(w["text"] for w in run)) for run in runs]
    known = sum(c is not None for c in named)
    if len(runs) < 2 or Column.ACTION not in named or known < max(2, len(runs) - 1):
        return None
    anchors = {i for i, c in enumerate(named) if c in (Column.REF, Column.ACTION)}
    labelled = [c for c in _LABELLED if c not in named]
    return _Columns([run[0]["x0"] for run in runs], named, anchors, labelled)


def _column_of(x: float, columns: _Columns) -> int:
    # A cell's text starts where its heading does: both left-aligned in the same padding.
    return max(0, sum(x >= start - 2 for start in columns.starts) - 1)


def _crosses_columns(line: _Line, columns: _Columns) -> bool:
    """Whether a run of the line's words runs across a column's start: a paragraph, not a
    row of the table."""
    return any(
        _column_of(run[0]["x0"], columns) != _column_of(run[-1]["x1"] - 1, columns)
        for run in _runs(line.words)
    )


def _has_row(lines: list[_Line], columns: _Columns) -> bool:
    """Whether any of the lines has words in two of the columns, as a table's row does."""
    return any(len({_column_of(w["x0"], columns) for w in line.words}) >= 2 for line in lines)


def _label(text: str) -> tuple[Column, str] | None:
    """The column a labelled line ("Lead: Head of HR") may fill, and its value."""
    match = _LABEL.match(text)
    column = column_for(match.group("label")) if match else None
    if match is None or column not in _LABELLED:
        return None
    return column, clean_text(match.group("value"))


def _cell_paragraphs(words: list[dict]) -> list[Paragraph]:
    """A cell's paragraphs; a labelled line starts one of its own, however close above."""
    chunks: list[list[_Line]] = []
    for line in _lines(words):
        if not chunks or _label(line.text):
            chunks.append([])
        chunks[-1].append(line)
    return [p for chunk in chunks for p in _paragraphs(chunk)]


def _row_cells(words: list[list[dict]], columns: _Columns) -> list[Cell]:
    """A row's cells, then one for each column the table lacks, filled from the first line
    labelled for it in any cell, and a reference from the start of the action's cell."""
    found: dict[Column, list[Paragraph]] = {}
    cells = []
    for column, cell in zip(columns.named, words, strict=True):
        kept = []
        for n, p in enumerate(_cell_paragraphs(cell)):
            label = _label(p.text)
            if label and label[0] in columns.labelled and label[0] not in found:
                found[label[0]] = [Paragraph(label[1])]
                continue
            ref = _REF.match(p.text) if column is Column.ACTION and n == 0 else None
            if ref and Column.REF in columns.labelled and Column.REF not in found:
                found[Column.REF] = [Paragraph(ref.group("ref"))]
                p = Paragraph(p.text[ref.end() :], p.level, p.bullet)
            kept.append(p)
        cells.append(Cell(kept))
    return cells + [Cell(found.get(c, [])) for c in columns.labelled]


def _by_column(lines: list[_Line], columns: _Columns) -> list[list[dict]]:
    words: list[list[dict]] = [[] for _ in columns.starts]
    for line in lines:
        for word in line.words:
            words[_column_of(word["x0"], columns)].append(word)
    return words


def _unruled_table(header: _Line | None, lines: list[_Line], columns: _Columns, page: int) -> Table:
    """Lines under a header cut into its columns, and into rows where a reference, or an
    action after a gap in its column, begins: a table's cells start at their row's top."""
    rows: list[list[_Line]] = []
    below: dict[int, float] = {}  # where each anchor column's last line ends
    for line in lines:
        used = {_column_of(w["x0"], columns) for w in line.words} & columns.anchors
        gap = 0.5 * (line.bottom - line.top)
        if not rows or any(i not in below or line.top - below[i] > gap for i in used):
            rows.append([])
        rows[-1].append(line)
        below.update(dict.fromkeys(used, line.bottom))
    table = Table(page=page)
    if header is not None:
        cells = [Cell(_paragraphs(_lines(h))) for h in _by_column([header], columns)]
        table.rows.append(cells + [Cell([Paragraph(c.value)]) for c in columns.labelled])
    table.rows.extend(_row_cells(_by_column(row, columns), columns) for row in rows)
    return table


def unruled_tables(pages: list[list[Block | _Line]], body: float) -> None:
    """Tables with no ruling lines, in place of their lines on each page: found by a header
    row whose headings stand apart, a table goes on over the next pages (under its header
    repeated, or not) until a heading or a paragraph across its columns; headings spaced out
    over text that is not set in their columns are no table."""
    columns: _Columns | None = None
    for number, placed in enumerate(pages, start=1):
        out: list[Block | _Line] = []
        header: _Line | None = None
        region: list[_Line] = []
        for item in [*placed, None]:  # None: the foot of the page, where a table may go on
            found = _header_columns(item) if isinstance(item, _Line) else None
            if (
                found is None
                and columns is not None
                and isinstance(item, _Line)
                and not _is_heading(item, body)
                and not _crosses_columns(item, columns)
            ):
                region.append(item)
                continue
            if columns is not None and header is not None and not _has_row(region, columns):
                out.extend([header, *region])
                columns = None
            elif columns is not None and (header is not None or region):
                out.append(_unruled_table(header, region, columns, number))
            header, region = None, []
            if found is not None and isinstance(item, _Line):
                columns, header = found, item
            elif item is not None:
                columns = None
                out.append(item)
        placed[:] = out
