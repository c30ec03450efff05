"""Population profiles from eqtrack's CSV and from ONS Census 2021 download layouts."""

from io import StringIO

import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.consultations.models import PopulationProfile
from eqtrack.consultations.profiles import profile_read
from eqtrack.consultations.weighting import WeightingError

# The layout of an ONS bulk download (census2021-ts008-ltla.csv): one row an area.
ONS_WIDE = """date,geography,geography code,Sex: All persons; measures: Value,Sex: Female; measures: Value,Sex: Male; measures: Value
2021,Maidstone,E07000110,175800,89500,86300
2021,Tonbridge and Malling,E07000115,132200,67700,64500
"""
# The layout of an ONS custom-dataset download (long): one row an area and category.
ONS_LONG = """Lower tier local authorities Code,Lower tier local authorities,Disability (3 categories) Code,Disability (3 categories),Observation
E07000110,Maidstone,-8,Does not apply,0
E07000110,Maidstone,1,Disabled under the Equality Act,29300
E07000110,Maidstone,2,Not disabled under the Equality Act,146500
"""


def test_eqtracks_own_csv(tmp_path):
    path = tmp_path / "profile.csv"
    path.write_text(
        "variable,category,population\nage,16-34,10\nage,35+,20\nsex,Female,15\n", encoding="utf-8"
    )
    margins = profile_read(path)
    assert [(m.variable, m.population) for m in margins] == [
        ("age", {"16-34": 10.0, "35+": 20.0}),
        ("sex", {"Female": 15.0}),
    ]


def test_an_ons_bulk_download_needs_its_area_when_it_has_several(tmp_path):
    path = tmp_path / "census2021-ts008-ltla.csv"
    path.write_text(ONS_WIDE, encoding="utf-8")
    with pytest.raises(
        WeightingError,
        match="2 areas \\(Maidstone, Tonbridge and Malling, …\\); choose one with --area",
    ):
        profile_read(path)
    [margin] = profile_read(path, area="E07000110")
    assert (margin.variable, margin.population) == ("sex", {"Female": 89500.0, "Male": 86300.0})
    assert profile_read(path, area="Maidstone")[0].population == margin.population


def test_an_ons_custom_download(tmp_path):
    path = tmp_path / "ts038.csv"
    path.write_text(ONS_LONG, encoding="utf-8")
    [margin] = profile_read(path)
    assert margin.variable == "disability"
    assert margin.population == {
        "Disabled under the Equality Act": 29300.0,
        "Not disabled under the Equality Act": 146500.0,
    }


def test_an_unknown_file_is_named(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(
        WeightingError, match="x.csv: line 1: not a population profile eqtrack knows"
    ):
        profile_read(path)


@pytest.mark.django_db
def test_a_stored_profile_weights_responses(tmp_path):
    wide = tmp_path / "census2021-ts008-ltla.csv"
    wide.write_text(ONS_WIDE, encoding="utf-8")
    out = StringIO()
    call_command(
        "consultation-profile",
        str(wide),
        "--name",
        "Maidstone 2021",
        "--organisation",
        "Maidstone Borough Council",
        "--area",
        "Maidstone",
        stdout=out,
    )
    assert "Stored profile 'Maidstone 2021': sex (2)." in out.getvalue()
    with pytest.raises(CommandError, match="already has a profile 'Maidstone 2021'; use --replace"):
        call_command(
            "consultation-profile",
            str(wide),
            "--name",
            "Maidstone 2021",
            "--organisation",
            "Maidstone Borough Council",
            "--area",
            "Maidstone",
            stdout=StringIO(),
        )
    responses = tmp_path / "responses.csv"
    pd.DataFrame({"sex": ["Female"] * 70 + ["Male"] * 30}).to_csv(responses, index=False)
    weighted = tmp_path / "weighted.csv"
    call_command(
        "consultation-weight",
        str(responses),
        "--profile",
        "Maidstone 2021",
        "-o",
        str(weighted),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    frame = pd.read_csv(weighted)
    assert frame.weight[frame.sex == "Female"].sum() / 100 == pytest.approx(89500 / 175800)
    with pytest.raises(
        CommandError, match="give the population as --margins FILE or --profile NAME"
    ):
        call_command("consultation-weight", str(responses), "-o", str(weighted))


@pytest.mark.django_db
def test_the_demo_ships_a_profile_labelled_illustrative():
    call_command("demo", stdout=StringIO())
    profile = PopulationProfile.objects.get(archived_at__isnull=True, illustrative=True)
    assert "not census" in profile.name.lower()
    assert "not census data" in profile.source
    assert profile.counts.count() == 13
    # Beside it, the real Census 2021 figures the workforce is compared with, cited.
    census = PopulationProfile.objects.get(archived_at__isnull=True, illustrative=False)
    assert census.name == "Maidstone, Census 2021" and "TS021" in census.source
    assert "Open Government Licence" in census.licence
