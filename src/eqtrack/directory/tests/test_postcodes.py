"""Distance search from a postcode, with centroids from an ONS Postcode Directory CSV: hidden,
not broken, until one is loaded."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.directory.services import listing_approve, listing_create
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db

ONSPD = """pcd,pcd2,pcds,dointr,doterm,lat,long
ME141AA,ME14 1AA,ME14 1AA,198001,,51.2780,0.5220
ME156AA,ME15 6AA,ME15 6AA,198001,,51.2560,0.5300
TN11AA,TN1 1AA,TN1 1AA,198001,,51.1320,0.2630
ME99ZZ,ME9 9ZZ,ME9 9ZZ,198001,200001,51.3000,0.7000
"""


@pytest.fixture
def council():
    return Organisation.objects.create(name="Borough", slug="borough")


def _listing(council, name, postcode):
    service = listing_create(
        organisation=council,
        group_name=name,
        group_description="A group.",
        service_name=name,
        service_description="Something.",
        address_1="1 High Street",
        city="Town",
        postal_code=postcode,
    )
    listing_approve(service=service, user=member_create(council, Role.REVIEWER))
    return service


def test_without_postcodes_distance_search_is_hidden(client, council):
    _listing(council, "Town centre club", "ME14 1AA")
    html = client.get("/borough/directory/?postcode=ME14+1AA").content.decode()
    assert 'id="postcode"' not in html and "Town centre club" in html


def test_nearest_first_within_the_distance(client, council, tmp_path):
    onspd = tmp_path / "ONSPD.csv"
    onspd.write_text(ONSPD)
    call_command("directory-postcodes", str(onspd))
    _listing(council, "Town centre club", "ME14 1AA")
    _listing(council, "Shepway group", "ME15 6AA")
    _listing(council, "Tunbridge Wells group", "TN1 1AA")
    html = client.get("/borough/directory/?postcode=me15+6aa&within=3").content.decode()
    assert 'id="postcode"' in html
    assert html.index("Shepway group") < html.index("Town centre club")
    assert "(0.0 miles away)" in html and "Tunbridge Wells group" not in html
    # The town centre is about a mile and a half from ME15 6AA; Tunbridge Wells fourteen.
    close = client.get("/borough/directory/?postcode=ME156AA&within=1").content.decode()
    assert "Shepway group" in close and "Town centre club" not in close
    assert (
        "Tunbridge Wells group"
        not in client.get("/borough/directory/?postcode=ME156AA&within=10").content.decode()
    )
    unknown = client.get("/borough/directory/?postcode=ZZ1+1ZZ").content.decode()
    assert "We do not know the postcode ZZ1 1ZZ" in unknown
    malformed = client.get("/borough/directory/?postcode=ME14+1PLX").content.decode()
    assert "Enter a real postcode, like ME14 1XX" in malformed
    assert "We do not know the postcode" not in malformed


def test_a_file_that_is_not_onspd_gets_one_message(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("postcode,x\nME14 1AA,1\n")
    with pytest.raises(CommandError, match="bad.csv: not an ONS Postcode Directory CSV"):
        call_command("directory-postcodes", str(bad))
    broken = tmp_path / "broken.csv"
    broken.write_text("pcds,lat,long\nME14 1AA,north,0.5\n")
    with pytest.raises(CommandError, match="broken.csv: line 2: lat and long must be numbers"):
        call_command("directory-postcodes", str(broken))


def test_service_at_locations_near_a_postcode(client, council, tmp_path):
    assert client.get("/openreferral/service_at_locations?postcode=ME14+1AA").status_code == 400
    onspd = tmp_path / "ONSPD.csv"
    onspd.write_text(ONSPD)
    call_command("directory-postcodes", str(onspd))
    _listing(council, "Town centre club", "ME14 1AA")
    _listing(council, "Tunbridge Wells group", "TN1 1AA")
    near = client.get("/openreferral/service_at_locations?postcode=ME141AA&proximity=3000").json()
    assert near["total_items"] == 1
    wide = client.get("/openreferral/service_at_locations?postcode=ME141AA&proximity=40000").json()
    assert wide["total_items"] == 2
    unknown = client.get("/openreferral/service_at_locations?postcode=ZZ11ZZ")
    assert unknown.status_code == 400 and "not a known postcode" in unknown.json()["error"]


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("M1 1AA", "M1 1AA"),
        ("m11aa", "M1 1AA"),
        ("B33 8TH", "B33 8TH"),
        ("cr2 6xh", "CR2 6XH"),
        ("DN551PT", "DN55 1PT"),
        ("W1A 1HQ", "W1A 1HQ"),
        (" ec1a  1bb ", "EC1A 1BB"),
        ("ME14 1PLX", None),
        ("ME14", None),
        ("ME14 1A", None),
        ("1ME4 1AA", None),
        ("ME144 1AA", None),
        ("", None),
    ],
)
def test_the_shape_of_a_uk_postcode(typed, kept):
    from eqtrack.directory.postcodes import postcode_clean

    assert postcode_clean(typed) == kept
