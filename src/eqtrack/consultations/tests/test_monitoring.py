"""The standard monitoring questions: every wording and answer against the cited standard
(transcribed in fixtures/), every answer's profile category, the disability derivation, and
what an unknown version or question gives."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from eqtrack.consultations import monitoring
from eqtrack.consultations.census import CENSUS_DIR
from eqtrack.consultations.monitoring import (
    CURRENT_VERSION,
    PREFER_NOT_TO_SAY,
    age_bands,
    categories_of,
    disability_derived,
    monitoring_question,
    monitoring_set,
    monitoring_version,
    profile_category,
    respondent_categories,
    versions,
)

FIXTURE = json.loads(
    (Path(__file__).parent / "fixtures" / "monitoring-standard-2024-1.json").read_text("utf-8")
)["questions"]
KEYS = list(FIXTURE)
DISABLED = "Disabled under the Equality Act"
NOT_DISABLED = "Not disabled under the Equality Act"


def _census_categories() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    with (CENSUS_DIR / "maidstone-E07000110.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            found.setdefault(row["variable"], set()).add(row["category"])
    return found


def test_the_set_has_every_standard_question_in_order() -> None:
    assert [q.key for q in monitoring_set("2024-1")] == KEYS
    assert CURRENT_VERSION in versions()
    assert monitoring_set() == monitoring_set(CURRENT_VERSION)


@pytest.mark.parametrize("key", KEYS)
def test_wording_and_answers_are_the_standards(key: str) -> None:
    expected = FIXTURE[key]
    question = monitoring_question(key, "2024-1")
    assert question.text == expected["question"]
    assert question.hint == expected["hint"]
    if "headings" in expected:
        assert [(h, list(o)) for h, o in question.option_groups] == list(
            expected["headings"].items()
        )
        answers = [a for options in expected["headings"].values() for a in options]
    else:
        answers = expected["answers"]
    assert list(question.options) == [*answers, PREFER_NOT_TO_SAY]
    assert question.write_ins == expected.get("write_ins", {})
    assert question.option_hints == expected.get("answer_hints", {})
    assert question.other_option is False  # the standards' write-ins belong to their answers
    assert set(question.write_ins) <= set(question.options)
    shown_if = (
        {question.show_if_key: list(question.show_if_answers)} if question.show_if_key else {}
    )
    assert shown_if == expected.get("asked_if", {})
    if expected.get("several"):
        assert question.kind == "several_choices"
        assert question.exclusive == ("No", PREFER_NOT_TO_SAY)
    elif question.text.startswith("What is your date"):
        assert question.kind == "date"
    else:
        assert question.kind == "one_choice"


@pytest.mark.parametrize("key", KEYS)
def test_every_question_cites_its_source(key: str) -> None:
    question = monitoring_question(key)
    assert question.source and question.source_note
    assert "https://" in question.source or key == "age_band"
    if key == "age_band":  # no standard asks age in bands: the data must say so
        assert "NOT CONFIRMED" in question.source_note


def test_sources_are_cited_with_title_version_and_address() -> None:
    sources = monitoring_version("2024-1").sources
    assert "census2021_eq" in sources
    for name, source in sources.items():
        assert source["title"] and source["version"], name
        # The two age classifications were not confirmed from an ONS page: no address is made up.
        assert source["url"].startswith("https://") or "NOT confirmed" in source["title"], name


def test_the_ethnic_group_is_one_list_of_the_19_census_categories() -> None:
    question = monitoring_question("ethnic_group")
    assert len(question.options) == 20  # the 19 and "Prefer not to say"
    census = _census_categories()["ethnic group (19)"]
    mapped = [str(profile_category("ethnic_group", a)) for a in question.options[:-1]]
    assert sorted(mapped) == sorted(census)  # one to one
    assert set(question.profile_categories) == census
    # Each answer maps under its own heading's broad group.
    broad = {
        "White": "White",
        "Mixed or Multiple ethnic groups": "Mixed or Multiple ethnic groups",
        "Asian or Asian British": "Asian, Asian British or Asian Welsh",
        "Black, Black British, Caribbean or African": (
            "Black, Black British, Black Welsh, Caribbean or African"
        ),
        "Other ethnic group": "Other ethnic group",
    }
    for heading, answers in question.option_groups:
        for answer in answers:
            assert str(profile_category("ethnic_group", answer)).startswith(broad[heading] + ":")


# Every answer of every question and the profile category it gives (None: none).
EXPECTED_CATEGORY = {
    "sex": {"Female": "Female", "Male": "Male"},
    "religion": {
        "No religion": "No religion",
        "Christian": "Christian",
        "Buddhist": "Buddhist",
        "Hindu": "Hindu",
        "Jewish": "Jewish",
        "Muslim": "Muslim",
        "Sikh": "Sikh",
        "Any other religion": "Other religion",
    },
    "long_lasting_condition": {"Yes": None, "No": NOT_DISABLED},
    "activity_restriction": {
        "Yes, a lot": DISABLED,
        "Yes, a little": DISABLED,
        "Not at all": NOT_DISABLED,
    },
    "ethnic_group": {
        "English, Welsh, Scottish, Northern Irish or British": (
            "White: English, Welsh, Scottish, Northern Irish or British"
        ),
        "Irish": "White: Irish",
        "Gypsy or Irish Traveller": "White: Gypsy or Irish Traveller",
        "Roma": "White: Roma",
        "Any other White background": "White: Other White",
        "White and Black Caribbean": "Mixed or Multiple ethnic groups: White and Black Caribbean",
        "White and Black African": "Mixed or Multiple ethnic groups: White and Black African",
        "White and Asian": "Mixed or Multiple ethnic groups: White and Asian",
        "Any other Mixed or Multiple background": (
            "Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups"
        ),
        "Indian": "Asian, Asian British or Asian Welsh: Indian",
        "Pakistani": "Asian, Asian British or Asian Welsh: Pakistani",
        "Bangladeshi": "Asian, Asian British or Asian Welsh: Bangladeshi",
        "Chinese": "Asian, Asian British or Asian Welsh: Chinese",
        "Any other Asian background": "Asian, Asian British or Asian Welsh: Other Asian",
        "Caribbean": "Black, Black British, Black Welsh, Caribbean or African: Caribbean",
        "African": "Black, Black British, Black Welsh, Caribbean or African: African",
        "Any other Black, Black British or Caribbean background": (
            "Black, Black British, Black Welsh, Caribbean or African: Other Black"
        ),
        "Arab": "Other ethnic group: Arab",
        "Any other ethnic group": "Other ethnic group: Any other ethnic group",
    },
    "age_band": {a: a for a in FIXTURE["age_band"]["answers"]},
    # Not in the census profiles eqtrack ships: no category.
    "gender_identity": {"Yes": None, "No": None},
    "sexual_orientation": dict.fromkeys(FIXTURE["sexual_orientation"]["answers"]),
    "unpaid_care": dict.fromkeys(FIXTURE["unpaid_care"]["answers"]),
    "armed_forces": dict.fromkeys(FIXTURE["armed_forces"]["answers"]),
}


@pytest.mark.parametrize("key", [k for k in KEYS if k != "date_of_birth"])
def test_every_answer_maps_to_its_profile_category(key: str) -> None:
    question = monitoring_question(key)
    assert {a: profile_category(key, a) for a in question.options[:-1]} == EXPECTED_CATEGORY[key]
    assert profile_category(key, PREFER_NOT_TO_SAY) is None
    assert profile_category(key, "") is None
    assert profile_category(key, "Something else") is None


def test_every_category_of_the_census_profile_is_reachable() -> None:
    reachable: dict[str, set[str]] = {}
    for question in monitoring_set():
        for answer in question.options:
            category = profile_category(question.key, answer)
            if category is not None:
                reachable.setdefault(question.profile_variable, set()).add(category)
    for variable, categories in _census_categories().items():
        # "Not answered" is the census's count of people who skipped the voluntary question.
        assert categories - {"Not answered"} <= reachable[variable], variable
        assert set(categories_of(variable)) == categories - {"Not answered"}, variable
    # In the census output's order.
    assert categories_of("disability (all ages)") == (DISABLED, NOT_DISABLED)
    assert (
        categories_of("ethnic group (19)")[0] == "Asian, Asian British or Asian Welsh: Bangladeshi"
    )


@pytest.mark.parametrize(
    ("condition", "reduced", "expected"),
    [
        ("Yes", "Yes, a lot", DISABLED),
        ("Yes", "Yes, a little", DISABLED),
        ("Yes", "Not at all", NOT_DISABLED),
        ("Yes", "", None),
        ("Yes", PREFER_NOT_TO_SAY, None),
        ("No", "", NOT_DISABLED),
        ("No", "Yes, a lot", NOT_DISABLED),  # no long-lasting condition: not disabled
        ("No", "Not at all", NOT_DISABLED),
        ("", "Yes, a lot", None),
        (PREFER_NOT_TO_SAY, "Yes, a little", None),
        (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY, None),
        ("", "", None),
        ("yes", "Yes, a lot", None),  # not an answer of the question
    ],
)
def test_disability_derivation(condition: str, reduced: str, expected: str | None) -> None:
    assert disability_derived(condition, reduced) == expected


def test_the_second_disability_part_is_asked_after_yes_to_the_first() -> None:
    second = monitoring_question("activity_restriction")
    assert (second.show_if_key, second.show_if_answers) == ("long_lasting_condition", ("Yes",))
    keys = [q.key for q in monitoring_set()]
    assert keys.index("long_lasting_condition") < keys.index("activity_restriction")


def test_respondent_categories_give_the_profile_columns() -> None:
    answers = {
        "sex": "Female",
        "ethnic_group": "Any other White background",
        "religion": "Any other religion",
        "long_lasting_condition": "Yes",
        "activity_restriction": "Yes, a little",
        "date_of_birth": "1980-03-22",
        "sexual_orientation": "Bisexual",
        "survey_question_7": "Strongly agree",
    }
    assert respondent_categories(answers, "2024-1", on=dt.date(2021, 3, 21)) == {
        "sex": "Female",
        "ethnic group (19)": "White: Other White",
        "religion": "Other religion",
        "disability (all ages)": DISABLED,
        "age": "Aged 40 to 44 years",  # 40: turns 41 the next day
        "age (8 categories)": "Aged 35 to 44 years",
    }


def test_respondent_categories_leave_out_what_does_not_tell() -> None:
    answers = {
        "sex": PREFER_NOT_TO_SAY,
        "ethnic_group": "",
        "long_lasting_condition": "Yes",
        "date_of_birth": "not a date",
        "age_band": "Aged 16 to 24 years",
    }
    assert respondent_categories(answers) == {"age (8 categories)": "Aged 16 to 24 years"}
    assert respondent_categories({"long_lasting_condition": "No"}) == {
        "disability (all ages)": NOT_DISABLED
    }
    assert respondent_categories({}) == {}


def test_a_date_of_birth_wins_over_an_age_band() -> None:
    answers = {"age_band": "Aged 75 years and over", "date_of_birth": "2000-06-01"}
    columns = respondent_categories(answers, on=dt.date(2024, 6, 1))
    assert columns == {"age": "Aged 20 to 24 years", "age (8 categories)": "Aged 16 to 24 years"}


@pytest.mark.parametrize(
    ("born", "on", "five", "eight"),
    [
        ("2021-03-21", dt.date(2021, 3, 21), "Aged 4 years and under", "Aged 15 years and under"),
        ("2005-03-22", dt.date(2021, 3, 21), "Aged 15 to 19 years", "Aged 15 years and under"),
        ("2005-03-21", dt.date(2021, 3, 21), "Aged 15 to 19 years", "Aged 16 to 24 years"),
        ("1946-03-21", dt.date(2021, 3, 21), "Aged 75 to 79 years", "Aged 75 years and over"),
        ("1936-03-21", dt.date(2021, 3, 21), "Aged 85 years and over", "Aged 75 years and over"),
        ("2000-02-29", dt.date(2021, 2, 28), "Aged 20 to 24 years", "Aged 16 to 24 years"),
    ],
)
def test_age_bands(born: str, on: dt.date, five: str, eight: str) -> None:
    assert age_bands(born, on) == {"age": five, "age (8 categories)": eight}


def test_age_bands_of_no_date() -> None:
    assert age_bands("31/03/1980") == {}
    assert age_bands("2030-01-01", dt.date(2026, 1, 1)) == {}
    assert len(categories_of("age")) == 18  # TS007A's 18 five-year bands
    assert profile_category("date_of_birth", PREFER_NOT_TO_SAY) is None


def test_an_unknown_version_or_question_is_a_clear_error() -> None:
    with pytest.raises(
        ValueError, match=r"no monitoring questions of version '1999-1' \(there are 2024-1"
    ):
        monitoring_set("1999-1")
    with pytest.raises(ValueError, match="no monitoring questions of version '1999-1'"):
        respondent_categories({"sex": "Female"}, "1999-1")
    with pytest.raises(ValueError, match="no monitoring question 'shoe_size' in version '2024-1'"):
        monitoring_question("shoe_size")
    with pytest.raises(ValueError, match="no monitoring question 'shoe_size'"):
        profile_category("shoe_size", "Female")
    with pytest.raises(ValueError, match="gives 'height'"):
        categories_of("height")


def test_a_later_version_is_a_new_file_and_old_ones_stay_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads((monitoring.SETS_DIR / "2024-1.json").read_text("utf-8"))
    (tmp_path / "2024-1.json").write_text(json.dumps(data), "utf-8")
    data["version"] = "2031-1"
    data["questions"][2]["text"] = "What is your sex? (2031 wording)"
    (tmp_path / "2031-1.json").write_text(json.dumps(data), "utf-8")
    monkeypatch.setattr(monitoring, "SETS_DIR", tmp_path)
    monitoring._set.cache_clear()
    try:
        assert versions() == ["2024-1", "2031-1"]
        assert monitoring_question("sex", "2024-1").text == "What is your sex?"
        assert monitoring_question("sex", "2031-1").text == "What is your sex? (2031 wording)"
    finally:
        monitoring._set.cache_clear()


def test_the_data_ships_with_the_package() -> None:
    pyproject = Path(__file__).resolve().parents[4] / "pyproject.toml"
    assert '"monitoring/*.json"' in pyproject.read_text("utf-8")
    assert (monitoring.SETS_DIR / f"{CURRENT_VERSION}.json").is_file()


def test_workforce_uses_the_same_codes() -> None:
    from eqtrack.workforce.staff import ETHNIC_GROUPS, FEMALE, MALE

    assert categories_of("ethnic group (19)") == ETHNIC_GROUPS
    assert set(ETHNIC_GROUPS) == _census_categories()["ethnic group (19)"]
    assert (FEMALE, MALE) == ("Female", "Male")
