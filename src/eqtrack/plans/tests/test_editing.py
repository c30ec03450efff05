"""Editing a plan through its services: every change a version naming who and why, for
administrators only; references kept unique; teams assigned by lead and remembered."""

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.history import action_history
from eqtrack.plans.models import Action, LeadTeam, Theme, Update
from eqtrack.plans.planformat import document_validate
from eqtrack.plans.search import SearchFilters, plan_search
from eqtrack.plans.selectors import plan_document, plan_leads
from eqtrack.plans.services import (
    TEAMS_ASSIGNED,
    PlanEditError,
    action_add,
    action_archive,
    action_change,
    action_move,
    plan_create_from_document,
    plan_introduction_change,
    teams_assign,
    theme_add,
    theme_archive,
    theme_change,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return plan_create_from_document(document=document_generate(actions=66, periods=1))


@pytest.fixture
def admin(plan):
    return member_create(plan.organisation, Role.ADMINISTRATOR)


def _latest(record):
    return record.history.order_by("-history_id").first()


def _actions(plan):
    return list(Action.objects.filter(plan=plan).order_by("theme__position", "position"))


def test_action_change_is_one_version_with_who_and_why_and_keeps_search_in_step(plan, admin):
    action = _actions(plan)[0]
    team = Team.objects.create(organisation=plan.organisation, name="Housing")
    versions = action.history.count()
    action_change(
        action=action,
        user=admin,
        reason="Agreed at the June board",
        text="We will house every rough sleeper.",
        ref="X1",
        lead="Head of Housing",
        due="March 2028",
        team=team,
        tags=["housing", " poverty ", "Housing", ""],
    )
    action.refresh_from_db()
    assert (action.text, action.ref, action.lead, action.due, action.team) == (
        "We will house every rough sleeper.",
        "X1",
        "Head of Housing",
        "March 2028",
        team,
    )
    assert action.tags == ["housing", "poverty"]
    assert action.history.count() == versions + 1
    latest = _latest(action)
    assert (latest.history_user, latest.history_change_reason) == (
        admin,
        "Agreed at the June board",
    )
    assert "rough sleeper" in action.search_text
    hits = plan_search(
        organisation=plan.organisation,
        plan_slug=plan.slug,
        filters=SearchFilters.from_query({"q": "sleeper"}),
        published_only=False,
    )
    assert [h.action.pk for h in hits] == [action.pk]
    # The history page's versions show each change by name.
    newest = action_history(organisation=plan.organisation, action=action)[0]
    assert newest.reason == "Agreed at the June board"
    changed = {c.name: (c.removed, c.added) for c in newest.changes}
    assert changed["Team"] == ([], ["Housing"])
    assert changed["Reference"][1] == ["X1"]
    assert changed["Tags"] == ([], ["housing", "poverty"])


def test_nothing_changed_saves_no_version(plan, admin):
    action = _actions(plan)[0]
    versions = action.history.count()
    action_change(action=action, user=admin, reason="Checking", text=action.text)
    assert action.history.count() == versions


def test_every_change_needs_a_reason_and_an_administrator(plan, admin):
    action = _actions(plan)[0]
    with pytest.raises(PlanEditError) as e:
        action_change(action=action, user=admin, reason="  ", text="New")
    assert e.value.field == "reason"
    for role in (Role.VIEWER, Role.OWNER, Role.REVIEWER, Role.MANAGER):
        person = member_create(plan.organisation, role)
        with pytest.raises(PermissionDenied):
            action_change(action=action, user=person, reason="Why not", text="New")
        with pytest.raises(PermissionDenied):
            theme_add(plan=plan, title="T", user=person, reason="Why not")
        with pytest.raises(PermissionDenied):
            teams_assign(plan=plan, user=person, choices={})
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"organisation": "Other Council"}
    )
    outsider = member_create(other.organisation, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        action_archive(action=action, user=outsider, reason="Mine now")
    action.refresh_from_db()
    assert action.text != "New" and action.archived_at is None


def test_a_ref_another_live_action_has_is_refused_naming_the_clash(plan, admin):
    first, second = _actions(plan)[:2]
    with pytest.raises(PlanEditError) as e:
        action_change(action=second, user=admin, reason="Renumbering", ref=first.ref)
    assert e.value.field == "ref"
    assert f"numbered {first.ref} already" in str(e.value)
    second.refresh_from_db()
    assert second.ref != first.ref
    # Once the holder is archived the reference is free; restoring it then is refused.
    action_archive(action=first, user=admin, reason="Done with")
    action_change(action=second, user=admin, reason="Renumbering", ref=first.ref)
    with pytest.raises(PlanEditError, match="numbered"):
        action_archive(action=first, user=admin, reason="Back", archive=False)
    with pytest.raises(PlanEditError, match="numbered"):
        action_add(
            plan=plan, theme=first.theme, text="New", ref=first.ref, user=admin, reason="New"
        )


def test_move_keeps_updates_and_goes_to_the_end_of_the_theme(plan, admin):
    action = _actions(plan)[0]
    updates = set(Update.objects.filter(action=action).values_list("pk", flat=True))
    assert updates
    target = Theme.objects.filter(plan=plan).exclude(pk=action.theme_id).order_by("position")[0]
    last = max(target.actions.values_list("position", flat=True))
    action_move(action=action, theme=target, user=admin, reason="Belongs with housing")
    action.refresh_from_db()
    assert (action.theme, action.position) == (target, last + 1)
    assert set(Update.objects.filter(action=action).values_list("pk", flat=True)) == updates
    newest = action_history(organisation=plan.organisation, action=action)
    moved = next(v for v in newest if v.reason == "Belongs with housing")
    assert any(c.name == "Theme" and c.added == [target.title] for c in moved.changes)


def test_moving_to_another_plans_theme_is_refused(plan, admin):
    other = plan_create_from_document(document=document_generate(actions=1, periods=1))
    foreign = Theme.objects.filter(plan=other).first()
    with pytest.raises(PlanEditError):
        action_move(action=_actions(plan)[0], theme=foreign, user=admin, reason="Oops")


def test_archive_and_restore_an_action_and_a_theme(plan, admin):
    action = _actions(plan)[0]
    action_archive(action=action, user=admin, reason="Finished early")
    action.refresh_from_db()
    assert action.archived_at is not None
    assert _latest(action).history_change_reason == "Archived: Finished early"
    assert _latest(action).history_user == admin
    with pytest.raises(PlanEditError, match="archived"):
        action_change(action=action, user=admin, reason="x", text="y")
    action_archive(action=action, user=admin, reason="Still needed", archive=False)
    action.refresh_from_db()
    assert action.archived_at is None
    assert _latest(action).history_change_reason == "Restored: Still needed"

    theme = action.theme
    theme_archive(theme=theme, user=admin, reason="Merged")
    theme.refresh_from_db()
    assert theme.archived_at is not None
    assert _latest(theme).history_change_reason == "Archived: Merged"
    theme_archive(theme=theme, user=admin, reason="Unmerged", archive=False)
    theme.refresh_from_db()
    assert theme.archived_at is None


def test_theme_add_rename_and_reorder(plan, admin):
    themes = list(Theme.objects.filter(plan=plan).order_by("position"))
    new = theme_add(
        plan=plan,
        title="Workforce",
        objective="A fair employer.",
        user=admin,
        reason="New priority",
    )
    assert new.position == themes[-1].position + 1
    assert (_latest(new).history_user, _latest(new).history_change_reason) == (
        admin,
        "New priority",
    )
    theme_change(theme=new, user=admin, reason="Clearer", title="Our workforce", position=0)
    order = list(
        Theme.objects.live().filter(plan=plan).order_by("position").values_list("title", flat=True)
    )
    assert order == ["Our workforce", *[t.title for t in themes]]
    assert _latest(themes[0]).history_change_reason == "Clearer"
    with pytest.raises(PlanEditError) as e:
        theme_change(theme=new, user=admin, reason="Clearer", title=" ")
    assert e.value.field == "title"


def test_action_add_numbers_it_and_records_who_and_why(plan, admin):
    theme = Theme.objects.filter(plan=plan).order_by("position").first()
    team = Team.objects.create(organisation=plan.organisation, name="HR")
    action = action_add(
        plan=plan,
        theme=theme,
        text="Train every manager.",
        team=team,
        tags=["training"],
        user=admin,
        reason="Agreed by cabinet",
    )
    assert action.ref == f"1.{theme.actions.count()}"
    assert (_latest(action).history_user, _latest(action).history_change_reason) == (
        admin,
        "Agreed by cabinet",
    )
    assert "Train every manager" in Action.objects.get(pk=action.pk).search_text


def test_assign_teams_by_lead_only_to_actions_without_one_unless_asked(plan, admin):
    leads = plan_leads(plan=plan)
    assert leads and all(lead.without_team == lead.actions for lead in leads)
    first = leads[0]
    mine = Action.objects.filter(plan=plan, lead__iexact=first.name)
    kept = Team.objects.create(organisation=plan.organisation, name="Kept")
    held = mine.first()
    Action.objects.filter(pk=held.pk).update(team=kept)
    changed = teams_assign(
        plan=plan, user=admin, choices={}, new_names={f"  {first.name.upper()} ": "Policy team"}
    )
    policy = Team.objects.get(organisation=plan.organisation, name="Policy team")
    assert changed == mine.count() - 1
    assert set(mine.exclude(pk=held.pk).values_list("team", flat=True)) == {policy.pk}
    assert Action.objects.get(pk=held.pk).team == kept
    other = mine.exclude(pk=held.pk).first()
    assert (_latest(other).history_user, _latest(other).history_change_reason) == (
        admin,
        TEAMS_ASSIGNED,
    )
    assert LeadTeam.objects.get(organisation=plan.organisation, lead=first.key).team == policy
    # Every action of the lead, replacing its team.
    teams_assign(plan=plan, user=admin, choices={first.key: policy}, replace=True)
    assert Action.objects.get(pk=held.pk).team == policy
    # Actions of other leads are untouched.
    assert (
        not Action.objects.filter(plan=plan, team__isnull=False)
        .exclude(lead__iexact=first.name)
        .exists()
    )


def test_remembered_mapping_is_applied_on_the_next_import(plan, admin):
    first = plan_leads(plan=plan)[0]
    teams_assign(plan=plan, user=admin, choices={}, new_names={first.name: "Policy team"})
    policy = Team.objects.get(name="Policy team")
    again = plan_create_from_document(
        document=document_generate(actions=66, periods=1), organisation=plan.organisation
    )
    teams = {(a.lead, a.team_id) for a in Action.objects.filter(plan=again).exclude(lead=None)}
    assert (first.name, policy.pk) in teams
    assert all(team is None for lead, team in teams if lead.casefold() != first.key)
    # Another council's import does not get this council's answers.
    elsewhere = plan_create_from_document(
        document=document_generate(actions=66, periods=1) | {"organisation": "Other Council"}
    )
    assert not Action.objects.filter(plan=elsewhere, team__isnull=False).exists()


def test_a_theme_is_archived_and_restored_with_its_actions(plan, admin):
    theme = Theme.objects.filter(plan=plan).order_by("position").first()
    earlier, *others = list(theme.actions.order_by("position"))
    action_archive(action=earlier, user=admin, reason="Dropped before")
    theme_archive(theme=theme, user=admin, reason="Merged")
    assert not theme.actions.live().exists()
    assert _latest(others[0]).history_change_reason == "Archived: Merged"
    with pytest.raises(PlanEditError, match="restore the theme first"):
        action_archive(action=others[0], user=admin, reason="Back", archive=False)
    theme_archive(theme=theme, user=admin, reason="Unmerged", archive=False)
    # Its actions come back with it; the one archived on its own before stays archived.
    assert set(theme.actions.live()) == set(others)
    earlier.refresh_from_db()
    assert earlier.archived_at is not None


def test_the_introduction_is_changed_as_a_version_naming_who_and_why(plan, admin):
    plan_introduction_change(
        plan=plan,
        introduction=["  The table below lists\n our actions. ", "", "   ", "Key: G = on track"],
        user=admin,
        reason="Agreed at the June board",
    )
    plan.refresh_from_db()
    # Spacing tidied and blank paragraphs dropped: the plan format refuses them.
    assert plan.introduction == ["The table below lists our actions.", "Key: G = on track"]
    version = _latest(plan)
    assert version.introduction == plan.introduction
    assert (version.history_user, version.history_change_reason) == (
        admin,
        "Agreed at the June board",
    )
    document = plan_document(organisation=plan.organisation, slug=plan.slug)
    assert document["introduction"] == plan.introduction
    document_validate(document)
    # The same text again is no change; an empty list clears it.
    versions = plan.history.count()
    plan_introduction_change(
        plan=plan, introduction=list(plan.introduction), user=admin, reason="Again"
    )
    assert plan.history.count() == versions
    plan_introduction_change(plan=plan, introduction=[], user=admin, reason="Not needed")
    plan.refresh_from_db()
    assert plan.introduction == [] and plan.history.count() == versions + 1
    assert "introduction" not in plan_document(organisation=plan.organisation, slug=plan.slug)


def test_the_introduction_needs_a_reason_and_an_administrator_of_the_plans_council(plan, admin):
    with pytest.raises(PlanEditError) as e:
        plan_introduction_change(plan=plan, introduction=["Ours."], user=admin, reason=" ")
    assert e.value.field == "reason"
    with pytest.raises(PlanEditError) as e:
        plan_introduction_change(plan=plan, introduction=["x" * 5001], user=admin, reason="Long")
    assert e.value.field == "introduction"
    for role in (Role.VIEWER, Role.OWNER, Role.REVIEWER, Role.MANAGER):
        with pytest.raises(PermissionDenied):
            plan_introduction_change(
                plan=plan,
                introduction=["Ours."],
                user=member_create(plan.organisation, role),
                reason="Why not",
            )
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"organisation": "Other Council"}
    )
    with pytest.raises(PermissionDenied):
        plan_introduction_change(
            plan=plan,
            introduction=["Ours."],
            user=member_create(other.organisation, Role.ADMINISTRATOR),
            reason="Mine now",
        )
    plan.refresh_from_db()
    assert plan.introduction == []
