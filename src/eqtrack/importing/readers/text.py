"""Plain-text cleaning and status recognition shared by every reader (the status vocabulary
itself is `importing.statuses`)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from eqtrack.core import files
from eqtrack.core.files import FileRefused

from ..statuses import STATUS_MAX_LENGTH, is_status_wording
from ..statuses import status_category as status_category  # where the readers import it
from .base import Item, NestedItem, ReaderError

PAGE_HEADER = re.compile(r"^\s*Appendix\s+\d+\s+Equalities\s+Actions?\s+Update\s*$", re.I)
# Table rules left behind when a Word table is saved as text: "--\t--\t---".
DEBRIS = re.compile(r"^[\s\-–—|+=_]*-[\s\-–—|+=_]*$")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
BULLETS = "•·◦▪●○■□"


def text_decode(data: bytes, *, source: str) -> str:
    """Bytes as text (core.files.text_decode), a refusal raised as a reader's own error."""
    try:
        return files.text_decode(data, source=source)
    except FileRefused as e:
        raise ReaderError(str(e)) from None


def text_or_none(data: bytes) -> str | None:
    """The bytes as text if they decode, for readers deciding whether a file is theirs."""
    try:
        return text_decode(data, source="")
    except ReaderError:
        return None


_HTML_DOCUMENT = re.compile(r"<(!doctype\s+html|html|body|table)\b", re.I)


def looks_like_html(text: str) -> bool:
    """A web page, as opposed to text with a few HTML fragments left in (the 2021 seed)."""
    return bool(_HTML_DOCUMENT.search(text[:20000]))


def clean_text(raw: str) -> str:
    """Plain text: no tags, entities decoded, non-breaking and repeated spaces made single."""
    text = html.unescape(_TAG.sub(" ", raw))
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def is_page_header(line: str) -> bool:
    return bool(PAGE_HEADER.match(clean_text(line)))


def is_debris(line: str) -> bool:
    return bool(line.strip()) and bool(DEBRIS.match(line))


@dataclass
class DraftItem:
    """An item while a reader builds it: every item may still gain nested items, so none is
    a plain string yet."""

    text: str
    items: list[DraftItem] = field(default_factory=list)


def finish_items(items: list[DraftItem]) -> list[Item]:
    """Builder items as plan-format items: plain strings where nothing is nested."""
    out: list[Item] = []
    for item in items:
        if not item.text and not item.items:
            continue
        children = finish_items(item.items)
        out.append(NestedItem(item.text, children) if children else item.text)
    return out


_NAMED_COLOURS = {
    "red": "Red",
    "amber": "Amber",
    "orange": "Amber",
    "yellow": "Amber",
    "green": "Green",
    "blue": "Blue",
}


def colour_status(colour: str | None) -> str | None:
    """A RAG status from a cell's fill colour ("FF0000", "#ffc000", "green"), or None."""
    if not colour:
        return None
    value = colour.strip().lower().lstrip("#")
    if value in _NAMED_COLOURS:
        return _NAMED_COLOURS[value]
    if not re.fullmatch(r"[0-9a-f]{6}", value):
        return None
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    high, low = max(r, g, b), min(r, g, b)
    if high == 0 or (high - low) / high < 0.35:
        return None  # white, grey or black: a table's styling, not a rating
    if high == r:
        hue = (60 * ((g - b) / (high - low))) % 360
    elif high == g:
        hue = 60 * ((b - r) / (high - low)) + 120
    else:
        hue = 60 * ((r - g) / (high - low)) + 240
    if hue < 20 or hue >= 330:
        return "Red"
    if hue < 70:
        return "Amber"
    if hue < 170:
        return "Green"
    if hue < 260:
        return "Blue"
    return None


def is_status_line(text: str) -> bool:
    """Whether a paragraph of a status column reads as a status rather than as progress."""
    cleaned = clean_text(text)
    return 0 < len(cleaned) <= STATUS_MAX_LENGTH and is_status_wording(cleaned)
