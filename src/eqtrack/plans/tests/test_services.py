"""Plan services: storing documents, round trips, archiving, carrying forward, restoring versions."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.importing.parsing import files_parse
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Plan, Update
from eqtrack.plans.selectors import plan_document, version_list
from eqtrack.plans.services import (
    PlanExistsError,
    ProposalError,
    plan_create_from_document,
    plan_succeed,
    record_archive,
    update_proposal_review,
    version_restore,
)

from .factories import ActionFactory, OrganisationFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def _round_trip(document):
    plan = plan_create_from_document(document=document)
    return plan_document(organisation=plan.organisation, slug=plan.slug)


def test_seed_plan_round_trips(seed_paths):
    document = files_parse(
        paths=seed_paths, periods=["2021", "2022"], organisation="Maidstone Borough Council"
    ).document
    assert _round_trip(json.loads(json.dumps(document))) == document


def test_generated_plan_of_500_actions_and_6_periods_round_trips():
    document = document_generate(actions=500, periods=6)
    exported = _round_trip(document)
    assert exported == document
    assert sum(len(t["actions"]) for t in exported["themes"]) == 500
    assert Update.objects.count() == 3000


def test_optional_fields_round_trip():
    document = document_generate(actions=2, periods=1)
    action = document["themes"][0]["actions"][0]
    action.update(
        partners="Kent County Council", tags=["poverty", "digital"], extra={"Budget": "£5,000"}
    )
    action["updates"][0]["action_text"] = "An older wording."
    assert _round_trip(document) == document


def test_a_document_from_before_the_introduction_imports_and_exports_unchanged():
    # Written before `introduction` was added to version 1: it reads as it always did.
    document = document_generate(actions=2, periods=1)
    assert "introduction" not in document
    plan = plan_create_from_document(document=json.loads(json.dumps(document)))
    assert plan.introduction == []
    exported = plan_document(organisation=plan.organisation, slug=plan.slug)
    assert exported == document and "introduction" not in exported


def test_an_introduction_round_trips_and_is_versioned_with_the_plan():
    introduction = [
        "The table below lists our commitments and where each stands.",
        "Key: R = off track, A = at risk, G = on track",
    ]
    document = {**document_generate(actions=2, periods=1), "introduction": introduction}
    exported = _round_trip(document)
    assert exported == document
    assert list(exported)[-2:] == ["introduction", "themes"]
    plan = Plan.objects.get(title=document["title"])
    assert plan.introduction == introduction
    assert plan.history.get().introduction == introduction


def test_the_seed_reports_with_an_introduction_give_a_plan_with_it(tmp_path, seed_paths):
    newest = tmp_path / "2022.txt"
    text = seed_paths[1].read_text(encoding="utf-8")
    newest.write_text(
        "The table below lists our commitments and where each stands.\n\n" + text,
        encoding="utf-8",
    )
    document = files_parse(
        paths=[seed_paths[0], newest], periods=["2021", "2022"], organisation="Maidstone"
    ).document
    assert document["introduction"] == [
        "The table below lists our commitments and where each stands."
    ]
    plan = plan_create_from_document(document=document)
    assert plan.introduction == document["introduction"]
    assert plan_document(organisation=plan.organisation, slug=plan.slug) == document


def test_every_record_gets_a_first_version():
    plan = plan_create_from_document(document=document_generate(actions=3, periods=2))
    action = Action.objects.filter(plan=plan).first()
    versions = version_list(organisation=plan.organisation, obj=action)
    assert [v.history_type for v in versions] == ["+"]
    assert versions[0].history_change_reason == "Imported"


def test_a_taken_slug_is_refused_unless_replacing():
    document = document_generate(actions=2, periods=1)
    first = plan_create_from_document(document=document, slug="eap")
    with pytest.raises(PlanExistsError, match="already has a plan 'eap'"):
        plan_create_from_document(document=document, organisation=first.organisation, slug="eap")
    second = plan_create_from_document(
        document=document, organisation=first.organisation, slug="eap", replace=True
    )
    first.refresh_from_db()
    assert first.is_archived and not second.is_archived
    assert Plan.objects.filter(slug="eap").count() == 2  # nothing deleted


def test_a_plan_never_takes_the_address_of_a_council_page():
    """/<council>/manage/ and the like are the council's own pages: a plan titled so gets
    another address, and one asked for by name is refused."""
    document = document_generate(actions=1, periods=1) | {"title": "Consultations"}
    plan = plan_create_from_document(document=document)
    assert plan.slug == "consultations-2"
    with pytest.raises(PlanExistsError, match="'manage' is the address of one of"):
        plan_create_from_document(document=document, slug="manage")


def test_without_a_slug_one_is_made_from_the_title():
    document = document_generate(actions=1, periods=1)
    a = plan_create_from_document(document=document)
    b = plan_create_from_document(document=document, organisation=a.organisation)
    assert (a.slug, b.slug) == ("generated-plan-of-1-actions", "generated-plan-of-1-actions-2")


def test_archived_actions_leave_the_export_but_stay_stored():
    plan = plan_create_from_document(document=document_generate(actions=3, periods=1))
    action = Action.objects.filter(plan=plan).order_by("pk").first()
    record_archive(record=action)
    document = plan_document(organisation=plan.organisation, slug=plan.slug)
    assert sum(len(t["actions"]) for t in document["themes"]) == 2
    assert Action.objects.filter(pk=action.pk).exists()


def test_version_restore_brings_back_earlier_text():
    update = UpdateFactory(progress=["First wording."])
    original = update.history.order_by("history_id").first()
    update.progress = ["Second wording."]
    update.save()
    restored = version_restore(
        organisation=update.organisation, obj=update, history_id=original.history_id
    )
    update.refresh_from_db()
    assert update.progress == ["First wording."] == restored.progress
    reasons = [
        v.history_change_reason for v in version_list(organisation=update.organisation, obj=update)
    ]
    assert reasons[0] == f"Restored version {original.history_id}"
    assert len(reasons) == 3


def _versions(update, **changes):
    """Save the update with these changes, returning the version saved."""
    for name, value in changes.items():
        setattr(update, name, value)
    update.save()
    return update.history.order_by("-history_id").first()


def _proposed(role=Role.OWNER):
    """An approved update, a draft version of it never approved, and that draft restored by
    a person of `role` (an owner of the action's team): returns the update and the people."""
    update = UpdateFactory(progress=["Approved wording."], state=Update.State.APPROVED)
    organisation = update.organisation
    restorer = member_create(organisation, role, teams=["HR"])
    Action.objects.filter(pk=update.action_id).update(team=Team.objects.get(name="HR"))
    draft = _versions(update, progress=["Unreviewed draft."], state=Update.State.DRAFT)
    _versions(update, progress=["Approved wording."], state=Update.State.APPROVED)
    update = Update.objects.get(pk=update.pk)
    version_restore(
        organisation=organisation, obj=update, history_id=draft.history_id, user=restorer
    )
    update.refresh_from_db()
    reviewer = member_create(organisation, Role.REVIEWER)
    return update, restorer, reviewer, draft


def test_restoring_a_draft_into_an_approved_update_makes_a_proposal_for_review():
    update, owner, _, draft = _proposed()
    # The approved text is still the update's, and so the public one.
    assert update.state == Update.State.APPROVED and update.progress == ["Approved wording."]
    assert update.proposed["progress"] == ["Unreviewed draft."]
    assert update.proposed_by == owner and update.proposed_at is not None
    latest, before = update.history.order_by("-history_id")[:2]
    assert update.revision == before.revision + 1  # a form opened before it is stale
    assert latest.history_user == owner
    assert latest.history_change_reason == (
        f"Restored version {draft.history_id}, waiting for review"
    )
    # Not in the plan's document (exports, the API's plan): those read the approved text.
    document = plan_document(organisation=update.organisation, slug=update.action.plan.slug)
    assert "Unreviewed draft." not in json.dumps(document)
    assert "Approved wording." in json.dumps(document)


def test_approving_a_proposal_publishes_it_as_written_by_whoever_restored_it():
    update, owner, reviewer, _ = _proposed()
    update_proposal_review(
        update=update, user=reviewer, decision="approve", comment="Right text", based_on=None
    )
    update.refresh_from_db()
    assert update.progress == ["Unreviewed draft."] and update.state == Update.State.APPROVED
    assert update.written_by == owner and update.proposed is None and update.proposed_by is None
    latest = update.history.order_by("-history_id").first()
    assert latest.history_user == reviewer
    assert latest.history_change_reason == f"Restored text by {owner} approved: Right text"
    document = plan_document(organisation=update.organisation, slug=update.action.plan.slug)
    assert "Unreviewed draft." in json.dumps(document)


def test_approving_a_proposal_tells_its_writer_and_followers_but_not_the_approver(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    from eqtrack.notifications.services import follow_set

    update, owner, reviewer, _ = _proposed()
    owner.email, reviewer.email = "owner@council.example", "reviewer@council.example"
    owner.save()
    reviewer.save()
    follow_set(user=reviewer, action=update.action, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        update_proposal_review(update=update, user=reviewer, decision="approve", based_on=None)
    assert [m.to for m in mail.outbox] == [["owner@council.example"]]


def test_rejecting_a_proposal_drops_it_and_the_public_text_never_changed():
    update, _, reviewer, _ = _proposed()
    revision = update.revision
    update_proposal_review(update=update, user=reviewer, decision="reject", comment="Old news")
    update.refresh_from_db()
    assert update.progress == ["Approved wording."] and update.proposed is None
    assert update.revision == revision + 1
    latest = update.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Restored text rejected: Old news"
    assert latest.history_user == reviewer
    with pytest.raises(ProposalError, match="no restored text"):
        update_proposal_review(update=update, user=reviewer, decision="approve")


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMINISTRATOR])
def test_whoever_restored_a_text_cannot_approve_it_but_may_withdraw_it(role):
    update, restorer, _, _ = _proposed(role)
    with pytest.raises(PermissionDenied):
        update_proposal_review(update=update, user=restorer, decision="approve")
    update.refresh_from_db()
    assert update.progress == ["Approved wording."] and update.proposed is not None
    update_proposal_review(update=update, user=restorer, decision="reject")
    update.refresh_from_db()
    assert update.proposed is None and update.progress == ["Approved wording."]


def test_a_viewer_and_another_councils_reviewer_cannot_decide():
    update, _, _, _ = _proposed()
    viewer = member_create(update.organisation, Role.VIEWER)
    outsider = member_create(OrganisationFactory(), Role.REVIEWER)
    for person in (viewer, outsider):
        for decision in ("approve", "reject"):
            with pytest.raises(PermissionDenied):
                update_proposal_review(update=update, user=person, decision=decision)
    update.refresh_from_db()
    assert update.proposed is not None


def test_a_decision_on_a_proposal_that_changed_since_it_was_seen_is_refused():
    update, _, reviewer, _ = _proposed()
    seen = update.revision
    Update.objects.filter(pk=update.pk).update(revision=seen + 1)  # another restore since
    with pytest.raises(ProposalError, match="changed while you were looking"):
        update_proposal_review(update=update, user=reviewer, decision="approve", based_on=seen)
    update.refresh_from_db()
    assert update.progress == ["Approved wording."] and update.proposed is not None


def test_restoring_keeps_the_review_state_and_moves_the_revision_on():
    update = UpdateFactory(progress=["Earlier approved."], state=Update.State.APPROVED)
    first = update.history.order_by("history_id").first()
    _versions(update, progress=["Written in the round."], state=Update.State.DRAFT, revision=3)
    version_restore(organisation=update.organisation, obj=update, history_id=first.history_id)
    update.refresh_from_db()
    # The approved version's words, but still a draft: a restore is no approval.
    assert update.progress == ["Earlier approved."] and update.state == Update.State.DRAFT
    assert update.revision == 4  # not the old version's 0: a stale form is still refused

    _versions(update, state=Update.State.SUBMITTED)
    version_restore(organisation=update.organisation, obj=update, history_id=first.history_id)
    update.refresh_from_db()
    # Changed words under review go back to the owner, to be submitted again.
    assert update.state == Update.State.DRAFT


def test_version_restore_refuses_another_organisations_record():
    update = UpdateFactory()
    other = OrganisationFactory()
    with pytest.raises(PermissionError):
        version_restore(
            organisation=other, obj=update, history_id=update.history.first().history_id
        )


def test_a_plan_can_succeed_another_carrying_actions_forward():
    first = ActionFactory(ref="CL1")
    ActionFactory(theme=first.theme, ref="CL2")
    old_plan = first.plan
    new_plan = plan_succeed(plan=old_plan, title="Equalities Action Plan 2023–2027", carry=[first])
    assert new_plan.predecessor == old_plan
    carried = Action.objects.get(plan=new_plan)
    assert carried.continues == first and carried.text == first.text
    document = plan_document(organisation=new_plan.organisation, slug=new_plan.slug)
    assert document["predecessor"] == old_plan.slug
    assert document["themes"][0]["actions"][0]["continues"] == "CL1"
    assert [t["title"] for t in document["themes"]] == [first.theme.title]


def test_a_new_plan_starts_without_its_predecessors_introduction():
    # A decision, not an oversight: the introduction speaks of its own plan ("this plan runs
    # to 2023", the key of its own tables), so the new plan gets its own, written on its
    # editing page or imported with its first report.
    first = ActionFactory(ref="CL1")
    old_plan = first.plan
    old_plan.introduction = ["This plan runs from 2019 to 2023.", "Key: G = on track"]
    old_plan.save()
    new_plan = plan_succeed(plan=old_plan, title="Equalities Action Plan 2023–2027", carry=[first])
    new_plan.refresh_from_db()
    assert new_plan.introduction == []
    assert "introduction" not in plan_document(
        organisation=new_plan.organisation, slug=new_plan.slug
    )
    old_plan.refresh_from_db()
    assert old_plan.introduction == ["This plan runs from 2019 to 2023.", "Key: G = on track"]


def test_a_second_save_from_an_old_revision_is_refused_and_both_texts_kept(django_user_model):
    from eqtrack.plans.services import UpdateConflict, update_write

    update = UpdateFactory(progress=["Started."])
    first = django_user_model.objects.create_user("first")
    # Two people open the same update at revision 0.
    opened = update.revision
    saved, changed = update_write(
        action=update.action,
        period=update.period,
        progress=["First person's text."],
        next_steps=[],
        status_text="Ongoing",
        status_category="ongoing",
        user=first,
        based_on=opened,
    )
    assert changed and saved.revision == opened + 1
    with pytest.raises(UpdateConflict) as conflict:
        update_write(
            action=update.action,
            period=update.period,
            progress=["Second person's text."],
            next_steps=[],
            status_text="Complete",
            status_category="complete",
            based_on=opened,
        )
    assert conflict.value.current.progress == ["First person's text."]
    assert conflict.value.submitted["progress"] == ["Second person's text."]
    assert "changed by first while you were editing it" in str(conflict.value)
    update.refresh_from_db()
    assert update.progress == ["First person's text."]  # nothing overwritten
    # Saving again from the revision now shown succeeds.
    saved, _ = update_write(
        action=update.action,
        period=update.period,
        progress=["Second person's text."],
        next_steps=[],
        status_text="Complete",
        status_category="complete",
        based_on=update.revision,
    )
    assert saved.progress == ["Second person's text."]
    assert [v.progress for v in update.history.order_by("history_id")][-2:] == [
        ["First person's text."],
        ["Second person's text."],
    ]


def test_a_new_action_is_numbered_after_its_themes_others():
    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.models import Action, Theme
    from eqtrack.plans.services import action_create, plan_create_from_document

    plan = plan_create_from_document(document=document_generate(actions=6, periods=1))
    theme = Theme.objects.filter(plan=plan).order_by("position").first()
    Action.objects.filter(theme=theme).update(ref=None)
    for n, action in enumerate(Action.objects.filter(theme=theme).order_by("position"), start=1):
        Action.objects.filter(pk=action.pk).update(ref=f"SP{n}")
    count = Action.objects.filter(theme=theme).count()
    added = action_create(plan=plan, theme=theme, text="Assisted bidding in libraries.")
    assert added.ref == f"SP{count + 1}"
    # Not numbered alike: no guess.
    Action.objects.filter(pk=added.pk).update(ref="Extra")
    assert action_create(plan=plan, theme=theme, text="Another.").ref is None
