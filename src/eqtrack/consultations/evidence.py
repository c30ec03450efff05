"""Who answered and what they said: each group's share of the responses against its share
of the population, and answers' shares weighted to the population, with confidence
intervals that allow for the weighting."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .weighting import MISSING, Margin, WeightingError

Z95 = 1.959963984540054


def wilson(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion: sound for small groups and shares near 0."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class GroupShare:
    variable: str
    category: str
    respondents: int
    sample_share: float
    population_share: float
    low: float  # 95% interval for the sample share
    high: float
    under_represented: bool

    @property
    def ratio(self) -> float:
        """The sample's share over the population's: 1 is representative, 0.5 half as many."""
        return self.sample_share / self.population_share if self.population_share else math.inf


def representativeness(
    responses: pd.DataFrame, margins: list[Margin], *, threshold: float = 0.8
) -> list[GroupShare]:
    """For each variable, each category's share of the respondents who answered it against
    its share of the population. A group is flagged as under-represented when its ratio is
    below the threshold and the whole interval lies below the population's share, so that
    chance alone does not raise a flag."""
    out: list[GroupShare] = []
    for margin in margins:
        if len(margin.columns) > 1:
            values = responses[margin.columns].astype(str).agg("*".join, axis=1)
        elif margin.variable in responses.columns:
            values = responses[margin.variable].astype(str)
        else:
            raise WeightingError(
                f"margin {margin.variable!r}: the responses have no column {margin.variable!r}"
            )
        values = values.str.strip()
        answered = values[~values.str.lower().isin(MISSING)]
        counts = answered.value_counts()
        n = int(len(answered))
        total = sum(margin.population.values())
        for category, population in margin.population.items():
            k = int(counts.get(category, 0))
            low, high = wilson(k, n)
            share = population / total
            sample = k / n if n else 0.0
            out.append(
                GroupShare(
                    margin.variable,
                    category,
                    k,
                    sample,
                    share,
                    low,
                    high,
                    under_represented=bool(n and sample / share < threshold and high < share)
                    if share
                    else False,
                )
            )
    return out


@dataclass
class AnswerShare:
    answer: str
    respondents: int
    share: float  # weighted
    low: float
    high: float


def weighted_results(
    answers: pd.Series, weights: np.ndarray | None = None
) -> tuple[list[AnswerShare], float]:
    """Each answer's weighted share, with a 95% interval on the effective sample size (Kish),
    which is what weighting costs in precision. Missing answers are left out. Returns the
    shares and the effective sample size."""
    text = answers.astype(str).str.strip()
    keep = ~text.str.lower().isin(MISSING)
    text = text[keep]
    w = (
        np.ones(len(answers))[keep.to_numpy()]
        if weights is None
        else np.asarray(weights, float)[keep.to_numpy()]
    )
    if len(text) == 0:
        return [], 0.0
    effective = w.sum() ** 2 / (w**2).sum()
    totals = pd.Series(w, index=text.index).groupby(text).sum()
    counts = text.value_counts()
    out = []
    for answer, weight in totals.sort_values(ascending=False).items():
        share = float(weight / w.sum())
        low, high = wilson(share * effective, effective)
        out.append(AnswerShare(str(answer), int(counts[answer]), share, low, high))
    return out, float(effective)
