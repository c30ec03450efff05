"""The demo: the seed reports as a published sample plan, and demo accounts to sign in with."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.accounts.services import council_administrators_group_ensure
from eqtrack.assessments import services as eqia
from eqtrack.assessments.models import Outcome, Policy
from eqtrack.consultations.census import LICENCE, census_area, census_choose
from eqtrack.consultations.margins import margins_read
from eqtrack.consultations.models import PopulationProfile
from eqtrack.consultations.services import consultation_create, profile_create
from eqtrack.core.cells import frame_escape
from eqtrack.directory.models import Group, Service, TaxonomyTerm
from eqtrack.directory.services import calendar_seed, listing_create, taxonomy_seed
from eqtrack.importing.services import ImportResult, plan_import
from eqtrack.plans.models import Action, Measure
from eqtrack.plans.services import measure_confirm
from eqtrack.reports.glossary import DEFAULT_GLOSSARY, SEED_GLOSSARY
from eqtrack.reports.services import glossary_seed
from eqtrack.rounds.services import round_open
from eqtrack.workforce.illustrative import ILLUSTRATIVE_SOURCE, illustrative_staff_csv
from eqtrack.workforce.services import staff_snapshot_import

SAMPLE_DIR = settings.PACKAGE_DIR.parents[1] / "sample_data"
SAMPLE_FILES = ["equalities-actions-update-2021.txt", "equalities-actions-update-2022.txt"]
SAMPLE_ORGANISATION = "Maidstone Borough Council"
SAMPLE_PLAN = "equalities-action-plan"
DEMO_PROFILE = "Illustrative profile (not census figures)"
CENSUS_PROFILE = "Maidstone, Census 2021"
DEMO_STAFF_YEARS = (2025, 2026)


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str


@transaction.atomic
def demo_load(*, sample_dir: Path = SAMPLE_DIR) -> tuple[ImportResult, list[DemoAccount]]:
    """Import the sample plan (archiving an earlier demo copy) and reset the demo accounts."""
    result = plan_import(
        paths=[sample_dir / name for name in SAMPLE_FILES],
        periods=["2021", "2022"],
        slug=SAMPLE_PLAN,
        organisation_name=SAMPLE_ORGANISATION,
        replace=True,
        publish=True,
    )
    glossary_seed(organisation=result.plan.organisation, entries=DEFAULT_GLOSSARY | SEED_GLOSSARY)
    profile_create(
        organisation=result.plan.organisation,
        name=DEMO_PROFILE,
        margins=margins_read(sample_dir / "illustrative-population-profile.csv"),
        area="Maidstone (illustrative)",
        source="Made-up figures shipped with eqtrack for trying it out; not census data",
        illustrative=True,
        replace=True,
    )
    _demo_consultation(result.plan)
    organisation = result.plan.organisation
    teams = _demo_teams(result.plan)
    accounts = [
        # Not a superuser: in the Django admin, too, it sees and changes only its council's records.
        _account_reset("demo-admin", organisation, Role.ADMINISTRATOR),
        _account_reset(
            "demo-officer", organisation, Role.OWNER, teams=[teams["As a Community Leader"]]
        ),
        _account_reset("demo-reviewer", organisation, Role.REVIEWER),
        _account_reset("demo-councillor", organisation, Role.VIEWER),
        _account_reset("demo-procurement", organisation, Role.PROCUREMENT),
        _account_reset("demo-evaluator", organisation, Role.EVALUATOR),
        _account_reset("demo-evaluator-2", organisation, Role.EVALUATOR),
        _account_reset("demo-contracts", organisation, Role.CONTRACT_MANAGER),
    ]
    _demo_measures(result.plan)
    _demo_round(result.plan)
    _demo_directory(result.plan.organisation)
    _demo_assessment(result.plan.organisation)
    _demo_workforce(result.plan.organisation)
    _demo_surveys(result.plan.organisation, get_user_model().objects.get(username="demo-admin"))
    _demo_procurement(result.plan.organisation)
    return result, accounts


def _demo_procurement(organisation) -> None:
    """Social value in procurement (procurement.illustrative): the council's own measures, one
    tender with three bidders scored, moderated and awarded, and a contract with a year of
    suppliers' returns."""
    from eqtrack.procurement.illustrative import illustrative_procurement_add

    people = get_user_model().objects.in_bulk(
        ["demo-procurement", "demo-admin", "demo-evaluator", "demo-evaluator-2", "demo-contracts"],
        field_name="username",
    )
    illustrative_procurement_add(
        organisation=organisation,
        officer=people["demo-procurement"],
        confirmer=people["demo-admin"],
        evaluators=(people["demo-evaluator"], people["demo-evaluator-2"]),
        contract_manager=people["demo-contracts"],
    )


DEMO_CLOSED = "Budget 2026/27: what matters to you (illustrative responses)"
DEMO_OPEN = "Parks and open spaces: tell us what you think"
DEMO_RESPONSES = 2000


def _demo_surveys(organisation, admin) -> None:
    """Two hosted consultations on the council's "Have your say" page: one closed, with about
    2,000 made-up responses weighted to the real Census 2021 figures for Maidstone, its themes
    found and its "we asked, you said, we did" page published; and one open survey anyone can
    answer. A quick poll sits on the council's front page. A second run archives the first
    run's copies."""
    from eqtrack.consultations.models import Consultation
    from eqtrack.consultations.page_services import (
        consultation_page_change,
        consultation_page_create,
        faq_add,
        results_page_change,
        results_page_publish,
    )
    from eqtrack.surveys.illustrative import illustrative_responses_add
    from eqtrack.surveys.models import Poll
    from eqtrack.surveys.services.building import (
        monitoring_set_add,
        question_add,
        routing_set,
        survey_close,
        survey_create,
        survey_open,
    )
    from eqtrack.surveys.services.polls import poll_create
    from eqtrack.surveys.services.themes import themes_run

    Consultation.objects.live().filter(
        organisation=organisation, title__in=[DEMO_CLOSED, DEMO_OPEN]
    ).update(archived_at=timezone.now())
    Poll.objects.filter(organisation=organisation).update(is_open=False)
    census = PopulationProfile.objects.live().get(organisation=organisation, name=CENSUS_PROFILE)
    today = timezone.localdate()

    def page(title: str, summary: str, opens: int, closes: int):
        consultation = consultation_page_create(organisation=organisation, user=admin, title=title)
        consultation.profile = census
        consultation.save(update_fields=["profile"])
        return consultation_page_change(
            consultation=consultation,
            user=admin,
            title=title,
            summary=summary,
            opens_on=today + dt.timedelta(days=opens),
            closes_on=today + dt.timedelta(days=closes),
            contact_name="Policy and Engagement team",
            contact_email="consultation@example.org",
            is_public=True,
        )

    closed = page(
        DEMO_CLOSED,
        "Which services matter most to you, and what should change. The responses here are "
        "made up for trying eqtrack out; they are not real residents' answers.",
        -90,
        -30,
    )
    survey = survey_create(consultation=closed, user=admin)
    question_add(
        survey=survey,
        user=admin,
        kind="one_choice",
        text="Which council service matters most to you?",
        options=["Bins and recycling", "Parks and open spaces", "Libraries", "Buses and roads"],
        other_option=True,
        required=True,
    )
    question_add(
        survey=survey,
        user=admin,
        kind="scale",
        text="How satisfied are you with the council's services overall?",
        options=["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"],
    )
    uses = question_add(
        survey=survey,
        user=admin,
        kind="one_choice",
        text="Do you use a library?",
        options=["Yes", "No"],
    )
    better = question_add(
        survey=survey,
        user=admin,
        kind="free_text",
        text="What would make the library better for you?",
    )
    routing_set(question=better, user=admin, condition=uses, answers=["Yes"])
    change = question_add(
        survey=survey,
        user=admin,
        kind="free_text",
        text="What one thing should the council change?",
    )
    monitoring_set_add(survey=survey, user=admin)
    survey_open(survey=survey, user=admin)
    illustrative_responses_add(survey=survey, count=DEMO_RESPONSES)
    survey_close(survey=survey, user=admin)
    for question in (better, change):
        themes_run(question=question, user=admin)
    closed.refresh_from_db()  # closing kept the weighted results on it
    results_page_change(
        consultation=closed,
        user=admin,
        we_asked="Which services matter most to you, how satisfied you are, and what one "
        "thing the council should change.",
        you_said="Bins and recycling came first. Many of you asked for evening buses, cheaper "
        "town-centre parking and longer library hours.",
        we_did="We have added evening buses to the transport review and will consult on "
        "library opening hours in the spring.",
        charts=["representativeness"],
    )
    results_page_publish(consultation=closed, user=admin)

    opened = page(
        DEMO_OPEN,
        "Tell us how you use the borough's parks and what would make them better. Anyone can "
        "answer; it takes about five minutes.",
        -7,
        60,
    )
    faq_add(
        consultation=opened,
        user=admin,
        question="Do I have to answer the equality questions?",
        answer="No. They help us check we are hearing from everyone in the borough; each has "
        '"Prefer not to say".',
    )
    survey = survey_create(
        consultation=opened,
        user=admin,
        introduction="Your answers are anonymous. You can save your answers and come back later.",
    )
    visits = question_add(
        survey=survey,
        user=admin,
        kind="one_choice",
        text="How often do you visit a park in the borough?",
        options=["Every day", "Every week", "Every month", "Less often", "Never"],
        required=True,
    )
    why_not = question_add(
        survey=survey,
        user=admin,
        kind="free_text",
        text="What stops you from visiting parks more often?",
        hint="For example, how far away they are, how safe they feel, or the facilities.",
    )
    routing_set(question=why_not, user=admin, condition=visits, answers=["Less often", "Never"])
    question_add(
        survey=survey,
        user=admin,
        kind="several_choices",
        text="What do you go to the park for?",
        options=["Walking", "Play with children", "Sport", "Meeting people", "Nature"],
        other_option=True,
    )
    question_add(survey=survey, user=admin, kind="postcode", text="What is your postcode?")
    monitoring_set_add(survey=survey, user=admin)
    survey_open(survey=survey, user=admin)
    poll_create(
        organisation=organisation,
        user=admin,
        question="Should the council plant more trees on residential streets?",
        options=["Yes", "No", "Not sure"],
    )


def _demo_workforce(organisation) -> None:
    """The real Census 2021 figures for Maidstone as a profile (sex, ethnic group, disability:
    what the workforce is compared with), and two years of a made-up staff file of about 600
    people, published. The illustrative profile stays for the demo survey, whose answers
    (age bands, five ethnic groups) the census figures shipped here do not have."""
    area = census_area("E07000110")
    census = profile_create(
        organisation=organisation,
        name=CENSUS_PROFILE,
        margins=census_choose(area.code, ["sex", "ethnic group (19)", "disability (all ages)"]),
        area=f"{area.name} ({area.code})",
        source=area.source,
        licence=LICENCE,
        replace=True,
    )
    for year in DEMO_STAFF_YEARS:
        staff_snapshot_import(
            organisation=organisation,
            data=illustrative_staff_csv(people=600, year=year),
            source=ILLUSTRATIVE_SOURCE.format(year=year),
            snapshot=dt.date(year, 3, 31),
            profile=census,
            publish=True,
            replace=True,
        )


# Which team owns each theme's actions in the demo (the seeds do not say).
DEMO_TEAMS = {
    "As a Community Leader": "Policy, Communities and Engagement",
    "As an Employer": "Human Resources",
    "As a Service Provider": "Customer Services",
}


def _demo_teams(plan) -> dict[str, Team]:
    teams = {}
    for theme in plan.themes.all():
        name = DEMO_TEAMS.get(theme.title, "Policy, Communities and Engagement")
        team, _ = Team.objects.get_or_create(organisation=plan.organisation, name=name)
        theme.actions.update(team=team)
        teams[theme.title] = team
    return teams


# Made-up listings, of the kinds the seed reports name, so the directory has something in it;
# made-up halls too, so the Open Referral feed's places have something in them.
DEMO_LISTINGS = [
    (
        "Illustrative faith forum",
        "Faith groups and places of worship meeting monthly.",
        "faith",
        "1 Example Church Street",
        "ME14 1AA",
    ),
    (
        "Illustrative veterans' breakfast club",
        "Armed forces veterans and families.",
        "armed-forces",
        "Example Drill Hall",
        "ME15 6AA",
    ),
    (
        "Illustrative warm space",
        "A warm room, tea and advice on bills, weekdays.",
        "cost-of-living",
        "Example Community Centre",
        "ME16 8AA",
    ),
    (
        "Illustrative carers' café",
        "A break and a chat for unpaid carers.",
        "carers",
        "",
        "",
    ),
]


def _demo_directory(organisation) -> None:
    """The directory's categories, this year's diversity calendar and a few made-up listings."""
    taxonomy_seed(organisation=organisation)
    calendar_seed(organisation=organisation, year=timezone.localdate().year)
    for name, description, code, address, postcode in DEMO_LISTINGS:
        if Group.objects.filter(organisation=organisation, name=name).exists():
            continue
        service = listing_create(
            organisation=organisation,
            group_name=name,
            group_description=description,
            service_name=name,
            service_description=description,
            terms=list(TaxonomyTerm.objects.filter(organisation=organisation, code=code)),
            address_1=address,
            city="Maidstone" if address else "",
            postal_code=postcode,
            # A made-up contact who agreed to publish their e-mail address, not their name:
            # the listing page shows what consent allows, and nothing more.
            contact={
                "name": "Illustrative contact",
                "email": "listings@example.org",
                "publish_email": True,
            },
        )
        service.listing = Service.Listing.APPROVED
        service.last_confirmed_at = service.modified_at
        service.save()


def _demo_assessment(organisation) -> None:
    """A made-up policy in the register with a published equality impact assessment: a
    negative impact on poverty and what will be done about it."""
    if Policy.objects.filter(organisation=organisation).exists():
        return
    users = get_user_model().objects
    officer, reviewer, admin = (
        users.get(username=n) for n in ("demo-officer", "demo-reviewer", "demo-admin")
    )
    policy = eqia.policy_create(
        organisation=organisation,
        title="Housing allocations policy (illustrative)",
        team=Team.objects.filter(organisation=organisation, name="Customer Services").first(),
        adopted_on=dt.date(2022, 4, 1),
        user=officer,
    )
    assessment = eqia.assessment_start(policy=policy, user=officer)
    eqia.assessment_screen(
        assessment=assessment,
        relevant=True,
        reason="It decides who is offered a home, and how people apply.",
        user=officer,
    )
    for impact in assessment.impacts.select_related("characteristic"):
        negative = impact.characteristic.name.startswith("Poverty")
        eqia.impact_save(
            impact=impact,
            likely="negative" if negative else "neutral",
            evidence="Applying is online only; 1 in 6 households on the register has no "
            "internet at home (illustrative figure)."
            if negative
            else "",
            mitigation="Assisted applications in every library and by phone." if negative else "",
            user=officer,
        )
    eqia.assessment_conclude(
        assessment=assessment,
        outcome=Outcome.ADJUST,
        review_on=timezone.localdate() + dt.timedelta(days=365),
        user=officer,
    )
    eqia.assessment_submit(assessment=assessment, user=officer)
    eqia.assessment_review(assessment=assessment, approve=True, user=reviewer)
    eqia.assessment_sign_off(assessment=assessment, user=admin)
    eqia.assessment_publish(assessment=assessment, user=admin)


# The indicators read from the seed reports that the demo's reviewer has checked, by action
# reference and label: the public page and dashboard show these trends. The rest are left to
# check (the demo officer's Community Leader actions among them), and the nonsense the reports
# once gave ("Age group identified: 35") is no longer read at all.
DEMO_CONFIRMED = {
    ("E3", "mental health first aiders"),
    ("E1", "respondents"),
    ("E1", "response rate"),
    ("SP6", "clients"),
    ("CL3", "funding"),
}


def _demo_measures(plan) -> None:
    reviewer = get_user_model().objects.get(username="demo-reviewer")
    for measure in Measure.objects.filter(action__plan=plan).select_related("action"):
        if (measure.action.ref, measure.label) in DEMO_CONFIRMED:
            measure_confirm(measure=measure, user=reviewer)


def _demo_round(plan) -> None:
    """A 2023 round, open for a month, so the demo accounts have something to do."""
    admin = get_user_model().objects.get(username="demo-admin")
    round_open(
        plan=plan,
        period_label="2023",
        deadline=timezone.localdate() + dt.timedelta(days=30),
        user=admin,
    )


def _account_reset(
    username: str,
    organisation,
    role: Role,
    *,
    teams: list[Team] = (),  # type: ignore[assignment]
    staff: bool = False,
    superuser: bool = False,
) -> DemoAccount:
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.is_staff, user.is_superuser = staff, superuser
    # An address, so the demo's notices show (on the console, with no mail server set).
    user.email = f"{username}@example.org"
    user.set_password(password)
    user.save()
    # Staff are council administrators in the admin: the Django permissions to use it, kept
    # to their council by the admin's scoping.
    user.groups.set([council_administrators_group_ensure()] if staff else [])
    member, _ = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    member.teams.set(teams)
    label = role.label + (f": {', '.join(t.name for t in teams)}" if teams else "")
    return DemoAccount(username, password, label)


def _demo_consultation(plan) -> None:
    """An illustrative resident survey, weighted to the illustrative profile and linked as
    evidence to the action about representative consultation (CL4)."""
    rng = np.random.default_rng(2022)
    n = 1200
    # Under-35s answer least, as the seed reports found; women answer more than men.
    responses = pd.DataFrame(
        {
            "Respondent": range(1, n + 1),
            "age": rng.choice(
                ["16-34", "35-54", "55-74", "75+", "Prefer not to say"],
                n,
                p=[0.12, 0.33, 0.38, 0.14, 0.03],
            ),
            "sex": rng.choice(["Female", "Male", "Prefer not to say"], n, p=[0.58, 0.4, 0.02]),
            "ethnic group": rng.choice(
                ["White", "Asian", "Black", "Mixed", "Other"], n, p=[0.9, 0.04, 0.02, 0.02, 0.02]
            ),
            "disability": rng.choice(["Disabled", "Not disabled"], n, p=[0.2, 0.8]),
            "Are you satisfied with your local area as a place to live?": rng.choice(
                [
                    "Very satisfied",
                    "Fairly satisfied",
                    "Neither",
                    "Fairly dissatisfied",
                    "Very dissatisfied",
                ],
                n,
                p=[0.25, 0.4, 0.15, 0.12, 0.08],
            ),
        }
    )
    profile = PopulationProfile.objects.live().get(
        organisation=plan.organisation, name=DEMO_PROFILE
    )
    buffer = io.StringIO()
    frame_escape(responses).to_csv(buffer, index=False)
    consultation_create(
        organisation=plan.organisation,
        title="Resident survey 2022 (illustrative responses)",
        responses_filename="resident-survey-2022-illustrative.csv",
        responses=buffer.getvalue().encode(),
        profile=profile,
        questions=["Are you satisfied with your local area as a place to live?"],
        action=Action.objects.live().filter(plan=plan, ref="CL4").first(),
    )
