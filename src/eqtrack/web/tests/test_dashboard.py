"""The dashboard for committee, end to end: choosing the period, the change beside each
count, what needs attention, status changes, and the committee summary's downloads."""

import datetime as dt
import io

import pdfplumber
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.planformat import FORMAT
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import round_open

pytestmark = pytest.mark.django_db


def _status(period, category, progress):
    return {
        "period": period,
        "progress": [progress],
        "next_steps": [f"Next for {period}."],
        "status": {"text": category, "category": category},
    }


def _plan():
    """Three reported periods; A1 goes on track → at risk, A2 at risk → complete, A3 stays
    ongoing and is silent in 2023."""
    document = {
        "format": FORMAT,
        "title": "Committee plan",
        "organisation": "Test Borough Council",
        "periods": ["2021", "2022", "2023"],
        "themes": [
            {
                "title": "Services",
                "actions": [
                    {
                        "ref": "A1",
                        "text": "Open the new library.",
                        "updates": [
                            _status("2021", "ongoing", "Planned."),
                            _status("2022", "on_track", "Builders in."),
                            _status("2023", "at_risk", "Builders <b>gone</b>."),
                        ],
                    },
                    {
                        "ref": "A2",
                        "text": "Train every officer.",
                        "updates": [
                            _status("2021", "not_started", "Not yet."),
                            _status("2022", "at_risk", "Trainer left."),
                            _status("2023", "complete", "All trained."),
                        ],
                    },
                    {
                        "ref": "A3",
                        "text": "Translate the leaflets.",
                        "updates": [
                            _status("2021", "ongoing", "Half done."),
                            _status("2022", "ongoing", "Most done."),
                        ],
                    },
                ],
            }
        ],
    }
    plan = plan_create_from_document(document=document)
    plan.published = True
    plan.save()
    team = Team.objects.create(organisation=plan.organisation, name="Libraries")
    Action.objects.filter(plan=plan, ref="A1").update(team=team)
    return plan


def _url(plan, rest="dashboard/"):
    return f"/{plan.organisation.slug}/{plan.slug}/{rest}"


def _between(html, start, end):
    return html.split(start, 1)[1].split(end, 1)[0]


def test_the_dashboard_is_of_the_latest_reported_period_by_default(client):
    plan = _plan()
    html = client.get(_url(plan)).content.decode()
    assert '<h1 class="govuk-heading-xl">At a glance: 2023</h1>' in html
    form = _between(html, '<form method="get"', "</form>")
    assert '<option value="2023" selected>2023</option>' in form
    assert '<option value="2021">' in form and '<option value="2022">' in form


def test_choosing_an_earlier_period_compares_it_with_the_one_before(client):
    plan = _plan()
    html = client.get(_url(plan), {"period": "2022"}).content.decode()
    assert '<h1 class="govuk-heading-xl">At a glance: 2022</h1>' in html
    assert '<option value="2022" selected>2022</option>' in html
    assert "Change since 2021" in html and "Status changes since 2021" in html
    # The committee summary's downloads are of the period shown.
    assert _url(plan, "dashboard/summary.pdf?period=2022") in html
    first = client.get(_url(plan), {"period": "2021"}).content.decode()
    assert "There is no earlier reported period to compare with." in first
    assert "Status changes since" not in first


def test_a_period_the_public_may_not_see_is_refused_by_name(client):
    plan = _plan()
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 31), user=admin)
    for asked in ("2031", "nonsense"):
        page = client.get(_url(plan), {"period": asked})
        assert page.status_code == 200
        html = page.content.decode()
        assert "There is a problem" in html
        assert (
            f'<a href="#period">The plan has no reported period &#x27;{asked}&#x27; '
            "(choose from 2021, 2022, 2023)</a>"
        ) in html
        assert 'aria-describedby="period-error"' in html
        # The summary opens the page, before the heading and its caption (GOV.UK's pattern).
        assert html.index("There is a problem") < html.index('<span class="govuk-caption-l">')
        # The latest reported period still shows below the message.
        assert "At a glance: 2023</h1>" in html
        assert '<option value="2031"' not in html


def test_each_count_has_its_change_since_the_previous_period_in_words(client):
    html = client.get(_url(_plan())).content.decode()
    table = _between(html, 'id="by-status-caption"', "</table>")
    # 2023 against 2022: at risk 1 (was 1), complete 1 (was 0), on track 0 (was 1), …
    row = _between(table, ">Complete</th>", "</tr>")
    assert '<span aria-hidden="true">+1</span>' in row
    assert '<span class="govuk-visually-hidden">1 more than 2022</span>' in row
    row = _between(table, ">On track</th>", "</tr>")
    assert ">−1</span>" in row and "1 fewer than 2022" in row
    row = _between(table, ">At risk</th>", "</tr>")
    assert ">No change</span>" in row and "the same as 2022" in row
    row = _between(table, ">All actions</th>", "</tr>")
    assert ">3</td>" in row and "No change" in row


def test_needs_attention_lists_each_action_with_why_its_team_and_latest_words(client):
    plan = _plan()
    html = client.get(_url(plan)).content.decode()
    section = _between(html, 'id="attention"', 'id="status-changes"')
    a1 = Action.objects.get(plan=plan, ref="A1")
    a3 = Action.objects.get(plan=plan, ref="A3")
    assert section.index("A1: Open the new library.") < section.index("A3: Translate")
    assert f'href="/{plan.organisation.slug}/{plan.slug}/#action-{a1.pk}"' in section
    assert f"#action-{a3.pk}" in section
    assert "A2:" not in section  # complete: nothing to look at
    first = _between(section, "A1: Open", "</tr>")
    assert '<strong class="govuk-tag govuk-tag--orange">At risk</strong>' in first
    assert "Libraries" in first
    assert "Builders &lt;b&gt;gone&lt;/b&gt;." in first and "Next for 2023." in first
    silent = _between(section, "A3: Translate", "</tr>")
    assert "No update for 2023" in silent and "No team yet" in silent
    # Its owners' last words, and when: 2022's.
    assert "Reported for 2022: ongoing" in silent and "Most done." in silent


def test_status_changes_are_a_table_and_a_chart_with_the_table_as_its_words(client):
    html = client.get(_url(_plan())).content.decode()
    section = _between(html, 'id="status-changes"', "Actions by theme and team")
    counts = _between(section, 'id="change-counts-caption"', "</table>")
    for label, n in [("Improved", 1), ("Worsened", 1), ("Unchanged", 0), ("No comparison", 1)]:
        assert (
            f'{label}</th><td class="govuk-table__cell govuk-table__cell--numeric">{n}</td>'
            in counts
        )
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in section
    assert "Improved: 1, Worsened: 1" in section  # the chart's description
    moved = _between(section, 'id="moved-caption"', "</table>")
    # A3 went silent: counted as "no comparison", not listed as a move.
    assert "Actions whose status moved (2)" in moved and "A3: " not in moved
    a1 = _between(moved, "A1: ", "</tr>")
    assert (
        '<td class="govuk-table__cell">On track</td><td class="govuk-table__cell">At risk</td><td class="govuk-table__cell">Worsened</td>'
        in a1
    )


@pytest.mark.parametrize("actions", [3, 40])
def test_the_dashboard_query_count_does_not_grow_with_actions(client, actions):
    plan = plan_create_from_document(document=document_generate(actions=actions, periods=3))
    plan.published = True
    plan.save()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(_url(plan), {"period": "Q2 2020"})
    assert page.status_code == 200 and "At a glance: Q2 2020" in page.content.decode()
    # organisation, plan, periods, themes, actions, updates, evidence and indicator values
    # (twice: the page's plan and the report's approved document), the reported periods, and
    # when each action joined the plan (one query, for the gaps rule), and, the period being
    # an earlier one, its round's close date (to judge overdue by)
    assert len(queries) == 19


def test_the_committee_summary_downloads_are_of_the_chosen_period(client):
    plan = _plan()
    pdf = client.get(_url(plan, "dashboard/summary.pdf"), {"period": "2022"})
    assert pdf["Content-Type"] == "application/pdf"
    assert f'filename="{plan.slug}-committee-summary-2022.pdf"' in pdf["Content-Disposition"]
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        assert len(document.pages) == 1
        assert "Committee plan: committee summary, 2022" in document.pages[0].extract_text()
    word = client.get(_url(plan, "dashboard/summary.docx"))
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"{plan.slug}-committee-summary-2023.docx" in word["Content-Disposition"]
    assert client.get(_url(plan, "dashboard/summary.pdf"), {"period": "1999"}).status_code == 404
    assert client.get(_url(plan, "dashboard/summary.html")).status_code == 404


def test_the_api_gives_the_same_summary_uncut(client):
    plan = _plan()
    url = f"/api/v1/plans/{plan.organisation.slug}/{plan.slug}/committee-summary"
    summary = client.get(url).json()
    assert (summary["period"], summary["previous"]) == ("2023", "2022")
    counts = {c["category"]: (c["now"], c["then"]) for c in summary["counts"]}
    assert counts["complete"] == (1, 0) and counts["all"] == (3, 3)
    assert [(a["ref"], a["reasons"], a["team"]) for a in summary["attention"]] == [
        ("A1", ["at_risk"], "Libraries"),
        ("A3", ["no_update"], None),
    ]
    assert summary["attention"][1]["commentary_period"] == "2022"
    assert summary["changes"] == {
        "improved": 1,
        "worsened": 1,
        "unchanged": 0,
        "ended": 0,
        "no_comparison": 1,
    }
    assert [(m["ref"], m["then"], m["now"], m["change"]) for m in summary["moved"]] == [
        ("A1", "on_track", "at_risk", "worsened"),
        ("A2", "at_risk", "complete", "improved"),
    ]
    earlier = client.get(url, {"period": "2021"}).json()
    assert earlier["previous"] is None and earlier["moved"] == []
    refused = client.get(url, {"period": "1999"})
    assert refused.status_code == 404
    assert refused.json() == {
        "error": "the plan has no reported period '1999' (choose from 2021, 2022, 2023)",
        "field": "period",
    }


def test_a_refused_period_of_a_plan_with_none_reported_links_to_no_missing_field(client):
    document = {
        "format": FORMAT,
        "title": "Nothing reported",
        "organisation": "Quiet Council",
        "periods": ["2021"],
        "themes": [{"title": "T", "objective": "", "actions": [{"text": "A", "updates": []}]}],
    }
    plan = plan_create_from_document(document=document)
    plan.published = True
    plan.save()
    html = client.get(_url(plan), {"period": "1999"}).content.decode()
    assert "There is a problem" in html and "The plan has no reported period yet" in html
    assert 'href="#period"' not in html and 'id="period"' not in html
