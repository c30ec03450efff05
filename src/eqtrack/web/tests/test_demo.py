"""`eqtrack demo`: the sample plan served with both years' updates, and working demo accounts."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from eqtrack.plans.models import Plan

pytestmark = pytest.mark.django_db


def _demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_serves_the_seed_plan_with_21_actions_each_with_2021_and_2022(client):
    output = _demo()
    # 2021 and 2022 from the seeds, and 2023, the demo's open round.
    assert "21 actions over 3 periods" in output
    page = client.get("/maidstone-borough-council/equalities-action-plan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('<article class="eqtrack-action') == 21
    # The latest reported period open, the earlier one collapsed; 2023's round is open, so
    # nothing of 2023 is public.
    assert html.count(">Reported for 2022<") == 21 and html.count(">Reported for 2021<") == 21
    assert html.count('">Reported for 2022</h4>') == 21
    assert " open>" not in html
    assert "Reporting periods: 2021, 2022." in html and "for 2023" not in html
    # The fall in first aiders, 20 to 14, is there for a reader to see.
    assert "2021: 20; 2022: 14</td>" in html and ">Fell<" in html


def test_demo_accounts_are_printed_and_work():
    output = _demo()
    credentials = dict(
        line.strip().split("   ")[0].split(" / ") for line in output.splitlines() if " / " in line
    )
    assert set(credentials) == {
        "demo-admin",
        "demo-officer",
        "demo-reviewer",
        "demo-councillor",
        "demo-procurement",
        "demo-evaluator",
        "demo-evaluator-2",
        "demo-contracts",
    }
    for username, password in credentials.items():
        assert authenticate(username=username, password=password) is not None


def test_running_the_demo_again_archives_the_old_copy_and_loses_nothing():
    _demo()
    _demo()
    plans = Plan.objects.filter(slug="equalities-action-plan")
    assert plans.count() == 2
    assert plans.filter(archived_at__isnull=True).count() == 1


def test_demo_links_an_illustrative_weighted_survey_to_cl4(client, django_user_model):
    from eqtrack.consultations.models import Consultation

    _demo()
    consultation = Consultation.objects.get(action__isnull=False)
    assert consultation.action.ref == "CL4" and "illustrative" in consultation.title
    assert consultation.diagnostics["converged"]
    assert any(s["under_represented"] and s["category"] == "16-34" for s in consultation.shares)
    client.force_login(django_user_model.objects.get(username="demo-officer"))
    page = client.get("/maidstone-borough-council/equalities-action-plan/").content.decode()
    assert "Resident survey 2022 (illustrative responses)</a>" in page


def test_the_demo_has_a_directory_and_a_calendar(client):
    output = _demo()
    assert "/maidstone-borough-council/directory/" in output
    services = client.get("/openreferral/services").json()
    assert services["total_items"] == 4
    # A listing shows the contact details its contact agreed to publish, and no others.
    listing = client.get(
        f"/maidstone-borough-council/directory/{services['contents'][0]['id']}/"
    ).content.decode()
    assert "listings@example.org" in listing and "Illustrative contact" not in listing
    assert (
        "Black History Month"
        in client.get("/maidstone-borough-council/diversity-calendar/").content.decode()
    )
    _demo()  # again: nothing doubles
    assert client.get("/openreferral/services").json()["total_items"] == 4


def test_the_demo_has_a_published_equality_impact_assessment(client):
    _demo()
    _demo()  # again: one policy, not two
    from eqtrack.assessments.models import Assessment, Policy

    assert Policy.objects.count() == 1
    assessment = Assessment.objects.get()
    assert assessment.locked and assessment.published_at
    page = client.get(
        f"/maidstone-borough-council/equality-impact-assessments/{assessment.pk}/"
    ).content.decode()
    assert "Assisted applications in every library" in page


def test_the_demo_administrator_runs_its_council_without_the_django_admin(client):
    from django.contrib.auth import get_user_model

    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.services import plan_create_from_document

    _demo()
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"organisation": "Other Council"}
    )
    admin = get_user_model().objects.get(username="demo-admin")
    assert not admin.is_staff and not admin.is_superuser
    client.force_login(admin)
    assert client.get("/admin/plans/plan/").status_code == 302  # the admin is for operators
    page = client.get("/maidstone-borough-council/").content.decode()
    for link in ("/manage/people/", "/manage/teams/", "/manage/glossary/", "/manage/calendar/"):
        assert f'href="/maidstone-borough-council{link}"' in page
    assert client.get("/maidstone-borough-council/manage/people/").status_code == 200
    assert client.get(f"/{other.organisation.slug}/manage/people/").status_code == 404


def test_demo_confirms_some_indicators_and_leaves_the_officer_some_to_check(
    client, django_user_model
):
    from eqtrack.plans.models import Measure

    output = _demo()
    assert "/maidstone-borough-council/equalities-action-plan/indicators/" in output
    plan = Plan.objects.get(slug="equalities-action-plan", archived_at__isnull=True)
    confirmed = set(
        Measure.objects.filter(action__plan=plan, state="confirmed").values_list(
            "action__ref", "label"
        )
    )
    assert confirmed == {
        ("E3", "mental health first aiders"),
        ("E1", "respondents"),
        ("E1", "response rate"),
        ("SP6", "clients"),
        ("CL3", "funding"),
    }
    client.force_login(django_user_model.objects.get(username="demo-officer"))
    page = client.get("/maidstone-borough-council/equalities-action-plan/indicators/")
    html = page.content.decode()
    assert "Indicators to check (3)</h1>" in html  # CL2's responses and dashboards, CL3's
    assert "Confirmed (1)" in html  # CL3's funding


def test_demo_publishes_two_years_of_illustrative_staff_against_the_census(client):
    from eqtrack.workforce.models import StaffMember, StaffSnapshot

    output = _demo()
    assert "/maidstone-borough-council/pay-gaps/" in output
    snapshots = StaffSnapshot.objects.live().order_by("snapshot")
    assert [(s.snapshot.year, s.employees, s.published) for s in snapshots] == [
        (2025, 600, True),
        (2026, 600, True),
    ]
    assert "made-up employees" in snapshots[0].source
    assert StaffMember.objects.filter(employee_id__startswith="ILLUSTRATIVE-").count() == 1200
    page = client.get("/maidstone-borough-council/pay-gaps/2026-03-31/").content.decode()
    # The real Census 2021 figures for Maidstone, with their source and licence.
    assert "Office for National Statistics, Census 2021 (TS009 sex, TS021 ethnic group" in page
    assert "Open Government Licence" in page
    assert ">Year on year</h2>" in page
    # Running the demo again replaces the snapshots rather than refusing them.
    _demo()
    assert StaffSnapshot.objects.live().count() == 2


def test_the_demo_has_a_closed_consultation_with_weighted_results_and_an_open_survey(client):
    from eqtrack.consultations.models import Consultation
    from eqtrack.surveys.models import Response, Theme

    _demo()
    slug = "maidstone-borough-council"
    listing = client.get(f"/{slug}/have-your-say/").content.decode()
    assert "Parks and open spaces: tell us what you think" in listing
    assert "Budget 2026/27: what matters to you (illustrative responses)" in listing
    closed = Consultation.objects.live().get(title__startswith="Budget 2026/27")
    assert Response.objects.filter(survey__consultation=closed).count() == 2000
    assert closed.diagnostics and closed.results and closed.results_published_at
    assert Theme.objects.filter(question__survey__consultation=closed).count() >= 4
    results = client.get(f"/{slug}/have-your-say/{closed.pk}/results/")
    assert results.status_code == 200
    assert "made up" in client.get(f"/{slug}/have-your-say/{closed.pk}/").content.decode()
    opened = Consultation.objects.live().get(title__startswith="Parks and open spaces")
    start = client.get(f"/{slug}/surveys/{opened.survey.pk}/")
    assert start.status_code == 200 and "Start now" in start.content.decode()
    # A second run archives the first run's copies rather than doubling them.
    _demo()
    assert Consultation.objects.live().filter(title__startswith="Budget 2026/27").count() == 1


def test_the_demo_has_an_awarded_tender_and_a_contract_with_a_year_of_returns(client):
    from django.contrib.auth import get_user_model

    from eqtrack.procurement.models import Contract, ReturnState, SupplierReturn, Tender

    out = _demo()
    assert "Social value in procurement: /maidstone-borough-council/tenders/" in out
    slug = "maidstone-borough-council"
    tender = Tender.objects.get(reference="MBC-2026-014")
    assert tender.stage == "awarded" and tender.bids.count() == 3
    contract = Contract.objects.get(tender=tender)
    assert SupplierReturn.objects.filter(contract=contract, state=ReturnState.ACCEPTED).count() == 4
    # The plan's public page shows what was delivered on the action the measures serve.
    plan_page = client.get(f"/{slug}/equalities-action-plan/").content.decode()
    assert "Kent Green Works Ltd (illustrative)" in plan_page
    client.force_login(get_user_model().objects.get(username="demo-procurement"))
    assert client.get(f"/{slug}/tenders/{tender.pk}/results/").status_code == 200
    assert client.get(f"/{slug}/tenders/{tender.pk}/score-sheet.xlsx").status_code == 200
    # Run again: nothing doubles, and the measures follow the plan imported afresh.
    _demo()
    assert Tender.objects.filter(reference="MBC-2026-014").count() == 1
    assert Contract.objects.count() == 1
    client.logout()
    plan_page = client.get(f"/{slug}/equalities-action-plan/").content.decode()
    assert "Kent Green Works Ltd (illustrative)" in plan_page
