"""Mapping a survey export's columns and answer wordings to a profile's categories.

A mapping is a CSV with the columns `variable,column,answer,category`: for the weighting
variable `variable`, read the export's `column`, and give the answer `answer` the category
`category`. An answer is matched ignoring case and spaces at the ends; `25..34` matches
numbers from 25 to 34, `75..` 75 and over, for an age asked as a number. Answers the
mapping does not list are kept as missing and counted in the summary, never guessed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from eqtrack.core.files import source_read_text

from .weighting import MISSING, Margin, WeightingError

_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)?\s*\.\.\s*(\d+(?:\.\d+)?)?\s*$")


@dataclass
class VariableMapping:
    variable: str
    column: str
    answers: dict[str, str] = field(default_factory=dict)  # lowercased answer → category
    ranges: list[tuple[float, float, str]] = field(default_factory=list)


def mapping_read(path: Path) -> list[VariableMapping]:
    return mapping_parse(source_read_text(path), source=str(path))


def mapping_parse(text: str, *, source: str) -> list[VariableMapping]:
    rows = list(csv.DictReader(io.StringIO(text)))
    needed = {"variable", "column", "answer", "category"}
    if not rows or not needed <= {(k or "").strip().lower() for k in rows[0]}:
        raise WeightingError(
            f"{source}: line 1: expected the columns variable,column,answer,category"
        )
    out: dict[str, VariableMapping] = {}
    for line, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row["variable"] or not row["column"] or not row["category"]:
            raise WeightingError(f"{source}: line {line}: variable, column and category are needed")
        mapping = out.setdefault(row["variable"], VariableMapping(row["variable"], row["column"]))
        if mapping.column != row["column"]:
            raise WeightingError(
                f"{source}: line {line}: {row['variable']!r} is read from {mapping.column!r} above"
            )
        if (match := _RANGE.match(row["answer"])) and (match.group(1) or match.group(2)):
            low = float(match.group(1)) if match.group(1) else float("-inf")
            high = float(match.group(2)) if match.group(2) else float("inf")
            mapping.ranges.append((low, high, row["category"]))
        else:
            mapping.answers[row["answer"].lower()] = row["category"]
    return list(out.values())


def responses_map(
    responses: pd.DataFrame, mappings: list[VariableMapping]
) -> tuple[pd.DataFrame, list[str]]:
    """The weighting variables as the profile names them, one column each, and a summary of
    answers kept as missing."""
    mapped = pd.DataFrame(index=responses.index)
    notes: list[str] = []
    for mapping in mappings:
        if mapping.column not in responses.columns:
            raise WeightingError(
                f"mapping {mapping.variable!r}: the responses have no column {mapping.column!r}"
            )
        raw = responses[mapping.column].astype(str).str.strip()
        # Each distinct answer is looked at once, however many people gave it.
        distinct = {answer: _category(answer, mapping) for answer in raw.unique()}
        mapped[mapping.variable] = raw.map(distinct)
        unlisted = raw[mapped[mapping.variable].eq("") & ~raw.str.lower().isin(MISSING)]
        if len(unlisted):
            counts = unlisted.value_counts()
            listed = ", ".join(f"{a!r} ({n})" for a, n in counts.head(5).items())
            notes.append(
                f"{mapping.column}: answers the mapping does not list, kept as missing: {listed}"
            )
    return mapped, notes


def _category(answer: str, mapping: VariableMapping) -> str:
    if answer.lower() in mapping.answers:
        return mapping.answers[answer.lower()]
    try:
        number = float(answer)
    except ValueError:
        return ""
    return next((category for low, high, category in mapping.ranges if low <= number <= high), "")


# The web journey's mapping, kept in a draft as
# {characteristic: {"column": heading, "answers": {answer: category, or "" to exclude it}}}
# and stored with the consultation as the mapping CSV above, so the CLI, the admin and the
# web weight a consultation the same way.


def profile_characteristics(margins: list[Margin]) -> dict[str, list[str]]:
    """Each characteristic a respondent is asked about, with its categories: a joint margin
    ("age*sex", categories "16-24*Female") is two characteristics, age and sex."""
    out: dict[str, list[str]] = {}
    for margin in margins:
        for position, column in enumerate(margin.columns):
            categories = out.setdefault(column, [])
            for category in margin.population:
                parts = category.split("*")
                part = parts[position].strip() if position < len(parts) else ""
                if part and part not in categories:
                    categories.append(part)
    return out


def answers_distinct(responses: pd.DataFrame, column: str) -> list[tuple[str, int]]:
    """The different answers in a column, each once (ignoring case and spaces at the ends,
    as the mapping does), with how many people gave it; empty answers left out."""
    counts: dict[str, tuple[str, int]] = {}
    for answer, n in responses[column].astype(str).str.strip().value_counts(sort=False).items():
        if not answer:
            continue
        key = str(answer).lower()
        shown, total = counts.get(key, (str(answer), 0))
        counts[key] = (shown, total + int(n))
    return sorted(counts.values(), key=lambda a: (-a[1], a[0]))


def answer_guess(
    answer: str, categories: list[str], earlier: VariableMapping | None = None
) -> str | None:
    """The category an answer most likely means: as an earlier mapping of the same column
    said; else the category of that name; "" (excluded) for an answer that says nothing
    ("Prefer not to say"); None when there is no telling, for a person to decide."""
    if earlier is not None:
        category = _category(answer, earlier)
        if category in categories:
            return category
    lowered = answer.strip().lower()
    for category in categories:
        if category.lower() == lowered:
            return category
    if lowered in MISSING:
        return ""
    return None


def mapping_csv(mapping: dict[str, dict]) -> bytes:
    """A web journey's mapping as the mapping CSV (excluded answers are not listed, so they
    are kept as missing, as any answer the mapping does not list)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["variable", "column", "answer", "category"])
    for variable, chosen in mapping.items():
        if not chosen.get("column"):
            continue
        for answer, category in chosen.get("answers", {}).items():
            if category:
                writer.writerow([variable, chosen["column"], answer, category])
    return buffer.getvalue().encode("utf-8")
