"""A staff snapshot's figures as the sections of a page or a document: the gender pay gap,
the ethnicity and disability pay gaps, the staff against the borough, the grades and the
year-on-year trend, each a table with a chart beside it and the notes that go with it. Built
from the figures kept with the snapshot, so it is the same after the staff rows are gone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from eqtrack.consultations.weighting import Margin

from .paygap import FIELDS, QUARTILES, SMALLEST_GROUP
from .profile import (
    AGE_BAND,
    NOT_DECLARED,
    VARIABLES,
    grade_table,
    workforce_profile,
)
from .snapshot_chart import Chart

# The government reporting service's fields in words.
FIELD_WORDS = {
    "DiffMeanHourlyPercent": "Mean hourly pay gap",
    "DiffMedianHourlyPercent": "Median hourly pay gap",
    "DiffMeanBonusPercent": "Mean bonus gap",
    "DiffMedianBonusPercent": "Median bonus gap",
    "MaleBonusPercent": "Men paid a bonus",
    "FemaleBonusPercent": "Women paid a bonus",
}
QUARTILE_WORDS = dict(
    zip(QUARTILES, ("Lower quartile", "Lower middle", "Upper middle", "Top quartile"), strict=True)
)
GAP_FIELDS = FIELDS[:4]


@dataclass
class Table:
    caption: str
    headings: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # which columns are numbers (right-aligned)

    @property
    def head(self) -> list[tuple[str, bool]]:
        return list(zip(self.headings, self.numeric, strict=True))

    @property
    def body(self) -> list[list[tuple[str, bool]]]:
        return [list(zip(row, self.numeric, strict=True)) for row in self.rows]


@dataclass
class Section:
    key: str
    heading: str
    intro: list[str] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)


def _percent(value: float | None, reason: str = "") -> str:
    if value is None:
        return "not shown" if reason.startswith("suppressed") else "–"
    return f"{value:.1f}%"


def _count(value: int | None) -> str:
    return f"fewer than {SMALLEST_GROUP}" if value is None else str(value)


def gender_sections(figures: dict[str, Any]) -> list[Section]:
    sex = figures["sex"]
    reasons = sex.get("reasons", {})
    rows = [[FIELD_WORDS[name], _percent(sex[name], reasons.get(name, ""))] for name in FIELDS[:6]]
    counts = sex.get("counts", {})
    intro = [
        "As the Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017, "
        "Schedule 1, define them: (A − B) / A × 100, A the men's figure and B the women's, "
        "hourly pay over full-pay relevant employees and bonus pay over relevant employees "
        "who were paid a bonus. A positive gap is in men's favour.",
        f"{counts.get('male_relevant_employees', 0)} men and "
        f"{counts.get('female_relevant_employees', 0)} women are relevant employees; "
        f"{counts.get('male_full_pay_relevant_employees', 0)} men and "
        f"{counts.get('female_full_pay_relevant_employees', 0)} women are full-pay relevant "
        "employees.",
    ]
    notes = [
        *sex.get("notes", []),
        *(f"{FIELD_WORDS.get(k, k)}: {v}." for k, v in reasons.items() if k in FIELD_WORDS),
    ]
    gaps = Section(
        key="gender",
        heading="Gender pay gap",
        intro=intro,
        table=Table(
            "Gender pay gap, Schedule 1 measures", ["Measure", "Figure"], rows, [False, True]
        ),
        chart=Chart(
            "gender-gaps",
            "Gender pay and bonus gaps",
            ("Gap",),
            [(FIELD_WORDS[name], (sex[name],)) for name in GAP_FIELDS],
        ),
        notes=notes,
    )
    quartile_rows = [
        [
            QUARTILE_WORDS[q],
            _percent(sex[f"Male{q}Quartile"]),
            _percent(sex[f"Female{q}Quartile"]),
        ]
        for q in QUARTILES
    ]
    quartiles = Section(
        key="quartiles",
        heading="Pay quartiles",
        intro=[
            "Full-pay relevant employees ranked by hourly pay and split into four groups as "
            "equal in size as possible; people on the same rate across a boundary are shared "
            "so that the proportion of men and women on that rate is the same in each quartile."
        ],
        table=Table(
            "Men and women in each pay quartile",
            ["Quartile", "Men", "Women"],
            quartile_rows,
            [False, True, True],
        ),
        chart=Chart(
            "quartiles",
            "Men and women in each pay quartile",
            ("Men", "Women"),
            [
                (QUARTILE_WORDS[q], (sex[f"Male{q}Quartile"], sex[f"Female{q}Quartile"]))
                for q in QUARTILES
            ],
        ),
    )
    return [gaps, quartiles]


def group_section(figures: dict[str, Any], by: str) -> Section:
    gaps = figures[by]
    reference = gaps["reference"]
    rows = []
    chart_rows = []
    for group in gaps["groups"]:
        reasons = group.get("reasons", {})
        if group["suppressed"]:
            shown = ["not shown"] * 6
        else:
            shown = [_percent(group[name], reasons.get(name, "")) for name in FIELDS[:6]]
        rows.append([group["group"], *shown])
        if not group["suppressed"] and group["kind"] != "ethnic group":
            chart_rows.append((group["group"], (group[GAP_FIELDS[0]], group[GAP_FIELDS[1]])))
    not_declared = gaps["not_declared"]["relevant_employees"]
    declared_words = (
        f"{not_declared['count']} of {not_declared['of']} relevant employees "
        f"({not_declared['percent']}%) did not declare"
        if not_declared.get("percent") is not None
        else "no relevant employees"
    )
    what = "their ethnic group" if by == "ethnicity" else "whether they are disabled"
    return Section(
        key=by,
        heading="Ethnicity pay gap" if by == "ethnicity" else "Disability pay gap",
        intro=[
            f"Each group against {reference} with the same six measures: the reference "
            "group's figure is A and the group's B. A positive gap is in the reference group's "
            "favour.",
            f"Not declared: {declared_words} {what}, and are in no group.",
        ],
        table=Table(
            f"{'Ethnicity' if by == 'ethnicity' else 'Disability'} pay gaps against {reference}",
            [
                "Group",
                "Mean hourly gap",
                "Median hourly gap",
                "Mean bonus gap",
                "Median bonus gap",
                f"{reference} paid a bonus",
                "Group paid a bonus",
            ],
            rows,
            [False, True, True, True, True, True, True],
        ),
        chart=Chart(
            f"{by}-gaps",
            f"Hourly pay gaps against {reference}",
            ("Mean", "Median"),
            chart_rows,
        )
        if chart_rows
        else None,
        notes=[
            *gaps.get("notes", []),
            f"A group with fewer than {SMALLEST_GROUP} relevant employees is not shown.",
        ],
    )


_WHO = {"all": "The staff", "starters": "Starters", "leavers": "Leavers"}


def profile_section(
    characteristics: dict[str, Any],
    margins: list[Margin] | None,
    population: dict[str, str],
    who: str = "all",
) -> Section:
    counts = characteristics.get(who, {})
    key = "profile" if who == "all" else f"profile-{who}"
    if not margins:
        rows = []
        for variable in VARIABLES:
            for category, n in counts.get(variable, {}).items():
                rows.append([variable, category, _count(n if n >= SMALLEST_GROUP else None)])
        return Section(
            key=key,
            heading=_WHO[who],
            intro=["No population profile is chosen to compare the staff with."],
            table=Table(
                "Staff by group", ["Characteristic", "Group", "Staff"], rows, [False, False, True]
            ),
        )
    profile = workforce_profile(counts, margins)
    rows = [
        [
            r.variable,
            r.category,
            _count(r.staff) if not r.suppressed else f"fewer than {SMALLEST_GROUP}",
            "not shown" if r.staff_share is None else f"{r.staff_share:.1%}",
            f"{r.population_share:.1%}",
            "–" if r.ratio is None else f"{r.ratio:.2f}",
            "Yes" if r.under_represented else "No",
        ]
        for r in profile.rows
    ]
    declared = [
        f"{variable}: {d['percent']}% not declared"
        for variable, d in profile.not_declared.items()
        if d.get("percent")
    ]
    ages = counts.get(AGE_BAND, {})
    age_note = ", ".join(
        f"{band} {n if n >= SMALLEST_GROUP else f'fewer than {SMALLEST_GROUP}'}"
        for band, n in sorted(ages.items())
        if band != NOT_DECLARED
    )
    return Section(
        key=key,
        heading=f"{_WHO[who]} against the borough",
        intro=[
            f"Each group's share of the staff who declared, against its share of "
            f"{population.get('area') or population.get('name', 'the population')}.",
            f"Source of the population figures: {population.get('source', '')}. "
            f"{population.get('licence', '')}",
            *([f"Not declared: {'; '.join(declared)}."] if declared else []),
            *([f"Staff by age band: {age_note}."] if age_note else []),
        ],
        table=Table(
            f"Share of {_WHO[who].lower()} and of the borough's population, by group",
            [
                "Characteristic",
                "Group",
                "Staff",
                "Share of staff",
                "Share of borough",
                "Ratio",
                "Under-represented",
            ],
            rows,
            [False, False, True, True, True, True, False],
        ),
        chart=Chart(
            key,
            f"Share of {_WHO[who].lower()} and of the borough",
            ("Staff", "Borough"),
            [
                (
                    r.category,
                    (
                        None if r.staff_share is None else r.staff_share * 100,
                        r.population_share * 100,
                    ),
                )
                for r in profile.rows
                if r.variable != "ethnic group (19)"
            ],
        ),
        notes=profile.notes,
    )


def grade_section(characteristics: dict[str, Any]) -> Section | None:
    grades = grade_table(characteristics.get("grades", {}))
    if not grades:
        return None
    rows = [
        [
            g.grade,
            _count(g.staff),
            _percent(g.women, "suppressed" if g.suppressed else ""),
            _percent(g.ethnic_minority, "suppressed"),
            _percent(g.disabled, "suppressed"),
        ]
        for g in grades
    ]
    return Section(
        key="grades",
        heading="Staff by grade",
        intro=[
            "Each grade's share of women, of ethnic minority staff (every group but White "
            "British) and of disabled staff, each over those who declared."
        ],
        table=Table(
            "Women, ethnic minority and disabled staff in each grade",
            ["Grade", "Staff", "Women", "Ethnic minority", "Disabled"],
            rows,
            [False, True, True, True, True],
        ),
        chart=Chart(
            "grades",
            "Women, ethnic minority and disabled staff in each grade",
            ("Women", "Ethnic minority", "Disabled"),
            [
                (g.grade, (g.women, g.ethnic_minority, g.disabled))
                for g in grades
                if not g.suppressed
            ],
        ),
        notes=[f"A grade, or a share, of fewer than {SMALLEST_GROUP} people is not shown."],
    )


def _trend_words(name: str, *, group: bool = False) -> str:
    """A measure's name in a year-on-year row: "Women in the top quartile", or for a
    comparison, where the "Female" fields are the group's, "Share in the top quartile"."""
    if name in FIELD_WORDS:
        if group and name == "FemaleBonusPercent":
            return "Paid a bonus"
        return FIELD_WORDS[name]
    sex, quartile = ("Men", name[4:]) if name.startswith("Male") else ("Women", name[6:])
    where = QUARTILE_WORDS[quartile.removesuffix("Quartile")].lower()
    where = where if where.endswith("quartile") else f"{where} quartile"
    return f"Share in the {where}" if group else f"{sex} in the {where}"


def trend_section(trend: dict[str, Any]) -> Section | None:
    days: list[dt.date] = trend["snapshots"]
    if len(days) < 2:
        return None
    headings = ["Measure", *(d.isoformat() for d in days)]
    # Every measure of Schedule 1 by sex; for the two comparisons the gaps, then the group's
    # own share paid a bonus and in each quartile (the reference plays the men's part).
    rows = [[_trend_words(name), *(_percent(v) for v in trend["sex"][name])] for name in FIELDS]
    for by, label in (("ethnicity", "Ethnic minority"), ("disability", "Disabled")):
        rows += [
            [f"{label}: {_trend_words(name, group=True).lower()}"]
            + [_percent(v) for v in trend[by].get(name, [None] * len(days))]
            for name in FIELDS
            if not name.startswith("Male")
        ]
    return Section(
        key="trend",
        heading="Year on year",
        intro=["Each measure at each snapshot date, oldest first."],
        table=Table("Pay gaps at each snapshot", headings, rows, [False] + [True] * len(days)),
        chart=Chart(
            "trend",
            "Mean and median hourly gender pay gap at each snapshot",
            ("Mean", "Median"),
            [
                (day.isoformat(), (mean, median))
                for day, mean, median in zip(
                    days,
                    trend["sex"]["DiffMeanHourlyPercent"],
                    trend["sex"]["DiffMedianHourlyPercent"],
                    strict=True,
                )
            ],
        ),
    )


def snapshot_sections(
    *,
    figures: dict[str, Any],
    characteristics: dict[str, Any],
    margins: list[Margin] | None,
    population: dict[str, str],
    trend: dict[str, Any],
) -> list[Section]:
    """Every section of a snapshot's page or document, in reading order."""
    sections = [
        *gender_sections(figures),
        group_section(figures, "ethnicity"),
        group_section(figures, "disability"),
        profile_section(characteristics, margins, population),
        *(
            profile_section(characteristics, margins, population, who)
            for who in ("starters", "leavers")
            if who in characteristics
        ),
    ]
    for extra in (grade_section(characteristics), trend_section(trend)):
        if extra is not None:
            sections.append(extra)
    return sections
