"""Dates are taken as officers type them: "31 March 2027" as well as "31/03/2027"."""

import datetime as dt

import pytest
from django import forms

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Policy
from eqtrack.organisations.models import Organisation


@pytest.mark.parametrize(
    "typed",
    ["31/03/2027", "31/3/2027", "31 March 2027", "31 Mar 2027", "31 march 2027", "2027-03-31"],
)
def test_a_date_field_takes_the_ways_people_write_a_date(typed):
    assert forms.DateField().clean(typed) == dt.date(2027, 3, 31)


def test_nonsense_is_still_refused():
    with pytest.raises(forms.ValidationError):
        forms.DateField().clean("31 Smarch 2027")


@pytest.mark.django_db
def test_a_policy_review_date_in_words_is_saved(client):
    council = Organisation.objects.create(name="Borough", slug="borough")
    client.force_login(member_create(council, Role.ADMINISTRATOR))
    response = client.post(
        "/borough/policies/new/",
        {"title": "Allocations", "kind": "policy", "next_review_on": "1 April 2028"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Policy.objects.get().next_review_on == dt.date(2028, 4, 1)
