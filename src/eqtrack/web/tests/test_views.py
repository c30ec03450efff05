"""The home page and plan page, end to end through Django's test client."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db


def _plan(actions=3, periods=2, published=True, **changes):
    document = {**document_generate(actions=actions, periods=periods), **changes}
    plan = plan_create_from_document(document=document)
    plan.published = published
    plan.save()
    return plan


def _url(plan):
    return f"/{plan.organisation.slug}/{plan.slug}/"


def test_plan_page_shows_every_action_and_every_period(client):
    plan = _plan(actions=4, periods=2)
    page = client.get(_url(plan))
    assert page.status_code == 200
    html = page.content.decode()
    for n in range(4):
        assert f"We will deliver action number {n} for everyone in the borough." in html
    assert html.count(">Reported for Q1 2020<") == 4 and html.count(">Reported for Q2 2020<") == 4
    assert '<html lang="en-GB"' in html


def test_plan_page_opens_each_actions_latest_period_and_collapses_earlier_ones(client):
    html = client.get(_url(_plan(actions=2, periods=3))).content.decode()
    # The latest is shown as it is, under its own heading; earlier ones fold away.
    opened = re.findall(r"<h4 [^>]*>(Reported for [^<]*)</h4>", html)
    closed = re.findall(
        r'<details class="govuk-details[^"]*">\s*<summary[^>]*>'
        r'<span class="govuk-details__summary-text">([^<]*)<',
        html,
    )
    assert opened == ["Reported for Q3 2020"] * 2
    # Newest first; the indicators collapsed too.
    assert [c for c in closed if c.startswith("Reported")] == [
        "Reported for Q2 2020",
        "Reported for Q1 2020",
    ] * 2
    # Dated by the period it reports, not by the day it was imported.
    assert "Updated" not in html and timezone.localdate().strftime("%-d %B %Y") not in html


def test_plan_text_is_never_rendered_as_markup(client):
    html = client.get(_url(_plan())).content.decode()
    assert "<b>no markup</b>" not in html
    assert "&lt;b&gt;no markup&lt;/b&gt;" in html


def test_the_plans_introduction_opens_the_page_above_its_themes_as_plain_text(client):
    plan = _plan(
        introduction=["The table below lists our commitments.", "Key: <b>R</b> = off track"]
    )
    html = client.get(_url(plan)).content.decode()
    introduction = html.index('<div id="introduction">')
    assert introduction < html.index('id="contents-heading"')
    assert '<p class="govuk-body">The table below lists our commitments.</p>' in html
    assert "Key: &lt;b&gt;R&lt;/b&gt; = off track" in html and "<b>R</b>" not in html
    assert 'id="introduction"' not in client.get(_url(_plan(title="Other"))).content.decode()


def test_nested_progress_items_are_nested_lists(client):
    html = client.get(_url(_plan(actions=1, periods=1))).content.decode()
    assert '">Parent 0<ul class="govuk-list' in html and '">Grandchild<ul class="govuk-list' in html


@pytest.mark.parametrize("actions", [3, 40])
def test_plan_page_query_count_does_not_grow_with_actions(client, actions):
    plan = _plan(actions=actions, periods=3)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(plan)).status_code == 200
    # the plan's content version (for the page cache), organisation, plan, periods, themes,
    # actions, updates, evidence, assessments it mitigates, indicator values, the period
    # its report is of, and the contract KPIs serving the page's actions (procurement)
    assert len(queries) == 12


def test_a_long_plan_is_paged_fifty_actions_at_a_time(client):
    plan = _plan(actions=130, periods=1)
    first = client.get(_url(plan)).content.decode()
    assert first.count('<article class="eqtrack-action') == 50
    assert "Actions 1 to 50 of 130." in first and 'href="?page=3"' in first
    last = client.get(_url(plan) + "?page=3").content.decode()
    assert last.count('<article class="eqtrack-action') == 30
    assert "Actions 101 to 130 of 130." in last
    # The contents link to a theme on another page by that page.
    assert 'href="?page=1#theme-1"' in last


def test_visitors_get_a_cached_page_until_the_plan_changes(client, settings):
    from eqtrack.plans.models import Action
    from eqtrack.plans.services import update_write

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    plan = _plan(actions=2, periods=1)
    assert "Progress item 0-Q1 2020" in client.get(_url(plan)).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(plan)).status_code == 200
    assert len(queries) == 1  # only the plan's content version: the page came from the cache
    action = Action.objects.filter(plan=plan).order_by("position").first()
    update_write(
        action=action,
        period=plan.periods.get(),
        progress=["Rewritten progress."],
        next_steps=[],
        status_text=None,
        status_category=None,
        user=None,
        reason="Edited",
    )
    html = client.get(_url(plan)).content.decode()
    assert "Rewritten progress." in html  # the change is shown at once
    dashboard = client.get(_url(plan) + "dashboard/")
    assert dashboard.status_code == 200
    # Someone signed in always gets a fresh page.
    from eqtrack.accounts.tests.factories import member_create

    client.force_login(member_create(plan.organisation, "viewer"))
    with CaptureQueriesContext(connection) as queries:
        client.get(_url(plan))
    assert len(queries) > 5


def test_unpublished_plans_are_hidden_from_visitors_and_shown_to_officers(
    client, django_user_model
):
    plan = _plan(published=False, title="Draft plan")
    assert client.get(_url(plan)).status_code == 404
    assert "Draft plan" not in client.get("/").content.decode()
    from eqtrack.accounts.tests.factories import member_create

    officer = member_create(plan.organisation, "viewer")
    client.force_login(officer)
    assert client.get(_url(plan)).status_code == 200
    assert "Draft plan" in client.get("/").content.decode()


def test_a_plan_is_not_reachable_under_another_organisation(client):
    plan = _plan()
    other = _plan(organisation="Other Council", title="Other plan")
    assert client.get(f"/{other.organisation.slug}/{plan.slug}/").status_code == 404
    assert client.get("/no-such-council/anything/").status_code == 404


@pytest.mark.parametrize(
    ("format", "content_type", "starts"),
    [
        ("pdf", "application/pdf", b"%PDF-"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("csv", "text/csv; charset=utf-8", "\ufefforganisation,plan".encode()),
        ("json", "application/json", b"{"),
    ],
)
def test_the_latest_report_downloads_in_every_format(client, format, content_type, starts):
    plan = _plan(actions=3, periods=2)
    response = client.get(f"{_url(plan)}download.{format}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(starts)
    assert f'filename="{plan.slug}-' in response["Content-Disposition"] or format == "json"
    assert f'download.{format}"' in client.get(_url(plan)).content.decode()


def test_unpublished_plans_and_unknown_formats_do_not_download(client):
    plan = _plan(published=False)
    assert client.get(f"{_url(plan)}download.pdf").status_code == 404
    published = _plan(title="Published")
    assert client.get(f"{_url(published)}download.exe").status_code == 404


def test_the_dashboard_counts_by_theme_and_team_and_shows_trends(client, seed_paths):
    from eqtrack.accounts.models import Role, Team
    from eqtrack.accounts.tests.factories import member_create
    from eqtrack.importing.services import plan_import
    from eqtrack.plans.models import Action, Measure
    from eqtrack.plans.services import measure_confirm

    plan = plan_import(paths=seed_paths, slug="eap", publish=True).plan
    team = Team.objects.create(organisation=plan.organisation, name="Human Resources")
    Action.objects.filter(plan=plan, theme__title="As an Employer").update(team=team)
    url = f"/{plan.organisation.slug}/eap/dashboard/"
    # Read from the progress, the first aiders are a suggestion until someone confirms them.
    assert "2021: 20; 2022: 14" not in client.get(url).content.decode()
    aiders = Measure.objects.get(action__plan=plan, action__ref="E3")
    measure_confirm(measure=aiders, user=member_create(plan.organisation, Role.REVIEWER))
    html = client.get(url).content.decode()
    assert '<h1 class="govuk-heading-xl">At a glance: 2022</h1>' in html
    assert '<th scope="row" class="govuk-table__header">Human Resources</th>' in html
    assert '<th scope="row" class="govuk-table__header">No team yet</th>' in html
    assert '2021: 20; 2022: 14</td><td class="govuk-table__cell">Fell</td>' in html
    assert 'role="img"' in html


def test_the_dashboard_shows_the_open_rounds_missing_updates_to_members_only(client, seed_paths):
    import datetime as dt

    from eqtrack.accounts.models import Role, Team
    from eqtrack.accounts.tests.factories import member_create
    from eqtrack.importing.services import plan_import
    from eqtrack.plans.models import Action
    from eqtrack.rounds.services import round_open, update_save_draft, update_submit

    plan = plan_import(paths=seed_paths, slug="eap", publish=True).plan
    hr = Team.objects.create(organisation=plan.organisation, name="HR")
    Action.objects.filter(plan=plan, theme__title="As an Employer").update(team=hr)
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    round = round_open(plan=plan, period_label="2023", deadline=dt.date(2031, 1, 31), user=admin)
    e1 = Action.objects.get(plan=plan, ref="E1")
    update = update_save_draft(
        round=round,
        action=e1,
        progress=["x"],
        next_steps=[],
        status_text=None,
        status_category="ongoing",
        user=admin,
    )
    update_submit(round=round, update=update, user=admin)
    url = f"/{plan.organisation.slug}/eap/dashboard/"
    public = client.get(url).content.decode()
    assert "The 2023 round" not in public
    # The public dashboard still reports the latest period with updates, not the empty new one.
    assert "At a glance: 2022</h1>" in public
    client.force_login(admin)
    html = client.get(url).content.decode()
    assert "The 2023 round" in html and "due by 31 January 2031" in html
    # 21, less E1 submitted, and E2, CL1 and CL2 ended in 2022 (superseded, not carried
    # forward, complete).
    assert "Still to submit (17)" in html
    still = html.split("Still to submit")[1].split("</table>")[0]
    assert "E3: " in still and "E1: " not in still and "E2: " not in still
    assert '<td class="govuk-table__cell">HR</td>' in html


def test_made_up_parameters_do_not_make_new_cache_entries(rf):
    from eqtrack.plans.caching import page_key

    assert page_key(rf.get("/o/p/", {"page": "2", "junk": "1"})) == page_key(rf.get("/o/p/?page=2"))
    assert page_key(rf.get("/o/p/", {"page": "2"})) != page_key(rf.get("/o/p/", {"page": "3"}))
    assert page_key(rf.get("/o/p/search/", {"theme": "3", "q": "x"})) == page_key(
        rf.get("/o/p/search/", {"q": "x", "theme": "3", "utm_source": "mail"})
    )


def test_the_published_report_is_of_the_last_closed_period_not_a_round_half_done(
    client, django_user_model, settings
):
    """Mid-round, one approved update must not turn the public report into a report of the new
    period with every other action "no update": it stays the last complete one until closing,
    and the visitors' cached page changes when the round closes."""
    import datetime as dt

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"}
    }

    from eqtrack.accounts.models import Membership, Role
    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.models import Action
    from eqtrack.plans.services import plan_create_from_document
    from eqtrack.rounds.services import (
        round_close,
        round_open,
        update_review,
        update_save_draft,
        update_submit,
    )

    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    plan.published = True
    plan.save()
    admin = django_user_model.objects.create_user("officer")
    Membership.objects.create(organisation=plan.organisation, user=admin, role=Role.ADMINISTRATOR)
    page = f"/{plan.organisation.slug}/{plan.slug}/"
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    update = update_save_draft(
        round=round,
        action=Action.objects.filter(plan=plan).first(),
        progress=["Done early."],
        next_steps=[],
        status_text=None,
        status_category="complete",
        user=admin,
    )
    update_submit(round=round, update=update, user=admin)
    # Four eyes: someone other than the update's writer approves it.
    reviewer = django_user_model.objects.create_user("second-pair")
    Membership.objects.create(organisation=plan.organisation, user=reviewer, role=Role.REVIEWER)
    update_review(round=round, update=update, approve=True, user=reviewer)

    assert "Download the Q1 2020 report" in client.get(page).content.decode()
    pdf = client.get(f"{page}download.docx")
    assert 'filename="' + plan.slug + '-Q1-2020.docx"' in pdf["Content-Disposition"]
    dashboard = client.get(f"{page}dashboard/").content.decode()
    assert "At a glance: Q1 2020" in dashboard  # not the half-done 2031

    round_close(round=round, user=admin)
    assert "Download the 2031 report" in client.get(page).content.decode()
    assert "At a glance: 2031" in client.get(f"{page}dashboard/").content.decode()
    docx = client.get(f"{page}download.docx")
    assert plan.slug + '-2031.docx"' in docx["Content-Disposition"]


def test_a_plan_with_nothing_approved_offers_its_data_not_an_empty_report(client):
    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.models import Update
    from eqtrack.plans.services import plan_create_from_document

    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    plan.published = True
    plan.save()
    Update.objects.update(state=Update.State.DRAFT)
    page = f"/{plan.organisation.slug}/{plan.slug}/"
    html = client.get(page).content.decode()
    assert "Download the plan" in html and "download.pdf" not in html
    assert client.get(f"{page}download.pdf").status_code == 404
    assert client.get(f"{page}download.json").status_code == 200


def test_a_councils_page_shows_residents_its_plans_and_community_and_its_people_their_work(
    client, django_user_model
):
    import datetime as dt

    from eqtrack.accounts.models import Membership, Role
    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.services import plan_create_from_document
    from eqtrack.rounds.services import round_open

    published = plan_create_from_document(document=document_generate(actions=1, periods=1))
    published.published = True
    published.save()
    council = published.organisation
    hidden = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"title": "Draft plan"}
    )
    assert hidden.organisation == council and not hidden.published
    admin = django_user_model.objects.create_user("officer")
    Membership.objects.create(organisation=council, user=admin, role=Role.ADMINISTRATOR)
    round_open(plan=published, period_label="2031", deadline=dt.date(2031, 1, 31), user=admin)
    page = f"/{council.slug}/"

    html = client.get(page).content.decode()
    assert published.title in html and "Draft plan" not in html
    assert f'href="/{council.slug}/directory/"' in html
    assert f'href="/{council.slug}/diversity-calendar/"' in html
    assert "Your work" not in html and "2031" not in html

    client.force_login(admin)
    html = client.get(page).content.decode()
    assert "Draft plan" in html and "Your work" in html
    assert "The <strong>2031</strong> round" in html and "due by 31 January 2031" in html
    assert f'href="/{council.slug}/directory/moderation/"' in html
    assert f'href="/{council.slug}/import/"' in html
    assert client.get("/no-such-council/").status_code == 404


def test_a_councils_page_tells_each_role_what_waits_for_them(client, django_user_model):
    import datetime as dt

    from eqtrack.accounts.models import Membership, Role
    from eqtrack.assessments.models import Assessment
    from eqtrack.assessments.services import assessment_start, policy_create
    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.services import plan_create_from_document
    from eqtrack.rounds.services import round_open

    plan = plan_create_from_document(document=document_generate(actions=1, periods=1))
    council = plan.organisation
    people = {}
    for role in (Role.ADMINISTRATOR, Role.REVIEWER, Role.MANAGER, Role.VIEWER):
        people[role] = django_user_model.objects.create_user(role.value)
        Membership.objects.create(organisation=council, user=people[role], role=role)
    round_open(
        plan=plan,
        period_label="2031",
        deadline=dt.date(2031, 1, 31),
        user=people[Role.ADMINISTRATOR],
    )
    policy = policy_create(
        organisation=council, title="Allocations", user=people[Role.ADMINISTRATOR]
    )
    waiting = assessment_start(policy=policy, user=people[Role.ADMINISTRATOR])
    Assessment.objects.filter(pk=waiting.pk).update(state=Assessment.State.SUBMITTED)

    def page(role):
        client.force_login(people[role])
        return client.get(f"/{council.slug}/").content.decode()

    reviewer = page(Role.REVIEWER)
    assert "waiting for your review" in reviewer and f"/assessments/{waiting.pk}/" in reviewer
    assert "0 updates to review" in reviewer and "to update<" not in reviewer
    assert "waiting for your review" not in page(Role.MANAGER)
    viewer = page(Role.VIEWER)
    assert "round has got" in viewer and "to update<" not in viewer
    Assessment.objects.filter(pk=waiting.pk).update(state=Assessment.State.REVIEWED)
    assert "waiting for your sign-off" in page(Role.MANAGER)
    assert "1 action to update<" in page(Role.ADMINISTRATOR)


def test_an_administrator_publishes_a_plan_from_its_page(client, django_user_model):
    from eqtrack.accounts.models import Membership, Role
    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.models import Plan
    from eqtrack.plans.services import plan_create_from_document

    plan = plan_create_from_document(document=document_generate(actions=1, periods=1))
    page = f"/{plan.organisation.slug}/{plan.slug}/"
    owner = django_user_model.objects.create_user("owner")
    Membership.objects.create(organisation=plan.organisation, user=owner, role=Role.OWNER)
    client.force_login(owner)
    html = client.get(page).content.decode()
    assert "This plan is not published" in html and "Publish the plan" not in html
    assert client.post(f"{page}publish/", {"published": "1"}).status_code == 403
    assert not Plan.objects.get(pk=plan.pk).published

    admin = django_user_model.objects.create_user("admin")
    Membership.objects.create(organisation=plan.organisation, user=admin, role=Role.ADMINISTRATOR)
    client.force_login(admin)
    assert "Publish the plan</button>" in client.get(page).content.decode()
    response = client.post(f"{page}publish/", {"published": "1"}, follow=True)
    assert "The plan is published" in response.content.decode()
    plan.refresh_from_db()
    assert plan.published and plan.history.first().history_change_reason == "Published"
    client.logout()
    assert client.get(page).status_code == 200  # visitors read it now
    client.force_login(admin)
    client.post(f"{page}publish/", {"published": "0"})
    client.logout()
    assert client.get(page).status_code == 404


def test_every_council_page_address_is_reserved_from_plan_slugs():
    """A page at /<council>/<word>/… hides a plan whose slug is that word: every such word is
    in plans.services.RESERVED_SLUGS, so no plan can take it."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from eqtrack.plans.services import RESERVED_SLUGS

    def routes(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from routes(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    words = set()
    for route in routes(get_resolver().url_patterns):
        parts = route.split("/")
        if parts[0] == "<slug:organisation_slug>" and len(parts) > 1 and parts[1]:
            word = parts[1].split(".")[0]
            if "<" not in word:
                words.add(word)
    assert "manage" in words
    assert words <= RESERVED_SLUGS, words - RESERVED_SLUGS


def test_a_period_whose_round_is_open_is_not_public_until_the_round_closes(client, settings):
    """Even an update approved early is kept from visitors while its round is open (the plan
    page, its list of periods and the action's history), and shown once the round closes,
    though visitors' pages are cached."""
    from eqtrack.accounts.tests.factories import member_create
    from eqtrack.plans.models import Action, Update
    from eqtrack.rounds.services import round_close, round_open

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "r"}
    }
    plan = _plan(actions=2, periods=1)
    administrator = member_create(plan.organisation, "administrator")
    round = round_open(
        plan=plan, period_label="Round period", deadline=dt.date(2030, 3, 31), user=administrator
    )
    action = Action.objects.filter(plan=plan).order_by("position").first()
    Update.objects.create(
        organisation=plan.organisation,
        action=action,
        period=round.period,
        progress=["Approved before the round closed."],
        state=Update.State.APPROVED,
    )
    history = f"{_url(plan)}actions/{action.pk}/history/"
    page = client.get(_url(plan)).content.decode()
    assert "Approved before the round closed." not in page and "Round period" not in page
    assert "Reporting periods: Q1 2020." in page
    assert "Round period" not in client.get(history).content.decode()
    # Nor do the public's downloads or the API.
    for url in (f"{_url(plan)}download.json", f"{_url(plan)}download.csv"):
        download = client.get(url).content.decode()
        assert "Approved before" not in download and "Round period" not in download, url
    api = client.get(f"/api/v1/plans/{plan.organisation.slug}/{plan.slug}/").content.decode()
    assert "Approved before" not in api and "Round period" not in api
    # The council's people see it, marked as not public yet.
    client.force_login(administrator)
    officers = client.get(_url(plan)).content.decode()
    assert "Approved before the round closed." in officers
    assert ">Round period: not public yet<" in officers
    assert "Round period (its round is open: not public yet)" in officers
    client.logout()

    round_close(round=round, user=administrator)
    page = client.get(_url(plan)).content.decode()  # not the page cached above
    assert "Approved before the round closed." in page
    assert ">Reported for Round period<" in page
    closed = timezone.localtime(round.closed_at).strftime("%-d %B %Y")
    assert f"From the Round period reporting round, closed on {closed}." in page
    assert "Round period" in client.get(history).content.decode()
    assert "Approved before" in client.get(f"{_url(plan)}download.csv").content.decode()


def test_search_and_the_api_plan_list_keep_a_round_still_open_from_visitors(client, settings):
    """Search's words, its period and status filters and the API's list of a plan's periods
    show visitors nothing of a round still open (issue 15), though visitors' pages are
    cached; the council's people filter by it as before."""
    from eqtrack.accounts.tests.factories import member_create
    from eqtrack.plans.models import Action, Update
    from eqtrack.plans.search import search_refresh_for
    from eqtrack.rounds.services import round_close, round_open

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"}
    }
    plan = _plan(actions=2, periods=1)
    administrator = member_create(plan.organisation, "administrator")
    round = round_open(
        plan=plan, period_label="Round period", deadline=dt.date(2030, 3, 31), user=administrator
    )
    early, drafted = Action.objects.filter(plan=plan).order_by("position")
    for action, state, status in (
        (early, Update.State.APPROVED, "on_track"),
        (drafted, Update.State.DRAFT, "off_track"),
    ):
        search_refresh_for(
            Update.objects.create(
                organisation=plan.organisation,
                action=action,
                period=round.period,
                progress=[f"Zanzibarish progress, {state}."],
                status_category=status,
                state=state,
            )
        )
    search = f"{_url(plan)}search/"
    none = "No action matches."
    option = '<option value="Round period"'

    def visitor_sees():
        return {
            "word": client.get(search, {"q": "zanzibarish"}).content.decode(),
            "status": client.get(
                search, {"period": "Round period", "status": "off_track"}
            ).content.decode(),
            "period": client.get(search, {"period": "Round period"}).content.decode(),
            "api": next(
                p["periods"]
                for p in client.get("/api/v1/plans/").json()["plans"]
                if p["title"] == plan.title
            ),
        }

    seen = visitor_sees()
    assert none in seen["word"] and "Zanzibarish" not in seen["word"]
    assert none in seen["status"] and drafted.text not in seen["status"]
    assert none in seen["period"] and option not in seen["period"]
    assert seen["api"] == ["Q1 2020"]

    # The council's people filter by the open round's period and its drafts' status.
    client.force_login(administrator)
    officers = client.get(search, {"period": "Round period", "status": "off_track"})
    officers = officers.content.decode()
    assert option in officers and drafted.text in officers and early.text not in officers
    listed = client.get("/api/v1/plans/").json()["plans"]
    assert next(p["periods"] for p in listed if p["title"] == plan.title) == [
        "Q1 2020",
        "Round period",
    ]
    client.logout()

    round_close(round=round, user=administrator)
    seen = visitor_sees()  # not the pages cached above
    assert early.text in seen["word"] and "Zanzibarish progress, approved." in seen["word"]
    assert option in seen["period"] and early.text in seen["period"]
    assert drafted.text not in seen["period"]  # a draft is never public
    assert none in seen["status"]
    assert seen["api"] == ["Q1 2020", "Round period"]
