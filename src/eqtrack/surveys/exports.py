"""A survey's responses and results as files: CSV and Excel, in the survey's question order
with the "Other" text, every cell text and never a formula (the writers of core/cells.py and
the reports' spreadsheets, as every eqtrack download)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from eqtrack.reports.writers.spreadsheets import rows_csv, rows_xlsx

from .selectors.results import RESPONSE, WEIGHT

RESULT_HEADINGS = [
    "question",
    "answer",
    "respondents",
    "share",
    "low_95",
    "high_95",
    "effective_sample_size",
]


def _rows(frame: pd.DataFrame, weights: pd.Series | None) -> tuple[list[str], list[list[Any]]]:
    header = [RESPONSE, *frame.columns]
    rows: list[list[Any]] = [
        [int(response_id), *values]
        for response_id, values in zip(frame.index, frame.itertuples(index=False), strict=True)
    ]
    if weights is not None:
        header.append(WEIGHT)
        for row, weight in zip(rows, weights.reindex(frame.index).fillna(1.0), strict=True):
            row.append(float(weight))
    return header, rows


def responses_csv(frame: pd.DataFrame, weights: pd.Series | None = None) -> bytes:
    """The responses table as CSV (UTF-8 with a byte-order mark, for Excel), with each
    response's weight when given."""
    header, rows = _rows(frame, weights)
    return rows_csv(header, rows)


def responses_xlsx(frame: pd.DataFrame, *, title: str, weights: pd.Series | None = None) -> bytes:
    header, rows = _rows(frame, weights)
    widths = {h: 30 for h in header} | {RESPONSE: 10, "Submitted": 20, "Source": 12, WEIGHT: 10}
    return rows_xlsx(header=header, rows=rows, sheet="Responses", title=title, widths=widths)


def _result_rows(results: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            r["question"],
            r["answer"],
            r["respondents"],
            r["share"],
            r["low"],
            r["high"],
            r["effective_n"],
        ]
        for r in results
    ]


def results_csv(results: list[dict[str, Any]]) -> bytes:
    """Each answer's share with its 95% interval (shares as fractions, 0.25 for 25%)."""
    return rows_csv(RESULT_HEADINGS, _result_rows(results))


def results_xlsx(results: list[dict[str, Any]], *, title: str) -> bytes:
    return rows_xlsx(
        header=RESULT_HEADINGS,
        rows=_result_rows(results),
        sheet="Results",
        title=title,
        widths={"question": 40, "answer": 30},
    )
