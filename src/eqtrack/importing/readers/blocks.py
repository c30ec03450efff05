"""The shape structured documents (Word, HTML, PDF) are read into before their tables are
interpreted: headings, paragraphs and tables in document order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    # 0 for a plain paragraph or a top-level bullet; 1, 2… for bullets nested under it.
    level: int = 0
    bullet: bool = False


@dataclass
class Cell:
    paragraphs: list[Paragraph] = field(default_factory=list)
    fill: str | None = None  # the cell's background colour, which may be its RAG rating
    # The colour its text is written in, when all of it is in one colour: a "●" in a green
    # font is a RAG rating as much as a green cell is.
    ink: str | None = None
    # A cell merged down from the row above (Word's vertical merge): its text is the one
    # above's, which is this row's too for a lead, a due date or a theme, but not for the
    # row's own action or progress.
    from_above: bool = False
    # In a PDF, in the last row on a page: whether the cell's text runs down to the foot of
    # the page's body, so that the page break may have cut it (its rest then opens the next
    # page in the same column). False when the text stops short of the foot, whole, or the
    # cell is empty; None where the document has no pages, or for any other row.
    at_foot: bool | None = None

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.paragraphs if p.text).strip()


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    # The page it is on, where the document has pages (a PDF): named in guesses about rows
    # that run on from the page before.
    page: int | None = None
    # In a PDF: whether its last row reaches the foot of the page's body with no ruling line
    # under it, as a row the page break cut in two does (a row that ends above the foot, or
    # is closed by a line under it, ended there whole). None where the document has no pages
    # or where eqtrack cannot tell (a table with no ruling lines).
    cut_at_foot: bool | None = None


@dataclass
class Heading:
    text: str
    level: int = 1


Block = Heading | Paragraph | Table
