"""An action's history page: versions with their differences, and restoring by role."""

import pytest

from eqtrack.accounts.models import Membership, Role
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Update
from eqtrack.plans.services import plan_create_from_document, update_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited():
    plan = plan_create_from_document(document=document_generate(actions=1, periods=1))
    plan.published = True
    plan.save()
    action = Action.objects.get(plan=plan)
    update = Update.objects.get(action=action)
    update_write(
        action=action,
        period=update.period,
        progress=["A new sentence."],
        next_steps=[],
        status_text="Complete",
        status_category="complete",
        reason="Edited by the owner",
    )
    return plan, action


def _url(plan, action):
    return f"/{plan.organisation.slug}/{plan.slug}/actions/{action.pk}/history/"


def test_the_history_shows_each_version_and_what_changed(client, edited):
    plan, action = edited
    html = client.get(_url(plan, action)).content.decode()
    assert "Update for Q1 2020" in html
    assert "Edited by the owner" not in html  # who and why are for the council's people
    assert "<li><ins>A new sentence.</ins></li>" in html
    assert (
        "<li><del>Progress item 0-Q1 2020 – with ‘quotes’ &amp; &lt;b&gt;no markup&lt;/b&gt;.</del></li>"
        in html
    )
    assert "Restore this version" not in html  # a visitor may read, not restore


@pytest.mark.parametrize(
    ("role", "allowed"), [(Role.ADMINISTRATOR, True), (Role.VIEWER, False), (Role.REVIEWER, False)]
)
def test_restoring_is_for_those_who_may_edit(client, django_user_model, edited, role, allowed):
    plan, action = edited
    user = django_user_model.objects.create_user(role.value)
    Membership.objects.create(organisation=plan.organisation, user=user, role=role)
    client.force_login(user)
    update = Update.objects.get(action=action)
    first = update.history.order_by("history_id").first()
    response = client.post(_url(plan, action), {"version": f"Q1 2020:{first.history_id}"})
    update.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert update.progress == first.progress
        assert (
            update.history.first().history_change_reason == f"Restored version {first.history_id}"
        )
    else:
        assert response.status_code == 403
        assert update.progress == ["A new sentence."]  # nothing changed


def test_an_unpublished_plans_history_is_hidden_from_visitors(client, edited):
    plan, action = edited
    plan.published = False
    plan.save()
    assert client.get(_url(plan, action)).status_code == 404


def test_visitors_never_see_a_draft_nor_who_wrote_what(client, django_user_model, edited):
    """A draft in an open round, then a returned one: the public history shows neither, not
    even as a removed line; members see every version, and who saved it."""
    import datetime as dt

    from eqtrack.rounds.services import round_open, update_review, update_save_draft, update_submit

    plan, action = edited
    admin = django_user_model.objects.create_user("officer")
    Membership.objects.create(organisation=plan.organisation, user=admin, role=Role.ADMINISTRATOR)
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    draft = update_save_draft(
        round=round,
        action=action,
        progress=["Secret first draft."],
        next_steps=[],
        status_text=None,
        status_category="ongoing",
        user=admin,
    )
    update_submit(round=round, update=draft, user=admin)
    update_review(round=round, update=draft, approve=False, comment="Redo it", user=admin)
    public = client.get(_url(plan, action)).content.decode()
    assert "Secret first draft." not in public and "2031" not in public
    assert "officer" not in public

    draft.refresh_from_db()
    update_save_draft(
        round=round,
        action=action,
        progress=["Published wording."],
        next_steps=[],
        status_text=None,
        status_category="ongoing",
        user=admin,
    )
    update_submit(round=round, update=Update.objects.get(pk=draft.pk), user=admin)
    update_review(round=round, update=Update.objects.get(pk=draft.pk), approve=True, user=admin)
    public = client.get(_url(plan, action)).content.decode()
    assert "<li><ins>Published wording.</ins></li>" in public
    assert "Secret first draft." not in public and "officer" not in public

    client.force_login(admin)
    inside = client.get(_url(plan, action)).content.decode()
    assert "Secret first draft." in inside and "By officer" in inside


def test_drafts_saved_before_the_fix_leave_the_public_history(client, edited):
    """Updates a round drafted before drafts started as drafts have a first version that says
    approved; migration plans 0012 makes those drafts, so visitors never see their words."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    plan, action = edited
    update = Update.objects.get(action=action)
    # As the old code stored a round's first draft: approved, with the draft's words.
    update_write(
        action=action,
        period=update.period,
        progress=["An old secret draft."],
        next_steps=[],
        status_text=None,
        status_category=None,
        reason="Draft saved",
    )
    Update.objects.filter(pk=update.pk).update(progress=["A new sentence."])
    assert "An old secret draft." in client.get(_url(plan, action)).content.decode()

    migration = importlib.import_module("eqtrack.plans.migrations.0012_drafts_first_version")
    state = MigrationExecutor(connection).loader.project_state(
        ("plans", "0012_drafts_first_version")
    )
    migration.first_versions_were_drafts(state.apps, None)
    assert "An old secret draft." not in client.get(_url(plan, action)).content.decode()
    assert Update.history.filter(state="approved").exists()  # real approvals stay


def test_an_archived_plans_action_has_no_public_history_under_a_new_plans_slug(client, edited):
    """A plan replaced by another with its slug is archived; its actions' history is not
    reached through the new plan's address."""
    plan, action = edited
    new = plan_create_from_document(
        document=document_generate(actions=1, periods=1),
        organisation=plan.organisation,
        slug=plan.slug,
        replace=True,
    )
    new.published = True
    new.save()
    assert client.get(_url(new, action)).status_code == 404
    ours = Action.objects.get(plan=new)
    assert client.get(_url(new, ours)).status_code == 200


def test_an_archived_actions_history_is_not_public(client, edited):
    from eqtrack.plans.services import record_archive

    plan, action = edited
    record_archive(record=action)
    assert client.get(_url(plan, action)).status_code == 404


def test_restoring_a_draft_over_approved_words_is_refused_with_a_message(
    client, django_user_model, edited
):
    plan, action = edited
    update = Update.objects.get(action=action)
    update.progress, update.state = ["Never reviewed."], Update.State.DRAFT
    update.save()
    draft = update.history.order_by("-history_id").first()
    update.progress, update.state = ["A new sentence."], Update.State.APPROVED
    update.save()
    admin = django_user_model.objects.create_user("admin")
    Membership.objects.create(organisation=plan.organisation, user=admin, role=Role.ADMINISTRATOR)
    client.force_login(admin)
    response = client.post(
        _url(plan, action), {"version": f"Q1 2020:{draft.history_id}"}, follow=True
    )
    assert "Not restored: that version was never approved" in response.content.decode()
    update.refresh_from_db()
    assert update.state == Update.State.APPROVED and update.progress == ["A new sentence."]
    client.logout()
    assert (
        "A new sentence." in client.get(f"/{plan.organisation.slug}/{plan.slug}/").content.decode()
    )
