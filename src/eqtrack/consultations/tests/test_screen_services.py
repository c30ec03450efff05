"""The services behind the consultation screens, called directly: who may, what a bad input
leaves behind (nothing), profiles from Census 2021 and from shares, and a draft's mapping
turned into the mapping CSV the CLI and the admin use."""

from __future__ import annotations

import pandas as pd
import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Role
from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.census import BROAD_ETHNIC_GROUP, census_margins
from eqtrack.consultations.mapping import (
    answer_guess,
    mapping_csv,
    mapping_parse,
    profile_characteristics,
)
from eqtrack.consultations.models import Consultation, ConsultationDraft, PopulationProfile
from eqtrack.consultations.profiles import shares_parse
from eqtrack.consultations.services import (
    consultation_create,
    draft_answers_set,
    draft_columns_set,
    draft_finish,
    draft_from_consultation,
    draft_profile_set,
    draft_responses_set,
    draft_start,
    profile_archive,
    profile_create,
    profile_create_from_census,
    profile_create_from_shares,
)
from eqtrack.consultations.weighting import Margin, WeightingError
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return Organisation.objects.create(name="Test Borough", slug="test-borough")


@pytest.fixture
def people(org):
    other = Organisation.objects.create(name="Other", slug="other")
    return {
        "admin": member_create(org, Role.ADMINISTRATOR),
        "manager": member_create(org, Role.MANAGER),
        "viewer": member_create(org, Role.VIEWER),
        "outsider": member_create(other, Role.ADMINISTRATOR),
    }


def test_only_administrators_manage_consultations(org, people):
    assert can_manage_consultations(people["admin"], org.pk)
    for role in ("manager", "viewer", "outsider"):
        assert not can_manage_consultations(people[role], org.pk)
        with pytest.raises(PermissionDenied):
            draft_start(organisation=org, user=people[role], title="x")
        with pytest.raises(PermissionDenied):
            profile_create_from_census(
                organisation=org,
                user=people[role],
                name="x",
                area_code="E07000110",
                characteristics=["sex"],
            )
    assert not ConsultationDraft.objects.exists() and not PopulationProfile.objects.exists()


def test_census_figures_become_a_cited_profile_with_broad_ethnic_groups(org, people):
    broad = next(m for m in census_margins("E07000110") if m.variable == BROAD_ETHNIC_GROUP)
    assert set(broad.population) == {
        "Asian, Asian British or Asian Welsh",
        "Black, Black British, Black Welsh, Caribbean or African",
        "Mixed or Multiple ethnic groups",
        "White",
        "Other ethnic group",
    }
    assert broad.population["White"] == 144114 + 994 + 1009 + 273 + 11474
    profile = profile_create_from_census(
        organisation=org,
        user=people["admin"],
        name="Maidstone",
        area_code="E07000110",
        characteristics=["sex", "religion"],
    )
    assert profile.area == "Maidstone (E07000110)"
    assert "Census 2021" in profile.source and "Open Government Licence" in profile.licence
    assert dict(profile.counts.filter(variable="sex").values_list("category", "population")) == {
        "Female": 88817,
        "Male": 86964,
    }
    assert profile.history.get().history_user == people["admin"]
    with pytest.raises(WeightingError, match="choose another name"):
        profile_create_from_census(
            organisation=org,
            user=people["admin"],
            name="Maidstone",
            area_code="E07000110",
            characteristics=["sex"],
        )
    with pytest.raises(WeightingError, match="no Census 2021 figures"):
        profile_create_from_census(
            organisation=org,
            user=people["admin"],
            name="Nowhere",
            area_code="E00000000",
            characteristics=["sex"],
        )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "characteristic,category,share\nsex,F,50\nsex,M,-0.1\n",
            "s.csv: line 3: share '-0.1' is negative",
        ),
        (
            "characteristic,category,share\nsex,F,50\nsex,M,49.4\n",
            "s.csv: lines 2 to 3: the shares of 'sex' add up to 99.4, not 100",
        ),
        (
            "characteristic,category,share\nsex,F,50\nsex,M,x\n",
            "s.csv: line 3: share 'x' is not a number",
        ),
        (
            "characteristic,category,share\nsex,,50\n",
            "s.csv: line 2: the characteristic or category is empty",
        ),
        ("name,value\n", "s.csv: line 1: expected the columns characteristic,category,share"),
        ("characteristic,category,share\n", "s.csv: has no shares under its headings"),
    ],
)
def test_a_file_of_shares_with_a_mistake_names_the_line(text, message):
    with pytest.raises(WeightingError) as error:
        shares_parse(text.encode(), source="s.csv")
    assert str(error.value) == message


def test_shares_within_half_a_point_of_100_are_taken(org, people):
    margins = shares_parse(
        b"variable,category,share\nsex,F,50.3\nsex,M,50.1\nage,Young,30%\nage,Old,70\n",
        source="s.csv",
    )
    assert [(m.variable, m.population) for m in margins] == [
        ("sex", {"F": 50.3, "M": 50.1}),
        ("age", {"Young": 30.0, "Old": 70.0}),
    ]
    with pytest.raises(WeightingError, match="s.csv: line 1"):
        profile_create_from_shares(
            organisation=org, user=people["admin"], name="Mine", filename="s.csv", data=b"bad"
        )
    assert not PopulationProfile.objects.exists()


def _survey() -> bytes:
    return (
        pd.DataFrame(
            {
                "Age band": ["Young"] * 30 + ["Old"] * 60 + ["Rather not say"] * 10,
                "Q1": ["Yes", "No"] * 50,
            }
        )
        .to_csv(index=False)
        .encode()
    )


def test_a_draft_goes_from_upload_to_a_weighted_consultation(org, people):
    admin = people["admin"]
    profile = profile_create(
        organisation=org,
        name="P",
        margins=[Margin("age", {"Young": 40, "Old": 60}), Margin("sex", {"F": 50, "M": 50})],
    )
    draft = draft_start(organisation=org, user=admin, title="Survey")
    with pytest.raises(WeightingError, match="upload the responses"):
        draft_finish(draft=draft, user=admin)
    draft_responses_set(draft=draft, user=admin, filename="s.csv", data=_survey())
    assert draft.columns == ["Age band", "Q1"] and draft.respondents == 100
    # A bad file afterwards leaves the draft as it was.
    with pytest.raises(WeightingError, match="bad.csv"):
        draft_responses_set(draft=draft, user=admin, filename="bad.csv", data=b'a,b\n"1,2\n')
    draft.refresh_from_db()
    assert draft.responses_filename == "s.csv"
    draft_profile_set(draft=draft, user=admin, profile=profile)
    assert set(draft.mapping) == {"age", "sex"}
    with pytest.raises(WeightingError, match="at least one"):
        draft_columns_set(draft=draft, user=admin, columns={"age": "", "sex": ""}, questions=[])
    with pytest.raises(WeightingError, match="chosen for two"):
        draft_columns_set(draft=draft, user=admin, columns={"age": "Q1", "sex": "Q1"}, questions=[])
    draft_columns_set(
        draft=draft, user=admin, columns={"age": "Age band", "sex": ""}, questions=["Q1"]
    )
    with pytest.raises(WeightingError, match="not one of its categories"):
        draft_answers_set(draft=draft, user=admin, answers={"age": {"Young": "Teen"}})
    draft_answers_set(
        draft=draft,
        user=admin,
        answers={"age": {"Young": "Young", "Old": "Old", "Rather not say": ""}},
    )
    consultation = draft_finish(draft=draft, user=admin)
    assert consultation.diagnostics["weighted"] == 90
    assert any("not weighted by sex" in line for line in consultation.diagnostics["lines"])
    assert bytes(consultation.mapping).decode().splitlines() == [
        "variable,column,answer,category",
        "age,Age band,Young,Young",
        "age,Age band,Old,Old",
    ]
    assert {r["question"] for r in consultation.results} == {"Q1"}
    # The same mapping, read back as the CLI reads it.
    [age] = mapping_parse(bytes(consultation.mapping).decode(), source="m")
    assert age.column == "Age band" and age.answers == {"young": "Young", "old": "Old"}

    # Changing it: a draft of the consultation, carrying its mapping answer by answer.
    change = draft_from_consultation(consultation=consultation, user=admin)
    assert draft_from_consultation(consultation=consultation, user=admin) == change
    assert change.mapping["age"]["answers"] == {
        "Old": "Old",
        "Young": "Young",
        "Rather not say": "",
    }
    with pytest.raises(PermissionDenied):
        draft_finish(draft=change, user=people["viewer"])
    other = profile_create(
        organisation=org, name="Q", margins=[Margin("age", {"Young": 1, "Old": 3})]
    )
    draft_profile_set(draft=change, user=admin, profile=other)
    draft_columns_set(draft=change, user=admin, columns={"age": "Age band"}, questions=["Q1"])
    draft_answers_set(
        draft=change,
        user=admin,
        answers={"age": {"Young": "Young", "Old": "Old", "Rather not say": ""}},
    )
    assert draft_finish(draft=change, user=admin) == consultation
    consultation.refresh_from_db()
    assert consultation.profile == other
    latest = consultation.history.order_by("-history_id").first()
    assert latest.history_change_reason == "profile changed to Q"
    assert Consultation.objects.count() == 1


def test_a_profile_in_use_is_not_archived(org, people):
    profile = profile_create(organisation=org, name="P", margins=[Margin("age", {"Y": 1, "O": 1})])
    consultation_create(
        organisation=org,
        title="Uses P",
        responses_filename="s.csv",
        responses=b"age\nY\nO\n",
        profile=profile,
    )
    with pytest.raises(WeightingError, match="1 consultation use this profile .Uses P."):
        profile_archive(profile=profile, user=people["admin"])
    with pytest.raises(PermissionDenied):
        profile_archive(profile=profile, user=people["viewer"])
    profile.refresh_from_db()
    assert profile.archived_at is None


def test_joint_margins_are_two_characteristics_and_answers_are_guessed():
    characteristics = profile_characteristics(
        [Margin("age*sex", {"Young*F": 1, "Young*M": 1, "Old*F": 1, "Old*M": 1})]
    )
    assert characteristics == {"age": ["Young", "Old"], "sex": ["F", "M"]}
    assert answer_guess("young ", ["Young", "Old"]) == "Young"
    assert answer_guess("Prefer not to say", ["Young", "Old"]) == ""
    assert answer_guess("Teen", ["Young", "Old"]) is None
    [earlier] = mapping_parse("variable,column,answer,category\nage,A,10..30,Young\n", source="m")
    assert answer_guess("25", ["Young", "Old"], earlier) == "Young"
    assert mapping_csv({"age": {"column": "A", "answers": {"x": "Young", "y": ""}}}) == (
        b"variable,column,answer,category\nage,A,x,Young\n"
    )
