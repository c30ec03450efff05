"""Which organisation a command means."""

import pytest

from eqtrack.organisations.selectors import OrganisationNotFound, organisation_resolve
from eqtrack.organisations.services import organisation_get_or_create

pytestmark = pytest.mark.django_db


def test_the_only_organisation_is_meant_when_none_is_named():
    only = organisation_get_or_create(name="Maidstone Borough Council")
    assert only.slug == "maidstone-borough-council"
    assert organisation_resolve(slug=None) == only


def test_with_several_one_must_be_named():
    organisation_get_or_create(name="A Council")
    b = organisation_get_or_create(name="B Council")
    with pytest.raises(
        OrganisationNotFound, match="several organisations; say which with --organisation"
    ):
        organisation_resolve(slug=None)
    assert organisation_resolve(slug="b-council") == b
    with pytest.raises(
        OrganisationNotFound, match="no organisation 'c-council' \\(known: a-council, b-council\\)"
    ):
        organisation_resolve(slug="c-council")


def test_same_name_same_organisation_and_slugs_stay_unique():
    a = organisation_get_or_create(name="Borough Council")
    assert organisation_get_or_create(name="Borough Council") == a
    b = organisation_get_or_create(name="Borough Council!")
    assert (a.slug, b.slug) == ("borough-council", "borough-council-2")
