"""The plan's editing pages end to end, as its administrator uses them: each change saved
through the form, shown in the action's history with who and why; errors on the form;
and the pages' query counts do not grow with the plan."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, LeadTeam, Theme
from eqtrack.plans.services import TEAMS_ASSIGNED, plan_create_from_document, plan_publish

pytestmark = pytest.mark.django_db
User = get_user_model()


def _plan(actions: int = 12):
    return plan_create_from_document(document=document_generate(actions=actions, periods=1))


@pytest.fixture
def plan():
    return _plan(66)


@pytest.fixture
def admin_client(client, plan):
    client.force_login(member_create(plan.organisation, Role.ADMINISTRATOR, username="ada"))
    return client


def _url(plan, rest=""):
    return f"/{plan.organisation.slug}/{plan.slug}/{rest}"


def _first(plan):
    return Action.objects.filter(plan=plan).order_by("theme__position", "position").first()


def test_plan_page_links_the_editing_pages_for_administrators_only(client, plan):
    reviewer = member_create(plan.organisation, Role.REVIEWER)
    client.force_login(reviewer)
    html = client.get(_url(plan)).content.decode()
    assert _url(plan, "edit/") not in html and _url(plan, "teams/") not in html
    client.force_login(member_create(plan.organisation, Role.ADMINISTRATOR))
    html = client.get(_url(plan)).content.decode()
    assert f'href="{_url(plan, "edit/")}"' in html
    # Its actions name leads but have no teams: the administrator is told, with the link.
    assert "22 actions name a lead but have no team" in html
    assert f'href="{_url(plan, "teams/")}"' in html


def test_edit_page_lists_themes_actions_and_the_archived(admin_client, plan):
    action = _first(plan)
    html = admin_client.get(_url(plan, "edit/")).content.decode()
    for theme in Theme.objects.filter(plan=plan):
        assert theme.title in html
        assert _url(plan, f"edit/themes/{theme.pk}/") in html
    assert action.ref in html and _url(plan, f"edit/actions/{action.pk}/") in html
    assert "Nothing is archived." in html
    response = admin_client.post(
        _url(plan, f"edit/actions/{action.pk}/archive/"), {"reason": "Done"}
    )
    assert response.status_code == 302
    html = admin_client.get(_url(plan, "edit/")).content.decode()
    archived = html.split('id="archived"')[1]
    assert action.text[:50] in archived
    assert _url(plan, f"edit/actions/{action.pk}/archive/") in archived
    page = admin_client.get(_url(plan, f"edit/actions/{action.pk}/archive/")).content.decode()
    assert "Restore the action" in page
    admin_client.post(_url(plan, f"edit/actions/{action.pk}/archive/"), {"reason": "Needed"})
    action.refresh_from_db()
    assert action.archived_at is None


def test_changing_an_action_shows_in_its_history_with_who_and_why(admin_client, plan):
    action = _first(plan)
    other_theme = Theme.objects.filter(plan=plan).exclude(pk=action.theme_id).first()
    team = Team.objects.create(organisation=plan.organisation, name="Housing")
    response = admin_client.post(
        _url(plan, f"edit/actions/{action.pk}/"),
        {
            "text": "We will house everyone.",
            "ref": "H1",
            "theme": other_theme.pk,
            "team": team.pk,
            "lead": "Head of Housing",
            "due": "2028",
            "tags": "housing, poverty",
            "reason": "Agreed at the June board",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.text, action.ref, action.theme, action.team, action.tags) == (
        "We will house everyone.",
        "H1",
        other_theme,
        team,
        ["housing", "poverty"],
    )
    history = admin_client.get(_url(plan, f"actions/{action.pk}/history/")).content.decode()
    assert "By ada – Agreed at the June board" in history
    assert "<ins>We will house everyone.</ins>" in history
    assert "<ins>Housing</ins>" in history and f"<ins>{other_theme.title}</ins>" in history


def test_a_clashing_ref_and_a_missing_reason_come_back_as_errors(admin_client, plan):
    first, second = Action.objects.filter(plan=plan).order_by("pk")[:2]
    url = _url(plan, f"edit/actions/{second.pk}/")
    form = {"text": second.text, "ref": first.ref, "theme": second.theme_id, "reason": "Renumber"}
    html = admin_client.post(url, form).content.decode()
    assert "There is a problem" in html
    assert f"Another action of this plan is numbered {first.ref} already" in html
    assert 'href="#id_ref"' in html
    html = admin_client.post(url, form | {"ref": "Z9", "reason": ""}).content.decode()
    assert "Enter the reason for the change" in html
    second.refresh_from_db()
    assert second.ref not in (first.ref, "Z9")


def test_add_a_theme_then_an_action_in_it(admin_client, plan):
    response = admin_client.post(
        _url(plan, "edit/themes/new/"),
        {"title": "Workforce", "objective": "A fair employer.", "reason": "New priority"},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(plan=plan, title="Workforce")
    page = admin_client.get(_url(plan, f"edit/actions/new/?theme={theme.pk}")).content.decode()
    assert f'<option value="{theme.pk}" selected>Workforce</option>' in page
    response = admin_client.post(
        _url(plan, "edit/actions/new/"),
        {"text": "Publish pay gaps.", "theme": theme.pk, "ref": "W1", "reason": "New priority"},
    )
    assert response.status_code == 302
    action = Action.objects.get(theme=theme)
    assert (action.text, action.ref) == ("Publish pay gaps.", "W1")
    assert action.history.get().history_change_reason == "New priority"


def test_reorder_and_archive_a_theme(admin_client, plan):
    themes = list(Theme.objects.filter(plan=plan).order_by("position"))
    last = themes[-1]
    response = admin_client.post(
        _url(plan, f"edit/themes/{last.pk}/"),
        {"title": last.title, "objective": "", "position": "0", "reason": "Most important"},
    )
    assert response.status_code == 302
    order = Theme.objects.live().filter(plan=plan).order_by("position")
    assert list(order) == [last, *themes[:-1]]
    admin_client.post(_url(plan, f"edit/themes/{last.pk}/archive/"), {"reason": "Merged"})
    last.refresh_from_db()
    assert last.archived_at is not None
    # An archived theme's actions leave the plan's page with it.
    html = admin_client.get(_url(plan)).content.decode()
    assert f">{last.title}</h2>" not in html


def test_assign_teams_page_lists_each_lead_once_and_sets_teams(admin_client, plan):
    housing = Team.objects.create(organisation=plan.organisation, name="Housing")
    page = admin_client.get(_url(plan, "teams/")).content.decode()
    leads = sorted({a.lead for a in Action.objects.filter(plan=plan).exclude(lead=None)})
    for lead in leads:
        assert page.count(f">{lead}<input") == 1
    assert "Only actions that have no team yet" in page
    data = {"scope": "unassigned"}
    for i, lead in enumerate(leads):
        data[f"lead_{i}"] = lead.casefold()
        data[f"team_{i}"] = ""
    data["team_0"] = str(housing.pk)
    data["new_1"] = "Policy"
    response = admin_client.post(_url(plan, "teams/"), data)
    assert response.status_code == 302
    policy = Team.objects.get(organisation=plan.organisation, name="Policy")
    assert set(Action.objects.filter(plan=plan, lead=leads[0]).values_list("team", flat=True)) == {
        housing.pk
    }
    assert set(Action.objects.filter(plan=plan, lead=leads[1]).values_list("team", flat=True)) == {
        policy.pk
    }
    assert not Action.objects.filter(plan=plan, lead=leads[2], team__isnull=False).exists()
    assert dict(LeadTeam.objects.values_list("lead", "team")) == {
        leads[0].casefold(): housing.pk,
        leads[1].casefold(): policy.pk,
    }
    action = Action.objects.filter(plan=plan, lead=leads[0]).first()
    history = admin_client.get(_url(plan, f"actions/{action.pk}/history/")).content.decode()
    assert f"By ada – {TEAMS_ASSIGNED}" in history
    # The page offers the remembered answers next time.
    page = admin_client.get(_url(plan, "teams/")).content.decode()
    assert f'<option value="{housing.pk}" selected>Housing</option>' in page


def test_assign_teams_refuses_a_team_of_another_council(admin_client, plan):
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"organisation": "Other Council"}
    )
    foreign = Team.objects.create(organisation=other.organisation, name="Theirs")
    lead = Action.objects.filter(plan=plan).exclude(lead=None).first().lead
    html = admin_client.post(
        _url(plan, "teams/"),
        {"scope": "all", "lead_0": min(a.casefold() for a in [lead]), "team_0": str(foreign.pk)},
    ).content.decode()
    assert not Action.objects.filter(plan=plan, team=foreign).exists()
    assert "There is a problem" in html or "Choose one of the teams" in html


@pytest.mark.parametrize("size", [12, 120])
def test_editing_pages_query_counts_do_not_grow_with_the_plan(client, size):
    plan = _plan(size)
    client.force_login(member_create(plan.organisation, Role.ADMINISTRATOR))
    for n in range(3):
        Team.objects.create(organisation=plan.organisation, name=f"Team {n}")
    Action.objects.filter(plan=plan).update(team=Team.objects.first())
    counts = {}
    for page in ("edit/", "teams/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(plan, page)).status_code == 200
        counts[page] = len(queries)
    # Session, user, organisation, membership and its teams, plan, the plan's organisation;
    # then the edit page's themes, live actions (with teams) and archived actions, and the
    # first page's session save (3); the teams page's leads, remembered answers and teams.
    assert counts == {"edit/": 13, "teams/": 10}


def test_assign_teams_errors_link_to_their_fields_and_change_nothing(admin_client, plan):
    html = admin_client.post(
        _url(plan, "teams/"),
        {
            "scope": "neither",
            "lead_0": "team 0",
            "team_0": "999999",
            "lead_1": "team 1",
            "new_1": "x" * 201,
        },
    ).content.decode()
    assert 'href="#scope_0">Choose which actions to give teams' in html and 'id="scope_0"' in html
    assert 'href="#team_0">Choose one of the teams for Team 0' in html and 'id="team_0"' in html
    assert "Keep the new team" in html
    assert not Action.objects.filter(plan=plan, team__isnull=False).exists()
    assert not LeadTeam.objects.exists() and not Team.objects.exists()


def test_the_introduction_is_changed_on_its_page_and_shown_to_the_public(admin_client, plan):
    plan_publish(plan=plan, published=True, user=User.objects.get(username="ada"))
    edit = admin_client.get(_url(plan, "edit/")).content.decode()
    assert "The plan has no introduction." in edit
    assert f'href="{_url(plan, "edit/introduction/")}"' in edit
    url = _url(plan, "edit/introduction/")
    # A browser sends the box's lines ending \r\n; one line break inside a paragraph is kept
    # as a space, a blank line starts the next paragraph.
    typed = "The table below lists our\r\ncommitments.\r\n\r\n\r\nKey: G = on track\r\n"
    html = admin_client.post(url, {"introduction": typed, "reason": ""}).content.decode()
    assert "There is a problem" in html and "Enter the reason for the change" in html
    assert "commitments." in html  # what was typed comes back in the box
    plan.refresh_from_db()
    assert plan.introduction == []
    response = admin_client.post(url, {"introduction": typed, "reason": "Agreed at the board"})
    assert response.status_code == 302
    assert response.url == _url(plan, "edit/") + "#introduction"
    plan.refresh_from_db()
    assert plan.introduction == ["The table below lists our commitments.", "Key: G = on track"]
    edit = admin_client.get(response.url).content.decode()
    assert "Introduction changed." in edit and "Change the introduction" in edit
    # The box holds the introduction as it is, paragraphs apart, to change.
    form = admin_client.get(url).content.decode()
    assert "The table below lists our commitments.\n\nKey: G = on track</textarea>" in form
    public = Client().get(_url(plan)).content.decode()
    assert '<p class="govuk-body">The table below lists our commitments.</p>' in public
    assert '<p class="govuk-body">Key: G = on track</p>' in public
    # An empty box clears it, and the public page no longer has one.
    response = admin_client.post(url, {"introduction": " \r\n\r\n ", "reason": "Not needed"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.introduction == []
    assert 'id="introduction"' not in Client().get(_url(plan)).content.decode()
    assert "Introduction removed." in admin_client.get(response.url).content.decode()
