"""Setting a tender up through its pages: the new-tender form with its defaults, the weights'
and 10% rule's errors in the error summary, the overview (with the low-weighting reason shown
prominently), changing a draft, and the list's query count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.tests.factories import OrganisationFactory
from eqtrack.procurement.models import Tender, TenderStage
from eqtrack.procurement.services.library import measure_add, outcome_add, theme_add
from eqtrack.procurement.services.tenders import tender_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(slug="tendering-council", name="Tendering Council")


@pytest.fixture
def officer(org, client):
    user = member_create(org, Role.PROCUREMENT)
    client.force_login(user)
    return user


@pytest.fixture
def measures(org):
    theme = theme_add(organisation=org, name="Equal opportunity")
    outcome = outcome_add(organisation=org, theme=theme, name="Tackle workforce inequality")
    return [
        measure_add(
            organisation=org,
            outcome=outcome,
            code="SV1",
            name="Apprenticeship weeks",
            unit="weeks",
            proxy_value="200",
        ),
        measure_add(
            organisation=org,
            outcome=outcome,
            code="SV2",
            name="Jobs for care leavers",
            unit="people",
        ),
    ]


def _post(measures, **changes):
    return {
        "title": "Cleaning services",
        "reference": "T-001",
        "value": "500,000",
        "lots": "North\r\nSouth",
        "price_weight": "60",
        "quality_weight": "30",
        "social_value_weight": "10",
        "low_weighting_reason": "",
        "quantitative_share": "50",
        "quantitative_method": "relative",
        "scale": "0-5",
        "descriptors": "",
        "outcomes": [measures[0].outcome_id],
        "measures": [m.pk for m in measures],
    } | changes


def test_the_new_tender_form_offers_the_defaults(org, measures, officer, client):
    page = client.get(reverse("procurement-tender-add", args=[org.slug])).content.decode()
    assert "0: No answer, or the answer is not relevant to the question" in page
    assert "the council&#x27;s to change" in page or "the council's to change" in page
    assert "SV1 Apprenticeship weeks (weeks, £200.00 a unit)" in page
    assert "PPN 002 sets a minimum of 10%" in page


def test_a_tender_is_set_up_and_its_overview_shows_the_model(org, measures, officer, client):
    response = client.post(reverse("procurement-tender-add", args=[org.slug]), _post(measures))
    tender = Tender.objects.get(organisation=org)
    assert response.status_code == 302
    assert response["Location"] == reverse("procurement-tender", args=[org.slug, tender.pk])
    assert tender.value == Decimal("500000.00")
    assert [lot.name for lot in tender.lots.all()] == ["North", "South"]
    assert tender.descriptors[5]["score"] == 5
    page = client.get(response["Location"]).content.decode()
    assert "Price 60%, quality 30%, social value 10%" in page
    assert "SV2" in page and "Jobs for care leavers" in page
    assert "North" in page and "South" in page
    assert "Change the tender&#x27;s setup" in page or "Change the tender's setup" in page
    assert 'id="low-weighting"' not in page


def test_weights_not_summing_to_100_are_in_the_error_summary(org, measures, officer, client):
    response = client.post(
        reverse("procurement-tender-add", args=[org.slug]),
        _post(measures, price_weight="70"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert (
        'href="#id_social_value_weight">The price, quality and social value weights must add up '
        "to 100%; they add up to 110%</a>"
    ) in page
    assert not Tender.objects.exists()


def test_under_10_percent_needs_a_reason_which_the_overview_shows(org, measures, officer, client):
    url = reverse("procurement-tender-add", args=[org.slug])
    response = client.post(url, _post(measures, price_weight="65", social_value_weight="5"))
    page = response.content.decode()
    assert 'href="#id_low_weighting_reason">' in page
    assert "PPN 002 sets a minimum of 10%" in page
    assert not Tender.objects.exists()
    reason = "The only supplier of this specialist equipment."
    response = client.post(
        url,
        _post(measures, price_weight="65", social_value_weight="5", low_weighting_reason=reason),
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'id="low-weighting"' in page
    assert "Social value is weighted at 5%, under the 10% minimum PPN 002 sets." in page
    assert reason in page


def test_the_proxy_method_names_the_measures_without_a_proxy(org, measures, officer, client):
    response = client.post(
        reverse("procurement-tender-add", args=[org.slug]),
        _post(measures, quantitative_method="proxy"),
    )
    assert "these have none: SV2 Jobs for care leavers" in response.content.decode()


def test_a_draft_is_changed_and_a_tender_being_evaluated_is_not(org, measures, officer, client):
    tender = tender_create(
        organisation=org, title="Cleaning", reference="T-001", value="1000", lots=["Lot 1"]
    )
    url = reverse("procurement-tender-change", args=[org.slug, tender.pk])
    page = client.get(url).content.decode()
    assert 'value="Cleaning"' in page and "Lot 1</textarea>" in page
    response = client.post(url, _post(measures, title="Cleaning the offices", lots="Lot 1"))
    assert response.status_code == 302
    tender.refresh_from_db()
    assert tender.title == "Cleaning the offices"
    assert set(tender.measures.all()) == set(measures)
    Tender.objects.filter(pk=tender.pk).update(stage=TenderStage.EVALUATING)
    assert "its setup can only change while it is being set up" in client.get(url).content.decode()
    response = client.post(url, _post(measures, title="Another", lots="Lot 1"))
    assert response.status_code == 200
    assert "The tender&#x27;s setup can only change" in response.content.decode() or (
        "The tender's setup can only change" in response.content.decode()
    )
    tender.refresh_from_db()
    assert tender.title == "Cleaning the offices"


def test_the_list_shows_the_tenders_a_person_may_read(org, client, django_assert_max_num_queries):
    for n in range(10):
        tender_create(
            organisation=org,
            title=f"Tender {n}",
            reference=f"T-{n:03}",
            value="1000",
            lots=["Lot 1", "Lot 2"],
        )
    client.force_login(member_create(org, Role.VIEWER))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("procurement-tenders", args=[org.slug]))
    page = response.content.decode()
    assert "T-009" in page and "Tender 0" in page
    assert "Set up a tender" not in page
    client.force_login(member_create(org, Role.OWNER))
    page = client.get(reverse("procurement-tenders", args=[org.slug])).content.decode()
    assert "There are no tenders you can see." in page


def test_a_tender_asking_for_a_ppn002_themes_measure_carries_the_licence(org, officer, client):
    from eqtrack.procurement.models import SocialValueTheme
    from eqtrack.procurement.services.library import library_seed_ppn002

    attribution = (
        "Contains public sector information licensed under the Open Government Licence v3.0 "
        "(PPN 002, Cabinet Office, 2025)"
    )
    library_seed_ppn002(organisation=org)
    theme = SocialValueTheme.objects.get(
        organisation=org, name="Break down barriers to opportunity"
    )
    outcome = outcome_add(organisation=org, theme=theme, name="More local apprenticeships")
    measure = measure_add(
        organisation=org, outcome=outcome, code="L1", name="Starts", unit="people"
    )
    assert (
        attribution
        in client.get(reverse("procurement-tender-add", args=[org.slug])).content.decode()
    )
    tender = tender_create(
        organisation=org, title="Cleaning", reference="T-001", value="1000", measures=[measure]
    )
    page = client.get(reverse("procurement-tender", args=[org.slug, tender.pk])).content.decode()
    assert attribution in page
    page = client.get(
        reverse("procurement-library-measure-change", args=[org.slug, measure.pk])
    ).content.decode()
    assert attribution in page
