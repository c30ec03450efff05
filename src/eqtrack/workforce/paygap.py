"""The gender pay gap as the Equality Act 2010 (Specific Duties and Public Authorities)
Regulations 2017 (SI 2017/353) define it, and the ethnicity and disability pay gaps with the
same six measures.

Schedule 1 paragraph 2(1) asks for six figures, each worked out as its own paragraph says:

- para 8, mean gender pay gap: over full-pay relevant employees, (A − B) / A × 100, A the mean
  hourly rate of pay (paragraph 6) of the men and B that of the women;
- para 9, median gender pay gap: the same with medians;
- para 10 and 11, mean and median bonus gap: the same over relevant employees *who were paid
  bonus pay* in the twelve months ending with the snapshot date (not over everyone);
- para 12, the proportion of men, and of women, among relevant employees who were paid any
  bonus pay;
- para 13, quartile pay bands: full-pay relevant employees ranked by hourly rate of pay and
  divided into four sections "each comprising (so far as possible) an equal number of
  employees"; the percentage of men and of women in each. Where people on the same hourly
  rate fall in more than one band, the relative proportion of men and women on that rate
  must (so far as possible) be the same in each of those bands (paragraph 13(2), as
  regulation 13(2) of the private sector's SI 2017/172).

How the guidance settles what the regulations leave open, and what eqtrack does:

- Quartile sizes. When the number of full-pay relevant employees is not a multiple of four,
  the government's gender pay gap guidance (GOV.UK "Gender pay gap reporting: make your
  calculations", as employers' published methods quote it) puts one left-over employee in
  the lower quartile, two in the lower and the upper middle, three in the lower, lower middle
  and upper middle. So 10 people make bands of 3, 2, 3 and 2.
- The tie rule. The people on one rate are spread over the places their rate takes in the
  ranking; a band gets the share of that rate's men and women that its places are of the
  rate's places. Shares may be fractions of a person: with 2 men and 1 woman on a rate whose
  3 places are split 1 | 2 by a boundary, the lower band gets 2/3 of a man and 1/3 of a
  woman, the upper 4/3 of a man and 2/3 of a woman: two-thirds men on both sides.
- Rounding. EHRC's "Step 2: how to calculate your gender pay gap figures" lets figures be
  whole percentages or rounded to one decimal place; the reporting service takes one decimal
  place. eqtrack reports one decimal place, rounding half away from zero (as a spreadsheet's
  ROUND does, so councils' own checks agree). Sums are done in float64 (numpy) and rounded
  only at the end: first to 9 decimal places, to drop binary noise (12.25 stored as
  12.2499999…), then to one.
- A figure that cannot be worked out is null with the reason: no women paid a bonus makes
  the bonus gaps undefined (and FemaleBonusPercent 0.0); no men, or men's average of 0,
  leaves nothing to divide by.

Ethnicity and disability (announced in March 2026 to become mandatory for employers of 250 or
more, with the same measures): each group is compared with a reference group, the reference
taking the men's place (A) and the group the women's (B), over the people in those two groups.
The government's field names are kept, so in a group's figures "Male…" is the reference group
and "Female…" the group. A group with fewer than 10 people in the population a measure is
computed over (its relevant employees, its full-pay relevant employees, or those of it paid a
bonus) has that measure suppressed, and a group with fewer than 10 relevant employees has
every figure and count suppressed; how many did not declare is given beside the figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from itertools import repeat
from operator import attrgetter
from typing import Any

import numpy as np

from .staff import (
    BROAD_GROUPS,
    DISABLED,
    ETHNIC_GROUPS,
    FEMALE,
    MALE,
    NOT_DISABLED,
    WHITE_BRITISH,
    StaffRecord,
    broad_group,
)

HOURLY_FIELDS = ("DiffMeanHourlyPercent", "DiffMedianHourlyPercent")
BONUS_GAP_FIELDS = ("DiffMeanBonusPercent", "DiffMedianBonusPercent")
BONUS_SHARE_FIELDS = ("MaleBonusPercent", "FemaleBonusPercent")
QUARTILES = ("Lower", "LowerMiddle", "UpperMiddle", "Top")
QUARTILE_FIELDS = tuple(f"{sex}{q}Quartile" for q in QUARTILES for sex in ("Male", "Female"))
# In the order of the government's reporting service.
FIELDS = HOURLY_FIELDS + BONUS_GAP_FIELDS + BONUS_SHARE_FIELDS + QUARTILE_FIELDS

SMALLEST_GROUP = 10
# Left-over employees when the count is not a multiple of four (GEO's guidance).
_EXTRA = {0: (0, 0, 0, 0), 1: (1, 0, 0, 0), 2: (1, 0, 1, 0), 3: (1, 1, 1, 0)}

Figure = Decimal | None
_AVERAGES: tuple[Callable[[np.ndarray], Any], ...] = (np.mean, np.median)


def _round(value: float | None) -> Figure:
    """One decimal place, half away from zero, after dropping binary noise."""
    if value is None:
        return None
    exact = Decimal(value).quantize(Decimal("1e-9"), rounding=ROUND_HALF_EVEN)
    result = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return result if result != 0 else Decimal("0.0")  # never "-0.0"


def _number(value: Figure) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class PayGap:
    """The six Schedule 1 measures (fourteen figures) for one comparison."""

    figures: dict[str, Figure]  # keyed by FIELDS, one decimal place
    exact: dict[str, float | None]  # before rounding, for charts and checks
    reasons: dict[str, str]  # why a figure is null
    counts: Mapping[str, int | None]
    notes: list[str] = field(default_factory=list)
    snapshot: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "snapshot": self.snapshot.isoformat() if self.snapshot else None,
            **{name: _number(self.figures[name]) for name in FIELDS},
            "reasons": self.reasons,
            "counts": self.counts,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class GroupPayGap(PayGap):
    """One group against its reference group; suppressed when the group is under 10."""

    group: str = ""
    kind: str = ""  # "ethnic group", "broad ethnic group", "ethnic minority", "disability"
    reference: str = ""
    suppressed: bool = False

    def as_dict(self) -> dict[str, Any]:
        result = super().as_dict()
        del result["snapshot"]
        return {
            "group": self.group,
            "kind": self.kind,
            "reference": self.reference,
            "suppressed": self.suppressed,
            **result,
        }


@dataclass(frozen=True)
class GroupPayGaps:
    """Every group's pay gap against the reference, for ethnicity or disability."""

    by: str
    snapshot: dt.date | None
    reference: str
    reference_counts: Mapping[str, int]
    not_declared: dict[str, dict[str, Any]]
    groups: list[GroupPayGap]
    notes: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "snapshot": self.snapshot.isoformat() if self.snapshot else None,
            "by": self.by,
            "reference": self.reference,
            "reference_counts": self.reference_counts,
            "not_declared": self.not_declared,
            "groups": [{**g.as_dict(), "not_declared": self.not_declared} for g in self.groups],
            "notes": self.notes,
        }


class PayData:
    """Staff records as numpy arrays, built once for any number of comparisons: pass one to
    gender_pay_gap and group_pay_gap in place of the records to work out all three together."""

    def __init__(self, records: Sequence[StaffRecord]):
        n = len(records)

        def column(name: str) -> list[Any]:
            return list(map(attrgetter(name), records))

        self.relevant = np.array(column("relevant_employee"), dtype=bool)
        hourly = column("hourly_pay")
        self.hourly = np.array(
            [np.nan if pay is None else float(pay) for pay in hourly], dtype=np.float64
        )
        # A full-pay relevant employee with no hourly rate cannot be ranked; staff_read
        # refuses one, so this guards records made otherwise.
        self.full_pay = (
            np.array(column("full_pay_relevant_employee"), dtype=bool)
            & self.relevant
            & ~np.isnan(self.hourly)
        )
        self.bonus = np.array(list(map(float, column("bonus_pay"))), dtype=np.float64)
        self.paid_bonus = self.relevant & (self.bonus > 0)
        self.sex = np.fromiter(map({MALE: 1, FEMALE: 2}.get, column("sex"), repeat(0)), np.int8, n)
        ethnic = {g: i for i, g in enumerate(ETHNIC_GROUPS)}
        self.ethnic = np.fromiter(map(ethnic.get, column("ethnic_group"), repeat(-1)), np.int16, n)
        self.disability = np.fromiter(
            map({DISABLED: 1, NOT_DISABLED: 2}.get, column("disability"), repeat(0)), np.int8, n
        )
        # Full-pay relevant employees ranked by hourly rate once (a stable sort: the order
        # within a rate does not matter, the tie rule shares a rate out evenly).
        full = np.flatnonzero(self.full_pay)
        self.ranked = full[np.argsort(self.hourly[full], kind="stable")]
        self.ranked_rates = self.hourly[self.ranked]


def _data(records: Sequence[StaffRecord] | PayData) -> PayData:
    return records if isinstance(records, PayData) else PayData(records)


def _gap(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or a == 0:
        return None
    return (a - b) / a * 100


def _quartiles(rates: np.ndarray, is_a: np.ndarray) -> list[tuple[float, float] | None]:
    """For each quartile band, the percentages of A and of B in it, with people on one rate
    shared out over the bands their rate spans (Schedule 1 paragraph 13(2))."""
    n = len(rates)
    base, left_over = divmod(n, 4)
    sizes = [base + extra for extra in _EXTRA[left_over]]
    bounds = np.cumsum([0, *sizes])
    if n == 0:
        return [None] * 4
    change = np.flatnonzero(np.diff(rates) != 0) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [n]))
    a_share = np.add.reduceat(is_a.astype(np.float64), starts) / (ends - starts)
    bands: list[tuple[float, float] | None] = []
    for q in range(4):
        low, high = bounds[q], bounds[q + 1]
        if high == low:
            bands.append(None)
            continue
        places = np.clip(np.minimum(ends, high) - np.maximum(starts, low), 0, None)
        a_people = float(places @ a_share)
        size = float(high - low)
        bands.append((a_people / size * 100, (size - a_people) / size * 100))
    return bands


def _compare(
    staff: PayData,
    a: np.ndarray,
    b: np.ndarray,
    *,
    a_name: str,
    b_name: str,
    smallest: int = 0,
) -> tuple[dict[str, float | None], dict[str, str], dict[str, int]]:
    """The fourteen figures for B against A (exact), why any is null, and the counts."""
    exact: dict[str, float | None] = dict.fromkeys(FIELDS)
    reasons: dict[str, str] = {}
    rel_a, rel_b = a & staff.relevant, b & staff.relevant
    fp_a, fp_b = a & staff.full_pay, b & staff.full_pay
    paid_a, paid_b = a & staff.paid_bonus, b & staff.paid_bonus
    counts = {
        f"{a_name}_relevant_employees": int(rel_a.sum()),
        f"{b_name}_relevant_employees": int(rel_b.sum()),
        f"{a_name}_full_pay_relevant_employees": int(fp_a.sum()),
        f"{b_name}_full_pay_relevant_employees": int(fp_b.sum()),
        f"{a_name}_paid_bonus": int(paid_a.sum()),
        f"{b_name}_paid_bonus": int(paid_b.sum()),
    }
    a_word, b_word = _WORDS.get(a_name, a_name), _WORDS.get(b_name, b_name)

    def too_few(names: tuple[str, ...], population: str, n_a: int, n_b: int) -> bool:
        for word, n in ((a_word, n_a), (b_word, n_b)):
            if n < smallest:
                for name in names:
                    reasons[name] = f"suppressed: fewer than {smallest} {word} are {population}"
                return True
        return False

    # Paragraphs 8 and 9: hourly pay of full-pay relevant employees.
    n_a, n_b = (
        counts[f"{a_name}_full_pay_relevant_employees"],
        counts[f"{b_name}_full_pay_relevant_employees"],
    )
    if not too_few(HOURLY_FIELDS, "full-pay relevant employees", n_a, n_b):
        if n_a == 0 or n_b == 0:
            for name in HOURLY_FIELDS:
                reasons[name] = (
                    f"no {a_word if n_a == 0 else b_word} are full-pay relevant employees"
                )
        else:
            hourly_a, hourly_b = staff.hourly[fp_a], staff.hourly[fp_b]
            for name, average in zip(HOURLY_FIELDS, _AVERAGES, strict=True):
                exact[name] = _gap(float(average(hourly_a)), float(average(hourly_b)))
                if exact[name] is None:
                    reasons[name] = f"the average hourly pay of {a_word} is 0"

    # Paragraphs 10 and 11: bonus pay of relevant employees paid a bonus.
    n_a, n_b = counts[f"{a_name}_paid_bonus"], counts[f"{b_name}_paid_bonus"]
    if not too_few(BONUS_GAP_FIELDS, "relevant employees paid a bonus", n_a, n_b):
        if n_a == 0 or n_b == 0:
            for name in BONUS_GAP_FIELDS:
                reasons[name] = (
                    f"no {a_word if n_a == 0 else b_word} were paid a bonus, so there is no "
                    "bonus gap to measure"
                )
        else:
            bonus_a, bonus_b = staff.bonus[paid_a], staff.bonus[paid_b]
            for name, average in zip(BONUS_GAP_FIELDS, _AVERAGES, strict=True):
                exact[name] = _gap(float(average(bonus_a)), float(average(bonus_b)))

    # Paragraph 12: the proportion of each paid a bonus.
    n_a, n_b = counts[f"{a_name}_relevant_employees"], counts[f"{b_name}_relevant_employees"]
    if not too_few(BONUS_SHARE_FIELDS, "relevant employees", n_a, n_b):
        for name, n, paid, word in (
            ("MaleBonusPercent", n_a, counts[f"{a_name}_paid_bonus"], a_word),
            ("FemaleBonusPercent", n_b, counts[f"{b_name}_paid_bonus"], b_word),
        ):
            if n == 0:
                reasons[name] = f"no {word} are relevant employees"
            else:
                exact[name] = paid / n * 100

    # Paragraph 13: quartile pay bands of the two groups' full-pay relevant employees.
    n_a = counts[f"{a_name}_full_pay_relevant_employees"]
    n_b = counts[f"{b_name}_full_pay_relevant_employees"]
    if not too_few(QUARTILE_FIELDS, "full-pay relevant employees", n_a, n_b):
        either = (a | b)[staff.ranked]
        bands = _quartiles(staff.ranked_rates[either], a[staff.ranked][either])
        for quartile, band in zip(QUARTILES, bands, strict=True):
            names = (f"Male{quartile}Quartile", f"Female{quartile}Quartile")
            if band is None:
                for name in names:
                    reasons[name] = (
                        "fewer than 4 full-pay relevant employees: this quartile is empty"
                    )
            else:
                exact[names[0]], exact[names[1]] = band
    return exact, reasons, counts


_WORDS = {
    "male": "men",
    "female": "women",
    "reference": "people in the reference group",
    "group": "people in the group",
}


def _snapshot_notes(snapshot: dt.date | None) -> list[str]:
    if snapshot and (snapshot.month, snapshot.day) != (3, 31):
        return [
            f"The snapshot date {snapshot.isoformat()} is not 31 March, the snapshot date of "
            "public authorities (SI 2017/353 Schedule 1 paragraph 1)."
        ]
    return []


def gender_pay_gap(
    records: Sequence[StaffRecord] | PayData, *, snapshot: dt.date | None = None
) -> PayGap:
    """The six measures of Schedule 1, men (A) against women (B)."""
    return _gender_pay_gap(_data(records), snapshot=snapshot)


def _gender_pay_gap(staff: PayData, *, snapshot: dt.date | None) -> PayGap:
    exact, reasons, counts = _compare(
        staff, staff.sex == 1, staff.sex == 2, a_name="male", b_name="female"
    )
    notes = _snapshot_notes(snapshot)
    neither = int((staff.relevant & (staff.sex == 0)).sum())
    counts["sex_not_recorded_relevant_employees"] = neither
    if neither:
        notes.append(
            f"{neither} relevant employee{'s' if neither != 1 else ''} not recorded as female "
            "or male left out of every measure."
        )
    reduced = int((staff.relevant & ~staff.full_pay).sum())
    if reduced:
        notes.append(
            f"{reduced} relevant employee{'s' if reduced != 1 else ''} on reduced or nil pay "
            "because of leave (not full-pay) left out of the hourly pay gaps and the quartiles, "
            "and counted for bonus pay."
        )
    return PayGap(
        figures={name: _round(exact[name]) for name in FIELDS},
        exact=exact,
        reasons=reasons,
        counts=counts,
        notes=notes,
        snapshot=snapshot,
    )


def _share(count: int, total: int) -> dict[str, Any]:
    return {
        "count": count,
        "of": total,
        "percent": _number(_round(count / total * 100)) if total else None,
    }


def group_pay_gap(
    records: Sequence[StaffRecord] | PayData,
    *,
    by: str,
    reference: str | None = None,
    snapshot: dt.date | None = None,
) -> GroupPayGaps:
    """The six measures for each ethnic group (the 19 Census 2021 categories, the 5 broad
    groups, and ethnic minorities together) or for disabled staff, against the reference."""
    return _group_pay_gap(_data(records), by=by, reference=reference, snapshot=snapshot)


def ethnic_reference(reference: str | None) -> tuple[str, frozenset[int]]:
    """The reference group's name and its Census 2021 categories: one of the 19, or a broad
    group; a ValueError names the choices."""
    if reference is None:
        reference = WHITE_BRITISH
    wanted = " ".join(reference.split()).casefold()
    for i, name in enumerate(ETHNIC_GROUPS):
        if name.casefold() == wanted:
            return name, frozenset({i})
    for broad in BROAD_GROUPS:
        if broad.casefold() == wanted:
            return broad, frozenset(
                i for i, g in enumerate(ETHNIC_GROUPS) if broad_group(g) == broad
            )
    raise ValueError(
        f"{reference!r} is not a Census 2021 ethnic group; give one of the 19 categories "
        f"(e.g. {WHITE_BRITISH!r}) or a broad group ({', '.join(BROAD_GROUPS)})"
    )


def group_reference(by: str, reference: str | None) -> str:
    """The reference group's name for `by`, or a ValueError saying what it may be."""
    if by == "ethnicity":
        return ethnic_reference(reference)[0]
    if by == "disability":
        choices = {DISABLED.casefold(): DISABLED, NOT_DISABLED.casefold(): NOT_DISABLED}
        name = choices.get(" ".join((reference or NOT_DISABLED).split()).casefold())
        if name is None:
            raise ValueError(
                f"{reference!r} is not a disability group; give {NOT_DISABLED!r} or {DISABLED!r}"
            )
        return name
    raise ValueError(f"{by!r}: pay gaps by group are by 'ethnicity' or 'disability'")


def _group_pay_gap(
    staff: PayData, *, by: str, reference: str | None, snapshot: dt.date | None
) -> GroupPayGaps:
    if by == "ethnicity":
        codes: np.ndarray = staff.ethnic
        declared = codes >= 0
        reference_name, reference_codes = ethnic_reference(reference)
        in_reference = np.isin(codes, list(reference_codes))
        comparisons: list[tuple[str, str, str, frozenset[int], np.ndarray]] = []
        everyone = frozenset(range(len(ETHNIC_GROUPS)))
        for i, name in enumerate(ETHNIC_GROUPS):
            if i not in reference_codes:
                comparisons.append(
                    (name, "ethnic group", reference_name, frozenset({i}), in_reference)
                )
        for broad in BROAD_GROUPS:
            members = frozenset(i for i, g in enumerate(ETHNIC_GROUPS) if broad_group(g) == broad)
            if members - reference_codes and members != reference_codes:
                label = (
                    broad
                    if not members & reference_codes
                    else (f"{broad} (other than {reference_name})")
                )
                comparisons.append(
                    (
                        label,
                        "broad ethnic group",
                        reference_name,
                        members - reference_codes,
                        in_reference,
                    )
                )
        minorities = (
            "Ethnic minorities (every group but White British, White minorities included)"
            if reference_codes == {ETHNIC_GROUPS.index(WHITE_BRITISH)}
            else f"Every ethnic group but {reference_name}"
        )
        comparisons.append(
            (
                minorities,
                "ethnic minority",
                reference_name,
                everyone - reference_codes,
                in_reference,
            )
        )
        white = frozenset(i for i, g in enumerate(ETHNIC_GROUPS) if broad_group(g) == "White")
        if reference_codes != white:  # else the comparison just made
            comparisons.append(
                (
                    "Asian, Black, Mixed and Other ethnic groups",
                    "ethnic minority",
                    "White",
                    everyone - white,
                    np.isin(codes, list(white)),
                )
            )
        groups = [
            _group(staff, label, kind, ref, np.isin(codes, list(members)), ref_mask)
            for label, kind, ref, members, ref_mask in comparisons
        ]
        ref_mask_main = in_reference
    elif by == "disability":
        codes = staff.disability
        declared = codes > 0
        reference_name = group_reference(by, reference)
        other = DISABLED if reference_name == NOT_DISABLED else NOT_DISABLED
        ref_code = 1 if reference_name == DISABLED else 2
        ref_mask_main = codes == ref_code
        groups = [
            _group(staff, other, "disability", reference_name, codes == 3 - ref_code, ref_mask_main)
        ]
    else:
        raise ValueError(f"{by!r}: pay gaps by group are by 'ethnicity' or 'disability'")
    undeclared = ~declared
    not_declared = {
        "relevant_employees": _share(
            int((undeclared & staff.relevant).sum()), int(staff.relevant.sum())
        ),
        "full_pay_relevant_employees": _share(
            int((undeclared & staff.full_pay).sum()), int(staff.full_pay.sum())
        ),
        "paid_bonus": _share(
            int((undeclared & staff.paid_bonus).sum()), int(staff.paid_bonus.sum())
        ),
    }
    reference_counts = {
        "relevant_employees": int((ref_mask_main & staff.relevant).sum()),
        "full_pay_relevant_employees": int((ref_mask_main & staff.full_pay).sum()),
        "paid_bonus": int((ref_mask_main & staff.paid_bonus).sum()),
    }
    notes = _snapshot_notes(snapshot)
    notes.append(
        "Each group is set against its reference group as Schedule 1 sets women against men: "
        "the reference is A and the group B in (A − B) / A × 100, over the people of those two "
        "groups. The government's field names are kept, so 'Male…' figures are the reference "
        "group's and 'Female…' figures the group's."
    )
    notes.append(
        f"Figures for fewer than {SMALLEST_GROUP} people are suppressed. People who did not "
        "declare are in no group: see not_declared."
    )
    return GroupPayGaps(
        by=by,
        snapshot=snapshot,
        reference=reference_name,
        reference_counts=reference_counts,
        not_declared=not_declared,
        groups=groups,
        notes=notes,
    )


def _group(
    staff: PayData, label: str, kind: str, reference: str, b: np.ndarray, a: np.ndarray
) -> GroupPayGap:
    exact, reasons, counts = _compare(
        staff, a, b, a_name="reference", b_name="group", smallest=SMALLEST_GROUP
    )
    small = min(counts["group_relevant_employees"], counts["reference_relevant_employees"])
    notes: list[str] = []
    if small < SMALLEST_GROUP:
        who = (
            "this group"
            if counts["group_relevant_employees"] < SMALLEST_GROUP
            else "the reference group"
        )
        exact = dict.fromkeys(FIELDS)
        reasons = dict.fromkeys(
            FIELDS, f"suppressed: {who} has fewer than {SMALLEST_GROUP} relevant employees"
        )
        notes.append(
            f"Suppressed: {who} has fewer than {SMALLEST_GROUP} relevant employees, so no "
            "figure or count is shown."
        )
    shown: dict[str, int | None] = {
        name: (count if count >= SMALLEST_GROUP or count == 0 and small >= SMALLEST_GROUP else None)
        for name, count in counts.items()
    }
    if small >= SMALLEST_GROUP and any(v is None for v in shown.values()):
        notes.append(f"Counts under {SMALLEST_GROUP} are not shown.")
    return GroupPayGap(
        figures={name: _round(exact[name]) for name in FIELDS},
        exact=exact,
        reasons=reasons,
        counts=shown,
        notes=notes,
        group=label,
        kind=kind,
        reference=reference,
        suppressed=small < SMALLEST_GROUP,
    )
