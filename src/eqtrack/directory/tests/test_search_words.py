"""The words search finds a listing by the names of its categories and of the characteristics
of the people it especially serves (in a user trial "disability" found nothing, beside a
listing "Especially for: Disability"), and follows them as they are changed, renamed or
deleted; the data migration fills them in for listings made before."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Characteristic
from eqtrack.core.fts import stems
from eqtrack.directory.models import Service, TaxonomyTerm
from eqtrack.directory.services import listing_approve, listing_create, taxonomy_seed
from eqtrack.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    council = Organisation.objects.create(name="Borough", slug="borough")
    taxonomy_seed(organisation=council)
    service = listing_create(
        organisation=council,
        group_name="Riverside Trust",
        group_description="A charity by the river.",
        service_name="Warm space",
        service_description="Tea, Mondays.",
        terms=[TaxonomyTerm.objects.get(code="disability")],
        characteristics=[Characteristic.objects.create(organisation=council, name="Religion")],
    )
    listing_approve(service=service, user=member_create(council, Role.REVIEWER))
    return service


def _found(client, word: str) -> tuple[bool, int]:
    """Whether the public page finds the listing by `word`, and how many the API finds."""
    page = client.get(f"/borough/directory/?q={word}").content.decode()
    return "Warm space" in page, client.get(f"/openreferral/services?search={word}").json()[
        "total_items"
    ]


def test_a_listing_is_found_by_its_categorys_and_characteristics_names(client, listing):
    assert _found(client, "disability") == (True, 1)
    assert _found(client, "religion") == (True, 1)
    assert _found(client, "warm") == (True, 1)  # and by its own words still
    assert _found(client, "knitting") == (False, 0)


def test_a_category_or_characteristic_taken_off_a_listing_no_longer_finds_it(client, listing):
    assert _found(client, "disability") == (True, 1) and _found(client, "religion") == (True, 1)
    listing.terms.remove(TaxonomyTerm.objects.get(code="disability"))
    assert _found(client, "disability") == (False, 0)
    Characteristic.objects.get(name="Religion").services.clear()  # from the other side
    assert _found(client, "religion") == (False, 0)
    listing.terms.add(TaxonomyTerm.objects.get(code="carers"))
    assert _found(client, "carers") == (True, 1)


def test_a_renamed_category_or_characteristic_finds_it_by_its_new_name(client, listing, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"}
    }
    term = TaxonomyTerm.objects.get(code="disability")
    term.name = "Deaf and disabled people"
    term.save()
    assert _found(client, "deaf") == (True, 1)
    assert _found(client, "faith") == (False, 0)  # kept in the cache until the directory changes
    religion = Characteristic.objects.get(name="Religion")
    religion.name = "Religion or belief: faith"
    religion.save()
    assert _found(client, "faith") == (True, 1)


def test_a_deleted_category_no_longer_finds_it(client, listing):
    assert _found(client, "disability") == (True, 1)
    TaxonomyTerm.objects.get(code="disability").delete()
    assert _found(client, "disability") == (False, 0)
    assert _found(client, "warm") == (True, 1)


def _editor():
    """What the migrations' RunPython steps use of a schema editor (a real one cannot be opened
    inside a test's transaction on SQLite)."""
    return SimpleNamespace(
        connection=connection, execute=lambda sql: connection.cursor().execute(sql)
    )


def test_the_migrations_fill_in_the_words_of_listings_made_before(client, listing):
    # As they were before 0011 (its words) and 0014 (their stems, which SQLite's index holds).
    Service.objects.filter(pk=listing.pk).update(search_text="Warm space", search_stems="")
    assert _found(client, "disability") == (False, 0)
    migration = importlib.import_module("eqtrack.directory.migrations.0011_search_filed_words")
    migration.refill(apps, None)
    importlib.import_module("eqtrack.directory.migrations.0014_search_stems").index_stems(
        apps, _editor()
    )
    assert _found(client, "disability") == (True, 1) and _found(client, "religion") == (True, 1)
    assert _found(client, "disabled") == (True, 1)
    assert Service.objects.get().search_text == listing.words()
    assert Service.objects.get().search_stems == stems(listing.words())


# Each says its word in one form only.
_LISTINGS = {
    "Deaf club": "For people with a disability.",
    "Access group": "Run by and for disabled people.",
    "Swim": "Sessions for children with disabilities.",
    "Tenants forum": "We consult tenants monthly.",
    "Budget say": "Have your say in the budget consultation.",
    "Parks": "Residents consulted on play areas.",
    "Walks": "A weekly walk for women.",
    "Mentoring": "Each woman is paired with a mentor.",
}


@pytest.mark.parametrize(
    ("words", "names"),
    [
        (("disability", "disabilities", "disabled"), {"Deaf club", "Access group", "Swim"}),
        (("consult", "consultation", "consulted"), {"Tenants forum", "Budget say", "Parks"}),
        (("women", "woman"), {"Walks", "Mentoring"}),
    ],
)
def test_every_form_of_a_word_finds_the_others(client, words, names):
    """On SQLite as on PostgreSQL (CI runs this on both), in the public page and the API."""
    council = Organisation.objects.create(name="Borough", slug="borough")
    reviewer = member_create(council, Role.REVIEWER)
    for name, description in _LISTINGS.items():
        service = listing_create(
            organisation=council,
            group_name=f"{name} group",
            group_description="",
            service_name=name,
            service_description=description,
            terms=[],
            characteristics=[],
        )
        listing_approve(service=service, user=reviewer)
    for word in words:
        page = client.get(f"/borough/directory/?q={word}").content.decode()
        assert {name for name in _LISTINGS if f">{name}<" in page} == names, word
        api = client.get(f"/openreferral/services?search={word}").json()
        assert {s["name"] for s in api["contents"]} == names, word
