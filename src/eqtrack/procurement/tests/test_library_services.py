"""The measures library's services, called directly: adding, changing and archiving entries
with their checks, the CSV round trip and its all-or-nothing import, and the PPN 002 seed."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from importlib import resources

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.tests.factories import ActionFactory, OrganisationFactory
from eqtrack.procurement.models import (
    SocialValueMeasure,
    SocialValueOutcome,
    SocialValueTheme,
    Source,
)
from eqtrack.procurement.services.library import (
    library_csv,
    library_import,
    library_seed_ppn002,
    measure_add,
    measure_archive,
    measure_change,
    outcome_add,
    theme_add,
    theme_archive,
    theme_change,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(slug="library-council")


@pytest.fixture
def outcome(org):
    theme = theme_add(organisation=org, name="Equal opportunity")
    return outcome_add(organisation=org, theme=theme, name="Tackle workforce inequality")


def _fields(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def _state():
    return tuple(
        list(model.history.values_list("history_id", flat=True))
        for model in (SocialValueTheme, SocialValueOutcome, SocialValueMeasure)
    )


def test_a_measure_is_added_with_its_fields_cleaned(org, outcome):
    action = ActionFactory(theme__plan__organisation=org, ref="4.2")
    measure = measure_add(
        organisation=org,
        outcome=outcome,
        code=" SV1 ",
        name="Weeks of\tapprenticeship\x00",
        unit="weeks",
        proxy_value="£1,250.50",
        characteristic="Age",
        action=action,
    )
    measure.refresh_from_db()
    assert (measure.code, measure.name, measure.proxy_value, measure.action) == (
        "SV1",
        "Weeks of apprenticeship",
        Decimal("1250.50"),
        action,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": "sv1"}, "code", "Another measure already has the code “sv1”"),
        ({"name": "  "}, "name", "Enter the measure's name"),
        ({"unit": "\x07"}, "unit", "Enter the unit"),
        ({"proxy_value": "-1"}, "proxy_value", "The proxy value must be 0 or more"),
        ({"proxy_value": "ten"}, "proxy_value", "Enter the proxy value as a number of pounds"),
        ({"proxy_value": "1.234"}, "proxy_value", "at most 2 decimal places"),
    ],
)
def test_a_bad_measure_is_refused_naming_the_field(org, outcome, changes, field, message):
    measure_add(organisation=org, outcome=outcome, code="SV1", name="First", unit="weeks")
    before = _state()
    answers = {"code": "SV2", "name": "Second", "unit": "people"} | changes
    with pytest.raises(ValidationError) as e:
        measure_add(organisation=org, outcome=outcome, **answers)
    assert list(_fields(e.value)) == [field]
    assert message in _fields(e.value)[field][0]
    assert _state() == before


def test_another_councils_action_is_refused(org, outcome):
    elsewhere = ActionFactory()
    with pytest.raises(ValidationError) as e:
        measure_add(
            organisation=org, outcome=outcome, code="SV1", name="N", unit="u", action=elsewhere
        )
    assert "action" in _fields(e.value)


def test_theme_names_are_unique_and_not_blank(org):
    theme_add(organisation=org, name="Environment")
    with pytest.raises(ValidationError) as e:
        theme_add(organisation=org, name="environment")
    assert _fields(e.value) == {"name": ["The library already has a theme called “environment”"]}
    with pytest.raises(ValidationError) as e:
        theme_add(organisation=org, name="\x01 ")
    assert _fields(e.value) == {"name": ["Enter the theme's name"]}


def test_only_procurement_officers_and_administrators_change_the_library(org):
    viewer = member_create(org, Role.VIEWER)
    officer = member_create(org, Role.PROCUREMENT)
    with pytest.raises(PermissionDenied):
        theme_add(organisation=org, name="Environment", user=viewer)
    theme = theme_add(organisation=org, name="Environment", user=officer)
    assert theme.history.first().history_user == officer


def test_a_measure_unchanged_keeps_no_new_version(org, outcome):
    measure = measure_add(organisation=org, outcome=outcome, code="SV1", name="N", unit="u")
    answers = {"outcome": outcome, "code": "SV1", "name": "N", "unit": "u"}
    measure_change(measure=measure, **answers)
    assert measure.history.count() == 1
    measure_change(measure=measure, **(answers | {"proxy_value": "12"}))
    assert measure.history.count() == 2
    assert measure.proxy_value == Decimal("12.00")


def test_renaming_a_ppn002_theme_makes_it_the_councils(org):
    library_seed_ppn002(organisation=org)
    theme = SocialValueTheme.objects.get(organisation=org, name="Take back our streets")
    assert theme.source == Source.PPN002
    theme_change(theme=theme, name="Safer streets")
    assert theme.source == Source.COUNCIL


def test_archived_entries_leave_the_export(org, outcome):
    kept = measure_add(organisation=org, outcome=outcome, code="SV1", name="Kept", unit="u")
    gone = measure_add(organisation=org, outcome=outcome, code="SV2", name="Gone", unit="u")
    measure_archive(measure=gone)
    rows = list(csv.DictReader(io.StringIO(library_csv(organisation=org).decode("utf-8-sig"))))
    assert [r["code"] for r in rows] == [kept.code]
    theme_archive(theme=outcome.theme)
    assert library_csv(organisation=org).decode("utf-8-sig").strip().count("\n") == 0


# --- CSV ------------------------------------------------------------------------------------

GOOD = (
    "theme,outcome,code,name,unit,proxy_value,characteristic,action,source\r\n"
    "Equal opportunity,Tackle workforce inequality,SV1,Apprenticeship weeks,weeks,200,Age,4.2,\r\n"
    "Equal opportunity,Tackle workforce inequality,SV2,=Jobs for care leavers,people,,,,council\r\n"
    'Environment,"Net zero, sooner",SV3,Tonnes of CO2 saved,tonnes,"1,000.50",,,\r\n'
)


def test_the_csv_import_adds_the_library_and_the_export_gives_it_back(org):
    action = ActionFactory(theme__plan__organisation=org, ref="4.2")
    counts = library_import(organisation=org, data=GOOD.encode(), filename="measures.csv")
    assert counts == {"added": 3, "changed": 0, "unchanged": 0}
    sv1 = SocialValueMeasure.objects.get(organisation=org, code="SV1")
    assert (sv1.outcome.theme.name, sv1.proxy_value, sv1.action) == (
        "Equal opportunity",
        Decimal("200.00"),
        action,
    )
    assert SocialValueMeasure.objects.get(code="SV3").outcome.name == "Net zero, sooner"
    exported = library_csv(organisation=org)
    text = exported.decode("utf-8-sig")
    # The formula-looking name is escaped for spreadsheets.
    assert "'=Jobs for care leavers" in text
    assert (
        text.splitlines()[0]
        == "theme,outcome,code,name,unit,proxy_value,characteristic,action,source"
    )
    # Exported and imported again: nothing changes, no new versions.
    before = _state()
    again = library_import(organisation=org, data=exported, filename="measures.csv")
    assert again == {"added": 0, "changed": 0, "unchanged": 3}
    assert _state() == before
    assert SocialValueMeasure.objects.get(code="SV2").name == "=Jobs for care leavers"
    assert library_csv(organisation=org) == exported


def test_a_changed_row_changes_its_measure_by_code(org):
    ActionFactory(theme__plan__organisation=org, ref="4.2")
    library_import(organisation=org, data=GOOD.encode())
    changed = GOOD.replace("Apprenticeship weeks,weeks,200", "Apprenticeship weeks,weeks,250")
    counts = library_import(organisation=org, data=changed.encode())
    assert counts == {"added": 0, "changed": 1, "unchanged": 2}
    assert SocialValueMeasure.objects.get(code="SV1").proxy_value == Decimal("250.00")


def test_every_bad_row_is_reported_by_line_and_column_and_nothing_is_saved(org):
    ActionFactory(theme__plan__organisation=org, ref="4.2")
    library_import(organisation=org, data=GOOD.encode())
    before = _state()
    bad = (
        "theme,outcome,code,name,unit,proxy_value,characteristic,action,source\n"
        "Equal opportunity,Tackle workforce inequality,SV1,Renamed,weeks,200,,,\n"
        "New theme,New outcome,SV9,,people,,,,\n"
        "New theme,New outcome,SV10,Name,people,-5,,,\n"
        "\n"
        "New theme,New outcome,sv9,Name,people,,,,\n"
        "New theme,New outcome,SV11,Name,people,,,9.9,\n"
        "New theme,New outcome,SV12,Name,people,,,,toms\n"
    )
    with pytest.raises(ValidationError) as e:
        library_import(organisation=org, data=bad.encode(), filename="measures.csv")
    assert e.value.messages == [
        "measures.csv, line 3, column name: the name is blank",
        "measures.csv, line 4, column proxy_value: the proxy value must be 0 or more",
        "measures.csv, line 6, column code: the code “sv9” is on line 3 too",
        "measures.csv, line 7, column action: no live plan action of the council has the "
        "reference “9.9”",
        "measures.csv, line 8, column source: “toms” is not a source: use council or ppn002 "
        "(or leave it blank)",
    ]
    assert _state() == before
    assert SocialValueMeasure.objects.get(code="SV1").name == "Apprenticeship weeks"
    assert not SocialValueTheme.objects.filter(name="New theme").exists()


def test_a_file_without_the_columns_is_refused(org):
    with pytest.raises(ValidationError) as e:
        library_import(organisation=org, data=b"theme,outcome,name,colour\nA,B,C,red\n")
    assert e.value.messages == [
        "measures.csv, line 1, column colour: not a column of the library (the columns are "
        "theme, outcome, code, name, unit, proxy_value, characteristic, action, source)",
        "measures.csv, line 1: the column “code” is missing",
        "measures.csv, line 1: the column “unit” is missing",
    ]
    with pytest.raises(ValidationError) as e:
        library_import(organisation=org, data=b"\xff\xfe\x00")
    assert e.value.messages[0].startswith("measures.csv: ")
    with pytest.raises(ValidationError) as e:
        library_import(organisation=org, data=b"")
    assert e.value.messages == ["measures.csv: is empty; it needs a heading row"]


def test_an_action_without_a_unique_reference_goes_by_its_number(org, outcome):
    first = ActionFactory(theme__plan__organisation=org, ref="1.1")
    ActionFactory(theme=first.theme, ref="1.1")
    unnamed = ActionFactory(theme=first.theme, ref=None)
    measure_add(organisation=org, outcome=outcome, code="SV1", name="A", unit="u", action=first)
    measure_add(organisation=org, outcome=outcome, code="SV2", name="B", unit="u", action=unnamed)
    exported = library_csv(organisation=org)
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    assert [r["action"] for r in rows] == [f"action-{first.pk}", f"action-{unnamed.pk}"]
    before = _state()
    assert library_import(organisation=org, data=exported)["unchanged"] == 2
    assert _state() == before
    with pytest.raises(ValidationError) as e:
        library_import(
            organisation=org, data=exported.replace(f"action-{first.pk}".encode(), b"1.1")
        )
    assert "more than one plan action has the reference “1.1”" in e.value.messages[0]


# --- PPN 002 --------------------------------------------------------------------------------


def test_the_seed_file_carries_its_source_and_licence_on_every_entry():
    data = json.loads(
        resources.files("eqtrack.procurement.seeds").joinpath("ppn002.json").read_text("utf-8")
    )
    source = data["source"]
    assert source["title"] == (
        "PPN 002: Taking account of social value in the award of central government contracts"
    )
    assert (source["publisher"], source["published"], source["licence"]) == (
        "Cabinet Office",
        "2025-02-13",
        "Open Government Licence v3.0",
    )
    assert source["url"].startswith("https://www.gov.uk/")
    assert "Crown copyright" in source["copyright"]
    entries = [t for t in data["themes"]]
    entries += [o for t in data["themes"] for o in t["outcomes"]]
    entries += [m for t in data["themes"] for o in t["outcomes"] for m in o.get("measures", [])]
    assert len(data["themes"]) == 5
    for entry in entries:
        assert entry["source"] == "ppn002"
        assert entry["licence"] == "Open Government Licence v3.0"
    # The National TOMs (CC BY-NC-ND) are not shipped.
    assert "TOMs" not in json.dumps(data["themes"])


def test_seeding_twice_adds_the_missions_once(org):
    assert library_seed_ppn002(organisation=org) == 5
    before = _state()
    assert library_seed_ppn002(organisation=org) == 0
    assert _state() == before
    assert list(
        SocialValueTheme.objects.filter(organisation=org).values_list("name", "source")
    ) == [
        ("Kickstart economic growth", "ppn002"),
        ("Make Britain a clean energy superpower", "ppn002"),
        ("Take back our streets", "ppn002"),
        ("Break down barriers to opportunity", "ppn002"),
        ("Build an NHS fit for the future", "ppn002"),
    ]
