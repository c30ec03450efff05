"""How the import commands tell the user what they decided, on stderr so stdout stays data."""

from __future__ import annotations

from typing import Any, TextIO

from eqtrack.importing.linking import LinkDecision
from eqtrack.importing.summary import summary_build


def summary_write(
    out: TextIO, *, document: dict[str, Any], decisions: list[LinkDecision], warnings: list[str]
) -> None:
    for line in summary_build(document=document, decisions=decisions, warnings=warnings).lines():
        out.write(line + "\n")


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
