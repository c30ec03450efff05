"""Raking (iterative proportional fitting) of survey responses to population margins.

It rakes over cells, not respondents: each weighting variable is coded once, respondents are
collapsed into the combinations of categories they share (a bincount over the combined code),
that table is raked with numpy, and the cells' weights are mapped back. An iteration costs
the number of cells, whatever the number of respondents.

Respondents missing any weighting variable are left out of the raking and keep a weight of
1; the margins are scaled to the number of respondents who have them all, so that the
weights of those respondents, and of everyone, average 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

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


def _code(
    responses: pd.DataFrame, margin: Margin, notes: list[str]
) -> tuple[np.ndarray, list[str]]:
    """Each respondent's category of a margin as an integer code (-1 for missing), and the
    margin's categories in code order."""
    categories = list(margin.population)
    index = {c: i for i, c in enumerate(categories)}
    for column in margin.columns:
        if column not in responses.columns:
            raise WeightingError(
                f"margin {margin.variable!r}: the responses have no column {column!r}"
            )
    if len(margin.columns) == 1:
        values = responses[margin.columns[0]]
    else:
        values = responses[margin.columns[0]].astype(str)
        for column in margin.columns[1:]:
            values = values + "*" + responses[column].astype(str)
    # Factorise first: the mapping below then runs once per distinct answer, not per row.
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    # The extra last slot is what a code of -1 (no answer) picks: -1 again.
    lookup = np.full(len(uniques) + 1, -1, dtype=np.int32)
    unknown = []
    for i, value in enumerate(uniques):
        text = (
            ""
            if value is None or (isinstance(value, float) and np.isnan(value))
            else str(value).strip()
        )
        if text in index:
            lookup[i] = index[text]
        elif text.lower() not in MISSING and not any(
            part.strip().lower() in MISSING for part in text.split("*")
        ):
            unknown.append((text, i))
    coded = lookup[codes]
    if unknown:
        # Kept as missing, never guessed, and said: the diagnostics list them.
        counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
        listed = ", ".join(f"{text!r} ({counts[i]})" for text, i in sorted(unknown)[:5])
        notes.append(
            f"margin {margin.variable!r}: answers the margins do not list, kept as missing: {listed}"
        )
    return coded, categories


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
    coded = [_code(responses, m, notes) for m in margins]
    codes = [c for c, _ in coded]
    dims = [len(categories) for _, categories in coded]
    # One code for each respondent's combination of categories (row-major over the margins),
    # built in place in 32 bits: a million respondents cost a few passes over 4 MB.
    combined = codes[0].astype(np.int32, copy=True)
    missing = combined < 0
    for c, d in zip(codes[1:], dims[1:], strict=True):
        combined *= d
        combined += c
        missing |= c < 0
    complete = ~missing if missing.any() else None
    weighted = n if complete is None else int(complete.sum())
    if weighted == 0:
        raise WeightingError("no respondent has every weighting variable")
    if complete is not None:
        combined = combined[complete]
    counts = np.bincount(combined, minlength=int(np.prod(dims))).reshape(dims).astype(float)
    targets = []
    for margin, (_, categories), axis in zip(margins, coded, range(len(dims)), strict=True):
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
    if complete is None:
        weights = cell_weights.reshape(-1)[combined]
    else:
        weights = np.ones(n)
        weights[complete] = cell_weights.reshape(-1)[combined]
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
