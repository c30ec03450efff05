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


def _due_plan():
    """2021 imported (no round), 2022 reported by a round that closed on 30 June 2022, 2023 the
    latest. A1 is due March 2022, A2 December 2023; both ongoing in every period."""
    import datetime as dt

    from eqtrack.plans.models import Period
    from eqtrack.plans.planformat import FORMAT
    from eqtrack.rounds.models import ReportingRound

    def ongoing(period):
        return {
            "period": period,
            "progress": [f"Work in {period}."],
            "next_steps": [],
            "status": {"text": "Ongoing", "category": "ongoing"},
        }

    periods = ["2021", "2022", "2023"]
    plan = plan_create_from_document(
        document={
            "format": FORMAT,
            "title": "Due plan",
            "organisation": "Test Borough Council",
            "periods": periods,
            "themes": [
                {
                    "title": "Services",
                    "actions": [
                        {
                            "ref": ref,
                            "text": f"Action {ref}.",
                            "due": due,
                            "updates": [ongoing(p) for p in periods],
                        }
                        for ref, due in (("A1", "March 2022"), ("A2", "December 2023"))
                    ],
                }
            ],
        }
    )
    ReportingRound.objects.create(
        organisation=plan.organisation,
        plan=plan,
        period=Period.objects.get(plan=plan, label="2022"),
        deadline=dt.date(2022, 5, 31),
        closed_at=dt.datetime(2022, 6, 30, 12, tzinfo=dt.UTC),
    )
    return plan


@pytest.mark.parametrize(
    ("period", "overdue"),
    [
        # Imported, with no date of its own: nothing judged overdue (not A1 or A2 by today).
        ("2021", []),
        # Judged on 30 June 2022, the day its round closed: A1 (31 March 2022) was overdue,
        # A2 (31 December 2023) not yet.
        ("2022", ["A1"]),
        # The latest, judged on today (1 January 2030 here): both are past due.
        ("2023", ["A1", "A2"]),
    ],
)
def test_overdue_in_an_earlier_period_is_judged_as_of_that_period(period, overdue, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    from eqtrack.plans.selectors import plan_with_contents
    from eqtrack.reports.selectors import committee_summary_for, dashboard_figures
    from eqtrack.reports.services import report_for_plan

    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None: real(value) if value else dt.date(2030, 1, 1)
    )
    plan = _due_plan()
    organisation = plan.organisation
    summary = committee_summary_for(organisation=organisation, plan_slug=plan.slug, period=period)
    assert [row.ref for row in summary.data.overdue] == overdue
    loaded = plan_with_contents(organisation=organisation, slug=plan.slug, approved_only=True)
    figures = dashboard_figures(organisation=organisation, plan=loaded, period=period)
    assert figures is not None and figures.data is not None
    assert [row.ref for row in figures.data.overdue] == overdue
    html = report_for_plan(
        organisation=organisation, plan_slug=plan.slug, format="html", period=period
    ).decode()
    for ref in ("A1", "A2"):
        assert (f"<li>{ref}: Action {ref}." in html) is (ref in overdue)


def test_the_by_team_table_counts_the_reports_rows():
    """2023's report has four rows: A1 (Libraries, at risk); two actions both labelled B1 and
    one with no reference (Parks: on track, at risk, complete). A2 (Libraries) was completed
    in 2022, so 2023's report leaves it out, and the table must too."""
    from eqtrack.accounts.models import Team
    from eqtrack.plans.models import Action
    from eqtrack.plans.planformat import FORMAT
    from eqtrack.plans.selectors import plan_with_contents
    from eqtrack.reports.selectors import dashboard_figures

    def status(period, category):
        return {
            "period": period,
            "progress": ["Work."],
            "next_steps": [],
            "status": {"text": category, "category": category},
        }

    actions = [
        ("A1", "Open the library.", [status("2022", "on_track"), status("2023", "at_risk")]),
        ("A2", "Train the staff.", [status("2022", "complete")]),
        ("B1", "Plant the trees.", [status("2023", "on_track")]),
        ("B1", "Mend the paths.", [status("2023", "at_risk")]),
        (None, "Open the toilets.", [status("2023", "complete")]),
    ]
    plan = plan_create_from_document(
        document={
            "format": FORMAT,
            "title": "Team plan",
            "organisation": "Test Borough Council",
            "periods": ["2022", "2023"],
            "themes": [
                {
                    "title": "Places",
                    "actions": [
                        {"ref": ref, "text": text, "updates": updates}
                        for ref, text, updates in actions
                    ],
                }
            ],
        }
    )
    organisation = plan.organisation
    for name, texts in (
        ("Libraries", ["Open the library.", "Train the staff."]),
        ("Parks", ["Plant the trees.", "Mend the paths.", "Open the toilets."]),
    ):
        team = Team.objects.create(organisation=organisation, name=name)
        Action.objects.filter(plan=plan, text__in=texts).update(team=team)
    loaded = plan_with_contents(organisation=organisation, slug=plan.slug, approved_only=True)
    figures = dashboard_figures(organisation=organisation, plan=loaded)
    assert figures is not None and figures.data is not None
    assert [c for c, _ in figures.data.categories] == ["complete", "on_track", "at_risk"]
    assert figures.teams == [("Libraries", [0, 0, 1], 1), ("Parks", [1, 1, 1], 3)]
    assert all(sum(cells) == total for _, cells, total in figures.teams)
    assert sum(total for _, _, total in figures.teams) == len(figures.data.rows) == 4
