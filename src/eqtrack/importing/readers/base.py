"""The interface every document reader implements, and the shapes it returns.

A reader turns one report file (its bytes) of one layout into a `ReadReport`: the themes and
actions it found, each action with its update for that file's period. Readers
know nothing of the database or of other files; linking the rounds of several
files into one plan happens in `importing.linking`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol, Union

# A progress or next-steps item: plain text, or text with nested items under it,
# exactly the plan format's item shape.
Item = Union[str, "NestedItem"]


@dataclass
class NestedItem:
    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class ReadStatus:
    text: str
    category: str | None  # one of the plan format's status categories, or None


@dataclass
class ReadAction:
    text: str
    ref: str | None = None
    lead: str | None = None
    due: str | None = None
    partners: str | None = None
    progress: list[Item] = field(default_factory=list)
    next_steps: list[Item] = field(default_factory=list)
    status: ReadStatus | None = None
    # Columns the reader did not recognise, kept by their heading rather than dropped.
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class ReadTheme:
    title: str
    objective: str = ""
    actions: list[ReadAction] = field(default_factory=list)


@dataclass
class ReadReport:
    source: str  # the file name, for messages
    period: str | None  # the period the document names ("2022"), if it names one
    themes: list[ReadTheme] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the import summary should tell
    # Text of the plan as a whole, paragraph by paragraph in document order: what comes before
    # the first theme ("The table below lists our commitments…") and the notes, keys and
    # footers around the tables ("Key: R = off track…"), which belong to no one theme.
    introduction: list[str] = field(default_factory=list)
    # Each guess the reader made that a person should check before importing, in words
    # ("took the paragraph under 'As an Employer' as its objective"): the check page lists them.
    guesses: list[str] = field(default_factory=list)


class ReaderError(Exception):
    """The file is not a plan this reader can read; the message names the file and line."""


class Reader(Protocol):
    name: ClassVar[str]

    @classmethod
    def recognises(cls, data: bytes) -> bool:
        """Whether this reader's layout fits the file (decided by content, not extension)."""

    @classmethod
    def read(cls, data: bytes, *, source: str) -> ReadReport:
        """Read one report file. Raises ReaderError, naming the source, on what it cannot use."""
