"""Importing the council's existing list: CSV, Excel with a column mapping and Open Referral
JSON; duplicates reported, never merged; a failed import stores nothing."""

import shutil
from pathlib import Path

import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.directory.models import Service
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
    full = tmp_path / "service_full.json"
    shutil.copy(EXAMPLES / "service_full.json", full)
    call_command("directory-import", str(full), "--organisation", "borough", "--openreferral")
    assert "possible duplicate" in capsys.readouterr().out
