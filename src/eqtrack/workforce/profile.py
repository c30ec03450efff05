"""The workforce against the borough: how many staff are in each group of each characteristic
(counted once, when a staff file comes in, so the figures outlive the personal rows), and
those counts set against the borough's population with consultations' representativeness
engine (share, ratio, 95% interval, flag). Groups of fewer than 10 staff are not shown."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from eqtrack.consultations.evidence import representativeness
from eqtrack.consultations.weighting import Margin

from .paygap import SMALLEST_GROUP
from .staff import (
    BROAD_GROUPS,
    DISABLED,
    ETHNIC_GROUPS,
    FEMALE,
    MALE,
    NOT_DISABLED,
    WHITE_BRITISH,
    StaffRecord,
)

NOT_DECLARED = "Not declared"
SEX, ETHNIC_19, ETHNIC_5, DISABILITY, AGE_BAND, AGE = (
    "sex",
    "ethnic group (19)",
    "ethnic group (5)",
    "disability",
    "age band",
    "age",
)
VARIABLES = (SEX, ETHNIC_19, ETHNIC_5, DISABILITY, AGE_BAND)
AGE_BANDS = ("16-24", "25-34", "35-44", "45-54", "55-64", "65+")
CATEGORIES: dict[str, tuple[str, ...]] = {
    SEX: (FEMALE, MALE),
    ETHNIC_19: ETHNIC_GROUPS,
    ETHNIC_5: BROAD_GROUPS,
    DISABILITY: (DISABLED, NOT_DISABLED),
    AGE_BAND: AGE_BANDS,
}


def age_band(age: int | None) -> str:
    if age is None:
        return NOT_DECLARED
    for band in reversed(AGE_BANDS):
        if age >= int(band.split("-")[0].rstrip("+")):
            return band
    return AGE_BANDS[0]  # under 16: counted with the youngest band


def _values(record: StaffRecord) -> dict[str, str]:
    return {
        SEX: record.sex or NOT_DECLARED,
        ETHNIC_19: record.ethnic_group or NOT_DECLARED,
        ETHNIC_5: record.broad_ethnic_group or NOT_DECLARED,
        DISABILITY: record.disability or NOT_DECLARED,
        AGE_BAND: age_band(record.age),
        AGE: str(record.age) if record.age is not None else NOT_DECLARED,
    }


def _count(records: Iterable[StaffRecord]) -> dict[str, dict[str, int]]:
    counters: dict[str, Counter[str]] = {}
    for record in records:
        for variable, value in _values(record).items():
            counters.setdefault(variable, Counter())[value] += 1
    return {variable: dict(counter) for variable, counter in counters.items()}


def characteristics_count(records: Sequence[StaffRecord]) -> dict[str, Any]:
    """Every group's count: all staff, starters and leavers (when the file says who they
    are), and each grade's staff. Small counts are kept: whoever shows them suppresses."""
    result: dict[str, Any] = {"all": _count(records)}
    if any(r.starter is not None for r in records):
        result["starters"] = _count(r for r in records if r.starter)
    if any(r.leaver is not None for r in records):
        result["leavers"] = _count(r for r in records if r.leaver)
    grades: dict[str, list[StaffRecord]] = {}
    for record in records:
        if record.grade:
            grades.setdefault(record.grade, []).append(record)
    result["grades"] = {grade: _count(people) for grade, people in _grade_order(grades)}
    return result


def _grade_order(grades: dict[str, list[StaffRecord]]) -> list[tuple[str, list[StaffRecord]]]:
    """Grades from the lowest paid to the highest (by their staff's median hourly pay), then
    in their natural order ("Grade 2" before "Grade 10") where pay does not tell them apart."""

    def natural(name: str) -> list[Any]:
        return [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", name)]

    def key(item: tuple[str, list[StaffRecord]]) -> tuple[float, list[Any]]:
        rates = [float(r.hourly_pay) for r in item[1] if r.hourly_pay is not None]
        return (float(np.median(rates)) if rates else np.inf, natural(item[0]))

    return sorted(grades.items(), key=key)


@dataclass(frozen=True)
class ProfileRow:
    """One group of staff against the borough; the staff figures None when suppressed."""

    variable: str
    category: str
    staff: int | None
    staff_share: float | None
    population_share: float
    ratio: float | None
    low: float | None
    high: float | None
    under_represented: bool
    suppressed: bool

    def as_dict(self) -> dict[str, Any]:
        def rounded(value: float | None, places: int = 4) -> float | None:
            return None if value is None else round(value, places)

        return {
            "variable": self.variable,
            "category": self.category,
            "staff": self.staff,
            "staff_share": rounded(self.staff_share),
            "population_share": rounded(self.population_share),
            "ratio": rounded(self.ratio, 3),
            "staff_share_low_95": rounded(self.low),
            "staff_share_high_95": rounded(self.high),
            "under_represented": self.under_represented,
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True)
class WorkforceProfile:
    rows: list[ProfileRow]
    not_declared: dict[str, dict[str, Any]]  # variable → {"count", "of", "percent"}
    compared: list[str]  # the variables the borough's profile has
    notes: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.as_dict() for row in self.rows],
            "not_declared": self.not_declared,
            "compared": self.compared,
            "notes": self.notes,
        }


def _first_word(text: str) -> str:
    return re.split(r"[ ,:]", text.strip(), maxsplit=1)[0].casefold()


def _category_match(variable: str, staff_category: str, profile_category: str) -> bool:
    ours, theirs = staff_category.casefold(), " ".join(profile_category.split()).casefold()
    if variable == DISABILITY:
        # Census 2021 writes "Disabled under the Equality Act", "Not disabled under …".
        return theirs.startswith(ours) and not (ours == "disabled" and theirs.startswith("not"))
    if variable == ETHNIC_5:
        # A profile may name the broad groups by their first word ("Asian", "Other").
        # or by the 19 groups, summed into their broad group ("Asian, …: Indian").
        return theirs in (ours, _first_word(staff_category)) or theirs.startswith(ours + ":")
    return theirs == ours


def _margin_for(variable: str, margins: Sequence[Margin]) -> Margin | None:
    """The profile's margin for one of the staff's variables, with its categories in the
    staff's words; None when the profile has none that fits."""
    wanted = CATEGORIES[variable]
    for margin in margins:
        name = margin.variable.casefold()
        if variable == DISABILITY and not name.startswith("disability"):
            continue
        if variable == SEX and name != SEX:
            continue
        if variable in (ETHNIC_19, ETHNIC_5) and not name.startswith("ethnic"):
            continue
        if variable == AGE_BAND and name not in (AGE, AGE_BAND):
            continue
        population: dict[str, float] = {}
        for category in wanted:
            found = [
                count
                for theirs, count in margin.population.items()
                if _category_match(variable, category, theirs)
            ]
            if found:
                population[category] = float(sum(found))
        # Every category of the margin must be one of ours, so the shares are of one whole
        # (a profile's age bands other than eqtrack's, say, are not compared).
        if population and sum(population.values()) >= 0.999 * sum(margin.population.values()):
            return Margin(variable, population)
    return None


def workforce_profile(
    counts: dict[str, dict[str, int]], margins: Sequence[Margin], *, threshold: float = 0.8
) -> WorkforceProfile:
    """Each group's share of the staff who declared against its share of the borough (the
    representativeness engine, its interval and flag), groups under 10 staff suppressed."""
    rows: list[ProfileRow] = []
    not_declared: dict[str, dict[str, Any]] = {}
    compared: list[str] = []
    notes: list[str] = []
    for variable in VARIABLES:
        staff = counts.get(variable, {})
        total = sum(staff.values())
        missing = staff.get(NOT_DECLARED, 0)
        shown = missing == 0 or missing >= SMALLEST_GROUP
        not_declared[variable] = {
            "count": missing if shown else None,
            "of": total,
            "percent": round(missing / total * 100, 1) if total and shown else None,
        }
        margin = _margin_for(variable, margins)
        if margin is None:
            continue
        compared.append(variable)
        categories = [c for c in margin.population]
        frame = pd.DataFrame(
            {variable: np.repeat(categories, [staff.get(c, 0) for c in categories])}
            if total
            else {variable: pd.Series([], dtype=str)}
        )
        for share in representativeness(frame, [margin], threshold=threshold):
            small = 0 < share.respondents < SMALLEST_GROUP
            rows.append(
                ProfileRow(
                    variable=variable,
                    category=share.category,
                    staff=None if small else share.respondents,
                    staff_share=None if small else share.sample_share,
                    population_share=share.population_share,
                    ratio=None if small else share.ratio,
                    low=None if small else share.low,
                    high=None if small else share.high,
                    under_represented=share.under_represented,
                    suppressed=small,
                )
            )
    if any(row.suppressed for row in rows):
        notes.append(
            f"Groups of fewer than {SMALLEST_GROUP} staff are not shown (their count, share and "
            "interval are left out), so that no one can be picked out."
        )
    notes.append(
        "Shares are of the staff who declared; those who did not are counted under 'not "
        "declared'. A group is flagged when its share of staff is below "
        f"{threshold:.0%} of its share of the borough and the whole 95% interval is below it."
    )
    if compared:
        notes.append(
            "The borough's figures are of all its usual residents, children and retired people "
            "included; the staff are of working age."
        )
    if AGE_BAND not in compared:
        notes.append(
            "The borough's profile has no age bands to compare with: staff are shown by age "
            "band on their own (and the borough's are all ages, not its working-age people)."
        )
    return WorkforceProfile(rows=rows, not_declared=not_declared, compared=compared, notes=notes)


@dataclass(frozen=True)
class GradeRow:
    grade: str
    staff: int | None
    women: float | None  # percent of those recorded female or male
    ethnic_minority: float | None  # percent of those who declared, every group but White British
    disabled: float | None  # percent of those who declared
    suppressed: bool


def _percent(part: int, whole: int) -> float | None:
    return round(part / whole * 100, 1) if whole >= SMALLEST_GROUP else None


def grade_table(grades: dict[str, dict[str, dict[str, int]]]) -> list[GradeRow]:
    """Each grade's share of women, of ethnic minority staff and of disabled staff, each over
    those who declared; a grade, or a share, over fewer than 10 people is not shown."""
    rows = []
    for grade, counts in grades.items():
        total = sum(counts.get(SEX, {}).values())
        sex = counts.get(SEX, {})
        ethnic = {k: v for k, v in counts.get(ETHNIC_19, {}).items() if k != NOT_DECLARED}
        disability = {k: v for k, v in counts.get(DISABILITY, {}).items() if k != NOT_DECLARED}
        small = total < SMALLEST_GROUP
        rows.append(
            GradeRow(
                grade=grade,
                staff=None if small else total,
                women=None
                if small
                else _percent(sex.get(FEMALE, 0), sex.get(FEMALE, 0) + sex.get(MALE, 0)),
                ethnic_minority=None
                if small
                else _percent(
                    sum(ethnic.values()) - ethnic.get(WHITE_BRITISH, 0), sum(ethnic.values())
                ),
                disabled=None
                if small
                else _percent(disability.get(DISABLED, 0), sum(disability.values())),
                suppressed=small,
            )
        )
    return rows
