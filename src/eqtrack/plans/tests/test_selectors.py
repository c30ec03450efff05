"""Plan selectors: the export's query count does not grow with the plan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Measure
from eqtrack.plans.selectors import plan_document
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db


def _queries_for_export(actions: int) -> int:
    plan = plan_create_from_document(document=document_generate(actions=actions, periods=3))
    with CaptureQueriesContext(connection) as queries:
        document = plan_document(organisation=plan.organisation, slug=plan.slug)
    assert document is not None
    assert sum(len(t["actions"]) for t in document["themes"]) == actions
    return len(queries)


def test_export_query_count_does_not_grow_with_actions():
    small = _queries_for_export(3)
    large = _queries_for_export(60)
    assert small == large
    assert small <= 8  # one of them says when actions joined the plan (actions_added_after)


def test_another_organisations_plan_is_not_found():
    plan = plan_create_from_document(document=document_generate(actions=1, periods=1))
    other = plan_create_from_document(
        document={
            **document_generate(actions=1, periods=1),
            "organisation": "Other Council",
            "title": "Other plan",
        }
    )
    assert other.organisation != plan.organisation
    assert plan_document(organisation=other.organisation, slug=plan.slug) is None


def test_seed_indicators_become_trends_a_reader_can_see(seed_paths):
    from eqtrack.importing.parsing import files_parse
    from eqtrack.plans.selectors import action_trends, plan_with_contents

    document = files_parse(paths=seed_paths, periods=["2021", "2022"]).document
    plan = plan_create_from_document(document=document)
    loaded = plan_with_contents(organisation=plan.organisation, slug=plan.slug)
    actions = {a.ref: a for t in loaded.live_themes for a in t.live_actions}
    # Read from the text, they are suggestions: no trend until someone confirms them.
    assert [action_trends(a) for a in actions.values() if action_trends(a)] == []
    Measure.objects.filter(action__plan=plan).update(state=Measure.State.CONFIRMED)
    loaded = plan_with_contents(organisation=plan.organisation, slug=plan.slug)
    actions = {a.ref: a for t in loaded.live_themes for a in t.live_actions}
    [first_aiders] = [t for t in action_trends(actions["E3"]) if "aiders" in t.label]
    assert first_aiders.label == "mental health first aiders"
    assert first_aiders.points == [("2021", 20.0, None), ("2022", 14.0, None)]
    assert first_aiders.change == "fell"
    [dashboards] = [t for t in action_trends(actions["CL2"]) if t.label == "completed dashboards"]
    assert dashboards.points == [("2022", 9.0, 18.0)]
    assert dashboards.change == ""


def test_an_actions_public_address_is_on_the_page_of_the_plan_it_falls_on():
    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.models import Action
    from eqtrack.plans.selectors import action_public_url
    from eqtrack.plans.services import plan_create_from_document

    plan = plan_create_from_document(document=document_generate(actions=60, periods=1))
    ordered = list(Action.objects.filter(plan=plan).order_by("theme__position", "position"))
    assert action_public_url(action=ordered[0]) is None  # not published
    plan.published = True
    plan.save()
    base = f"/{plan.organisation.slug}/{plan.slug}/"
    first, last = Action.objects.get(pk=ordered[0].pk), Action.objects.get(pk=ordered[55].pk)
    assert action_public_url(action=first) == f"{base}#action-{first.pk}"
    assert action_public_url(action=last) == f"{base}?page=2#action-{last.pk}"
    # The plan page puts it there too.
    from django.test import Client

    page = Client().get(f"{base}?page=2").content.decode()
    assert f'id="action-{last.pk}"' in page
