"""How the import commands tell the user what they decided, on stderr so stdout stays data."""

from __future__ import annotations

from typing import Any, TextIO

from eqtrack.importing.linking import LinkDecision


def summary_write(
    out: TextIO, *, document: dict[str, Any], decisions: list[LinkDecision], warnings: list[str]
) -> None:
    for warning in warnings:
        out.write(f"warning: {warning}\n")
    actions = [a for t in document["themes"] for a in t["actions"]]
    updates = sum(len(a["updates"]) for a in actions)
    per_theme = ", ".join(str(len(t["actions"])) for t in document["themes"])
    out.write(
        f"{len(document['themes'])} themes, {len(actions)} actions ({per_theme}), "
        f"{updates} updates over {len(document['periods'])} period(s): "
        f"{', '.join(document['periods'])}\n"
    )
    unplaced = [
        (a.get("ref"), u["period"], u["status"]["text"])
        for a in actions
        for u in a["updates"]
        if u.get("status") and u["status"]["category"] is None
    ]
    for ref, period, text in unplaced:
        out.write(f"status not recognised ({ref}, {period}): {text}\n")
    exact: dict[str, int] = {}
    for decision in decisions:
        if decision.kind == "matched" and decision.similarity == 1:
            exact[decision.period] = exact.get(decision.period, 0) + 1
    for period, count in exact.items():
        out.write(
            f"{period}: {count} actions matched the earlier round by reference or same wording\n"
        )
    # Every other decision in full: the ones a person may want to check or override.
    for decision in decisions:
        if decision.kind != "matched" or decision.similarity != 1:
            out.write(decision.describe() + "\n")


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
