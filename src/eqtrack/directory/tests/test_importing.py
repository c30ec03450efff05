"""Importing the council's existing list: CSV, Excel with a column mapping and Open Referral
JSON; duplicates reported, never merged; a failed import stores nothing."""

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.directory.models import Group, Location, Service
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parent / "openreferral-uk" / "examples"


@pytest.fixture
def council():
    return Organisation.objects.create(name="Borough", slug="borough")


def test_a_csv_with_usual_column_names_and_its_duplicates(council, tmp_path, capsys):
    sheet = tmp_path / "groups.csv"
    sheet.write_text(
        "Organisation Name,Description,Postcode,Category\n"
        "Maidstone Mosque,A mosque.,ME15 6AA,Faith groups and places of worship\n"
        "Royal British Legion,Veterans' branch.,ME14 1AA,Armed forces and veterans\n"
        "Royal British Legion.,The same branch again.,ME16 0AA,\n"
        "Maidstone Mosque,Listed twice.,ME15 6AA,\n"
    )
    call_command("directory-import", str(sheet), "--organisation", "borough")
    out = capsys.readouterr().out
    assert "4 listing(s) imported" in out
    assert (
        "possible duplicate: 'Royal British Legion.' and 'Royal British Legion' (very similar names)"
        in out
    )
    assert (
        "possible duplicate: 'Maidstone Mosque' and 'Maidstone Mosque' (same name and postcode)"
        in out
    )
    assert Service.objects.filter(listing="approved").count() == 4  # nothing merged
    assert Service.objects.filter(possible_duplicate_of__isnull=False).count() == 2
    mosque = Service.objects.filter(group__name="Maidstone Mosque").first()
    assert [t.name for t in mosque.terms.all()] == ["Faith groups and places of worship"]


def test_excel_with_a_column_mapping(council, tmp_path):
    path = tmp_path / "groups.xlsx"
    pd.DataFrame({"Group called": ["Carers' Café"], "Blurb": ["For carers."]}).to_excel(
        path, index=False
    )
    call_command(
        "directory-import",
        str(path),
        "--organisation",
        "borough",
        "--map",
        "group_name=Group called",
        "--map",
        "group_description=Blurb",
    )
    assert Service.objects.get().group.description == "For carers."


def test_a_bad_row_names_the_line_and_stores_nothing(council, tmp_path):
    sheet = tmp_path / "groups.csv"
    sheet.write_text("name,category\nGood group,\nBad group,Knitting\n")
    with pytest.raises(
        CommandError, match=r"groups.csv: line 3: category 'knitting' is not one of"
    ):
        call_command("directory-import", str(sheet), "--organisation", "borough")
    assert not Service.objects.exists()
    empty = tmp_path / "empty-name.csv"
    empty.write_text('name\nGood group\n""\n')
    with pytest.raises(CommandError, match="line 3: group_name is empty. Nothing was imported"):
        call_command("directory-import", str(empty), "--organisation", "borough")
    with pytest.raises(CommandError, match="there is no column 'Nope'"):
        call_command(
            "directory-import", str(sheet), "--organisation", "borough", "--map", "group_name=Nope"
        )


def test_another_open_referral_feeds_json(council, tmp_path, capsys):
    feed = tmp_path / "service_list.json"
    shutil.copy(EXAMPLES / "service_list.json", feed)
    call_command("directory-import", str(feed), "--organisation", "borough", "--openreferral")
    assert Service.objects.filter(name="Community Counselling").exists()
    imported = Service.objects.count()
    full = tmp_path / "service_full.json"
    shutil.copy(EXAMPLES / "service_full.json", full)
    # The profile's example gives its address a made-up postcode: refused, naming the service.
    with pytest.raises(
        CommandError,
        match=r"service_full.json: service 1: postal_code 'ABC 1234' is not a UK postcode "
        r"\(like ME14 1XX\). Nothing was imported",
    ):
        call_command("directory-import", str(full), "--organisation", "borough", "--openreferral")
    assert Service.objects.count() == imported
    full.write_text(full.read_text(encoding="utf-8").replace('"ABC 1234"', '"me14 1aa"'))
    call_command("directory-import", str(full), "--organisation", "borough", "--openreferral")
    assert "possible duplicate" in capsys.readouterr().out
    assert [loc.postal_code for loc in Location.objects.all()] == ["ME14 1AA"]


def test_a_bad_postcode_names_the_line_and_stores_nothing(council, tmp_path):
    sheet = tmp_path / "groups.csv"
    sheet.write_text(
        "name,address,town,postcode\n"
        "Good group,1 High Street,Maidstone,me141aa\n"
        "Bad group,2 High Street,Maidstone,ME14 1PLX\n"
    )
    with pytest.raises(
        CommandError,
        match=r"groups.csv: line 3: postal_code 'ME14 1PLX' is not a UK postcode "
        r"\(like ME14 1XX\). Nothing was imported",
    ):
        call_command("directory-import", str(sheet), "--organisation", "borough")
    assert not Service.objects.exists() and not Group.objects.exists()
    assert not Location.objects.exists()
    sheet.write_text(
        "name,address,town,postcode\n"
        "Good group,1 High Street,Maidstone,me141aa\n"
        "Online group,,,  tn1 1aa \n"
    )
    call_command("directory-import", str(sheet), "--organisation", "borough")
    assert [loc.postal_code for loc in Location.objects.all()] == ["ME14 1AA"]  # as written


def test_a_csv_with_escaped_formulas_imports_the_exact_text(council, tmp_path):
    # eqtrack's CSV writes "'" before text a spreadsheet would take for a formula; reading a
    # CSV made that way takes it off again, and a "'" that is really there stays.
    from eqtrack.core.cells import row_escape

    sheet = tmp_path / "groups.csv"
    names = ['=HYPERLINK("http://x","y")', "+44 Friends", "'Quoted", "'=quoted formula"]
    rows = [["Organisation Name", "Description"], *[row_escape([n, "A group."]) for n in names]]
    with sheet.open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    assert "''=quoted formula" in sheet.read_text()
    call_command("directory-import", str(sheet), "--organisation", "borough")
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(names)
