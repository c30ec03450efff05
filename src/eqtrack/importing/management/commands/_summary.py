"""How the import commands tell the user what they decided, on stderr so stdout stays data."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from eqtrack.importing.linking import LinkDecision
from eqtrack.importing.summary import summary_build


def summary_write(
    out: TextIO,
    *,
    document: dict[str, Any],
    decisions: list[LinkDecision],
    warnings: list[str],
    guesses: list[str] | None = None,
    chosen: list[str] | None = None,
) -> None:
    summary = summary_build(
        document=document, decisions=decisions, warnings=warnings, guesses=guesses, chosen=chosen
    )
    for line in summary.lines():
        out.write(line + "\n")


def add_reading_arguments(parser) -> None:
    """What `parse` and `import` both read: the files, each one's period, the plan's title and
    organisation, and how actions are linked across reports."""
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument(
        "--period",
        action="append",
        default=[],
        metavar="LABEL",
        help="The period the n-th file reports on (give once per file, in order). "
        "Without it, the period the document names, else a year in the file name.",
    )
    parser.add_argument("--title", help="The plan's title (default: Equalities Action Plan).")
    parser.add_argument(
        "--organisation", default="", metavar="NAME", help="The organisation's name."
    )
    add_link_arguments(parser)


def add_link_arguments(parser) -> None:
    parser.add_argument(
        "--link",
        action="append",
        default=[],
        metavar="OLDREF=NEWREF",
        help="Treat these two actions of consecutive reports as one action (references as the "
        "summary shows them). Give once per pair.",
    )
    parser.add_argument(
        "--no-link",
        action="append",
        default=[],
        metavar="OLDREF",
        help="Never join this earlier action to a later one by its wording.",
    )
