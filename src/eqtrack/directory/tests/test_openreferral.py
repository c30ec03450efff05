"""Every Open Referral UK endpoint, with the seeded data, validates against the profile's JSON
Schemas (a copy of ../shared/spec/openreferral-uk/ in openreferral-uk/), and serves approved
listings only."""

import datetime as dt
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.directory.models import Schedule, TaxonomyTerm
from eqtrack.directory.services import listing_approve, listing_create, taxonomy_seed
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db
SPEC = Path(__file__).resolve().parent / "openreferral-uk" / "schema"


def _schema(name: str) -> Draft202012Validator:
    def retrieve(uri: str) -> Resource:
        from referencing.jsonschema import DRAFT202012

        contents = json.loads((SPEC / uri.rsplit("/", 1)[-1]).read_text())
        return Resource.from_contents(contents, default_specification=DRAFT202012)

    schema = json.loads((SPEC / name).read_text())
    # The profile's schemas are tabular-data descriptions too; their constraints are for CSV.
    return Draft202012Validator(
        schema,
        # referencing marks Registry as an attrs class in a way mypy does not read: no arguments.
        registry=Registry(retrieve=retrieve),  # type: ignore[call-arg]
        format_checker=FormatChecker(),
    )


def _valid(validator: Draft202012Validator, document) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


@pytest.fixture
def directory():
    council = Organisation.objects.create(name="Borough", slug="borough")
    taxonomy_seed(organisation=council)
    faith = TaxonomyTerm.objects.get(code="faith")
    approved = listing_create(
        organisation=council,
        group_name="St Mary's Church",
        group_description="A parish church.",
        service_name="Warm space",
        service_description="A warm room with tea, Mondays and Wednesdays.",
        terms=[faith, TaxonomyTerm.objects.get(code="cost-of-living")],
        address_1="1 Church Street",
        city="Maidstone",
        postal_code="me14 1aa",
        contact={
            "name": "Jo Bloggs",
            "phone": "01622 000000",
            "email": "jo@example.org",
            "publish_name": True,
            "publish_phone": True,
        },
        website="https://stmarys.example.org",
        minimum_age=0,
    )
    Schedule.objects.create(
        organisation=council,
        service=approved,
        freq="WEEKLY",
        byday="MO,WE",
        opens_at=dt.time(10),
        closes_at=dt.time(16),
        description="Mon and Wed",
    )
    listing_approve(service=approved, user=member_create(council, Role.REVIEWER))
    pending = listing_create(
        organisation=council,
        group_name="New group",
        group_description="Waiting for a moderator.",
        service_name="Pending service",
        service_description="Not public yet.",
        terms=[faith],
    )
    return approved, pending, faith


def test_the_index(client, directory):
    response = client.get("/openreferral/")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["version"] == "3.0"


def test_services_list_and_one_validate_and_show_approved_listings_only(client, directory):
    approved, pending, faith = directory
    listing = client.get("/openreferral/services").json()
    assert listing["total_items"] == 1 and listing["first_page"] and listing["last_page"]
    assert [s["name"] for s in listing["contents"]] == ["Warm space"]
    for item in listing["contents"]:
        _valid(_schema("compiled/service_list.json"), item)
    full = client.get(f"/openreferral/services/{approved.uid}").json()
    _valid(_schema("compiled/service.json"), full)
    assert full["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "ME14 1AA"
    assert full["contacts"][0]["phones"][0]["number"] == "01622 000000"
    assert "email" not in full["contacts"][0]  # not consented to, not published
    assert "maximum_age" not in full  # empty optional fields are left out
    assert client.get(f"/openreferral/services/{pending.uid}").status_code == 404
    assert client.get("/openreferral/services/not-a-uuid").status_code == 404


def test_services_filters_and_paging(client, directory):
    approved, _, faith = directory
    assert client.get("/openreferral/services?search=warm").json()["total_items"] == 1
    assert client.get("/openreferral/services?search=nothing").json()["empty"] is True
    by_term = client.get(f"/openreferral/services?taxonomy_term_id={faith.uid}").json()
    assert by_term["total_items"] == 1

    # The profile's words: a minimum age of at least, a maximum age of at most (ours: 0, none).
    def count(query):
        return client.get(f"/openreferral/services?{query}").json()["total_items"]

    assert count("minimum_age=0") == 1 and count("minimum_age=5") == 0
    assert count("maximum_age=99") == 0
    # Its schedule: Mondays and Wednesdays, 10:00 to 16:00.
    assert count("day=MO") == 1 and count("day=Wednesday") == 1 and count("day=FR") == 0
    assert count("start_time=09:00") == 1 and count("start_time=11:00") == 0
    assert count("end_time=16:00") == 1 and count("end_time=15:00") == 0
    assert count("day=MO&start_time=10:00&end_time=17:00") == 1
    bad_day = client.get("/openreferral/services?day=Funday")
    assert bad_day.status_code == 400 and bad_day.json()["error"].startswith("day:")
    assert client.get("/openreferral/services?start_time=noon").status_code == 400
    page = client.get("/openreferral/services?per_page=1&page=2").json()
    assert page["page_number"] == 2 and page["size"] == 0 and not page["first_page"]
    bad = client.get("/openreferral/services?page=two")
    assert bad.status_code == 400 and "page" in bad.json()["error"]


def test_taxonomies_and_terms_validate(client, directory):
    taxonomies = client.get("/openreferral/taxonomies").json()
    assert taxonomies["total_items"] == 1
    taxonomy = client.get(f"/openreferral/taxonomies/{taxonomies['contents'][0]['id']}").json()
    _valid(_schema("taxonomy.json"), taxonomy)
    assert len(taxonomy["taxonomy_terms"]) == 12
    terms = client.get("/openreferral/taxonomy_terms?per_page=100").json()
    assert terms["total_items"] == 12
    names = {t["name"] for t in terms["contents"]}
    assert {"Faith groups and places of worship", "Armed forces and veterans", "LGBT+"} <= names
    for term in terms["contents"]:
        _valid(_schema("taxonomy_term.json"), term)
    one = client.get(f"/openreferral/taxonomy_terms/{terms['contents'][0]['id']}").json()
    _valid(_schema("taxonomy_term.json"), one)


def test_service_at_locations_validate(client, directory):
    listing = client.get("/openreferral/service_at_locations").json()
    assert listing["total_items"] == 1
    for item in listing["contents"]:
        _valid(_schema("compiled/service_at_location_list.json"), item)
    full = client.get(f"/openreferral/service_at_locations/{listing['contents'][0]['id']}").json()
    _valid(_schema("compiled/service.json"), full)


def test_service_at_locations_take_the_services_filters(client, directory):
    # The profile gives /service_at_locations the same filters as /services.
    def count(query):
        return client.get(f"/openreferral/service_at_locations?{query}").json()["total_items"]

    assert count("day=MO") == 1 and count("day=FR") == 0
    assert count("start_time=09:00") == 1 and count("start_time=11:00") == 0
    assert count("end_time=15:00") == 0 and count("minimum_age=5") == 0
    _, _, faith = directory
    assert count(f"taxonomy_term_id={faith.uid}") == 1 and count("search=nothing") == 0
    assert client.get("/openreferral/service_at_locations?day=Funday").status_code == 400


def _council_with_listing(slug: str, service_name: str):
    council = Organisation.objects.create(name=slug.title(), slug=slug)
    taxonomy_seed(organisation=council)
    service = listing_create(
        organisation=council,
        group_name=f"{service_name} group",
        group_description="A group.",
        service_name=service_name,
        service_description="Something for everyone.",
        terms=[TaxonomyTerm.objects.get(organisation=council, code="carers")],
        address_1="1 High Street",
        postal_code="ME14 1AA",
    )
    listing_approve(service=service, user=member_create(council, Role.REVIEWER))
    return council, service


def test_each_council_has_its_own_feed_and_never_shows_anothers(client, settings):
    _, kent = _council_with_listing("kent", "Carers cafe")
    _, surrey = _council_with_listing("surrey", "Carers walk")

    def names(path):
        return [s["name"] for s in client.get(path).json()["contents"]]

    assert names("/kent/openreferral/services") == ["Carers cafe"]
    assert names("/surrey/openreferral/services?search=carers") == ["Carers walk"]
    assert client.get(f"/kent/openreferral/services/{kent.uid}").status_code == 200
    assert client.get(f"/kent/openreferral/services/{surrey.uid}").status_code == 404
    kent_sal = client.get("/kent/openreferral/service_at_locations").json()["contents"]
    assert len(kent_sal) == 1
    assert (
        client.get(f"/surrey/openreferral/service_at_locations/{kent_sal[0]['id']}").status_code
        == 404
    )
    assert client.get("/kent/openreferral/taxonomies").json()["total_items"] == 1
    kent_terms = client.get("/kent/openreferral/taxonomy_terms?per_page=100").json()["contents"]
    surrey_terms = client.get("/surrey/openreferral/taxonomy_terms?per_page=100").json()["contents"]
    assert len(kent_terms) == 12 and not {t["id"] for t in kent_terms} & {
        t["id"] for t in surrey_terms
    }
    assert (
        client.get(f"/kent/openreferral/taxonomy_terms/{surrey_terms[0]['id']}").status_code == 404
    )

    # With two councils, /openreferral/ cannot tell whose directory is meant, and says so ...
    unsure = client.get("/openreferral/services")
    assert unsure.status_code == 404 and "kent, surrey" in unsure.json()["error"]
    assert unsure["Access-Control-Allow-Origin"] == "*"
    assert client.get("/nowhere/openreferral/services").status_code == 404
    # ... until the site names its own.
    settings.EQTRACK_OPENREFERRAL_ORGANISATION = "surrey"
    assert names("/openreferral/services") == ["Carers walk"]


def test_stale_listings_leave_the_feed_when_the_council_hides_them(client, directory, settings):
    approved, _, _ = directory
    approved.stale_since = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    approved.save(update_fields=["stale_since"])
    assert client.get("/openreferral/services").json()["total_items"] == 1
    settings.EQTRACK_DIRECTORY_HIDE_STALE = True
    assert client.get("/openreferral/services").json()["total_items"] == 0
    assert client.get(f"/openreferral/services/{approved.uid}").status_code == 404
    assert client.get("/openreferral/service_at_locations").json()["total_items"] == 0


BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"


def _openapi_response_validator(path: str) -> Draft202012Validator:
    """The profile's OpenAPI description of a 200 answer on this path, with its references
    (#/components/schemas/Page, compiled/service_list.json, …) read from the local copy."""
    from referencing.jsonschema import DRAFT202012

    def retrieve(uri: str) -> Resource:
        assert uri.startswith(BASE), uri
        contents = json.loads((SPEC / uri.removeprefix(BASE)).read_text())
        return Resource.from_contents(contents, default_specification=DRAFT202012)

    pointer = path.replace("~", "~0").replace("/", "~1")
    return Draft202012Validator(
        {
            "$ref": f"{BASE}openapi.json#/paths/{pointer}/get/responses/200/content/application~1json/schema"
        },
        # referencing marks Registry as an attrs class in a way mypy does not read: no arguments.
        registry=Registry(retrieve=retrieve),  # type: ignore[call-arg]
        format_checker=FormatChecker(),
    )


def test_every_endpoint_answers_as_the_profiles_openapi_says_with_the_demo_directory(client):
    """The seeded data the demo serves, through every path the profile's OpenAPI lists."""
    from eqtrack.web.demo import demo_load

    demo_load()
    spec = json.loads((SPEC / "openapi.json").read_text())
    first = {
        "/services": client.get("/openreferral/services").json(),
        "/taxonomies": client.get("/openreferral/taxonomies").json(),
        "/taxonomy_terms": client.get("/openreferral/taxonomy_terms").json(),
        "/service_at_locations": client.get("/openreferral/service_at_locations").json(),
    }
    assert all(page["total_items"] > 0 for page in first.values()), first
    checked = []
    for path in spec["paths"]:
        url = path
        if path.endswith("/{id}"):
            url = path.replace("{id}", first[path.removesuffix("/{id}")]["contents"][0]["id"])
        response = client.get(f"/openreferral{url}")
        assert response.status_code == 200, url
        errors = [
            f"{url} {list(e.absolute_path)}: {e.message}"
            for e in _openapi_response_validator(path).iter_errors(response.json())
        ]
        assert errors == []
        checked.append(path)
    assert len(checked) == 9  # /, and a list and one record of each of the four kinds
