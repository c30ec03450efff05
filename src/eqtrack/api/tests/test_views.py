"""The read API: published plans only, in the plan format its OpenAPI description promises."""

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from eqtrack.plans.generated import document_generate
from eqtrack.plans.planformat import document_validate
from eqtrack.plans.selectors import plan_document
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db


def _plan(published=True, **changes):
    plan = plan_create_from_document(
        document={**document_generate(actions=3, periods=2), **changes}
    )
    plan.published = published
    plan.save()
    return plan


def _validator(client, component: str) -> Draft202012Validator:
    spec = client.get("/api/openapi.json").json()
    # OpenAPI 3.1 schemas are JSON Schema 2020-12: resolve them inside the description itself.
    registry = Registry().with_resource("urn:eqtrack-openapi", Resource.opaque(spec))
    return Draft202012Validator(
        {"$ref": f"urn:eqtrack-openapi#/components/schemas/{component}"}, registry=registry
    )


def test_published_plans_are_listed_and_readable_without_a_key(client):
    published = _plan()
    _plan(published=False, title="Draft")
    listing = client.get("/api/v1/plans/")
    assert listing.status_code == 200 and listing["Access-Control-Allow-Origin"] == "*"
    plans = listing.json()["plans"]
    assert [p["title"] for p in plans] == [published.title]
    _validator(client, "PlanList").validate(listing.json())
    document = client.get(plans[0]["url"]).json()
    document_validate(document)
    _validator(client, "Plan").validate(document)
    assert document == plan_document(organisation=published.organisation, slug=published.slug)
    # …and the description is strict enough to catch a broken document.
    broken = {
        **document,
        "themes": [{"title": "T", "actions": [{"text": "A", "updates": [{"period": 3}]}]}],
    }
    assert not _validator(client, "Plan").is_valid(broken)


def test_a_plans_introduction_is_served_as_its_description_promises(client):
    plan = _plan(introduction=["The table below lists our commitments."])
    document = client.get(f"/api/v1/plans/{plan.organisation.slug}/{plan.slug}/").json()
    assert document["introduction"] == ["The table below lists our commitments."]
    _validator(client, "Plan").validate(document)
    assert not _validator(client, "Plan").is_valid({**document, "introduction": "One string."})


def test_unpublished_and_unknown_plans_are_not_found(client):
    draft = _plan(published=False, title="Draft")
    assert client.get(f"/api/v1/plans/{draft.organisation.slug}/{draft.slug}/").status_code == 404
    assert client.get("/api/v1/plans/nobody/nothing/").status_code == 404


def test_plans_cannot_be_written_through_the_api(client):
    assert client.post("/api/v1/plans/").status_code == 405
