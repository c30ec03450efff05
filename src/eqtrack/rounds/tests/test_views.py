"""The round page end to end: "my actions" a page at a time, with a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import round_open

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("actions", [10, 120])
def test_my_actions_fifty_a_page_in_a_fixed_number_of_queries(client, actions):
    plan = plan_create_from_document(document=document_generate(actions=actions, periods=1))
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    client.force_login(admin)
    url = f"/{plan.organisation.slug}/rounds/{round.pk}/"
    client.get(url)  # the session's once-a-minute save happens here, not below
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    # session, user, the round with its organisation, membership and its teams, the page of
    # actions and their updates (and its count), reviews waiting, progress (2)
    assert len(queries) == 11, [q["sql"][:80] for q in queries.captured_queries]
    assert html.count('<tr class="govuk-table__row"><th scope="row"') == min(actions, 50)
    if actions > 50:
        assert "(1 to 50 of 120)" in html and 'href="?page=3"' in html
        last = client.get(url + "?page=3").content.decode()
        assert last.count('<tr class="govuk-table__row"><th scope="row"') == 20


def test_my_actions_show_a_change_at_once_with_the_cache_on(client, settings):
    from eqtrack.plans.models import Action
    from eqtrack.rounds.services import update_save_draft

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "r"}
    }
    plan = plan_create_from_document(document=document_generate(actions=3, periods=1))
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    client.force_login(admin)
    url = f"/{plan.organisation.slug}/rounds/{round.pk}/"
    assert '<td class="govuk-table__cell">Draft</td>' not in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == 6  # the table and the counts came from the cache
    action = Action.objects.filter(plan=plan).order_by("position").first()
    update_save_draft(
        round=round,
        action=action,
        progress=["x"],
        next_steps=[],
        status_text=None,
        status_category=None,
        user=admin,
    )
    assert '<td class="govuk-table__cell">Draft</td>' in client.get(url).content.decode()
