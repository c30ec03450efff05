"""What an import found and decided, in words: for the import commands and the web's
check-before-importing page alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .linking import LinkDecision


@dataclass
class ImportSummary:
    totals: str  # "3 themes, 21 actions (7, 5, 9), 42 updates over 2 period(s): 2021, 2022"
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # statuses not recognised
    guesses: list[str] = field(default_factory=list)  # what the readers guessed, to check
    # Statuses read as the organisation chose ("… read as at risk, as your organisation chose
    # on 3 March 2026"): not guesses, but said so nobody wonders where a category came from.
    chosen: list[str] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)  # "2022: 18 actions matched …"
    decisions: list[LinkDecision] = field(default_factory=list)  # the ones worth checking

    def lines(self) -> list[str]:
        return [
            *(f"warning: {w}" for w in self.warnings),
            self.totals,
            *self.notes,
            *self.chosen,
            *(f"guess: {g}" for g in self.guesses),
            *self.exact,
            *(d.describe() for d in self.decisions),
        ]


def summary_build(
    *,
    document: dict[str, Any],
    decisions: list[LinkDecision],
    warnings: list[str],
    guesses: list[str] | None = None,
    chosen: list[str] | None = None,
) -> ImportSummary:
    actions = [a for t in document["themes"] for a in t["actions"]]
    updates = sum(len(a["updates"]) for a in actions)
    per_theme = ", ".join(str(len(t["actions"])) for t in document["themes"])
    summary = ImportSummary(
        totals=(
            f"{len(document['themes'])} themes, {len(actions)} actions ({per_theme}), "
            f"{updates} updates over {len(document['periods'])} period(s): "
            f"{', '.join(document['periods'])}"
        ),
        warnings=list(warnings),
        guesses=list(guesses or []),
        chosen=list(chosen or []),
    )
    summary.notes = [
        f"status not recognised ({a.get('ref')}, {u['period']}): {u['status']['text']}"
        for a in actions
        for u in a["updates"]
        if u.get("status") and u["status"]["category"] is None
    ]
    exact: dict[str, int] = {}
    for decision in decisions:
        if decision.kind == "matched" and decision.similarity == 1:
            exact[decision.period] = exact.get(decision.period, 0) + 1
    summary.exact = [
        f"{period}: {count} actions matched the earlier round by reference or same wording"
        for period, count in exact.items()
    ]
    # Every other decision in full: the ones a person may want to check or override.
    summary.decisions = [d for d in decisions if d.kind != "matched" or d.similarity != 1]
    return summary
