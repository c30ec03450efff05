"""An illustrative staff file: made-up employees (seeded, so the same every time) in
eqtrack's own layout, for the demo and for trying the workforce pages out. Not real people,
and labelled so in its file name and in every employee id."""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np

from eqtrack.core.cells import row_escape

from .staff import ETHNIC_GROUPS, WHITE_BRITISH

ILLUSTRATIVE_SOURCE = "illustrative-staff-{year}.csv (made-up employees, not real people)"
COLUMNS = (
    "employee_id",
    "sex",
    "ethnic_group",
    "disability",
    "date_of_birth",
    "grade",
    "full_time",
    "hourly_pay",
    "bonus_pay",
    "relevant_employee",
    "full_pay_relevant_employee",
    "starter",
    "leaver",
)
# Grades from lowest to highest, their hourly pay and how many of the staff are on each.
GRADES = (
    ("Grade 1", 12.60, 0.12),
    ("Grade 2", 13.40, 0.16),
    ("Grade 3", 14.90, 0.18),
    ("Grade 4", 17.20, 0.17),
    ("Grade 5", 20.50, 0.14),
    ("Grade 6", 24.80, 0.11),
    ("Grade 7", 30.10, 0.08),
    ("Chief officer", 45.00, 0.04),
)


def illustrative_staff_csv(*, people: int = 600, seed: int = 2026, year: int = 2026) -> bytes:
    """A staff file of `people` made-up employees at 31 March `year`: more women than men in
    the lower grades and fewer at the top, as many councils find; a few on reduced pay because
    of leave; a small bonus for some at the top; some who did not declare."""
    rng = np.random.default_rng(seed + year)
    snapshot = dt.date(year, 3, 31)
    others = [g for g in ETHNIC_GROUPS if g != WHITE_BRITISH]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    grade_index = rng.choice(len(GRADES), people, p=[g[2] for g in GRADES])
    for i in range(people):
        grade, pay, _ = GRADES[grade_index[i]]
        level = grade_index[i] / (len(GRADES) - 1)
        sex = "Female" if rng.random() < 0.7 - 0.4 * level else "Male"
        # Pay rises a little with time in grade, and men sit a little higher in their grade.
        hourly = pay * (1 + rng.uniform(0, 0.09) + (0.015 if sex == "Male" else 0))
        declared = rng.random()
        if declared < 0.06:
            ethnic = ""
        elif rng.random() < 0.86 + 0.06 * level:
            ethnic = WHITE_BRITISH
        else:
            ethnic = str(rng.choice(others[:8] + ["White: Other White"] * 4 + others[8:]))
        disability = (
            "" if rng.random() < 0.1 else ("Disabled" if rng.random() < 0.11 else "Not disabled")
        )
        age = int(rng.integers(18, 66))
        born = snapshot - dt.timedelta(days=int(age * 365.25 + rng.integers(0, 365)))
        full_time = rng.random() < (0.55 if sex == "Female" else 0.85)
        reduced = rng.random() < 0.03  # on reduced or nil pay because of leave
        bonus = (
            round(float(rng.uniform(500, 2500)), 2) if level >= 0.8 and rng.random() < 0.5 else 0
        )
        writer.writerow(
            row_escape(
                [
                    f"ILLUSTRATIVE-{i + 1:04d}",
                    sex,
                    ethnic,
                    disability,
                    born.isoformat(),
                    grade,
                    "yes" if full_time else "no",
                    "" if reduced else f"{hourly:.2f}",
                    f"{bonus:.2f}",
                    "yes",
                    "no" if reduced else "yes",
                    "yes" if rng.random() < 0.1 else "no",
                    "yes" if rng.random() < 0.09 else "no",
                ]
            )
        )
    return out.getvalue().encode("utf-8")
