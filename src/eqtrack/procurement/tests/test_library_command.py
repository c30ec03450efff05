"""`eqtrack measures import|export`: the library's CSV at the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.plans.tests.factories import OrganisationFactory
from eqtrack.procurement.models import SocialValueMeasure

pytestmark = pytest.mark.django_db

CSV = (
    "theme,outcome,code,name,unit,proxy_value\n"
    "Equal opportunity,Tackle workforce inequality,SV1,Apprenticeship weeks,weeks,200\n"
)


def test_import_then_export_then_import_again(tmp_path):
    org = OrganisationFactory(slug="cli-council")
    source = tmp_path / "measures.csv"
    source.write_text(CSV)
    out = io.StringIO()
    call_command("measures", "import", str(source), "--organisation", "cli-council", stdout=out)
    assert out.getvalue().strip() == "measures.csv: 1 measures added, 0 changed, 0 unchanged"
    assert SocialValueMeasure.objects.get(organisation=org).unit == "weeks"
    exported = tmp_path / "out.csv"
    call_command(
        "measures", "export", str(exported), "--organisation", "cli-council", stdout=io.StringIO()
    )
    out = io.StringIO()
    call_command("measures", "import", str(exported), "--organisation", "cli-council", stdout=out)
    assert out.getvalue().strip() == "out.csv: 0 measures added, 0 changed, 1 unchanged"


def test_a_bad_file_is_reported_and_nothing_imported(tmp_path):
    OrganisationFactory(slug="cli-council")
    source = tmp_path / "measures.csv"
    source.write_text(CSV.replace(",weeks,", ",,"))
    with pytest.raises(CommandError) as e:
        call_command("measures", "import", str(source), "--organisation", "cli-council")
    assert str(e.value) == (
        "measures.csv, line 2, column unit: the unit is blank\nNothing was imported."
    )
    assert not SocialValueMeasure.objects.exists()
    with pytest.raises(CommandError, match="no such file"):
        call_command(
            "measures", "import", str(tmp_path / "none.csv"), "--organisation", "cli-council"
        )
