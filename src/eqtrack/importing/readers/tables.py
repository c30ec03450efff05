"""Interpreting the tables of a structured document (Word, HTML, PDF) as an action plan.

Shared by every structured reader: columns are recognised by their headings' meaning, themes
come from headings between tables, merged rows inside a table, or a theme column; a row with
no action, or one at the top of a page naming the one above as eqtrack's PDF reports do
("CL3 (continued)"), continues the one above (a table row split across a page)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import Item, ReadAction, ReaderError, ReadReport, ReadStatus, ReadTheme
from .blocks import Block, Cell, Heading, Paragraph, Table
from .columns import Column, column_for, period_in_heading
from .text import DraftItem, clean_text, colour_status, finish_items, status_category

_OBJECTIVE_LABEL = "objective"
_SENTENCE_END = (".", "!", "?", ":", ";", ")", "”", "’", '"')


@dataclass
class _TableShape:
    columns: list[Column | None]
    headings: list[str]


@dataclass
class _State:
    source: str
    report: ReadReport
    heading: str | None = None
    objective: str = ""
    expecting_objective: bool = False
    theme: ReadTheme | None = None
    shape: _TableShape | None = None
    last_action: ReadAction | None = None
    last_cells: dict[Column, list[Paragraph]] = field(default_factory=dict)
    reported_extra: set[str] = field(default_factory=set)

    def theme_for(self, title: str | None) -> ReadTheme:
        if title is None and self.theme is not None:
            return self.theme
        title = title or self.heading or "Actions"
        if self.theme is None or self.theme.title != title:
            existing = next((t for t in self.report.themes if t.title == title), None)
            if existing is None:
                existing = ReadTheme(title=title, objective=self.objective)
                self.report.themes.append(existing)
            self.theme = existing
        return self.theme


def items_from_paragraphs(paragraphs: list[Paragraph]) -> list[Item]:
    """A cell's paragraphs as plan-format items, bullets nested by their level."""
    root: list[DraftItem] = []
    stack: list[tuple[int, list[DraftItem]]] = [(-1, root)]
    for paragraph in paragraphs:
        text = clean_text(paragraph.text)
        if not text:
            continue
        while stack[-1][0] >= paragraph.level:
            stack.pop()
        item = DraftItem(text)
        stack[-1][1].append(item)
        stack.append((paragraph.level, item.items))
    return finish_items(root)


def _action_text(paragraphs: list[Paragraph]) -> str:
    """An action cell as one text: bullets in it follow their lead-in ("…assess: a, b, c")."""
    texts = [clean_text(p.text) for p in paragraphs if clean_text(p.text)]
    if len(texts) > 1 and texts[0].endswith(":"):
        return f"{texts[0]} {', '.join(texts[1:])}"
    return " ".join(texts)


def _header_shape(row: list[Cell]) -> _TableShape | None:
    headings = [clean_text(cell.text) for cell in row]
    columns = [column_for(h) if h else None for h in headings]
    known = {c for c in columns if c is not None}
    if Column.ACTION in known and len(known) >= 2:
        return _TableShape(columns, headings)
    return None


def _is_merged_row(texts: list[str]) -> bool:
    filled = [t for t in texts if t]
    return len(texts) >= 2 and len(filled) == len(texts) and len(set(filled)) == 1


# Columns whose cell, merged down over several rows, belongs to each of them: one lead
# officer for three actions, one theme for all of its actions.
_SHARED_WHEN_MERGED = {Column.THEME, Column.LEAD, Column.DUE, Column.PARTNERS, Column.STATUS}


def _cells_by_column(
    row: list[Cell], shape: _TableShape
) -> tuple[dict[Column, list[Paragraph]], dict[str, str]]:
    known: dict[Column, list[Paragraph]] = {}
    extra: dict[str, str] = {}
    own_action = any(
        column is Column.ACTION and not cell.from_above and clean_text(cell.text)
        for cell, column in zip(row, shape.columns, strict=False)
    )
    quarters = shape.columns.count(Column.PROGRESS) > 1
    for cell, column, heading in zip(row, shape.columns, shape.headings, strict=False):
        if cell.from_above and not (own_action and column in _SHARED_WHEN_MERGED):
            continue  # the row above's, read there
        if quarters and column is Column.PROGRESS and clean_text(cell.text):
            # Several progress columns (Q1, Q2…): each one's update under its heading, so
            # the year's report keeps every quarter's words and says which is which.
            known.setdefault(column, []).append(Paragraph(heading))
            known[column].extend(
                Paragraph(p.text, p.level + 1, bullet=True) for p in cell.paragraphs
            )
            continue
        rating = colour_status(cell.fill) if column is Column.STATUS else None
        if rating and not clean_text(cell.text):
            # A RAG column shown by colour alone: the colour is the status.
            known.setdefault(Column.STATUS, []).append(Paragraph(rating))
        elif column is not None:
            known.setdefault(column, []).extend(cell.paragraphs)
        elif heading and clean_text(cell.text):
            extra[heading] = clean_text(cell.text)
    return known, extra


def _plain(paragraphs: list[Paragraph] | None) -> str | None:
    text = clean_text(" ".join(p.text for p in paragraphs or []))
    return text or None


def _new_action(state: _State, cells: dict[Column, list[Paragraph]], extra: dict[str, str]) -> None:
    theme_text = _plain(cells.get(Column.THEME))
    theme = state.theme_for(theme_text)
    status_text = _plain(cells.get(Column.STATUS))
    action = ReadAction(
        text=_action_text(cells.get(Column.ACTION, [])),
        ref=_plain(cells.get(Column.REF)),
        lead=_plain(cells.get(Column.LEAD)),
        due=_plain(cells.get(Column.DUE)),
        partners=_plain(cells.get(Column.PARTNERS)),
        progress=items_from_paragraphs(cells.get(Column.PROGRESS, [])),
        next_steps=items_from_paragraphs(cells.get(Column.NEXT_STEPS, [])),
        status=ReadStatus(status_text, status_category(status_text)) if status_text else None,
        extra=extra,
    )
    theme.actions.append(action)
    state.last_action, state.last_cells = action, cells


def _continue_action(
    action: ReadAction, state: _State, cells: dict[Column, list[Paragraph]], extra: dict[str, str]
) -> None:
    """A row with no action of its own: the rest of `action`, the row above, cut by a page
    break."""
    cut = _plain(cells.pop(Column.ACTION, None))
    if cut:
        action.text = f"{action.text} {cut}"
    cells.pop(Column.REF, None)
    cells.pop(Column.THEME, None)
    for column, paragraphs in cells.items():
        if not paragraphs:
            continue
        previous = state.last_cells.setdefault(column, [])
        first = clean_text(paragraphs[0].text)
        unfinished = previous and (
            first[:1].islower()
            or previous[-1].bullet
            or not clean_text(previous[-1].text).endswith(_SENTENCE_END)
        )
        if unfinished and not paragraphs[0].bullet:
            # A sentence cut by the page break finishes in the first paragraph here.
            previous[-1] = Paragraph(
                f"{previous[-1].text} {paragraphs[0].text}", previous[-1].level, previous[-1].bullet
            )
            paragraphs = paragraphs[1:]
        previous.extend(paragraphs)
    merged = state.last_cells
    action.progress = items_from_paragraphs(merged.get(Column.PROGRESS, []))
    action.next_steps = items_from_paragraphs(merged.get(Column.NEXT_STEPS, []))
    status_text = _plain(merged.get(Column.STATUS))
    action.status = ReadStatus(status_text, status_category(status_text)) if status_text else None
    action.extra.update(extra)


def _says_continued(text: str, last: ReadAction) -> bool:
    """Whether an action cell says, exactly as eqtrack's PDF reports write it (see
    `ReportRow.continued`), that `last` runs on here: "CL3 (continued)" by its reference, which
    the report writes as the first word of the action's cell, or by its first eight words
    ("We will … (continued)") where it has none."""
    words = text.split()
    if words[-1:] != ["(continued)"]:
        return False
    named = " ".join(words[:-1])
    last_words = last.text.split()
    first_words = " ".join(last_words[:8]) + ("…" if len(last_words) > 8 else "")
    return bool(named) and named in {last.ref, last_words[0] if last_words else None, first_words}


def _read_table(state: _State, table: Table, number: int, *, goes_on: bool) -> None:
    """Read one table; `goes_on` when nothing stands between it and the table before, as
    when a page break cuts one table in two."""
    rows = table.rows
    start = 0
    for i, row in enumerate(rows[:3]):
        shape = _header_shape(row)
        if shape is not None:
            state.shape, start = shape, i + 1
            break
    else:
        if state.shape is None or not rows or len(rows[0]) != len(state.shape.columns):
            state.report.notes.append(
                f"table {number}: no column headings eqtrack recognises (such as "
                "'Action' and 'Progress'); skipped"
            )
            return
        # A table with no header row, as wide as the last: the last one, on the next page.
    shape = state.shape
    for heading, column in zip(shape.headings, shape.columns, strict=False):
        if column is None and heading and heading not in state.reported_extra:
            state.reported_extra.add(heading)
            state.report.notes.append(f"column '{heading}' not recognised; kept as an extra field")
        quarters = shape.columns.count(Column.PROGRESS) > 1
        period = (
            period_in_heading(heading, quarters=quarters) if column is Column.PROGRESS else None
        )
        if period and state.report.period is None:
            state.report.period = period
    first_row = True
    for row in rows[start:]:
        texts = [clean_text(cell.text) for cell in row]
        if not any(texts) or texts == shape.headings[: len(texts)]:
            continue  # empty, or the header repeated on a new page
        if _is_merged_row(texts):
            _merged_row(state, texts[0])
            continue
        cells, extra = _cells_by_column(row, shape)
        action_text = _plain(cells.get(Column.ACTION)) or ""
        # The first row of a table that goes on from the last page may finish its last
        # row, action text included ("…as a result of the" / "recent pandemic.").
        last = state.last_action
        # A row with a reference of its own is never the rest of the one above.
        own_ref = bool(_plain(cells.get(Column.REF)))
        cut_action = (
            goes_on
            and first_row
            and last is not None
            and not own_ref
            and (action_text[:1].islower() or not last.text.rstrip().endswith(_SENTENCE_END))
        )
        if (
            goes_on
            and first_row
            and last is not None
            and not own_ref
            and _says_continued(action_text, last)
        ):
            # "CL3 (continued)" at the top of a page, as eqtrack's own PDF reports write it
            # (the reference in the action's cell, no column of its own): the row above, run
            # on to this page. Anywhere else, in other words, or with a reference of its own,
            # a cell ending "(continued)" is a council's own action ("Staff network meetings
            # (continued)") and is kept as one.
            cells.pop(Column.ACTION, None)
            action_text = ""
        first_row = False
        if action_text and not cut_action:
            _new_action(state, cells, extra)
        elif state.last_action is not None:
            _continue_action(state.last_action, state, cells, extra)
        else:
            raise ReaderError(
                f"{state.source}: table {number}: a row with no action before any action"
            )


def _merged_row(state: _State, text: str) -> None:
    """A row across the whole table: a theme's heading, or its objective."""
    label, _, rest = text.partition(":")
    if label.strip().lower() == _OBJECTIVE_LABEL and state.theme is not None:
        state.theme.objective = rest.strip()
        return
    state.heading, state.objective = text, ""
    state.theme_for(text)


def _read_paragraph(state: _State, paragraph: Paragraph) -> None:
    text = clean_text(paragraph.text)
    # Only the paragraphs between a heading and its table describe the theme.
    if not text or state.heading is None or state.theme is not None:
        return
    label, colon, rest = text.partition(":")
    if label.strip().lower() == _OBJECTIVE_LABEL:
        if colon and rest.strip():
            state.objective = rest.strip()
        else:
            state.expecting_objective = True
        return
    if state.expecting_objective or not state.objective:
        state.objective = text
        state.expecting_objective = False


def blocks_to_report(blocks: list[Block], *, source: str) -> ReadReport:
    """The action plan in a document's headings, paragraphs and tables."""
    state = _State(source=source, report=ReadReport(source=source, period=None))
    tables = 0
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, Heading):
            state.heading, state.objective, state.expecting_objective = (
                clean_text(block.text),
                "",
                False,
            )
            state.theme = None
        elif isinstance(block, Paragraph):
            _read_paragraph(state, block)
        elif isinstance(block, Table):
            tables += 1
            _read_table(state, block, tables, goes_on=isinstance(previous, Table))
        previous = block
    report = state.report
    report.themes = [t for t in report.themes if t.actions]
    if not report.themes:
        if tables == 0:
            raise ReaderError(
                f"{source}: no tables found; eqtrack reads action plans set out in tables"
            )
        raise ReaderError(
            f"{source}: no table of actions found (a table needs headings such as 'Action' and 'Progress')"
        )
    return report
