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
    assert "Reported for Q1 2020" in html
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

    from eqtrack.rounds.services import (
        round_close,
        round_open,
        update_review,
        update_save_draft,
        update_submit,
    )

    plan, action = edited
    admin = django_user_model.objects.create_user("officer")
    Membership.objects.create(organisation=plan.organisation, user=admin, role=Role.ADMINISTRATOR)
    # Four eyes: someone other than the update's writer reviews it.
    reviewer = django_user_model.objects.create_user("second-pair")
    Membership.objects.create(organisation=plan.organisation, user=reviewer, role=Role.REVIEWER)
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
    update_review(round=round, update=draft, approve=False, comment="Redo it", user=reviewer)
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
    update_review(round=round, update=Update.objects.get(pk=draft.pk), approve=True, user=reviewer)
    # Approved, but its round is open: the period is not public yet.
    assert "Published wording." not in client.get(_url(plan, action)).content.decode()
    round_close(round=round, user=admin)
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


@pytest.fixture
def proposed(client, django_user_model, edited):
    """An administrator restores a draft version, never approved, over the approved text."""
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
    client.logout()
    return plan, action, update, admin, response.content.decode()


def _proposal_url(plan, action, update):
    return (
        f"/{plan.organisation.slug}/{plan.slug}/actions/{action.pk}/updates/{update.pk}/proposal/"
    )


def _reviewer(django_user_model, organisation, name="reviewer"):
    user = django_user_model.objects.create_user(name)
    Membership.objects.create(organisation=organisation, user=user, role=Role.REVIEWER)
    return user


def test_restoring_a_draft_over_approved_words_makes_a_proposal_visitors_never_see(
    client, proposed
):
    plan, action, update, _, page = proposed
    assert "Restored for review" in page
    assert "Waiting for review: a restored text for Q1 2020" in page
    assert "<li><ins>Never reviewed.</ins></li>" in page  # what approving it would change
    update.refresh_from_db()
    assert update.state == Update.State.APPROVED and update.progress == ["A new sentence."]
    o, p = plan.organisation.slug, plan.slug
    # Nowhere public: the plan, its history, its report data and the API.
    for url in (
        f"/{o}/{p}/",
        _url(plan, action),
        f"/{o}/{p}/download.csv",
        f"/{o}/{p}/download.json",
        f"/api/v1/plans/{o}/{p}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        assert b"Never reviewed." not in body, url
        assert b"restored text" not in body, url
    assert "A new sentence." in client.get(f"/{o}/{p}/").content.decode()
    assert client.get(_proposal_url(plan, action, update)).status_code == 404


def test_a_reviewer_approves_a_restored_text_and_it_is_published(
    client, django_user_model, proposed
):
    plan, action, update, admin, _ = proposed
    reviewer = _reviewer(django_user_model, plan.organisation)
    client.force_login(reviewer)
    page = client.get(_proposal_url(plan, action, update)).content.decode()
    assert "<li><ins>Never reviewed.</ins></li>" in page and 'value="approve"' in page
    response = client.post(
        _proposal_url(plan, action, update),
        {"decision": "approve", "comment": "Checked", "revision": update.revision + 1},
        follow=True,
    )
    assert "Approved: the restored text is the published one now." in response.content.decode()
    update.refresh_from_db()
    assert update.progress == ["Never reviewed."] and update.proposed is None
    assert update.written_by == admin and update.state == Update.State.APPROVED
    client.logout()
    assert (
        "Never reviewed." in client.get(f"/{plan.organisation.slug}/{plan.slug}/").content.decode()
    )


def test_a_reviewer_rejects_a_restored_text_and_it_is_dropped(client, django_user_model, proposed):
    plan, action, update, _, _ = proposed
    client.force_login(_reviewer(django_user_model, plan.organisation))
    update.refresh_from_db()
    response = client.post(
        _proposal_url(plan, action, update),
        {"decision": "reject", "revision": update.revision},
        follow=True,
    )
    page = response.content.decode()
    assert "Rejected: the published text stays as it was." in page
    assert "Waiting for review" not in page and "Restored text rejected" in page
    update.refresh_from_db()
    assert update.progress == ["A new sentence."] and update.proposed is None


def test_a_bad_decision_gets_the_page_back_with_an_error_summary(
    client, django_user_model, proposed
):
    plan, action, update, _, _ = proposed
    client.force_login(_reviewer(django_user_model, plan.organisation))
    update.refresh_from_db()
    response = client.post(_proposal_url(plan, action, update), {"revision": update.revision})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert '<a href="#id_decision_approve">Choose whether to approve or reject' in page
    # Decided on a text that has changed since the page was opened: refused, nothing changed.
    response = client.post(
        _proposal_url(plan, action, update), {"decision": "approve", "revision": 0}
    )
    assert "changed while you were looking at it" in response.content.decode()
    update.refresh_from_db()
    assert update.proposed is not None and update.progress == ["A new sentence."]


def test_whoever_restored_it_cannot_approve_it(client, proposed):
    plan, action, update, admin, _ = proposed
    client.force_login(admin)
    page = client.get(_proposal_url(plan, action, update)).content.decode()
    assert 'value="approve"' not in page and 'value="reject"' in page
    response = client.post(
        _proposal_url(plan, action, update), {"decision": "approve", "revision": ""}
    )
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.proposed is not None and update.progress == ["A new sentence."]


def test_an_owner_who_restored_a_text_cannot_approve_it(client, django_user_model, edited):
    from eqtrack.accounts.models import Team

    plan, action = edited
    team = Team.objects.create(organisation=plan.organisation, name="HR")
    Action.objects.filter(pk=action.pk).update(team=team)
    owner = django_user_model.objects.create_user("owner")
    Membership.objects.create(
        organisation=plan.organisation, user=owner, role=Role.OWNER
    ).teams.add(team)
    update = Update.objects.get(action=action)
    update.progress, update.state = ["Owner's draft."], Update.State.DRAFT
    update.save()
    draft = update.history.order_by("-history_id").first()
    update.progress, update.state = ["A new sentence."], Update.State.APPROVED
    update.save()
    client.force_login(owner)
    client.post(_url(plan, action), {"version": f"Q1 2020:{draft.history_id}"})
    update.refresh_from_db()
    assert update.proposed_by == owner
    response = client.post(_proposal_url(plan, action, update), {"decision": "approve"})
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.proposed is not None and update.progress == ["A new sentence."]


def test_another_councils_reviewer_gets_404(client, django_user_model, proposed):
    plan, action, update, _, _ = proposed
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"organisation": "Other Council"}
    )
    client.force_login(_reviewer(django_user_model, other.organisation, "outsider"))
    for method in ("get", "post"):
        response = getattr(client, method)(
            _proposal_url(plan, action, update), {"decision": "approve"}
        )
        assert response.status_code == 404
    assert "Never reviewed." not in client.get(_url(plan, action)).content.decode()
    update.refresh_from_db()
    assert update.proposed is not None


def test_the_council_page_lists_restored_texts_for_its_reviewers_only(
    client, django_user_model, proposed
):
    plan, action, update, _, _ = proposed
    o = plan.organisation.slug
    link = _proposal_url(plan, action, update)
    assert "Restored texts waiting" not in client.get(f"/{o}/").content.decode()
    client.force_login(_reviewer(django_user_model, plan.organisation))
    page = client.get(f"/{o}/").content.decode()
    assert "Restored texts waiting for your review" in page
    assert f'href="{link}"' in page and "Q1 2020 update" in page
    client.post(link, {"decision": "reject", "revision": Update.objects.get(pk=update.pk).revision})
    assert "Restored texts waiting" not in client.get(f"/{o}/").content.decode()
