"""Reading report files into one plan-format document, without touching the database."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eqtrack.core.files import FileRefused, source_read_bytes

from .errors import ImportingError
from .linking import LinkDecision, LinkError, reports_link
from .readers import reader_for
from .readers.base import ReaderError, ReadReport
from .statuses import (
    CATEGORY_WORDS,
    ChosenWording,
    status_read,
    wording_normalise,
    wording_problem,
)

DEFAULT_TITLE = "Equalities Action Plan"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass
class ParseResult:
    document: dict[str, Any]
    decisions: list[LinkDecision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)  # each "file: what was guessed"
    # Statuses read as the organisation (or this import's check page) chose, in words.
    chosen: list[str] = field(default_factory=list)
    # Each distinct status wording the vocabulary and the organisation's choices leave without
    # a category, as first written: the web check page asks what each means.
    unknown_statuses: list[str] = field(default_factory=list)


def file_read(path: Path) -> ReadReport:
    """One report file through the reader whose layout its content fits."""
    data = source_read_bytes(path)
    try:
        reader = reader_for(data, source=str(path))
        return reader.read(data, source=str(path))
    except ReaderError as e:
        raise FileRefused(str(e)) from None


def periods_resolve(
    reports: list[ReadReport], paths: list[Path], labels: list[str]
) -> tuple[list[str], list[str]]:
    """Each file's period: the n-th label given, else the one the document names, else the
    year in the file name, else the year before the next file's (files come oldest first).
    Returns the periods and any warnings about guesses."""
    if len(labels) > len(paths):
        raise ImportingError(
            f"--period given {len(labels)} times for {len(paths)} file(s); give one per file"
        )
    found: list[str | None] = []
    for i, (report, path) in enumerate(zip(reports, paths, strict=True)):
        if i < len(labels):
            found.append(labels[i].strip())
        elif report.period:
            found.append(report.period)
        else:
            match = _YEAR.search(path.stem)
            found.append(match.group(1) if match else None)
    warnings = []
    for i in reversed(range(len(found))):
        if found[i] is None:
            following = found[i + 1] if i + 1 < len(found) else None
            if following and following.isdigit():
                found[i] = str(int(following) - 1)
                warnings.append(
                    f"{paths[i]}: the document names no period; taken as {found[i]}, the year "
                    f"before the next file's (use --period to set it)"
                )
            else:
                raise ImportingError(
                    f"{paths[i]}: cannot tell which period this report covers; "
                    'say which ("Reporting periods" on the web, --period LABEL on the command '
                    "line; one per file, oldest first)"
                )
    periods = [p for p in found if p is not None]
    if len(set(periods)) != len(periods):
        raise ImportingError(
            f"two files have the same period ({', '.join(periods)}); give each its own --period"
        )
    return periods, warnings


def _in_date_order(
    reports: list[ReadReport], paths: list[Path], periods: list[str]
) -> tuple[list[ReadReport], list[Path], list[str], bool]:
    """The files oldest first by the year each period names, when every one names a
    different year: the documents said which year they cover, so the order they were given
    in should not make 2021 the year after 2022. Otherwise as given."""
    found = [_YEAR.search(p) for p in periods]
    years = [int(m.group(1)) for m in found if m]
    if len(years) != len(periods) or len(set(years)) != len(years):
        return reports, paths, periods, False
    order = sorted(range(len(periods)), key=lambda i: years[i])
    if order == list(range(len(periods))):
        return reports, paths, periods, False
    return (
        [reports[i] for i in order],
        [paths[i] for i in order],
        [periods[i] for i in order],
        True,
    )


def files_parse(
    *,
    paths: list[Path],
    periods: list[str] | None = None,
    title: str | None = None,
    organisation: str = "",
    links: list[str] | None = None,
    kept_apart: list[str] | None = None,
    remembered: Mapping[str, ChosenWording] | None = None,
    chosen: Mapping[str, str] | None = None,
) -> ParseResult:
    """The plan in the plan format from report files given oldest first.

    `links` are "OLDREF=NEWREF" pairs joining actions across rounds; `kept_apart` names
    earlier actions never joined by wording (the CLI's --link and --no-link). `remembered`
    are the organisation's status choices and `chosen` this import's ({normalised wording:
    category}), both read before the built-in vocabulary."""
    if not paths:
        raise ImportingError("no files given")
    reports = [file_read(path) for path in paths]
    choices = dict(remembered or {})
    choices.update({w: ChosenWording(c) for w, c in (chosen or {}).items() if c})
    chosen_lines: list[str] = []
    unknown: dict[str, str] = {}
    for report in reports:
        chosen_lines += statuses_read(report, choices=choices, unknown=unknown)
    for report, path in zip(reports, paths, strict=True):
        if not any(theme.actions for theme in report.themes):
            raise FileRefused(f"{path}: no actions found in this report")
    resolved, warnings = periods_resolve(reports, paths, periods or [])
    if not periods:
        reports, paths, resolved, moved = _in_date_order(reports, paths, resolved)
        if moved:
            warnings.append(
                "the files were given out of date order; read as "
                + ", ".join(
                    f"{label} ({path.name})" for label, path in zip(resolved, paths, strict=True)
                )
            )
    try:
        linked = reports_link(
            reports,
            resolved,
            title=title or DEFAULT_TITLE,
            organisation=organisation,
            links=links_parse(links or []),
            kept_apart=set(kept_apart or []),
        )
    except LinkError as e:
        raise ImportingError(str(e)) from None
    notes = [note for report in reports for note in (f"{report.source}: {n}" for n in report.notes)]
    guesses = [f"{report.source}: {g}" for report in reports for g in report.guesses]
    return ParseResult(
        linked.document,
        linked.decisions,
        warnings + notes,
        guesses,
        chosen=chosen_lines,
        unknown_statuses=list(unknown.values()),
    )


def statuses_read(
    report: ReadReport, *, choices: Mapping[str, ChosenWording], unknown: dict[str, str]
) -> list[str]:
    """Each status's category in one report: as the organisation chose for its wording, else
    by the vocabulary (`importing.statuses`). A guess by a near word goes to the report's
    guesses, once per wording and category ("status 'Slipped' read as off track (6 actions)");
    the choices applied are returned in words the same way. A wording left without a category
    by the vocabulary and the organisation's earlier choices is added to `unknown`
    ({normalised: as written}), even if this import's check page has chosen for it, so the
    page keeps asking until the import is done; unless it is longer than a status (progress
    text in the status column), which the summary lists and no one can choose for."""
    guessed: dict[tuple[str, str], list[str | None]] = {}
    applied: dict[tuple[str, str, ChosenWording], list[str | None]] = {}
    for theme in report.themes:
        for action in theme.actions:
            if action.status is None:
                continue
            text = action.status.text
            key = wording_normalise(text)
            choice = choices.get(key)
            reading = status_read(text)
            if (
                reading.category is None
                and (choice is None or choice.chosen_on is None)
                and wording_problem(text) is None  # longer is progress text: listed, not asked
            ):
                unknown.setdefault(key, text)
            if choice is not None:
                action.status.category = choice.category
                applied.setdefault((text, choice.category, choice), []).append(action.ref)
                continue
            action.status.category = reading.category
            if reading.guessed and reading.category:
                guessed.setdefault((text, reading.category), []).append(action.ref)
    for (text, category), refs in guessed.items():
        report.guesses.append(f"status '{text}' {_where(refs)}read as {CATEGORY_WORDS[category]}")
    lines = []
    for (text, category, choice), refs in applied.items():
        by = (
            f"as your organisation chose on {choice.chosen_on.day} {choice.chosen_on:%B %Y}"
            if choice.chosen_on
            else "as chosen on the check page"
        )
        lines.append(
            f"{report.source}: status '{text}' {_where(refs)}read as "
            f"{CATEGORY_WORDS[category]}, {by}"
        )
    return lines


def _where(refs: list[str | None]) -> str:
    """Which actions a status line is about: "(ref 2.3) ", "(6 actions) ", or nothing."""
    if len(refs) > 1:
        return f"({len(refs)} actions) "
    return f"(ref {refs[0]}) " if refs[0] else ""


def links_parse(pairs: list[str]) -> dict[str, str]:
    """{"OLD": "NEW"} from ["OLD=NEW", …], with a clear message for a malformed pair."""
    out: dict[str, str] = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ImportingError(f"--link {pair!r}: expected OLDREF=NEWREF, e.g. --link 2.1=3.4")
        out[old.strip()] = new.strip()
    return out
