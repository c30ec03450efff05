"""The interface every report writer implements: one writer per format."""

from __future__ import annotations

from typing import ClassVar, Protocol

from ..data import ReportData


class Writer(Protocol):
    format: ClassVar[str]  # as the CLI names it: "docx", "pdf", …
    content_type: ClassVar[str]

    @classmethod
    def write(cls, data: ReportData) -> bytes:
        """The whole report as the bytes of a file of this format."""
