"""Reading report files into one plan-format document, without touching the database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eqtrack.core.files import FileRefused, source_read_bytes

from .errors import ImportingError
from .linking import LinkDecision, LinkError, reports_link
from .readers import reader_for
from .readers.base import ReaderError, ReadReport

DEFAULT_TITLE = "Equalities Action Plan"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass
class ParseResult:
    document: dict[str, Any]
    decisions: list[LinkDecision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)  # each "file: what was guessed"


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
                    "give it with --period LABEL (one per file, oldest first)"
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
) -> ParseResult:
    """The plan in the plan format from report files given oldest first.

    `links` are "OLDREF=NEWREF" pairs joining actions across rounds; `kept_apart` names
    earlier actions never joined by wording (the CLI's --link and --no-link)."""
    if not paths:
        raise ImportingError("no files given")
    reports = [file_read(path) for path in paths]
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
    return ParseResult(linked.document, linked.decisions, warnings + notes, guesses)


def links_parse(pairs: list[str]) -> dict[str, str]:
    """{"OLD": "NEW"} from ["OLD=NEW", …], with a clear message for a malformed pair."""
    out: dict[str, str] = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ImportingError(f"--link {pair!r}: expected OLDREF=NEWREF, e.g. --link 2.1=3.4")
        out[old.strip()] = new.strip()
    return out
