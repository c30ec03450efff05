"""The words search finds a listing by the names of its categories and of the characteristics
of the people it especially serves (in a user trial "disability" found nothing, beside a
listing "Especially for: Disability"), and follows them as they are changed, renamed or
deleted; the data migration fills them in for listings made before."""

import importlib

import pytest
from django.apps import apps

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Characteristic
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


def test_the_migration_fills_in_the_words_of_listings_made_before(client, listing):
    Service.objects.filter(pk=listing.pk).update(search_text="Warm space")  # as they were
    assert _found(client, "disability") == (False, 0)
    migration = importlib.import_module("eqtrack.directory.migrations.0011_search_filed_words")
    migration.refill(apps, None)
    assert _found(client, "disability") == (True, 1) and _found(client, "religion") == (True, 1)
    assert Service.objects.get().search_text == listing.words()
