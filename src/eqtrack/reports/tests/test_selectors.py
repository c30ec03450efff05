"""Reports from the database: a fixed number of queries whatever the plan's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eqtrack.plans.generated import document_generate
from eqtrack.plans.selectors import plan_document
from eqtrack.plans.services import plan_create_from_document
from eqtrack.reports.selectors import glossary_for, report_render
from eqtrack.reports.services import glossary_seed

pytestmark = pytest.mark.django_db


def _queries(actions: int) -> int:
    plan = plan_create_from_document(document=document_generate(actions=actions, periods=2))
    glossary_seed(organisation=plan.organisation)
    with CaptureQueriesContext(connection) as queries:
        document = plan_document(organisation=plan.organisation, slug=plan.slug)
        assert document is not None
        glossary = glossary_for(organisation=plan.organisation)
        for format in ("html", "docx"):
            assert report_render(document=document, period=None, format=format, glossary=glossary)
    return len(queries)


def test_a_report_takes_the_same_queries_whatever_the_plans_size():
    assert _queries(3) == _queries(50) <= 9


def test_an_organisations_glossary_is_its_own():
    plan = plan_create_from_document(document=document_generate(actions=1, periods=1))
    assert glossary_for(organisation=plan.organisation)["EqIA"] == "Equality Impact Assessment"
    glossary_seed(
        organisation=plan.organisation, entries={"EqIA": "Equality and Inclusion Assessment"}
    )
    assert glossary_for(organisation=plan.organisation) == {
        "EqIA": "Equality and Inclusion Assessment"
    }
    assert glossary_seed(organisation=plan.organisation) == 10  # the other defaults, not EqIA again
    assert (
        glossary_for(organisation=plan.organisation)["EqIA"] == "Equality and Inclusion Assessment"
    )
