"""Raking (iterative proportional fitting) of survey responses to population margins.

It rakes over cells, not respondents: each column is coded once (text by a hash table),
respondents are collapsed into the combinations of answers they share (a bincount over one
combined code), those few combinations are matched to the margins' categories, the table of
cells is raked with numpy, and the weights are mapped back.
An iteration costs the number of cells, whatever the number of respondents; the cost that
grows with them is a hash of each answer and a few passes over arrays of integers.

Respondents missing any weighting variable are left out of the raking and keep a weight of
1; the margins are scaled to the number of respondents who have them all, so that the
weights of those respondents, and of everyone, average 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

try:  # pandas' hash table for str values, the one pd.factorize itself uses for text
    from pandas._libs.hashtable import StringHashTable as _StringHashTable
except ImportError:  # pragma: no cover - a pandas without it: pd.factorize, slower
    _StringHashTable = None

# Answers that say nothing about the respondent's category: kept as missing, never guessed.
MISSING = frozenset(
    {
        "",
        "prefer not to say",
        "prefer not to answer",
        "not known",
        "unknown",
        "don't know",
        "dont know",
        "not stated",
        "missing",
        "n/a",
        "na",
        "nan",
        "none given",
    }
)


class WeightingError(ValueError):
    """Margins that cannot be met or data that cannot be weighted; the message says which."""


@dataclass
class Margin:
    variable: str  # a column of the responses, or columns joined with "*" ("age*sex")
    population: dict[str, float]  # category → count or share; scaled to the weighted total

    @property
    def columns(self) -> list[str]:
        return [c.strip() for c in self.variable.split("*")]


@dataclass
class Diagnostics:
    respondents: int
    weighted: int  # respondents with every weighting variable
    missing: int
    cells: int
    iterations: int
    converged: bool
    max_margin_error: float  # the largest gap left between a weighted share and its target
    weight_min: float
    weight_max: float
    design_effect: float  # Kish: n Σw² / (Σw)²
    effective_sample_size: float
    capped: bool = False
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"respondents: {self.respondents} ({self.weighted} weighted, {self.missing} missing a "
            "weighting variable and given weight 1)",
            f"cells raked: {self.cells}",
            f"iterations: {self.iterations}, converged: {'yes' if self.converged else 'no'}",
            f"largest margin error left: {self.max_margin_error:.2e} (as a share)",
            f"weights: {self.weight_min:.4f} to {self.weight_max:.4f}"
            + (" (capped)" if self.capped else ""),
            f"design effect (Kish): {self.design_effect:.4f}; effective sample size: "
            f"{self.effective_sample_size:.1f}",
            *self.notes,
        ]


def _answer(value: object) -> str:
    """An answer as text. A whole number held as a float (2.0: what spreadsheets, and CSV
    readers given a blank in a column of numbers, give) reads as the number, "2", whether it
    came first in its column or after a 2 that pandas counts as the same answer."""
    if isinstance(value, float | np.floating):
        number = float(value)
        if number.is_integer() and abs(number) < 2**53:
            return str(int(number))
    return str(value)


def _text(value: object) -> str:
    """An answer as the text the margins are matched against: no answer is ""."""
    if value is None or (isinstance(value, float | np.floating) and np.isnan(value)):
        return ""
    return _answer(value).strip()


def _factorize(column: pd.Series) -> tuple[np.ndarray, Sequence[object]]:
    """Each row's answer as a code into the column's distinct answers (-1 for no answer), and
    those answers: the costly step with a million respondents, so kept to one hash a row."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories
    python_objects = column.dtype == object or (
        isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "python"
    )
    if _StringHashTable is None or not python_objects:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        return codes, uniques
    # Text held as Python str (object columns, and pandas' own str columns without pyarrow):
    # pandas' string hash table, given directly, codes the str values and, as its docstring
    # says, treats every other value as missing (-1); pd.factorize would first check every
    # value is a str, and size its table for a million distinct answers, together half as
    # costly again. The few rows left (missing values, numbers in a text column) are then
    # coded as pd.factorize codes them. It is pandas' internal API: if it changes, the
    # public way, slower, gives the same codes.
    values = column.to_numpy()
    try:
        uniques, codes = _StringHashTable(64).factorize(values)
    except TypeError:  # pragma: no cover - a pandas whose table is called differently
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        return codes, uniques
    others = codes < 0
    if others.any():
        other_codes, other_uniques = pd.factorize(values[others], use_na_sentinel=True)
        other_codes[other_codes >= 0] += len(uniques)
        codes[others] = other_codes
        uniques = np.concatenate([uniques, np.asarray(other_uniques, dtype=object)])
    return codes, uniques


def _combine(parts: list[tuple[np.ndarray, Sequence[object]]]) -> tuple[np.ndarray, list[str]]:
    """The codes of several columns' answers taken together ("16-24" and "Female" as
    "16-24*Female"), by arithmetic on their codes: the text is built once for each combination
    present, not once a row."""
    joint = parts[0][0].astype(np.int64)
    missing = joint < 0
    for codes, uniques in parts[1:]:
        joint *= len(uniques)
        joint += codes
        missing |= codes < 0
        # Renumbered to the combinations present, fewer than the rows, so that the next
        # column's multiplication cannot overflow; the last renumbering gives the codes.
        if missing.any():
            joint[~missing] = pd.factorize(joint[~missing])[0]
        else:
            joint = pd.factorize(joint)[0].astype(np.int64, copy=False)
    joint[missing] = -1
    answered = np.flatnonzero(~missing)
    # Any row of a combination will do to read its answers back: all its rows share them.
    row = np.empty(int(joint.max()) + 1 if len(joint) else 0, dtype=np.intp)
    row[joint[answered]] = answered
    texts = ["*".join(_answer(uniques[codes[r]]) for codes, uniques in parts).strip() for r in row]
    return joint, texts


def _code(
    responses: pd.DataFrame,
    margin: Margin,
    notes: list[str],
    factorized: dict[str, tuple[np.ndarray, Sequence[object]]] | None = None,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each respondent's answer to a margin as an integer code (-1 for none); for each code,
    its category's number (-1 for missing: the last slot is what -1 picks); and the margin's
    categories in that order. Columns already coded for another margin are taken from
    `factorized`, which this adds to."""
    categories = list(margin.population)
    index = {c: i for i, c in enumerate(categories)}
    for column in margin.columns:
        if column not in responses.columns:
            raise WeightingError(
                f"margin {margin.variable!r}: the responses have no column {column!r}"
            )
    factorized = {} if factorized is None else factorized
    for column in margin.columns:
        if column not in factorized:
            factorized[column] = _factorize(responses[column])
    parts = [factorized[column] for column in margin.columns]
    if len(parts) == 1:
        codes, texts = parts[0][0], [_text(value) for value in parts[0][1]]
    else:
        codes, texts = _combine(parts)
    # Matched once for each distinct answer, not once a row. The extra last slot is what a
    # code of -1 (no answer) picks: -1 again.
    lookup = np.full(len(texts) + 1, -1, dtype=np.int32)
    unknown: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if text in index:
            lookup[i] = index[text]
        elif text.lower() not in MISSING and not any(
            part.strip().lower() in MISSING for part in text.split("*")
        ):
            unknown.setdefault(text, []).append(i)
    if unknown:
        # Kept as missing, never guessed, and said: the diagnostics list them.
        counts = np.bincount(codes[codes >= 0], minlength=len(texts))
        listed = ", ".join(
            f"{text!r} ({counts[found].sum()})" for text, found in sorted(unknown.items())[:5]
        )
        notes.append(
            f"margin {margin.variable!r}: answers the margins do not list, kept as missing: {listed}"
        )
    return codes, lookup, categories


def rake(
    responses: pd.DataFrame,
    margins: list[Margin],
    *,
    tolerance: float = 1e-10,
    max_iterations: int = 1000,
    cap: tuple[float, float] | None = None,
) -> tuple[np.ndarray, Diagnostics]:
    """Weights for every respondent (averaging 1) that make the weighted sample match the
    margins, and how well that went. Raises WeightingError when the margins cannot be met."""
    if not margins:
        raise WeightingError("no margins given")
    n = len(responses)
    notes: list[str] = []
    factorized: dict[str, tuple[np.ndarray, Sequence[object]]] = {}
    coded = [_code(responses, m, notes, factorized) for m in margins]
    dims = [len(categories) for _, _, categories in coded]
    if math.prod(len(lookup) for _, lookup, _ in coded) > max(n, 1 << 16):
        # Too many distinct answers to combine (free text, say): categories first, row by row.
        coded = [
            (lookup[codes], np.append(np.arange(len(c), dtype=np.int32), -1), c)
            for codes, lookup, c in coded
        ]
    # Each respondent's combination of answers, one code (row-major over the margins, with a
    # slot for no answer in each): a few passes over the respondents, in place, in the index
    # type bincount and take use (narrower costs a conversion in each). The answers are turned
    # into categories on the combinations, which are few, not row by row.
    sizes = [len(lookup) for _, lookup, _ in coded]
    combinations = math.prod(sizes)
    combination: np.ndarray = coded[0][0].astype(np.intp)
    for (codes, _, _), size in zip(coded[1:], sizes[1:], strict=True):
        combination *= size
        combination += codes
    # Codes run from -1 (no answer) up: shifted by one in each slot, they start at 0.
    combination += sum(math.prod(sizes[i + 1 :]) for i in range(len(sizes)))
    respondents = np.bincount(combination, minlength=combinations)
    # Each combination's cell of the table raked (row-major over the categories), if it has
    # a category for every margin.
    cell: np.ndarray = np.zeros(combinations, dtype=np.intp)
    complete = np.ones(combinations, dtype=bool)
    slots = np.unravel_index(np.arange(combinations), sizes)
    for slot, (_, lookup, categories) in zip(slots, coded, strict=True):
        category = np.roll(lookup, 1)[slot]
        complete &= category >= 0
        cell *= len(categories)
        cell += category
    weighted = int(respondents[complete].sum())
    if weighted == 0:
        raise WeightingError("no respondent has every weighting variable")
    counts: np.ndarray = np.bincount(
        cell[complete], weights=respondents[complete], minlength=math.prod(dims)
    ).reshape(dims)
    targets = []
    for margin, (_, _, categories), axis in zip(margins, coded, range(len(dims)), strict=True):
        population = np.array([margin.population[c] for c in categories], dtype=float)
        if (population < 0).any() or population.sum() <= 0:
            raise WeightingError(f"margin {margin.variable!r}: populations must be positive")
        target = population / population.sum() * weighted
        sample = counts.sum(axis=tuple(a for a in range(len(dims)) if a != axis))
        empty = [c for c, t, s in zip(categories, target, sample, strict=True) if t > 0 and s == 0]
        if empty:
            raise WeightingError(
                f"margin {margin.variable!r}: no respondent is in {', '.join(map(repr, empty))}, "
                "which has population; merge it with a neighbouring category or leave it out"
            )
        targets.append(target)

    margins_totals_check(margins)
    cell_weights = np.ones_like(counts)
    iterations, converged, capped = 0, False, False
    lo, hi = cap if cap else (0.0, np.inf)
    for _ in range(50 if cap else 1):
        steps, converged = _rake_cells(counts, cell_weights, targets, tolerance, max_iterations)
        iterations += steps
        if not cap:
            break
        occupied = counts > 0
        outside = occupied & ((cell_weights < lo - tolerance) | (cell_weights > hi + tolerance))
        if not outside.any():
            break
        # Trim to the caps, then rake again: the classic trim-and-rerake loop.
        np.clip(cell_weights, lo, hi, out=cell_weights)
        capped = True
    if not converged:
        raise WeightingError(
            f"raking did not converge in {max_iterations} iterations; the margins may contradict "
            "each other (a joint margin and its parts with different totals?)"
        )
    # Respondents missing a weighting variable keep a weight of 1.
    combination_weights = np.ones(combinations)
    combination_weights[complete] = cell_weights.reshape(-1)[cell[complete]]
    weights = combination_weights[combination]
    error = _max_error(counts, cell_weights, targets) / weighted
    # Diagnostics from the cells, not the million respondents: the same sums, far fewer terms.
    occupied = cell_weights[counts > 0]
    w_min, w_max = float(occupied.min()), float(occupied.max())
    unweighted = n - weighted  # each with weight 1
    total = float((counts * cell_weights).sum()) + unweighted
    squares = float((counts * cell_weights**2).sum()) + unweighted
    deff = n * squares / total**2
    if cap and (w_min < lo - 1e-6 or w_max > hi + 1e-6):
        notes.append("warning: the caps could not all be kept while meeting the margins")
    return weights, Diagnostics(
        respondents=n,
        weighted=weighted,
        missing=n - weighted,
        cells=int((counts > 0).sum()),
        iterations=iterations,
        converged=converged,
        max_margin_error=float(error),
        weight_min=w_min,
        weight_max=w_max,
        design_effect=deff,
        effective_sample_size=n / deff,
        capped=capped,
        notes=notes,
    )


# Counts from different tables of one census differ a little; more than this is a mistake.
TOTALS_TOLERANCE = 0.01


def margins_totals_check(margins: list[Margin]) -> None:
    """Each variable is scaled to the weighted total, so its rows may be counts or shares; but
    shares must add up (to 1 or 100) and counts must describe one population. Anything else is
    a typing mistake that scaling would hide, so it is refused."""
    counts: list[tuple[str, float]] = []
    for margin in margins:
        total = sum(margin.population.values())
        if total < 2:  # fractions: they must make a whole
            if abs(total - 1) > TOTALS_TOLERANCE:
                raise WeightingError(
                    f"margin {margin.variable!r}: its shares add up to {total:g}, not 1"
                )
        elif abs(total - 100) / 100 > TOTALS_TOLERANCE:  # not percentages: counts of people
            counts.append((margin.variable, total))
    if counts:
        low, high = min(counts, key=lambda c: c[1]), max(counts, key=lambda c: c[1])
        if (high[1] - low[1]) / high[1] > TOTALS_TOLERANCE:
            raise WeightingError(
                f"the margins describe different populations: {high[0]!r} adds up to {high[1]:,.0f} "
                f"but {low[0]!r} to {low[1]:,.0f}; give counts of one population, or shares"
            )


def _marginal(table: np.ndarray, axis: int) -> np.ndarray:
    return table.sum(axis=tuple(a for a in range(table.ndim) if a != axis))


def _max_error(counts: np.ndarray, cell_weights: np.ndarray, targets: list[np.ndarray]) -> float:
    table = counts * cell_weights
    return max(float(np.abs(_marginal(table, axis) - t).max()) for axis, t in enumerate(targets))


def _rake_cells(
    counts: np.ndarray,
    cell_weights: np.ndarray,
    targets: list[np.ndarray],
    tolerance: float,
    max_iterations: int,
) -> tuple[int, bool]:
    """Rake the cell weights in place; returns iterations used and whether they converged
    (every margin within tolerance × the weighted total)."""
    total = float(counts.sum())
    shape = [1] * counts.ndim
    for iteration in range(1, max_iterations + 1):
        for axis, target in enumerate(targets):
            current = _marginal(counts * cell_weights, axis)
            factor = np.divide(target, current, out=np.zeros_like(target), where=current > 0)
            shape[axis] = -1
            cell_weights *= factor.reshape(shape)
            shape[axis] = 1
        if _max_error(counts, cell_weights, targets) <= tolerance * total:
            return iteration, True
    return max_iterations, False
