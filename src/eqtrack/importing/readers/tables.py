"""Interpreting the tables of a structured document (Word, HTML, PDF) as an action plan.

Shared by every structured reader: columns are recognised by their headings' meaning, themes
come from headings between tables, merged rows inside a table, or a theme column; a row with
no action, or one at the top of a page naming the one above as eqtrack's PDF reports do
("CL3 (continued)"), finishing its cut sentence in lower case, or (in a PDF) holding only the
rest of cells the page break cut, continues the one above (a table row split across a page),
each cell in its own column; a row at the top of a page with a reference or action of its own
is otherwise a row of its own, and a status of its own is never added to the one above's."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .base import Item, ReadAction, ReaderError, ReadReport, ReadStatus, ReadTheme
from .blocks import Block, Cell, Heading, Paragraph, Table
from .columns import Column, column_for, period_in_heading
from .introduction import (
    about_the_document,
    introduction_guess,
    is_note,
    objective_guess,
    without_cover,
)
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
    # The paragraphs since the last heading (or the document's start) and before its table,
    # not yet given to a theme as its objective or to the plan's introduction.
    paragraphs: list[str] = field(default_factory=list)
    objective: str = ""  # a paragraph labelled "Objective" under the heading
    expecting_objective: bool = False
    theme: ReadTheme | None = None
    shape: _TableShape | None = None
    last_action: ReadAction | None = None
    last_cells: dict[Column, list[Paragraph]] = field(default_factory=dict)
    # The last row read, by its columns, with what the PDF reader says of its cells
    # (`Cell.at_foot`), and whether the page break cut it (`Table.cut_at_foot`): the first
    # row on the next page is judged by it.
    row_above: list[Cell] = field(default_factory=list)
    row_above_cut: bool | None = None
    reported_extra: set[str] = field(default_factory=set)

    def theme_for(self, title: str | None) -> ReadTheme:
        if title is None and self.theme is not None:
            return self.theme
        # Only a theme named by the heading above its table has that heading's paragraphs to
        # take an objective from; one named in the table (a theme column, a spanning row)
        # takes its objective from the table, if from anywhere.
        from_heading = title is None and self.heading is not None
        title = title or self.heading or "Actions"
        if self.theme is None or self.theme.title != title:
            existing = next((t for t in self.report.themes if t.title == title), None)
            if existing is None:
                if not self.report.themes:
                    # The first theme: what stood before it belongs to the plan as a whole.
                    self.introduce(self.before_first_theme(named_by_heading=from_heading))
                existing = ReadTheme(
                    title=title, objective=self.take_objective() if from_heading else ""
                )
                self.report.themes.append(existing)
            self.theme = existing
        return self.theme

    def introduce(self, paragraphs: list[str]) -> None:
        """Keep paragraphs as the plan's introduction, each once."""
        for text in paragraphs:
            if text not in self.report.introduction:
                self.report.introduction.append(text)

    def before_first_theme(self, *, named_by_heading: bool) -> list[str]:
        """The waiting paragraphs, taken, that stand before the first theme: all of them, or,
        where that theme is named by the heading they follow, those about the document."""
        if not named_by_heading:
            out = [*self.paragraphs, self.objective]
            self.paragraphs, self.objective, self.expecting_objective = [], "", False
            return [p for p in out if p]
        out = [p for p in self.paragraphs if about_the_document(p)]
        self.paragraphs = [p for p in self.paragraphs if p not in out]
        return out

    def take_objective(self) -> str:
        """The objective of the theme named by the current heading: the paragraph labelled
        "Objective", or else (a guess, named as one) the first paragraph after the heading."""
        # A paragraph about the document or its table ("The table below sets out…") is none.
        unlabelled = [p for p in self.paragraphs if not about_the_document(p)]
        if self.objective:
            objective = self.objective
        elif unlabelled:
            objective = unlabelled[0]
            self.report.guesses.append(objective_guess(self.heading or "", objective))
        else:
            objective = ""
        self.paragraphs, self.objective, self.expecting_objective = [], "", False
        return objective


_TYPED_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+")


def _typed_numbers(paragraphs: list[Paragraph]) -> bool:
    """Whether a cell's items are a list numbered by hand ("1. …", "2. …"): every top-level
    paragraph numbered, from 1 in order. The numbers are the list's, not the items' words."""
    texts = [clean_text(p.text) for p in paragraphs if p.level == 0 and clean_text(p.text)]
    numbers = [m.group(1) for t in texts if (m := _TYPED_NUMBER.match(t))]
    return bool(texts) and numbers == [str(n) for n in range(1, len(texts) + 1)]


def items_from_paragraphs(paragraphs: list[Paragraph]) -> list[Item]:
    """A cell's paragraphs as plan-format items, bullets nested by their level."""
    root: list[DraftItem] = []
    stack: list[tuple[int, list[DraftItem]]] = [(-1, root)]
    numbered = _typed_numbers(paragraphs)
    for paragraph in paragraphs:
        text = clean_text(paragraph.text)
        if numbered and paragraph.level == 0:
            text = _TYPED_NUMBER.sub("", text, count=1)
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


def _names_columns(shape: _TableShape, known: _TableShape | None) -> bool:
    """Whether a row that names an action column and another is a header, not a row of the
    table before run on to a new page whose cells start with headings' words ("Action to
    review…", "Lead 7", "Progress for 7."): beside a header already read, as wide, it must
    name as many columns as that one did, or every cell it fills (all but one, in a table of
    five columns or more)."""
    if known is None or len(known.columns) != len(shape.columns):
        return True
    named = sum(column is not None for column in shape.columns)
    filled = sum(bool(heading) for heading in shape.headings)
    return named >= filled - (filled >= 5) or named >= sum(c is not None for c in known.columns)


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
    ratings = shape.columns.count(Column.STATUS) > 1
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
        rating = _colour_rating(cell) if column is Column.STATUS else None
        if column is Column.STATUS and ratings and (rating or clean_text(cell.text)):
            # A status column per quarter (Q1 RAG … Q4 RAG), left to right: the status is
            # the latest one given; a later quarter left blank is not reported yet.
            known[Column.STATUS] = [Paragraph(rating)] if rating else list(cell.paragraphs)
        elif rating:
            # A RAG column shown by colour alone: the colour is the status.
            known.setdefault(Column.STATUS, []).append(Paragraph(rating))
        elif column is not None:
            known.setdefault(column, []).extend(cell.paragraphs)
        elif heading and clean_text(cell.text):
            extra[heading] = clean_text(cell.text)
    return known, extra


# Shapes a RAG column holds in the rating's colour instead of words: the colour is the status.
_MARK = re.compile(r"[●⬤•■◼▪◆♦▲★⚫\s]+")


def _colour_rating(cell: Cell) -> str | None:
    """The rating a status cell gives by colour alone: its fill when it has no text, or the
    colour of a mark ("●") that is all it holds."""
    text = clean_text(cell.text)
    if not text:
        return colour_status(cell.fill)
    if _MARK.fullmatch(text):
        return colour_status(cell.ink) or colour_status(cell.fill)
    return None


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


# Columns whose cell holds one name, date or word: text in one at the top of a page is the
# row's own (a row of its own, or a different lead or status), never the rest of the one
# above, unless it plainly finishes it (in lower case) or the page break cut the one above.
_OWN_WHEN_FILLED = (Column.LEAD, Column.DUE, Column.STATUS, Column.PARTNERS)
_COLUMN_WORDS = {
    Column.LEAD: "lead",
    Column.DUE: "due date",
    Column.STATUS: "status",
    Column.PARTNERS: "partners",
}


def _own_text(text: str | None) -> bool:
    """Whether a cell's text starts one of its own, not the lower-case end of one cut above."""
    return text is not None and text != "" and not text[:1].islower()


def _cell_cut(state: _State, column: Column) -> bool:
    """Whether the row above's cell in `column` ran to the foot of its page, cut there."""
    columns = state.shape.columns if state.shape else []
    return bool(state.row_above_cut) and any(
        cell.at_foot for cell, c in zip(state.row_above, columns, strict=False) if c is column
    )


def _continue_action(
    action: ReadAction,
    state: _State,
    cells: dict[Column, list[Paragraph]],
    extra: dict[str, str],
    *,
    where: str,
) -> None:
    """A row with no action of its own: the rest of `action`, the row above, cut by a page
    break. `where` names the row in what the summary says of a cell not joined."""
    for column in _OWN_WHEN_FILLED:
        # A status of its own beside the row above's is never added to it ("On track On
        # track", "Complete Not started", read as complete), unless the page's geometry says
        # the break cut the one above. Nor is a lead, due date or partners where the geometry
        # says the one above ended whole, above the foot of its page; without geometry (a
        # table with no ruling lines) a row already found to run on keeps its lead and due
        # date going in their own columns ("Head of" / "Communications…", "31 March" /
        # "2025"). The row above's is kept, and the summary names the one left out.
        own = _plain(cells.get(column))
        above = _plain(state.last_cells.get(column))
        whole = column is Column.STATUS or state.row_above_cut is not None
        if above and _own_text(own) and whole and not _cell_cut(state, column):
            cells.pop(column)
            state.report.guesses.append(
                f"{where}: its {_COLUMN_WORDS[column]} “{own}” was left out: the row goes on "
                f"from action {_name(action)}, whose {_COLUMN_WORDS[column]} “{above}” is kept"
            )
    cut = _plain(cells.pop(Column.ACTION, None))
    if cut:
        action.text = f"{action.text} {cut}"
    ref = _plain(cells.pop(Column.REF, None))
    if ref and action.ref is None:
        action.ref = ref
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
    # Every column goes on in its own column: a lead or due date cut by the break, too.
    action.lead = _plain(merged.get(Column.LEAD))
    action.due = _plain(merged.get(Column.DUE))
    action.partners = _plain(merged.get(Column.PARTNERS))
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


def _only_what_was_cut(state: _State, shape: _TableShape, row: list[Cell]) -> bool:
    """Whether a row at the top of a page that starts with action text of its own, in capitals
    ("Equalities impacts…", "Deliver training…"), is still the rest of the row above: only
    when the page's geometry says the page break cut that row, and this row holds nothing
    else. The row above must run to the foot of its page with no ruling line under it
    (`Table.cut_at_foot`; a row that ends above the foot, or is closed by a line, ended there
    whole, however its text ends). And this row must have text only in the columns whose
    text ran down to that foot, cut there (`Cell.at_foot`): a column the row above filled and
    finished above the foot, or left empty, cannot go on here. Nor may it have a reference,
    lead, due date or status of its own: those say a new row even when every cell of a
    one-line row above reached the foot. Text alone (an action above with no full stop)
    never decides it: "Staff network launch" is a whole action. A document without that
    geometry (a Word or web page, a PDF table with no ruling lines) never joins such a row."""
    if not state.row_above_cut:
        return False
    for i, (cell, column) in enumerate(zip(row, shape.columns, strict=False)):
        text = clean_text(cell.text)
        if not text or cell.from_above:
            continue
        if column in (Column.REF, *_OWN_WHEN_FILLED) and _own_text(text):
            return False
        above = state.row_above[i] if i < len(state.row_above) else None
        if above is None or not above.at_foot:
            return False
    return True


def _runs_on(
    state: _State,
    shape: _TableShape,
    last: ReadAction,
    row: list[Cell],
    action_text: str,
    own_ref: bool,
) -> str | None:
    """Why the first row of a table that goes on from the page before is the rest of `last`,
    the row above, cut by the page break; None when it is a row of its own. A row with its own
    reference is its own; so is one with action text of its own, unless that text finishes a
    sentence (in lower case) or the page's geometry says the row above was cut and this row
    holds only its rest (`_only_what_was_cut`)."""
    if own_ref:
        # Its reference may have gone on with it: a one-line cell that did not fit above the
        # foot of the page, under a row whose action was cut there ("…guide to" / "council
        # services…"). Then the row above, in a table of references, has none of its own.
        if last.ref is None and Column.REF in shape.columns and action_text[:1].islower():
            return (
                "the row above has no reference and its action text goes on here in lower "
                f"case: “{_opening(action_text)}”"
            )
        return None
    if not action_text:
        if Column.REF in shape.columns:
            return "it has no reference or action text of its own"
        return "it has no action text of its own"
    if action_text[:1].islower():
        return f"its action text starts in lower case: “{_opening(action_text)}”"
    if _only_what_was_cut(state, shape, row):
        return (
            "the row above runs to the foot of the page with no line under it, and this row "
            "has text only in the columns cut there"
        )
    return None


def _opening(text: str, words: int = 6) -> str:
    split = text.split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


def _name(action: ReadAction) -> str:
    return action.ref or f"“{_opening(action.text)}”"


def _first_row(table: Table, number: int) -> str:
    """The first row of a table that goes on from the one before, as the summary names it."""
    if table.page is not None and table.page > 1:
        return f"page {table.page}: the first row"
    return f"table {number}: the first row"


def _continued_guess(table: Table, number: int, last: ReadAction, reason: str) -> str:
    name = _name(last)
    if table.page is not None and table.page > 1:
        return (
            f"page {table.page}: the first row continues action {name} from page "
            f"{table.page - 1} ({reason})"
        )
    return f"table {number}: the first row continues action {name} from the table before ({reason})"


def _read_table(state: _State, table: Table, number: int, *, goes_on: bool) -> None:
    """Read one table; `goes_on` when nothing stands between it and the table before, as
    when a page break cuts one table in two."""
    rows = table.rows
    start = 0
    for i, row in enumerate(rows[:3]):
        shape = _header_shape(row)
        if shape is not None and _names_columns(shape, state.shape):
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
            state.row_above, state.row_above_cut = [], None
            continue
        cells, extra = _cells_by_column(row, shape)
        action_text = _plain(cells.get(Column.ACTION)) or ""
        last = state.last_action
        own_ref = bool(_plain(cells.get(Column.REF)))
        runs_on = None
        if goes_on and first_row and last is not None:
            if not own_ref and _says_continued(action_text, last):
                # "CL3 (continued)" at the top of a page, as eqtrack's own PDF reports write
                # it (the reference in the action's cell, no column of its own): the row above,
                # run on to this page. Anywhere else, in other words, or with a reference of
                # its own, a cell ending "(continued)" is a council's own action ("Staff
                # network meetings (continued)") and is kept as one.
                cells.pop(Column.ACTION, None)
                action_text = ""
            else:
                # The first row on a new page may finish the last row of the page before,
                # its action text included ("…as a result of the" / "recent pandemic.").
                runs_on = _runs_on(state, shape, last, row, action_text, own_ref)
        where = _first_row(table, number) if first_row else f"table {number}: a row"
        first_row = False
        if action_text and not runs_on:
            _new_action(state, cells, extra)
        elif state.last_action is not None:
            _continue_action(state.last_action, state, cells, extra, where=where)
            if runs_on:
                # Named once continued, by the reference it may only now have.
                guess = _continued_guess(table, number, state.last_action, runs_on)
                state.report.guesses.append(guess)
        else:
            raise ReaderError(
                f"{state.source}: table {number}: a row with no action before any action"
            )
        state.row_above = row
        state.row_above_cut = table.cut_at_foot if row is rows[-1] else None


def _merged_row(state: _State, text: str) -> None:
    """A row across the whole table: a theme's heading, its objective, or a note on the
    table ("Key: R = off track…"), which is the plan's and no theme's."""
    if is_note(text):
        state.introduce([text])
        return
    label, _, rest = text.partition(":")
    if label.strip().lower() == _OBJECTIVE_LABEL and state.theme is not None:
        state.theme.objective = rest.strip()
        return
    state.heading, state.objective = text, ""
    state.theme_for(text)


def _read_paragraph(state: _State, paragraph: Paragraph) -> None:
    text = clean_text(paragraph.text)
    if not text:
        return
    if is_note(text):
        # A note, key or footer: about the tables, never a theme's objective.
        state.introduce([text])
        return
    if state.theme is not None:
        # Only the paragraphs before a table describe a theme (or, before the first, the
        # plan); those after it until the next heading are left out.
        return
    label, colon, rest = text.partition(":")
    if label.strip().lower() == _OBJECTIVE_LABEL:
        if colon and rest.strip():
            state.objective = rest.strip()
        else:
            state.expecting_objective = True
        return
    if state.expecting_objective:
        state.objective, state.expecting_objective = text, False
        return
    state.paragraphs.append(text)


def blocks_to_report(blocks: list[Block], *, source: str) -> ReadReport:
    """The action plan in a document's headings, paragraphs and tables."""
    state = _State(source=source, report=ReadReport(source=source, period=None))
    tables = 0
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, Heading):
            if not state.report.themes:
                # A heading with no table of its own before the first theme (the document's
                # title, "Introduction"): its paragraphs are the plan's introduction.
                state.introduce(without_cover(state.before_first_theme(named_by_heading=False)))
            state.heading, state.objective, state.expecting_objective = (
                clean_text(block.text),
                "",
                False,
            )
            state.paragraphs, state.theme = [], None
        elif isinstance(block, Paragraph):
            _read_paragraph(state, block)
        elif isinstance(block, Table):
            tables += 1
            _read_table(state, block, tables, goes_on=isinstance(previous, Table))
        previous = block
    report = state.report
    report.themes = [t for t in report.themes if t.actions]
    if report.introduction:
        report.guesses.append(introduction_guess(report.introduction))
    if not report.themes:
        if tables == 0:
            raise ReaderError(
                f"{source}: no tables found; eqtrack reads action plans set out in tables"
            )
        raise ReaderError(
            f"{source}: no table of actions found (a table needs headings such as 'Action' and 'Progress')"
        )
    return report
