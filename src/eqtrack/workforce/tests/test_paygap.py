"""The pay gap measures against small data sets worked by hand (the sums are in the comments),
every figure to 0.1 percentage points: SI 2017/353 Schedule 1 paragraphs 8 to 13."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from eqtrack.workforce.paygap import FIELDS, _round, gender_pay_gap, group_pay_gap
from eqtrack.workforce.staff import WHITE_BRITISH, StaffRecord

SNAPSHOT = dt.date(2026, 3, 31)
INDIAN = "Asian, Asian British or Asian Welsh: Indian"
PAKISTANI = "Asian, Asian British or Asian Welsh: Pakistani"
AFRICAN = "Black, Black British, Black Welsh, Caribbean or African: African"
_ids = itertools.count(1)


def person(
    sex: str | None,
    hourly: str | None,
    bonus: str = "0",
    *,
    full_pay: bool = True,
    ethnic_group: str | None = None,
    disability: str | None = None,
) -> StaffRecord:
    return StaffRecord(
        employee_id=str(next(_ids)),
        sex=sex,
        ethnic_group=ethnic_group,
        disability=disability,
        date_of_birth=None,
        age=None,
        grade=None,
        full_time=None,
        hourly_pay=Decimal(hourly) if hourly is not None else None,
        bonus_pay=Decimal(bonus),
        relevant_employee=True,
        full_pay_relevant_employee=full_pay,
    )


def figures(gap) -> dict[str, float | None]:
    return {name: (float(v) if v is not None else None) for name, v in gap.figures.items()}


# Twelve full-pay relevant employees, so four bands of 3 (places 0-2, 3-5, 6-8, 9-11), with a
# rate straddling each of the three boundaries:
#   place 0   £9.00 F
#   place 1   £9.50 F
#   places 2-4  £10.00 M M F   2 men, 1 woman: 1 place in the lower band, 2 in lower middle
#   places 5-6  £12.00 F M     1 man, 1 woman: 1 place in lower middle, 1 in upper middle
#   place 7   £14.00 F
#   places 8-10 £16.00 F F M   1 man, 2 women: 1 place in upper middle, 2 in the top band
#   place 11  £20.00 M
# and two on reduced pay because of leave (not full-pay relevant employees): a man (£5.00,
# bonus £300) and a woman (£4.00, bonus £100), left out of the hourly measures and the bands
# but counted for bonus pay.
TIES = [
    person("Female", "9.00"),
    person("Female", "9.50"),
    person("Male", "10.00"),
    person("Male", "10.00"),
    person("Female", "10.00"),
    person("Female", "12.00"),
    person("Male", "12.00"),
    person("Female", "14.00", "50"),
    person("Female", "16.00"),
    person("Female", "16.00", "200"),
    person("Male", "16.00", "100"),
    person("Male", "20.00", "500"),
    person("Male", "5.00", "300", full_pay=False),
    person("Female", "4.00", "100", full_pay=False),
]


def test_ties_straddling_each_quartile_boundary_and_reduced_pay():
    gap = gender_pay_gap(TIES, snapshot=SNAPSHOT)
    assert figures(gap) == {
        # Men's hourly pay 10, 10, 12, 16, 20: mean 68 / 5 = 13.6, median 12.
        # Women's 9, 9.5, 10, 12, 14, 16, 16: mean 86.5 / 7 = 12.357142…, median 12.
        # (13.6 − 12.357142) / 13.6 × 100 = 9.1387 → 9.1; (12 − 12) / 12 = 0.0.
        # (With the two on reduced pay wrongly in: men 73 / 6 = 12.167, women 90.5 / 8 =
        # 11.3125, a gap of 7.0.)
        "DiffMeanHourlyPercent": 9.1,
        "DiffMedianHourlyPercent": 0.0,
        # Paid a bonus: men 300, 500, 100 (mean 300, median 300); women 100, 200, 50
        # (mean 116.67, median 100). (300 − 116.67) / 300 = 61.11 → 61.1;
        # (300 − 100) / 300 = 66.67 → 66.7.
        "DiffMeanBonusPercent": 61.1,
        "DiffMedianBonusPercent": 66.7,
        # 3 of 6 men (reduced pay counted) = 50.0; 3 of 8 women = 37.5.
        "MaleBonusPercent": 50.0,
        "FemaleBonusPercent": 37.5,
        # Lower: F, F, and 1 place of £10.00 (2/3 man, 1/3 woman): men 0.667 / 3 = 22.2%.
        "MaleLowerQuartile": 22.2,
        "FemaleLowerQuartile": 77.8,
        # Lower middle: 2 places of £10.00 (4/3 men, 2/3 women) and 1 place of £12.00
        # (1/2 man, 1/2 woman): men 1.833 / 3 = 61.1%.
        "MaleLowerMiddleQuartile": 61.1,
        "FemaleLowerMiddleQuartile": 38.9,
        # Upper middle: 1 place of £12.00 (1/2 man), F £14.00, 1 place of £16.00 (1/3 man):
        # men 0.833 / 3 = 27.8%.
        "MaleUpperMiddleQuartile": 27.8,
        "FemaleUpperMiddleQuartile": 72.2,
        # Top: 2 places of £16.00 (2/3 man, 4/3 women) and M £20.00: men 1.667 / 3 = 55.6%.
        "MaleTopQuartile": 55.6,
        "FemaleTopQuartile": 44.4,
    }
    assert gap.reasons == {}
    assert gap.counts["male_full_pay_relevant_employees"] == 5
    assert gap.counts["female_relevant_employees"] == 8
    assert any("reduced or nil pay" in note for note in gap.notes)


def test_ten_people_make_bands_of_3_2_3_2_and_no_women_paid_a_bonus():
    # 10 is not a multiple of 4: the two left over go to the lower and upper middle bands
    # (GEO guidance), so the bands are places 0-2, 3-4, 5-7, 8-9.
    #   place 0     £8.00 F
    #   places 1-3  £10.00 M M F  2 men, 1 woman: 2 places in the lower band, 1 in lower middle
    #   place 4     £11.00 F
    #   places 5-7  £12.00 M, £13.00 F, £14.00 M (bonus £500)
    #   places 8-9  £15.00 F, £18.00 M (bonus £1000)
    people = [
        person("Female", "8.00"),
        person("Male", "10.00"),
        person("Male", "10.00"),
        person("Female", "10.00"),
        person("Female", "11.00"),
        person("Male", "12.00"),
        person("Female", "13.00"),
        person("Male", "14.00", "500"),
        person("Female", "15.00"),
        person("Male", "18.00", "1000"),
    ]
    gap = gender_pay_gap(people)
    assert figures(gap) == {
        # Men 10, 10, 12, 14, 18: mean 12.8, median 12. Women 8, 10, 11, 13, 15: mean 11.4,
        # median 11. (12.8 − 11.4) / 12.8 = 10.9375 → 10.9; (12 − 11) / 12 = 8.333 → 8.3.
        "DiffMeanHourlyPercent": 10.9,
        "DiffMedianHourlyPercent": 8.3,
        # No woman was paid a bonus: no bonus gap to measure.
        "DiffMeanBonusPercent": None,
        "DiffMedianBonusPercent": None,
        # 2 of 5 men; 0 of 5 women.
        "MaleBonusPercent": 40.0,
        "FemaleBonusPercent": 0.0,
        # Lower: F and 2 places of £10.00 (4/3 men, 2/3 women): men 1.333 / 3 = 44.4%.
        "MaleLowerQuartile": 44.4,
        "FemaleLowerQuartile": 55.6,
        # Lower middle: 1 place of £10.00 (2/3 man, 1/3 woman) and F: men 0.667 / 2 = 33.3%.
        "MaleLowerMiddleQuartile": 33.3,
        "FemaleLowerMiddleQuartile": 66.7,
        # Upper middle: M, F, M = 66.7%; top: F, M = 50%.
        "MaleUpperMiddleQuartile": 66.7,
        "FemaleUpperMiddleQuartile": 33.3,
        "MaleTopQuartile": 50.0,
        "FemaleTopQuartile": 50.0,
    }
    assert "no women were paid a bonus" in gap.reasons["DiffMeanBonusPercent"]
    assert set(gap.reasons) == {"DiffMeanBonusPercent", "DiffMedianBonusPercent"}
    assert gap.as_dict()["DiffMeanBonusPercent"] is None


def test_a_tie_rule_that_ignored_sex_would_give_other_bands():
    # Four people on one rate, 1 man and 3 women, plus 4 men above: bands of 2. The rate's
    # four places are 2 in the lower band and 2 in lower middle; each gets 1/4 man:
    # 0.5 / 2 = 25% men in both, not 50% and 0% as ranking men first would give.
    people = [person("Male", "10.00")] + [person("Female", "10.00") for _ in range(3)]
    people += [person("Male", f"{11 + i}.00") for i in range(4)]
    gap = gender_pay_gap(people)
    assert float(gap.figures["MaleLowerQuartile"]) == 25.0
    assert float(gap.figures["MaleLowerMiddleQuartile"]) == 25.0
    assert float(gap.figures["MaleTopQuartile"]) == 100.0


def test_the_pay_gap_of_nobody_is_null_with_a_reason():
    gap = gender_pay_gap([person("Male", "10.00"), person("Male", "12.00")])
    assert gap.figures["DiffMeanHourlyPercent"] is None
    assert gap.reasons["DiffMeanHourlyPercent"] == "no women are full-pay relevant employees"
    assert gap.figures["FemaleBonusPercent"] is None
    # Two people: the lower and upper middle bands take one each, the others are empty.
    assert float(gap.figures["MaleLowerQuartile"]) == 100.0
    assert gap.figures["MaleTopQuartile"] is None
    assert "empty" in gap.reasons["MaleTopQuartile"]


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (12.25, "12.3"),  # half away from zero, as a spreadsheet's ROUND
        (-12.25, "-12.3"),
        (12.249999999999, "12.3"),  # binary noise of 12.25
        (12.2499, "12.2"),
        (-0.04, "0.0"),  # never "-0.0"
        (100 / 3, "33.3"),
    ],
)
def test_figures_are_rounded_half_away_from_zero_at_the_end(value, rounded):
    assert str(_round(value)) == rounded


def _ethnicity_staff() -> list[StaffRecord]:
    # Reference, White British: 20 people, 10 on £10 and 10 on £20 (mean 15, median 15);
    # the 10 on £10 paid a bonus, 5 of £100 and 5 of £300 (mean 200, median (100 + 300) / 2 =
    # 200). Not disabled.
    staff = [
        person(
            "Female",
            "10.00" if i < 10 else "20.00",
            ("100" if i < 5 else "300") if i < 10 else "0",
            ethnic_group=WHITE_BRITISH,
            disability="Not disabled",
        )
        for i in range(20)
    ]
    # Indian: 10 people on £12, all paid a bonus of £150. Disabled.
    staff += [
        person("Male", "12.00", "150", ethnic_group=INDIAN, disability="Disabled")
        for _ in range(10)
    ]
    # Pakistani: 12 on £12; 3 paid a bonus of £150 (too few for the bonus gaps).
    staff += [
        person("Male", "12.00", "150" if i < 3 else "0", ethnic_group=PAKISTANI) for i in range(12)
    ]
    # African: 9 people (suppressed); not declared: 5, none paid a bonus.
    staff += [person("Male", "12.00", ethnic_group=AFRICAN) for _ in range(9)]
    staff += [person("Female", "15.00") for _ in range(5)]
    return staff


def test_ethnicity_pay_gaps_against_white_british_with_groups_of_9_and_10():
    gaps = group_pay_gap(_ethnicity_staff(), by="ethnicity", snapshot=SNAPSHOT)
    assert gaps.reference == WHITE_BRITISH
    by_name = {g.group: g for g in gaps.groups}
    indian = by_name[INDIAN]
    assert not indian.suppressed
    assert figures(indian) == {
        # (15 − 12) / 15 = 20.0 for both mean and median.
        "DiffMeanHourlyPercent": 20.0,
        "DiffMedianHourlyPercent": 20.0,
        # Bonus: (200 − 150) / 200 = 25.0 for both.
        "DiffMeanBonusPercent": 25.0,
        "DiffMedianBonusPercent": 25.0,
        # 10 of 20 White British paid a bonus; 10 of 10 Indian.
        "MaleBonusPercent": 50.0,
        "FemaleBonusPercent": 100.0,
        # 30 full-pay people: 10 × £10 (reference), 10 × £12 (Indian), 10 × £20 (reference);
        # 30 = 4 × 7 + 2, so bands of 8, 7, 8, 7 (places 0-7, 8-14, 15-22, 23-29).
        # Lower: 8 reference. Lower middle: 2 reference + 5 Indian: 2 / 7 = 28.6%.
        # Upper middle: 5 Indian + 3 reference: 3 / 8 = 37.5%. Top: 7 reference.
        "MaleLowerQuartile": 100.0,
        "FemaleLowerQuartile": 0.0,
        "MaleLowerMiddleQuartile": 28.6,
        "FemaleLowerMiddleQuartile": 71.4,
        "MaleUpperMiddleQuartile": 37.5,
        "FemaleUpperMiddleQuartile": 62.5,
        "MaleTopQuartile": 100.0,
        "FemaleTopQuartile": 0.0,
    }
    assert indian.counts["group_relevant_employees"] == 10

    african = by_name[AFRICAN]
    assert african.suppressed
    assert all(v is None for v in african.figures.values())
    # How many there are is hidden too; the reference group's counts are not.
    assert [k for k, v in african.counts.items() if v is None] == [
        "group_relevant_employees",
        "group_full_pay_relevant_employees",
        "group_paid_bonus",
    ]
    assert "fewer than 10" in african.reasons["DiffMeanHourlyPercent"]

    # 12 Pakistani staff: the hourly gaps are shown, the bonus gaps (3 paid) are not.
    pakistani = by_name[PAKISTANI]
    assert not pakistani.suppressed
    assert float(pakistani.figures["DiffMeanHourlyPercent"]) == 20.0
    assert pakistani.figures["DiffMeanBonusPercent"] is None
    assert (
        "fewer than 10 people in the group are relevant employees paid a bonus"
        in (pakistani.reasons["DiffMeanBonusPercent"])
    )
    # 3 of 12 = 25.0%; the count of 3 is not shown.
    assert float(pakistani.figures["FemaleBonusPercent"]) == 25.0
    assert pakistani.counts["group_paid_bonus"] is None

    # Broad groups: Asian is Indian and Pakistani together (22 on £12): the same hourly gap;
    # Black is the 9 African staff: suppressed.
    asian = by_name["Asian, Asian British or Asian Welsh"]
    assert float(asian.figures["DiffMedianHourlyPercent"]) == 20.0
    assert asian.counts["group_relevant_employees"] == 22
    assert by_name["Black, Black British, Black Welsh, Caribbean or African"].suppressed
    minorities = next(g for g in gaps.groups if g.group.startswith("Ethnic minorities"))
    assert minorities.counts["group_relevant_employees"] == 31
    assert {g.kind for g in gaps.groups} == {
        "ethnic group",
        "broad ethnic group",
        "ethnic minority",
    }

    # Not declared: 5 of 56 relevant employees (8.9%), 5 of 56 full-pay, 0 of 23 paid a bonus.
    assert gaps.not_declared == {
        "relevant_employees": {"count": 5, "of": 56, "percent": 8.9},
        "full_pay_relevant_employees": {"count": 5, "of": 56, "percent": 8.9},
        "paid_bonus": {"count": 0, "of": 23, "percent": 0.0},
    }
    as_json = gaps.as_dict()
    assert as_json["groups"][0]["not_declared"] == gaps.not_declared
    assert set(FIELDS) <= set(as_json["groups"][0])


def test_disability_pay_gap_against_not_disabled():
    gaps = group_pay_gap(_ethnicity_staff(), by="disability")
    assert gaps.reference == "Not disabled"
    [disabled] = gaps.groups
    # The same people as White British and Indian above, so the same figures.
    assert disabled.group == "Disabled"
    assert float(disabled.figures["DiffMeanHourlyPercent"]) == 20.0
    assert float(disabled.figures["DiffMeanBonusPercent"]) == 25.0
    assert float(disabled.figures["FemaleLowerMiddleQuartile"]) == 71.4
    # Not declared: 12 + 9 + 5 = 26 of 56 = 46.4%.
    assert gaps.not_declared["relevant_employees"] == {"count": 26, "of": 56, "percent": 46.4}


def test_an_unknown_reference_group_names_the_choices():
    with pytest.raises(ValueError, match="19 categories"):
        group_pay_gap(_ethnicity_staff(), by="ethnicity", reference="British")
    gaps = group_pay_gap(_ethnicity_staff(), by="ethnicity", reference="white")
    assert gaps.reference == "White"
    assert not any(g.group.startswith("White") for g in gaps.groups)


def _bands_by_places(people: list[tuple[int, bool]]) -> list[tuple[Fraction, int]]:
    """The quartile bands worked another way, in exact fractions: each ranked place carries
    its rate's share of men; a band's men are the sum over its places."""
    people = sorted(people)
    n = len(people)
    base, left_over = divmod(n, 4)
    sizes = [
        base + extra
        for extra in {0: (0, 0, 0, 0), 1: (1, 0, 0, 0), 2: (1, 0, 1, 0), 3: (1, 1, 1, 0)}[left_over]
    ]
    share = {
        rate: Fraction(
            sum(m for r, m in people if r == rate), sum(1 for r, _ in people if r == rate)
        )
        for rate, _ in people
    }
    bands, start = [], 0
    for size in sizes:
        bands.append((sum((share[r] for r, _ in people[start : start + size]), Fraction(0)), size))
        start += size
    return bands


@pytest.mark.parametrize("seed", range(40))
def test_the_quartiles_agree_with_exact_fractions_worked_another_way(seed):
    rng = random.Random(seed)  # noqa: S311  (made-up, seeded data)
    people = [(rng.choice([9, 10, 11, 12]), rng.random() < 0.4) for _ in range(rng.randint(4, 41))]
    gap = gender_pay_gap(
        [person("Male" if male else "Female", f"{rate}.00") for rate, male in people]
    )
    for quartile, (men, size) in zip(
        ("Lower", "LowerMiddle", "UpperMiddle", "Top"), _bands_by_places(people), strict=True
    ):
        assert gap.exact[f"Male{quartile}Quartile"] == pytest.approx(float(men / size * 100))
        assert gap.exact[f"Female{quartile}Quartile"] == pytest.approx(
            float((size - men) / size * 100)
        )
