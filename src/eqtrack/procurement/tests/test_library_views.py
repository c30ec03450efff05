"""The measures library's pages end to end: the list (and its query count), adding and
changing entries with error summaries, the CSV download and upload, the PPN 002 missions with
their Open Government Licence attribution."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.tests.factories import ActionFactory, OrganisationFactory
from eqtrack.procurement.models import SocialValueMeasure, SocialValueTheme
from eqtrack.procurement.services.library import measure_add, outcome_add, theme_add

pytestmark = pytest.mark.django_db

ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(PPN 002, Cabinet Office, 2025)"
)


@pytest.fixture
def org():
    return OrganisationFactory(slug="library-council", name="Library Council")


@pytest.fixture
def officer(org, client):
    user = member_create(org, Role.PROCUREMENT)
    client.force_login(user)
    return user


@pytest.fixture
def outcome(org):
    theme = theme_add(organisation=org, name="Equal opportunity")
    return outcome_add(organisation=org, theme=theme, name="Tackle workforce inequality")


def _url(org, name="", *args):
    return reverse(f"procurement-library{name}", args=[org.slug, *args])


def test_the_library_lists_each_measure_with_its_details(
    org, outcome, client, django_assert_max_num_queries
):
    action = ActionFactory(
        theme__plan__organisation=org, ref="4.2", text="We will widen apprenticeships."
    )
    for n in range(12):
        measure_add(
            organisation=org,
            outcome=outcome,
            code=f"SV{n}",
            name=f"Measure {n}",
            unit="weeks",
            proxy_value="200.50" if n else None,
            characteristic="Age",
            action=action,
        )
    other = theme_add(organisation=org, name="Environment")
    outcome_add(organisation=org, theme=other, name="Net zero")
    client.force_login(member_create(org, Role.VIEWER))
    with django_assert_max_num_queries(12):
        response = client.get(_url(org))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Equal opportunity" in page and "Tackle workforce inequality" in page
    assert "SV11" in page and "£200.50" in page and "Age" in page
    assert "4.2: We will widen apprenticeships." in page
    assert f"#action-{action.pk}" in page
    # A viewer reads it but is offered no changes, and no PPN 002 entry means no attribution.
    assert "Add a theme" not in page and "Change<span" not in page
    assert ATTRIBUTION not in page


def test_a_visitor_is_sent_to_sign_in(org):
    from django.test import Client

    response = Client().get(_url(org))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('sign-in')}?next={_url(org)}"


def test_a_measure_is_added_and_changed_through_its_pages(org, outcome, officer, client):
    action = ActionFactory(theme__plan__organisation=org, ref="4.2")
    response = client.get(_url(org, "-measure-add") + f"?outcome={outcome.pk}")
    assert response.status_code == 200
    assert "Socio-economic disadvantage (poverty)" in response.content.decode()
    response = client.post(
        _url(org, "-measure-add"),
        {
            "outcome": outcome.pk,
            "code": "SV1",
            "name": "Apprenticeship weeks",
            "unit": "weeks",
            "proxy_value": "200",
            "characteristic": "Age",
            "action": action.pk,
        },
    )
    measure = SocialValueMeasure.objects.get(organisation=org, code="SV1")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/social-value/#measure-{measure.pk}")
    assert (measure.proxy_value, measure.action) == (Decimal("200.00"), action)
    response = client.post(
        _url(org, "-measure-change", measure.pk),
        {
            "outcome": outcome.pk,
            "code": "SV1",
            "name": "Apprenticeship weeks",
            "unit": "weeks",
            "proxy_value": "-3",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_proxy_value">The proxy value must be 0 or more</a>' in page
    measure.refresh_from_db()
    assert measure.proxy_value == Decimal("200.00")


def test_a_theme_name_taken_is_refused_on_the_page(org, outcome, officer, client):
    response = client.post(_url(org, "-theme-add"), {"name": "equal opportunity"})
    assert response.status_code == 200
    assert "The library already has a theme called “equal opportunity”" in response.content.decode()
    assert SocialValueTheme.objects.filter(organisation=org).count() == 1
    response = client.post(_url(org, "-theme-add"), {"name": ""})
    assert 'href="#id_name">Enter the theme' in response.content.decode()


def test_archiving_a_theme_takes_it_out_of_the_library(org, outcome, officer, client):
    theme = outcome.theme
    response = client.post(_url(org, "-theme-archive", theme.pk))
    assert response.status_code == 302
    assert f'id="theme-{theme.pk}"' not in client.get(_url(org)).content.decode()
    assert client.get(_url(org, "-theme-change", theme.pk)).status_code == 404


def test_the_csv_download_and_upload(org, outcome, officer, client):
    measure_add(organisation=org, outcome=outcome, code="SV1", name="@risky", unit="weeks")
    response = client.get(_url(org, "-export"))
    assert response["Content-Type"] == "text/csv"
    assert 'filename="library-council-measures.csv"' in response["Content-Disposition"]
    data = response.content
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][:5] == [
        "Equal opportunity",
        "Tackle workforce inequality",
        "SV1",
        "'@risky",
        "weeks",
    ]
    changed = data.replace(b"weeks", b"days")
    response = client.post(
        _url(org, "-import"), {"upload": SimpleUploadedFile("measures.csv", changed)}, follow=True
    )
    assert "Measures imported: 0 added, 1 changed, 0 unchanged." in response.content.decode()
    assert SocialValueMeasure.objects.get(code="SV1").unit == "days"


def test_a_bad_upload_lists_its_problems_and_saves_nothing(org, officer, client):
    bad = b"theme,outcome,code,name,unit\nA,B,SV1,,people\nA,B,SV2,Name,\n"
    response = client.post(_url(org, "-import"), {"upload": SimpleUploadedFile("mine.csv", bad)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "mine.csv cannot be used, so nothing was saved" in page
    assert "mine.csv, line 2, column name: the name is blank" in page
    assert "mine.csv, line 3, column unit: the unit is blank" in page
    assert not SocialValueTheme.objects.filter(organisation=org).exists()
    response = client.post(_url(org, "-import"), {})
    assert 'href="#id_upload">Choose a CSV file of measures</a>' in response.content.decode()


def test_the_ppn002_missions_carry_the_licence_attribution(org, officer, client):
    page = client.get(_url(org, "-seed")).content.decode()
    assert ATTRIBUTION in page and "National TOMs" in page
    response = client.post(_url(org, "-seed"), follow=True)
    page = response.content.decode()
    assert "5 PPN 002 entries added to the library." in page
    assert "Kickstart economic growth" in page
    assert ATTRIBUTION in page
    assert "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" in page
    theme = SocialValueTheme.objects.get(organisation=org, name="Kickstart economic growth")
    assert ATTRIBUTION in client.get(_url(org, "-theme-change", theme.pk)).content.decode()
    response = client.post(_url(org, "-seed"), follow=True)
    assert "already has every PPN 002 entry" in response.content.decode()
