"""Issue 15: the report, the dashboard and the round page count the same gaps ("no update"),
leaving out actions that ended before the period or joined the plan after it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.models import Action, Update
from eqtrack.plans.planformat import FORMAT
from eqtrack.plans.selectors import actions_added_after, plan_document
from eqtrack.plans.services import action_create, plan_create_from_document, update_write
from eqtrack.reports.data import report_data
from eqtrack.rounds.selectors import actions_due, round_progress
from eqtrack.rounds.services import round_close, round_open

pytestmark = pytest.mark.django_db


def _action(ref: str, category: str) -> dict:
    updates = []
    if category != "none":
        status = {"text": category.replace("_", " ").capitalize(), "category": category}
        updates.append({"period": "2022", "progress": [f"{ref} in 2022."], "status": status})
    return {"ref": ref, "text": f"Action {ref}.", "due": "March 2020", "updates": updates}


@pytest.fixture
def closed_2023():
    """A plan reported for 2022 (imported), then a 2023 round, closed, and an action added
    after it. In 2023: DROP was not carried forward in 2022, SUP superseded, DONE complete;
    GAP1 and GAP2 were ongoing in 2022 and have no 2023 update; NONE never had an update;
    OK has its 2023 update; LATE joined the plan after the 2023 round had closed."""
    document = {
        "format": FORMAT,
        "title": "Gaps plan",
        "organisation": "Gaps Borough Council",
        "periods": ["2022"],
        "themes": [
            {
                "title": "Theme",
                "actions": [
                    _action("DROP", "not_carried_forward"),
                    _action("SUP", "superseded"),
                    _action("DONE", "complete"),
                    _action("GAP1", "ongoing"),
                    _action("GAP2", "at_risk"),
                    _action("NONE", "none"),
                    _action("OK", "on_track"),
                ],
            }
        ],
    }
    plan = plan_create_from_document(document=document, slug="gaps", published=True)
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    round = round_open(plan=plan, period_label="2023", deadline=dt.date(2099, 1, 1), user=admin)
    ok = Action.objects.get(plan=plan, ref="OK")
    update_write(
        action=ok,
        period=round.period,
        progress=["Done for 2023."],
        next_steps=[],
        status_text=None,
        status_category="on_track",
        state_if_new=Update.State.APPROVED,
    )
    round_close(round=round, user=admin)
    action_create(plan=plan, theme=ok.theme, text="Added after the 2023 round.", ref="LATE")
    return plan, round, admin


GAPS = ["GAP1", "GAP2", "NONE"]


def test_the_report_dashboard_and_round_page_count_the_same_gaps(client, closed_2023):
    plan, round, admin = closed_2023
    org = plan.organisation.slug
    # The report's data, from the plan as the web builds reports.
    document = plan_document(organisation=plan.organisation, slug="gaps", approved_only=True)
    data = report_data(document=document, period="2023", glossary={})
    assert [row.ref for row in data.missing] == GAPS
    # Every gap is overdue (due March 2020); OK, with its update, is overdue too, not the rest.
    assert [row.ref for row in data.overdue] == ["GAP1", "GAP2", "NONE", "OK"]
    # The HTML report anyone can download.
    html = client.get(f"/{org}/gaps/download.html").content.decode()
    no_update = html.split("Actions with no update for 2023</h3>")[1].split("</ul>")[0]
    listed = re.findall(r"<li>([A-Z0-9]+): Action", no_update)
    assert listed == GAPS
    # The dashboard (same period: the round has closed).
    client.force_login(admin)
    response = client.get(f"/{org}/gaps/dashboard/")
    assert response.status_code == 200
    assert [row.ref for row in response.context["data"].missing] == GAPS
    dashboard = response.content.decode()
    # Its "Needs attention" table: a row per action, tagged "No update for 2023" for a gap.
    attention = dashboard.split('id="attention"')[1].split("</table>")[0]
    rows = attention.split('<tr class="govuk-table__row">')[2:]  # after the header row
    listed = {re.search(r"#action-\d+\">([A-Z0-9]+): ", row).group(1): row for row in rows}
    assert [ref for ref, row in listed.items() if "No update for 2023" in row] == GAPS
    # Ended or added later: neither a gap nor overdue (OK, overdue, is listed as such).
    assert set(listed) == {*GAPS, "OK"}
    # The round page: "Missing 3", and its selectors agree.
    assert round_progress(round=round)["missing"] == len(GAPS)
    assert {a.ref for a in actions_due(round=round)} == {*GAPS, "OK"}
    page = client.get(f"/{org}/rounds/{round.pk}/").content.decode()
    missing = page.split('__key">Missing</dt>')[1].split("</dd>")[0]
    assert missing.startswith(f'<dd class="govuk-summary-list__value">{len(GAPS)}')


def test_an_action_added_after_a_period_says_so_in_the_document(closed_2023):
    plan, round, _ = closed_2023
    late = Action.objects.get(plan=plan, ref="LATE")
    # Imported actions were there from the start; LATE joined after 2023 (position 1).
    assert actions_added_after(plan_id=plan.pk) == {late.pk: round.period.position}
    document = plan_document(organisation=plan.organisation, slug="gaps")
    actions = {a["ref"]: a for a in document["themes"][0]["actions"]}
    assert actions["LATE"]["added_after"] == "2023"
    assert "added_after" not in actions["NONE"]
    # A report of the plan from the file counts it the same way.
    assert [r.ref for r in report_data(document=document, period="2023", glossary={}).missing] == (
        GAPS
    )


def test_an_action_added_while_a_round_is_open_is_due_in_it(closed_2023):
    plan, round, admin = closed_2023
    theme = Action.objects.get(plan=plan, ref="OK").theme
    round_2024 = round_open(
        plan=plan, period_label="2024", deadline=dt.date(2099, 1, 1), user=admin
    )
    new = action_create(plan=plan, theme=theme, text="Added during the 2024 round.", ref="NEW")
    due = {a.ref for a in actions_due(round=round_2024)}
    # LATE (added before 2024) and NEW are due; the ended ones are still not.
    assert due == {"GAP1", "GAP2", "NONE", "OK", "LATE", "NEW"}
    # NEW joined after 2023 had been reported, not after 2024, whose round is open.
    assert actions_added_after(plan_id=plan.pk)[new.pk] == round.period.position
    # Nor does the closed 2023 round count either of them.
    assert round_progress(round=round)["missing"] == len(GAPS)
