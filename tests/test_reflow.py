"""WCAG 2.2 AA 1.4.10 Reflow: at 320 CSS pixels wide the page itself never scrolls sideways.
A wide data table scrolls inside its own labelled, keyboard-focusable region instead, and a chart
scales down. The pages with the widest tables: a plan's dashboard (for a visitor and for a
signed-in officer), a published equality impact assessment, the policy register and a reporting
round; each checked with and without JavaScript, and with axe-core at that width."""

import datetime as dt

import pytest

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Impact, Outcome
from eqtrack.assessments.services import (
    assessment_conclude,
    assessment_publish,
    assessment_review,
    assessment_screen,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
    impact_save,
    policy_create,
)
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import round_open, update_save_draft, update_submit

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)
NARROW = {"width": 320, "height": 720}


@pytest.fixture
def world():
    """A published plan with an open round, a policy register and a published assessment."""
    plan = plan_create_from_document(document=document_generate(actions=6, periods=2))
    plan.published = True
    plan.save()
    org = plan.organisation
    housing = Team.objects.create(organisation=org, name="Housing and Neighbourhood Services")
    action = Action.objects.filter(plan=plan).order_by("pk").first()
    Action.objects.filter(pk=action.pk).update(team=housing)
    people = {
        "admin": member_create(org, Role.ADMINISTRATOR, username="admin"),
        "owner": member_create(org, Role.OWNER, teams=[housing], username="owner"),
        # Four eyes: the assessment is reviewed and signed off by people other than its author.
        "reviewer": member_create(org, Role.REVIEWER, username="reviewer"),
        "manager": member_create(org, Role.MANAGER, username="manager"),
    }
    admin = people["admin"]
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    update = update_save_draft(
        round=round,
        action=Action.objects.get(pk=action.pk),
        progress=["Drafted."],
        next_steps=[],
        status_text=None,
        status_category="on_track",
        user=people["owner"],
    )
    update_submit(round=round, update=update, user=people["owner"])

    policy = policy_create(
        organisation=org,
        title="Housing allocations and homelessness prevention policy",
        team=housing,
        next_review_on=dt.date(2031, 5, 1),
        user=admin,
    )
    policy_create(organisation=org, title="Customer access strategy", user=admin)
    assessment = assessment_start(policy=policy, user=admin)
    assessment_screen(
        assessment=assessment, relevant=True, reason="It decides who is offered a home.", user=admin
    )
    for impact in Impact.objects.filter(assessment=assessment).order_by("pk"):
        impact_save(
            impact=impact,
            likely=Impact.Likely.NEGATIVE,
            evidence="Bidding for homes is online only; 14% of applicants have no internet access.",
            mitigation="Assisted bidding in every library, and by telephone, from April 2031.",
            user=admin,
        )
    assessment_conclude(
        assessment=assessment,
        outcome=Outcome.ADJUST,
        review_on=dt.date(2032, 5, 1),
        user=admin,
    )
    assessment_submit(assessment=assessment, user=admin)
    assessment_review(assessment=assessment, approve=True, user=people["reviewer"])
    assessment_sign_off(assessment=assessment, user=people["manager"])
    assessment_publish(assessment=assessment, user=admin)
    return plan, people, round, assessment


# Each page: who reads it (None: a visitor), and its address after the organisation's.
PAGES = {
    "dashboard, visitor": (None, lambda plan, round, assessment: f"{plan.slug}/dashboard/"),
    "dashboard, signed in": ("admin", lambda plan, round, assessment: f"{plan.slug}/dashboard/"),
    "published assessment": (
        None,
        lambda plan, round, assessment: f"equality-impact-assessments/{assessment.pk}/",
    ),
    "policy register": ("admin", lambda plan, round, assessment: "policies/"),
    "round, administrator": ("admin", lambda plan, round, assessment: f"rounds/{round.pk}/"),
    "round, action owner": ("owner", lambda plan, round, assessment: f"rounds/{round.pk}/"),
    # The council administrators' pages with tables (issue 14).
    "people": ("admin", lambda plan, round, assessment: "manage/people/"),
    "teams": ("admin", lambda plan, round, assessment: "manage/teams/"),
    "plan editing": ("admin", lambda plan, round, assessment: f"{plan.slug}/edit/"),
    "assign teams": ("admin", lambda plan, round, assessment: f"{plan.slug}/teams/"),
    "calendar events": ("admin", lambda plan, round, assessment: "manage/calendar/"),
    "glossary": ("admin", lambda plan, round, assessment: "manage/glossary/"),
}


def _open(browser, live_server, user, url, *, javascript):
    if user is None:
        context = browser.new_context(viewport=NARROW, java_script_enabled=javascript)
        page = context.new_page()
    else:
        page = signed_in_page(browser, live_server, user, javascript=javascript)
        page.set_viewport_size(NARROW)
    response = page.goto(url)
    assert response.status == 200
    return page


def _overflow(page) -> dict:
    """How wide the page is against the window, and what sticks out past the window's edge."""
    return page.evaluate(
        """() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            widest: [...document.querySelectorAll("body *")]
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
                .filter((e) => !e.closest(".eqtrack-table-scroll"))
                .slice(0, 5)
                .map((e) => e.tagName.toLowerCase() + (e.className.baseVal ?? e.className
                    ? "." + String(e.className.baseVal ?? e.className).split(" ")[0] : "")),
        })"""
    )


def _regions(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll("table.govuk-table")].map((table) => {
            const region = table.closest(".eqtrack-table-scroll");
            const ids = region ? (region.getAttribute("aria-labelledby") || "").split(" ") : [];
            return {
                caption: table.caption ? table.caption.textContent.trim() : null,
                role: region && region.getAttribute("role"),
                tabindex: region && region.getAttribute("tabindex"),
                name: ids.map((id) => document.getElementById(id)?.textContent.trim() ?? "")
                    .join(" ").trim() || (region && region.getAttribute("aria-label")),
                scrolls: region ? getComputedStyle(region).overflowX : null,
            };
        })"""
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
@pytest.mark.parametrize("label", list(PAGES))
def test_the_page_reflows_at_320_pixels(browser, live_server, world, label, javascript):
    plan, people, round, assessment = world
    who, path = PAGES[label]
    url = f"{live_server.url}/{plan.organisation.slug}/{path(plan, round, assessment)}"
    page = _open(browser, live_server, people.get(who), url, javascript=javascript)
    try:
        overflow = _overflow(page)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow
        regions = _regions(page)
        assert regions, "the page should have a data table"
        for region in regions:
            # Every table scrolls in a region named by its caption, which a keyboard can reach.
            assert region["role"] == "region", region
            assert region["tabindex"] == "0", region
            assert region["scrolls"] == "auto", region
            assert region["caption"] and region["caption"] in region["name"], region
        if javascript:
            assert axe_failures(page, f"{label}, 320px") == []
    finally:
        page.context.close()


def test_a_table_region_shows_where_the_keyboard_is(browser, live_server, world):
    """A keyboard user tabs to a table's region (to scroll it with the arrow keys) and sees the
    focus, as GOV.UK Frontend's links show theirs."""
    plan, people, round, assessment = world
    url = f"{live_server.url}/{plan.organisation.slug}/policies/"
    page = _open(browser, live_server, people["admin"], url, javascript=True)
    try:
        region = page.locator(".eqtrack-table-scroll").first
        assert region.evaluate("(e) => e.scrollWidth > e.clientWidth"), "the table should scroll"
        look = "(e) => { const s = getComputedStyle(e); return [s.boxShadow, s.outlineStyle]; }"
        unfocused = region.evaluate(look)
        region.focus()
        focused = region.evaluate(look)
        # GOV.UK Frontend's focus box: yellow and black rings (and an outline, transparent but
        # for forced colours, where it shows).
        assert focused != unfocused and "rgb(255, 221, 0)" in focused[0], focused
        assert focused[1] != "none", focused
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('.eqtrack-table-scroll').scrollLeft > 0"
        )
    finally:
        page.context.close()
