"""Raking checked by hand, against weightipy and ipfn, and on margins that cannot be met."""

import numpy as np
import pandas as pd
import pytest

from eqtrack.consultations.weighting import Margin, WeightingError, rake


def _sample(cells: dict[tuple[str, str], int]) -> pd.DataFrame:
    rows = [(sex, age) for (sex, age), n in cells.items() for _ in range(n)]
    return pd.DataFrame(rows, columns=["sex", "age"])


def test_a_2x2_table_raked_to_its_margins_as_worked_by_hand():
    # The sample is 50/50 by sex and 60/40 by age, independently; the population is 40/60
    # and 50/50. Raking by sex (×0.8, ×1.2) then age (×5/6, ×1.25) meets both margins in
    # one sweep, so each cell's weight is the product: M young 0.8 × 5/6 = 2/3,
    # M old 0.8 × 1.25 = 1, F young 1.2 × 5/6 = 1, F old 1.2 × 1.25 = 1.5.
    responses = _sample(
        {("M", "young"): 30, ("M", "old"): 20, ("F", "young"): 30, ("F", "old"): 20}
    )
    weights, diagnostics = rake(
        responses,
        [Margin("sex", {"M": 40, "F": 60}), Margin("age", {"young": 0.5, "old": 0.5})],
    )
    expected = {("M", "young"): 2 / 3, ("M", "old"): 1.0, ("F", "young"): 1.0, ("F", "old"): 1.5}
    for (sex, age), weight in expected.items():
        mask = (responses.sex == sex) & (responses.age == age)
        assert np.allclose(weights[mask], weight, atol=1e-12)
    assert weights.mean() == pytest.approx(1.0, abs=1e-12)
    assert diagnostics.iterations == 1 and diagnostics.converged
    assert diagnostics.max_margin_error < 1e-12
    # Kish: n Σw² / (Σw)² = 100 × (30·4/9 + 20 + 30 + 20·2.25) / 100² = 1.0833…
    assert diagnostics.design_effect == pytest.approx((30 * 4 / 9 + 20 + 30 + 45) / 100)


def _generated(n: int, seed: int = 7) -> tuple[pd.DataFrame, list[Margin]]:
    rng = np.random.default_rng(seed)
    responses = pd.DataFrame(
        {
            "age": rng.choice(["16-34", "35-54", "55-74", "75+"], n, p=[0.15, 0.35, 0.35, 0.15]),
            "sex": rng.choice(["Female", "Male"], n, p=[0.6, 0.4]),
            "ethnic": rng.choice(
                ["White", "Asian", "Black", "Mixed", "Other"], n, p=[0.85, 0.06, 0.04, 0.03, 0.02]
            ),
        }
    )
    margins = [
        Margin("age", {"16-34": 30, "35-54": 33, "55-74": 25, "75+": 12}),
        Margin("sex", {"Female": 51, "Male": 49}),
        Margin("ethnic", {"White": 80, "Asian": 9, "Black": 5, "Mixed": 4, "Other": 2}),
    ]
    return responses, margins


def test_the_same_weights_as_weightipy():
    import weightipy

    responses, margins = _generated(5000)
    ours, diagnostics = rake(responses, margins, tolerance=1e-14, max_iterations=5000)
    scheme = weightipy.scheme_from_dict(
        {
            m.variable: {c: p / sum(m.population.values()) * 100 for c, p in m.population.items()}
            for m in margins
        },
        rim_params={"convcrit": 1e-14, "max_iterations": 5000},
    )
    theirs = weightipy.weight_dataframe(responses.copy(), scheme)["weights"].to_numpy()
    assert diagnostics.converged
    assert np.abs(ours - theirs).max() < 1e-8


def test_the_same_cell_table_as_ipfn():
    from ipfn import ipfn

    responses, margins = _generated(3000, seed=3)
    ours, _ = rake(responses, margins, tolerance=1e-14, max_iterations=5000)
    axes = [list(m.population) for m in margins]
    codes = [
        responses[m.variable].map({c: i for i, c in enumerate(a)}).to_numpy()
        for m, a in zip(margins, axes, strict=True)
    ]
    counts = np.zeros([len(a) for a in axes])
    np.add.at(counts, tuple(codes), 1)
    aggregates = [
        np.array([m.population[c] for c in a]) / sum(m.population.values()) * len(responses)
        for m, a in zip(margins, axes, strict=True)
    ]
    fitted = ipfn.ipfn(
        counts.copy(), aggregates, [[0], [1], [2]], convergence_rate=1e-14, max_iteration=5000
    ).iteration()
    ours_table = np.zeros_like(counts)
    np.add.at(ours_table, tuple(codes), ours)
    assert np.abs(ours_table - fitted).max() < 1e-8


def test_a_joint_margin_from_two_columns():
    responses, _ = _generated(4000)
    joint = {
        f"{a}*{s}": 0.0 for a in ["16-34", "35-54", "55-74", "75+"] for s in ["Female", "Male"]
    }
    for key, share in zip(joint, [14, 15, 17, 16, 13, 12, 7, 6], strict=True):
        joint[key] = share
    weights, diagnostics = rake(responses, [Margin("age*sex", joint)])
    combined = responses.age + "*" + responses.sex
    for key, share in joint.items():
        assert weights[(combined == key).to_numpy()].sum() / len(responses) == pytest.approx(
            share / 100, abs=1e-9
        )


def test_respondents_missing_a_variable_keep_weight_one_and_the_rest_average_one():
    responses, margins = _generated(2000)
    responses.loc[:99, "ethnic"] = "Prefer not to say"
    responses.loc[100:149, "sex"] = ""
    weights, diagnostics = rake(responses, margins)
    assert (diagnostics.missing, diagnostics.weighted) == (150, 1850)
    assert np.all(weights[:150] == 1.0)
    assert weights[150:].mean() == pytest.approx(1.0, abs=1e-9)
    assert weights.mean() == pytest.approx(1.0, abs=1e-9)


def test_weights_capped_and_re_raked():
    responses, margins = _generated(3000)
    uncapped, _ = rake(responses, margins)
    assert uncapped.max() > 2.0
    weights, diagnostics = rake(responses, margins, cap=(0.5, 2.0), tolerance=1e-6)
    assert diagnostics.capped
    assert weights.min() >= 0.5 - 1e-4 and weights.max() <= 2.0 + 1e-4


def test_a_category_with_population_but_no_respondents():
    responses, margins = _generated(500)
    margins[2].population["Gypsy or Irish Traveller"] = 1
    with pytest.raises(
        WeightingError, match="margin 'ethnic': no respondent is in 'Gypsy or Irish Traveller'"
    ):
        rake(responses, margins)


def test_an_answer_the_margins_do_not_list_is_kept_as_missing_and_said():
    responses, margins = _generated(500)
    responses.loc[0:2, "sex"] = "Non-binary"
    weights, diagnostics = rake(responses, margins)
    assert diagnostics.missing == 3 and np.all(weights[:3] == 1.0)
    assert (
        "margin 'sex': answers the margins do not list, kept as missing: 'Non-binary' (3)"
        in diagnostics.lines()
    )


def test_margins_that_contradict_each_other_do_not_converge():
    responses, _ = _generated(1000)
    # The joint margin says 50% are 16-34; the age margin says 30%: no weights meet both.
    joint = {
        f"{a}*{s}": (25 if a == "16-34" else 50 / 6)
        for a in ["16-34", "35-54", "55-74", "75+"]
        for s in ["Female", "Male"]
    }
    margins = [
        Margin("age*sex", joint),
        Margin("age", {"16-34": 30, "35-54": 30, "55-74": 25, "75+": 15}),
    ]
    with pytest.raises(WeightingError, match="did not converge in 200 iterations"):
        rake(responses, margins, max_iterations=200)


def test_a_missing_column_is_named():
    responses, margins = _generated(100)
    with pytest.raises(WeightingError, match="margin 'ward': the responses have no column 'ward'"):
        rake(responses, [*margins, Margin("ward", {"High Street": 1})])


def test_margins_that_do_not_add_up_are_refused():
    responses, margins = _generated(500)
    margins[1].population = {"Female": 0.51, "Male": 0.39}  # a typing slip: 0.90
    with pytest.raises(WeightingError, match="margin 'sex': its shares add up to 0.9, not 1"):
        rake(responses, margins)
    margins[0].population = {"16-34": 30000, "35-54": 33000, "55-74": 25000, "75+": 12000}
    margins[1].population = {"Female": 41000, "Male": 39000}
    with pytest.raises(
        WeightingError,
        match="the margins describe different populations: 'age' adds up to 100,000 but 'sex' to 80,000",
    ):
        rake(responses, margins)


def _as(responses: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The same answers held as a CSV reader or a survey gives them (pandas' str columns, or
    object columns of Python str) or as pandas categoricals."""
    if kind == "category":
        return responses.astype("category")
    if kind == "object":
        return responses.astype(object)
    return responses.astype("str")


def _same(results: list[tuple[np.ndarray, object]]) -> None:
    (first, diagnostics), *others = results
    for weights, other in others:
        assert np.array_equal(weights, first)
        assert other == diagnostics


def test_string_and_categorical_columns_give_identical_weights_and_diagnostics():
    responses, margins = _generated(5000, seed=5)
    _same(
        [
            rake(_as(responses, kind), margins, tolerance=1e-13, max_iterations=2000)
            for kind in ("str", "object", "category")
        ]
    )


def test_missing_values_of_every_kind_are_missing_whatever_the_column_type():
    responses, margins = _generated(2000, seed=9)
    responses = responses.astype(object)
    # None and NaN (what CSV readers give for a blank), pandas' NA, and answers that say nothing.
    for row, value in enumerate([None, np.nan, pd.NA, "", "  ", "Prefer not to say", "N/A"]):
        responses.loc[row, "sex"] = value
    responses.loc[7, "ethnic"] = None
    results = [rake(_as(responses, kind), margins) for kind in ("object", "str", "category")]
    _same(results)
    weights, diagnostics = results[0]
    assert (diagnostics.missing, diagnostics.weighted) == (8, 1992)
    assert np.all(weights[:8] == 1.0) and weights.mean() == pytest.approx(1.0, abs=1e-9)
    assert diagnostics.notes == []


def test_answers_not_in_the_profile_are_listed_once_each_whatever_the_column_type():
    responses, margins = _generated(1000, seed=4)
    responses.loc[0:2, "sex"] = "Non-binary"
    responses.loc[3, "sex"] = " Non-binary "  # the same answer once stripped: listed with them
    responses.loc[4, "ethnic"] = "white"  # case matters for categories: not guessed
    results = [rake(_as(responses, kind), margins) for kind in ("str", "object", "category")]
    _same(results)
    weights, diagnostics = results[0]
    assert diagnostics.missing == 5 and np.all(weights[:5] == 1.0)
    assert diagnostics.notes == [
        "margin 'sex': answers the margins do not list, kept as missing: 'Non-binary' (4)",
        "margin 'ethnic': answers the margins do not list, kept as missing: 'white' (1)",
    ]


def test_numbers_in_a_text_column_match_the_categories_they_read_as():
    # A spreadsheet gives some wards as numbers and some as text: 3 and "3" are one ward, and
    # so is 2.0 (a whole number held as a float), whichever comes first; 2.5 is not listed.
    wards = [1, "1", 2, "2", 3, "3 ", " 3", 2.0, 2.5, np.nan] * 50
    margin = Margin("ward", {"1": 30, "2": 30, "3": 40})
    as_text = pd.Series([str(w).replace(".0", "").strip() for w in wards])
    for order in (wards, wards[::-1]):
        responses = pd.DataFrame({"ward": pd.Series(order, dtype=object)})
        weights, diagnostics = rake(responses, [margin])
        assert (diagnostics.weighted, diagnostics.missing) == (400, 100)
        text = as_text if order is wards else as_text[::-1].reset_index(drop=True)
        for ward, share in (("1", 0.3), ("2", 0.3), ("3", 0.4)):
            assert weights[(text == ward).to_numpy()].sum() == pytest.approx(share * 400)
        assert np.all(weights[text.isin(["2.5", "nan"]).to_numpy()] == 1.0)
        assert diagnostics.notes == [
            "margin 'ward': answers the margins do not list, kept as missing: '2.5' (50)"
        ]
    # The same wards as a column of numbers, and as one of floats with a blank (what a CSV
    # reader makes of it).
    for dtype in ("int64", "float64"):
        numbers = pd.DataFrame({"ward": pd.Series([1, 2, 3, 3] * 25, dtype=dtype)})
        if dtype == "float64":
            numbers.loc[0, "ward"] = np.nan
        weights, diagnostics = rake(numbers, [margin])
        assert weights[numbers.ward.to_numpy() == 3].sum() == pytest.approx(
            0.4 * diagnostics.weighted
        )
        assert diagnostics.notes == []


def test_a_joint_margin_from_two_columns_as_from_one_column_of_both():
    responses, _ = _generated(3000, seed=8)
    responses.loc[0:4, "sex"] = "Prefer not to say"
    responses.loc[5:9, "age"] = None
    responses.loc[10:14, "sex"] = "Non-binary"
    joint = {
        f"{a}*{s}": share
        for (a, s), share in zip(
            [(a, s) for a in ["16-34", "35-54", "55-74", "75+"] for s in ["Female", "Male"]],
            [14, 15, 17, 16, 13, 12, 7, 6],
            strict=True,
        )
    }
    ethnic = Margin("ethnic", {"White": 80, "Asian": 9, "Black": 5, "Mixed": 4, "Other": 2})
    # The parts also weighted on their own: one column coded once serves several margins.
    age = Margin("age", {"16-34": 29, "35-54": 33, "55-74": 25, "75+": 13})
    one_column = responses.assign(both=responses.age + "*" + responses.sex)
    expected = rake(one_column, [Margin("both", joint), ethnic, age], tolerance=1e-13)
    for kind in ("str", "object", "category"):
        weights, diagnostics = rake(
            _as(responses, kind), [Margin("age*sex", joint), ethnic, age], tolerance=1e-13
        )
        assert np.array_equal(weights, expected[0])
        assert diagnostics.missing == 15 and np.all(weights[:15] == 1.0)
        assert diagnostics.notes == [
            "margin 'age*sex': answers the margins do not list, kept as missing: "
            + ", ".join(
                f"'{a}*Non-binary' ({n})"
                for a, n in sorted(responses.loc[10:14, "age"].value_counts().items())
            )
        ]


def test_a_joint_margin_from_three_columns_and_no_respondents():
    responses, _ = _generated(2000, seed=2)
    responses.loc[0:9, "ethnic"] = np.nan
    sizes = {"age": ["16-34", "35-54", "55-74", "75+"], "sex": ["Female", "Male"]}
    ethnic = ["White", "Asian", "Black", "Mixed", "Other"]
    rng = np.random.default_rng(1)
    joint = {
        f"{a}*{s}*{e}": float(share)
        for (a, s, e), share in zip(
            [(a, s, e) for a in sizes["age"] for s in sizes["sex"] for e in ethnic],
            rng.dirichlet(np.ones(40)) * 100,
            strict=True,
        )
    }
    one_column = responses.assign(all=responses.age + "*" + responses.sex + "*" + responses.ethnic)
    expected, _ = rake(one_column, [Margin("all", joint)])
    for kind in ("str", "object", "category"):
        weights, diagnostics = rake(_as(responses, kind), [Margin("age*sex*ethnic", joint)])
        assert np.array_equal(weights, expected)
        assert diagnostics.missing == 10
    for margin in (Margin("age*sex*ethnic", joint), Margin("age", {"16-34": 1})):
        with pytest.raises(WeightingError, match="no respondent has every weighting variable"):
            rake(responses.iloc[:0], [margin])


def test_the_same_weights_through_pd_factorize_if_pandas_string_table_goes(monkeypatch):
    # The fast path uses pandas' internal string hash table; without it, pd.factorize.
    from eqtrack.consultations import weighting

    responses, margins = _generated(3000, seed=6)
    responses = responses.astype(object)
    responses.loc[0:3, "sex"] = [None, np.nan, "Non-binary", 3]
    fast = rake(responses, margins)
    monkeypatch.setattr(weighting, "_StringHashTable", None)
    _same([fast, rake(responses, margins), rake(responses.astype("str"), margins)])
    assert fast[1].notes == [
        "margin 'sex': answers the margins do not list, kept as missing: '3' (1), 'Non-binary' (1)"
    ]


def test_many_distinct_answers_weigh_as_missing_ones():
    # 800 different unlisted answers make too many combinations to count (5 × 3 × 6 × 803):
    # the answers are turned into categories row by row first, with the same weights.
    responses, margins = _generated(3000, seed=13)
    responses["ward"] = np.where(np.arange(3000) % 2, "A", "B")
    unlisted = responses.assign(
        ward=[f"{i} High Street" for i in range(800)] + [*responses.ward[800:]]
    )
    blank = responses.assign(ward=[None] * 800 + [*responses.ward[800:]])
    margins.append(Margin("ward", {"A": 45, "B": 55}))
    weights, diagnostics = rake(unlisted, margins)
    expected, expected_diagnostics = rake(blank, margins)
    assert np.array_equal(weights, expected)
    assert diagnostics.missing == expected_diagnostics.missing == 800
    assert diagnostics.notes == [
        "margin 'ward': answers the margins do not list, kept as missing: '0 High Street' (1), "
        "'1 High Street' (1), '10 High Street' (1), '100 High Street' (1), '101 High Street' (1)"
    ]
