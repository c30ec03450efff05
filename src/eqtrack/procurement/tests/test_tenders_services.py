"""Setting a tender up, through its services directly: the weights that must sum to 100, the
10% minimum for social value (PPN 002) and the reason that lifts it, the proxy-value method's
need for proxy values, the scale's descriptors, lots, and changes refused once bids are in.
And who reads a tender: `tenders_readable` and `tender_for`."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.tests.factories import OrganisationFactory
from eqtrack.procurement.models import Evaluator, Tender, TenderStage
from eqtrack.procurement.selectors.tenders import tender_for, tenders_readable
from eqtrack.procurement.services.library import measure_add, outcome_add, theme_add
from eqtrack.procurement.services.tenders import (
    DEFAULT_DESCRIPTORS,
    descriptors_from_text,
    tender_change,
    tender_create,
    tender_measures_set,
    tender_model_check,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(slug="tendering-council")


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


def _create(org, **changes):
    answers = {
        "organisation": org,
        "title": "Cleaning services",
        "reference": "T-001",
        "value": "500000",
        "lots": ["Lot 1"],
        "price_weight": "60",
        "quality_weight": "30",
        "social_value_weight": "10",
    } | changes
    return tender_create(**answers)


def test_a_tender_is_set_up_as_a_draft_with_its_lots_and_default_descriptors(org, measures):
    tender = _create(org, lots=["North", " South ", ""], measures=measures[:1], scale="0-5")
    tender.refresh_from_db()
    assert tender.stage == TenderStage.DRAFT
    assert (tender.price_weight, tender.quality_weight, tender.social_value_weight) == (
        Decimal("60.00"),
        Decimal("30.00"),
        Decimal("10.00"),
    )
    assert [lot.name for lot in tender.lots.all()] == ["North", "South"]
    assert list(tender.measures.all()) == measures[:1]
    assert tender.descriptors == DEFAULT_DESCRIPTORS["0-5"]
    assert tender.descriptors[0] == {
        "score": 0,
        "descriptor": "No answer, or the answer is not relevant to the question",
    }


@pytest.mark.parametrize(
    ("weights", "total"),
    [(("60", "30", "11"), "101"), (("50", "39.99", "10"), "99.99"), (("0", "0", "10"), "10")],
)
def test_weights_that_do_not_sum_to_100_are_refused(org, weights, total):
    price, quality, social = weights
    with pytest.raises(ValidationError) as e:
        _create(org, price_weight=price, quality_weight=quality, social_value_weight=social)
    assert e.value.message_dict == {
        "social_value_weight": [
            f"The price, quality and social value weights must add up to 100%; they add up to {total}%"
        ]
    }
    assert not Tender.objects.exists()


def test_weights_with_two_decimal_places_that_sum_to_100_are_accepted(org):
    tender = _create(org, price_weight="33.33", quality_weight="56.67", social_value_weight="10")
    assert tender.quality_weight == Decimal("56.67")
    with pytest.raises(ValidationError) as e:
        tender_model_check(price_weight="33.333", quality_weight="56.667", social_value_weight="10")
    assert "at most 2 decimal places" in e.value.message_dict["price_weight"][0]


def test_social_value_under_10_percent_is_refused_without_a_reason(org):
    with pytest.raises(ValidationError) as e:
        _create(org, price_weight="65", quality_weight="30", social_value_weight="5")
    (message,) = e.value.message_dict["low_weighting_reason"]
    assert "PPN 002 sets a minimum of 10%" in message
    assert "Reason for a social value weight under 10%" in message
    assert not Tender.objects.exists()


def test_social_value_under_10_percent_is_accepted_with_a_reason(org):
    tender = _create(
        org,
        price_weight="65",
        quality_weight="30",
        social_value_weight="5",
        low_weighting_reason="  A one-off purchase of specialist equipment from one maker.\x00 ",
    )
    assert tender.social_value_weight == Decimal("5.00")
    assert (
        tender.low_weighting_reason == "A one-off purchase of specialist equipment from one maker."
    )


def test_a_reason_is_not_kept_when_social_value_is_10_percent_or_more(org):
    tender = _create(org, low_weighting_reason="Not needed")
    assert tender.low_weighting_reason == ""


def test_the_proxy_value_method_needs_a_proxy_value_for_every_measure(org, measures):
    with pytest.raises(ValidationError) as e:
        _create(org, quantitative_method="proxy", measures=measures)
    (message,) = e.value.message_dict["quantitative_method"]
    assert message.endswith("these have none: SV2 Jobs for care leavers")
    tender = _create(org, quantitative_method="proxy", measures=measures[:1])
    with pytest.raises(ValidationError) as e:
        tender_measures_set(tender=tender, outcomes=[], measures=measures)
    assert "SV2 Jobs for care leavers" in e.value.message_dict["quantitative_method"][0]
    assert list(tender.measures.all()) == measures[:1]


def test_descriptors_are_read_one_score_a_line_within_the_scale(org):
    descriptors = descriptors_from_text("0: Nothing\r\n\n5 - Excellent\n3) Fine")
    assert descriptors == [
        {"score": 0, "descriptor": "Nothing"},
        {"score": 5, "descriptor": "Excellent"},
        {"score": 3, "descriptor": "Fine"},
    ]
    tender = _create(org, scale="0-5", descriptors=descriptors)
    assert [d["score"] for d in tender.descriptors] == [0, 3, 5]
    with pytest.raises(ValidationError) as e:
        _create(org, reference="T-004", scale="0-100", descriptors=descriptors)
    assert e.value.message_dict == {
        "descriptors": [
            "Say what 0 and 100 mean: the descriptors must cover both ends of the scale "
            "(or leave them empty for the scale's starting words)"
        ]
    }
    with pytest.raises(ValidationError) as e:
        descriptors_from_text("Excellent")
    assert e.value.message_dict == {
        "descriptors": ["Line 1 of the descriptors must start with a score, like “3: Satisfactory”"]
    }
    with pytest.raises(ValidationError) as e:
        _create(org, reference="T-002", scale="0-5", descriptors=[{"score": 50, "descriptor": "x"}])
    assert e.value.message_dict == {
        "descriptors": ["A descriptor's score must be between 0 and 5 on this scale"]
    }


def test_every_problem_is_reported_at_once_each_under_its_field(org):
    _create(org)
    with pytest.raises(ValidationError) as e:
        _create(
            org,
            title=" ",
            reference="t-001",
            value="-1",
            lots=["A", "a"],
            quantitative_share="101",
        )
    assert set(e.value.message_dict) == {
        "title",
        "reference",
        "value",
        "lots",
        "quantitative_share",
    }
    assert e.value.message_dict["reference"] == ["Another tender already has the reference “t-001”"]
    with pytest.raises(ValidationError) as e:
        _create(org, reference="T-003", lots=[])
    assert e.value.message_dict == {
        "lots": ["Enter at least one lot (a tender of one lot: “Lot 1”)"]
    }


def _change(tender, **changes):
    answers = {
        "tender": tender,
        "title": tender.title,
        "reference": tender.reference,
        "value": tender.value,
        "lots": [lot.name for lot in tender.lots.all()],
        "price_weight": tender.price_weight,
        "quality_weight": tender.quality_weight,
        "social_value_weight": tender.social_value_weight,
        "low_weighting_reason": tender.low_weighting_reason,
        "quantitative_share": tender.quantitative_share,
        "quantitative_method": tender.quantitative_method,
        "scale": tender.scale,
        "descriptors": tender.descriptors,
    } | changes
    return tender_change(**answers)


def test_a_draft_changes_and_its_lots_follow(org):
    tender = _create(org, lots=["North", "South"])
    north = tender.lots.get(name="North")
    _change(tender, lots=["East", "North"], price_weight="50", quality_weight="40")
    tender.refresh_from_db()
    assert [(lot.name, lot.position) for lot in tender.lots.all()] == [("East", 0), ("North", 1)]
    assert tender.lots.get(name="North").pk == north.pk
    assert tender.price_weight == Decimal("50.00")


def test_a_tender_past_its_setup_is_not_changed(org):
    tender = _create(org)
    Tender.objects.filter(pk=tender.pk).update(stage=TenderStage.EVALUATING)
    tender.refresh_from_db()
    versions = tender.history.count()
    with pytest.raises(ValidationError) as e:
        _change(tender, title="Another title")
    assert e.value.message_dict == {
        NON_FIELD_ERRORS: [
            "The tender's setup can only change while it is being set up; it is now at the "
            "stage “Bids in, evaluators scoring”"
        ]
    }
    with pytest.raises(ValidationError):
        tender_measures_set(tender=tender, outcomes=[], measures=[])
    tender.refresh_from_db()
    assert (tender.title, tender.history.count()) == ("Cleaning services", versions)


def test_only_procurement_officers_and_administrators_set_tenders_up(org):
    with pytest.raises(PermissionDenied):
        _create(org, user=member_create(org, Role.CONTRACT_MANAGER))
    officer = member_create(org, Role.PROCUREMENT)
    assert _create(org, user=officer).created_by == officer


def test_who_reads_a_tender(org):
    tender = _create(org)
    other = _create(org, reference="T-002")
    evaluator = member_create(org, Role.EVALUATOR)
    Evaluator.objects.create(organisation=org, tender=tender, user=evaluator)
    viewer = member_create(org, Role.VIEWER)
    owner = member_create(org, Role.OWNER)
    outsider = member_create(OrganisationFactory(), Role.ADMINISTRATOR)
    assert set(tenders_readable(organisation=org, user=viewer)) == {tender, other}
    assert list(tenders_readable(organisation=org, user=evaluator)) == [tender]
    assert tender_for(organisation=org, user=evaluator, pk=tender.pk) == tender
    for user, pk in ((evaluator, other.pk), (owner, tender.pk), (outsider, tender.pk)):
        with pytest.raises(Tender.DoesNotExist):
            tender_for(organisation=org, user=user, pk=pk)
