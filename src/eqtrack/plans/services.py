"""Writes to plans: create from a plan-format document, archive, carry forward, restore versions.

Each service runs in one transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import Truncator, slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from eqtrack.accounts.audit import audit_record
from eqtrack.accounts.models import Team
from eqtrack.accounts.permissions import (
    can_administer,
    can_approve_proposal,
    can_check_measures,
    can_reject_proposal,
)
from eqtrack.accounts.services import PeopleError, team_create
from eqtrack.core.history import change_record
from eqtrack.core.signals import send_on_commit
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.services import organisation_get_or_create

from .caching import plan_version_bump
from .models import (
    Action,
    LeadTeam,
    Measure,
    MeasureValue,
    Period,
    Plan,
    Theme,
    Update,
    lead_normalise,
)
from .planformat import PlanFormatError, document_validate
from .search import search_fields, search_refresh_for, search_text_for, search_text_refresh
from .selectors import lead_teams_remembered
from .signals import update_approved

BATCH_SIZE = 500
# Labels this alike name one measure: "mental health first aiders" / "… fist aiders" (0.98).
MEASURE_LABEL_SIMILARITY = 0.85


class PlanExistsError(ValueError):
    """The organisation already has a live plan with that slug."""


# A council's own pages sit at /<council>/<word>/, where a plan is /<council>/<plan>/: a plan
# may not take one of these words as its address, or its page could never be reached.
RESERVED_SLUGS = frozenset(
    {
        "manage",
        "consultations",
        "population-profiles",
        "import",
        "rounds",
        "policies",
        "assessments",
        "equality-impact-assessments",
        "directory",
        "diversity-calendar",
        "duties",
        "logo",
        "workforce",
        "pay-gaps",
        "openreferral",
        "surveys",
        "have-your-say",
        "polls",
        "social-value",
        "tenders",
        "contracts",
        "supplier-returns",
    }
)


def _unique_slug(*, organisation: Organisation, wanted: str) -> str:
    base = slugify(wanted)[:90] or "plan"
    slug, n = base, 1
    if slug in RESERVED_SLUGS:
        n, slug = 2, f"{base}-2"
    while Plan.objects.live().filter(organisation=organisation, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def plan_create_from_document(
    *,
    document: dict[str, Any],
    organisation: Organisation | None = None,
    slug: str | None = None,
    replace: bool = False,
    user: User | None = None,
    change_reason: str = "Imported",
    published: bool = False,
) -> Plan:
    """Store a plan-format document as a new plan, with a first version of every record.

    Without `slug` the plan gets a new slug from its title. With a `slug` that is taken,
    `replace=True` archives the old plan (its versions stay) and the new one takes the slug.
    """
    document_validate(document)
    if organisation is None:
        organisation = organisation_get_or_create(name=document.get("organisation") or "")
    if slug in RESERVED_SLUGS:
        raise PlanExistsError(
            f"'{slug}' is the address of one of {organisation.name}'s own pages; "
            "choose another --plan"
        )
    if slug:
        existing = Plan.objects.live().filter(organisation=organisation, slug=slug).first()
        if existing and not replace:
            raise PlanExistsError(
                f"{organisation.name} already has a plan '{slug}'; "
                "choose another --plan or use --replace to archive the old one"
            )
        if existing:
            record_archive(record=existing, user=user)
    else:
        slug = _unique_slug(organisation=organisation, wanted=document["title"])

    predecessor = None
    if document.get("predecessor"):
        predecessor = (
            Plan.objects.live()
            .filter(organisation=organisation, slug=document["predecessor"])
            .first()
        )
        if predecessor is None:
            raise PlanFormatError(
                f"predecessor: {organisation.name} has no plan '{document['predecessor']}'"
            )
    plan = Plan(
        organisation=organisation,
        slug=slug,
        title=document["title"],
        predecessor=predecessor,
        published=published,
        introduction=list(document.get("introduction", [])),
    )
    plan.save()

    history = {"default_user": user, "default_change_reason": change_reason}
    periods = bulk_create_with_history(
        [
            Period(organisation=organisation, plan=plan, label=label, position=i)
            for i, label in enumerate(document["periods"])
        ],
        Period,
        batch_size=BATCH_SIZE,
        **history,
    )
    period_by_label = {p.label: p for p in periods}

    themes = bulk_create_with_history(
        [
            Theme(
                organisation=organisation,
                plan=plan,
                position=i,
                title=t["title"],
                objective=t.get("objective", ""),
            )
            for i, t in enumerate(document["themes"])
        ],
        Theme,
        batch_size=BATCH_SIZE,
        **history,
    )

    continued = _continued_actions(predecessor)
    # The council's answers on "Assign teams" to earlier imports: an action whose lead was
    # mapped to a team then gets that team now.
    remembered = lead_teams_remembered(organisation=organisation)
    actions: list[Action] = []
    action_documents: list[dict[str, Any]] = []
    for theme, theme_document in zip(themes, document["themes"], strict=True):
        for i, a in enumerate(theme_document["actions"]):
            continues = None
            if a.get("continues"):
                continues = continued.get(a["continues"])
                if continues is None:
                    raise PlanFormatError(
                        f"continues: the predecessor plan has no action '{a['continues']}'"
                    )
            actions.append(
                Action(
                    organisation=organisation,
                    plan=plan,
                    theme=theme,
                    position=i,
                    ref=a.get("ref"),
                    text=a["text"],
                    lead=a.get("lead"),
                    due=a.get("due"),
                    partners=a.get("partners", ""),
                    tags=a.get("tags", []),
                    extra=a.get("extra", {}),
                    continues=continues,
                    team=remembered.get(lead_normalise(a.get("lead"))),
                    **search_fields(search_text_for(a["text"], a["updates"])),
                )
            )
            action_documents.append(a)
    actions = bulk_create_with_history(actions, Action, batch_size=BATCH_SIZE, **history)

    now = timezone.now()
    update_documents = [u for a in action_documents for u in a["updates"]]
    updates = [
        Update(
            organisation=organisation,
            action=action,
            period=period_by_label[u["period"]],
            progress=u.get("progress", []),
            next_steps=u.get("next_steps", []),
            status_text=(u.get("status") or {}).get("text"),
            status_category=(u.get("status") or {}).get("category"),
            action_text=u.get("action_text", ""),
            late=bool(u.get("late")),
            written_by=user,  # type: ignore[misc]
            written_at=now,
        )
        for action, a in zip(actions, action_documents, strict=True)
        for u in a["updates"]
    ]
    updates = bulk_create_with_history(updates, Update, batch_size=BATCH_SIZE, **history)
    _measures_store(organisation, updates, update_documents)
    return plan


def _measures_store(
    organisation: Organisation, updates: list[Update], documents: list[dict[str, Any]]
) -> None:
    """Each update's indicators as values of its action's measures, one measure per thing
    counted, so that "20 first aiders" in 2021 and "14 fist aiders" in 2022 are one trend."""
    measures: dict[int, list[Measure]] = {}
    values: list[tuple[Measure, MeasureValue]] = []
    for update, document in zip(updates, documents, strict=True):
        for indicator in document.get("indicators", []):
            known = measures.setdefault(update.action_id, [])
            measure = _measure_for(known, indicator["label"], indicator["unit"])
            if measure is None:
                measure = Measure(
                    organisation=organisation,
                    action_id=update.action_id,
                    label=indicator["label"],
                    unit=indicator["unit"],
                )
                known.append(measure)
            # Read from text, an indicator is a suggestion until someone checks it; one an
            # eqtrack export marks confirmed was checked already (docs/plan-format.md).
            if indicator.get("confirmed"):
                measure.state = Measure.State.CONFIRMED
            values.append(
                (
                    measure,
                    MeasureValue(
                        organisation=organisation,
                        update=update,
                        label=indicator["label"],
                        value=indicator["value"],
                        target=indicator.get("target"),
                        text=indicator.get("text", ""),
                    ),
                )
            )
    Measure.objects.bulk_create(
        [m for known in measures.values() for m in known], batch_size=BATCH_SIZE
    )
    for measure, value in values:
        value.measure = measure
    MeasureValue.objects.bulk_create([v for _, v in values], batch_size=BATCH_SIZE)


def _measure_for(known: list[Measure], label: str, unit: str) -> Measure | None:
    """The action's measure for this label: the same words, or nearly (a typo in one year)."""
    best, best_score = None, MEASURE_LABEL_SIMILARITY
    for measure in known:
        if measure.unit != unit:
            continue
        score = difflib.SequenceMatcher(None, measure.label, label).ratio()
        if score >= best_score:
            best, best_score = measure, score
    return best


class MeasureError(ValueError):
    """A decision on an indicator that cannot be made as asked; the message says why (in lower
    case, to follow a colon), and `field` names the form field it is about."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _measure_checked(measure: Measure, user: User) -> Measure:
    """The measure as it is now, locked for the decision, if this person may make it."""
    current = (
        Measure.objects.select_for_update()
        .select_related("action", "organisation")
        .get(pk=measure.pk)
    )
    if not can_check_measures(user, current.action):
        raise PermissionDenied(
            "only the action's owners, reviewers and administrators check its indicators"
        )
    return current


def _measure_label(label: str | None) -> str:
    cleaned = " ".join((label or "").split())
    if not cleaned:
        raise MeasureError("enter the indicator's name", field="label")
    max_length = Measure._meta.get_field("label").max_length or 200
    if len(cleaned) > max_length:
        raise MeasureError(
            f"keep the indicator's name to {max_length} characters or fewer", field="label"
        )
    return cleaned


def _measure_decide(
    measure: Measure, *, user: User, state: str | None, label: str | None, verb: str
) -> Measure:
    current = _measure_checked(measure, user)
    if label is not None:
        current.label = _measure_label(label)
    if state is not None:
        current.state = state
        current.reviewed_by, current.reviewed_at = user, timezone.now()
    current.save()
    if label is not None or state == Measure.State.CONFIRMED:
        # One name for every period's value: reports compare periods by it, and the text
        # each came from ("14 Mental Health fist aiders") is kept beside it.
        current.values.update(label=current.label)
    # Measures keep no versions: the security log says who decided (reviewed_by, the latest).
    audit_record(
        f"indicator: {current.pk} “{current.label}” of action "
        f"{current.action.ref or current.action.pk} at {current.organisation.slug} {verb}",
        user=user,
    )
    return current


@transaction.atomic
def measure_confirm(*, measure: Measure, user: User, label: str | None = None) -> Measure:
    """Confirm an indicator read from an action's progress (under `label`, if given): from now
    on it is on the plan's public page, its dashboard, open data and reports."""
    return _measure_decide(
        measure, user=user, state=Measure.State.CONFIRMED, label=label, verb="confirmed"
    )


@transaction.atomic
def measure_rename(*, measure: Measure, user: User, label: str) -> Measure:
    """Give an indicator a clearer name, leaving it as suggested, confirmed or rejected as it
    was."""
    return _measure_decide(measure, user=user, state=None, label=label, verb="renamed")


@transaction.atomic
def measure_reject(*, measure: Measure, user: User) -> Measure:
    """Reject an indicator that is not one ("35 age group identified"): it is shown nowhere,
    and kept, so that it can still be confirmed later."""
    return _measure_decide(
        measure, user=user, state=Measure.State.REJECTED, label=None, verb="rejected"
    )


def _continued_actions(predecessor: Plan | None) -> dict[str, Action]:
    if predecessor is None:
        return {}
    return {a.ref: a for a in Action.objects.live().filter(plan=predecessor) if a.ref}


Archivable = Plan | Period | Theme | Action | Update


@transaction.atomic
def plan_publish(*, plan: Plan, published: bool, user: User) -> Plan:
    """Make the plan readable by everyone, or by the council's people only again. For its
    administrators: a plan imported unpublished need not wait for the Django admin."""
    if not can_administer(user, plan.organisation_id):
        raise PermissionDenied("only an administrator publishes a plan")
    if plan.published != published:
        plan.published = published
        change_record(plan, user=user, reason="Published" if published else "Unpublished")
        plan.save()

        verb = "published" if published else "unpublished"
        audit_record(f"publication: plan {plan.organisation.slug}/{plan.slug} {verb}", user=user)
    return plan


@transaction.atomic
def record_archive(*, record: Archivable, user: User | None = None) -> Archivable:
    """Take a record out of use. It stays in the database with all its versions, and
    `record_unarchive` brings it back; nothing is ever deleted."""
    if record.archived_at is None:
        record.archived_at = timezone.now()
        change_record(record, user=user, reason="Archived")
        record.save()
        search_refresh_for(record)
    return record


@transaction.atomic
def record_unarchive(*, record: Archivable, user: User | None = None) -> Archivable:
    if record.archived_at is not None:
        record.archived_at = None
        change_record(record, user=user, reason="Restored from archive")
        record.save()
        search_refresh_for(record)
    return record


@transaction.atomic
def plan_succeed(
    *,
    plan: Plan,
    title: str,
    slug: str | None = None,
    carry: list[Action],
    user: User | None = None,
) -> Plan:
    """Start a new plan after `plan`, carrying the chosen actions into it.

    Each carried action keeps a link to the action it continues; the themes of
    the carried actions come along with them. The introduction does not: it speaks of its own
    plan (its dates, the key of its tables), and the new plan is given its own.
    """
    organisation = plan.organisation
    for action in carry:
        if action.plan_id != plan.pk:
            raise ValueError(f"action {action.ref or action.pk} is not in plan '{plan.slug}'")
    new_plan = Plan(
        organisation=organisation,
        slug=slug or _unique_slug(organisation=organisation, wanted=title),
        title=title,
        predecessor=plan,
    )
    change_record(new_plan, user=user)
    new_plan.save()
    themes: dict[int, Theme] = {}
    for position, action in enumerate(sorted(carry, key=lambda a: (a.theme.position, a.position))):
        old_theme = action.theme
        if old_theme.pk not in themes:
            theme = Theme(
                organisation=organisation,
                plan=new_plan,
                position=len(themes),
                title=old_theme.title,
                objective=old_theme.objective,
            )
            change_record(theme, user=user)
            theme.save()
            themes[old_theme.pk] = theme
        new_action = Action(
            organisation=organisation,
            plan=new_plan,
            theme=themes[old_theme.pk],
            position=position,
            ref=action.ref,
            text=action.text,
            lead=action.lead,
            due=action.due,
            partners=action.partners,
            tags=action.tags,
            continues=action,
            **search_fields(action.text),
        )
        change_record(new_action, user=user)
        new_action.save()
    return new_plan


# What restoring a version brings back: the words. Not the review state, the revision or
# whether the record is archived, which have their own steps (a review, record_unarchive).
UPDATE_WORDS = ("progress", "next_steps", "status_text", "status_category", "action_text")
KEPT_ON_RESTORE = ("archived_at",)


@transaction.atomic
def version_restore(
    *,
    organisation: Organisation,
    obj: models.Model,
    history_id: int,
    user: User | None = None,
) -> models.Model:
    """Make an earlier version of a record the current one; the restore is itself a new version.

    Only the words come back: an update keeps its review state, so a restore can neither
    publish words no reviewer approved nor take approved words off the public record. Words
    never approved, restored over an approved update, wait beside its approved text as a
    proposal for a reviewer (update_proposal_review); the public text stays as it is."""
    if getattr(obj, "organisation_id", None) != organisation.pk:
        raise PermissionError("that record belongs to another organisation")
    record = obj.history.filter(history_id=history_id).first()  # type: ignore[attr-defined]
    if record is None:
        raise ValueError(f"{type(obj).__name__} {obj.pk} has no version {history_id}")
    if isinstance(obj, Update):
        return _update_restore(update=obj, record=record, user=user)
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    restored = record.instance
    for name in KEPT_ON_RESTORE:
        if hasattr(current, name):
            setattr(restored, name, getattr(current, name))
    change_record(restored, user=user, reason=f"Restored version {history_id}")
    restored.save()
    search_refresh_for(restored)
    return restored


def _update_restore(*, update: Update, record: Any, user: User | None) -> Update:
    """An update's earlier words, under the review state it has now (see version_restore)."""
    current = Update.objects.select_for_update().get(pk=update.pk)
    words = {name: getattr(record, name) for name in UPDATE_WORDS}
    unreviewed = record.state != Update.State.APPROVED
    changes_words = any(getattr(current, name) != value for name, value in words.items())
    if current.state == Update.State.APPROVED and unreviewed and changes_words:
        # Words no reviewer approved must not become the public text: they wait beside it as
        # a proposal, for a reviewer to approve or reject (update_proposal_review).
        current.proposed = words
        current.proposed_by, current.proposed_at = user, timezone.now()  # type: ignore[assignment]
        current.revision += 1
        change_record(
            current, user=user, reason=f"Restored version {record.history_id}, waiting for review"
        )
        current.save()
        return current
    for name, value in words.items():
        setattr(current, name, value)
    if current.state == Update.State.SUBMITTED:
        # The reviewer would otherwise approve words the owner did not send: it goes back to
        # the owner as a draft, to be submitted again.
        current.state = Update.State.DRAFT
    current.revision += 1  # a form opened before the restore must not save over it
    current.written_by, current.written_at = user, timezone.now()  # type: ignore[assignment]
    change_record(current, user=user, reason=f"Restored version {record.history_id}")
    current.save()
    search_refresh_for(current)
    return current


class ProposalError(ValueError):
    """A decision on a restored text that does not fit the update as it is now; the message
    says why (in lower case, to follow a colon)."""


PROPOSAL_DECISIONS = ("approve", "reject")


@transaction.atomic
def update_proposal_review(
    *,
    update: Update,
    user: User,
    decision: str,
    comment: str = "",
    based_on: int | None = None,
) -> Update:
    """Approve or reject the restored text waiting beside an update's approved one.

    Approving makes it the approved, public text: a new version, written by whoever restored
    it and saved by the reviewer. Rejecting drops it; the public text never changed. Both are
    versions in the history, with the comment. `based_on` is the revision the reviewer saw: if
    the proposal has changed since (another restore), nothing is decided."""
    if decision not in PROPOSAL_DECISIONS:
        raise ProposalError("choose whether to approve or reject the restored text")
    current = Update.objects.select_for_update().select_related("action").get(pk=update.pk)
    if current.proposed is None:
        raise ProposalError("no restored text is waiting for review on this update")
    allowed = can_approve_proposal if decision == "approve" else can_reject_proposal
    if not allowed(user, current):
        raise PermissionDenied(
            "only a reviewer or an administrator other than whoever restored the text approves it"
            if decision == "approve"
            else "only a reviewer, an administrator or whoever restored the text rejects it"
        )
    if based_on is not None and based_on != current.revision:
        raise ProposalError("the restored text changed while you were looking at it: see it again")
    if decision == "approve" and current.state != Update.State.APPROVED:
        # Approving would put the restored words over a round's unreviewed ones unseen.
        raise ProposalError(
            f"the update is {current.get_state_display().lower()} now; review it in its round"
        )
    proposer = current.proposed_by
    if decision == "approve":
        for name in UPDATE_WORDS:
            if name in current.proposed:
                setattr(current, name, current.proposed[name])
        current.written_by, current.written_at = proposer, current.proposed_at
        reason = f"Restored text by {proposer or 'someone'} approved"
    else:
        reason = "Restored text rejected"
    current.proposed = current.proposed_by = current.proposed_at = None
    current.revision += 1  # a form opened before the decision must not save over it
    current._history_user = user  # type: ignore[attr-defined]
    # The history's reason holds 100 characters.
    current._change_reason = Truncator(  # type: ignore[attr-defined]
        f"{reason}: {comment.strip()}" if comment.strip() else reason
    ).chars(100)
    current.save()
    if decision == "approve":
        search_refresh_for(current)
        # Only once the approval is saved: a rolled-back one must not have e-mailed anyone.
        send_on_commit(update_approved, sender=Update, update=current, user=user)
    return current


@transaction.atomic
def period_create(*, plan: Plan, label: str, user: User | None = None) -> Period:
    """A new reporting period, after the plan's others."""
    last = plan.periods.live().order_by("-position").first()
    period = Period(
        organisation=plan.organisation,
        plan=plan,
        label=label,
        position=(last.position + 1) if last else 0,
    )
    change_record(period, user=user)
    period.save()
    return period


class UpdateConflict(Exception):
    """Someone saved the update after this edit began. Both texts are kept for the person to
    compare: what is saved now (`current`) and what they submitted (`submitted`)."""

    def __init__(self, *, current: Update, submitted: dict[str, Any]) -> None:
        super().__init__(
            f"this update was changed by {current.written_by or 'someone else'} while you were "
            "editing it; compare the two texts and save again"
        )
        self.current, self.submitted = current, submitted


@transaction.atomic
def update_write(
    *,
    action: Action,
    period: Period,
    progress: list[Any],
    next_steps: list[Any],
    status_text: str | None,
    status_category: str | None,
    user: User | None = None,
    reason: str = "Edited",
    based_on: int | None = None,
    state_if_new: str = Update.State.APPROVED,
) -> tuple[Update, bool]:
    """Set what an action's update for a period says, as a new version; returns the update
    and whether anything changed (an unchanged update is not saved, so gains no version).

    `based_on` is the revision the editor started from: if the update has been saved since,
    UpdateConflict is raised and nothing is overwritten (optimistic locking; the row is
    locked while it is checked, so two saves cannot both pass the check). A new update starts
    in `state_if_new`: approved for the published record (imports), a draft in a round, so
    that not even its first version is ever an approved one holding a draft's words."""
    update: Update | None = (
        Update.objects.live().select_for_update().filter(action=action, period=period).first()
    )
    submitted = {
        "progress": progress,
        "next_steps": next_steps,
        "status_text": status_text,
        "status_category": status_category,
    }
    if update is None:
        if based_on:
            raise UpdateConflict(current=Update(action=action, period=period), submitted=submitted)
        update = Update(
            organisation=action.organisation, action=action, period=period, state=state_if_new
        )
    else:
        if based_on is not None and update.revision != based_on:
            raise UpdateConflict(current=update, submitted=submitted)
        if (update.progress, update.next_steps, update.status_text, update.status_category) == (
            progress,
            next_steps,
            status_text,
            status_category,
        ):
            return update, False
    update.progress, update.next_steps = progress, next_steps
    update.status_text, update.status_category = status_text, status_category
    update.written_by, update.written_at = user, timezone.now()  # type: ignore[assignment]
    update.revision += 1
    change_record(update, user=user, reason=reason)
    update.save()
    search_text_refresh(action)
    return update, True


def _next_ref(theme: Theme) -> str | None:
    """The reference after the theme's others ("SP8" → "SP9", "3.4" → "3.5") when they all
    share a stem and end in a number; None when they are not numbered so."""
    refs = list(
        Action.objects.filter(theme=theme)
        .exclude(ref=None)
        .exclude(ref="")
        .values_list("ref", flat=True)
    )
    numbered = [re.fullmatch(r"(.*?)(\d+)", ref) for ref in refs if ref]
    if not refs or not all(numbered):
        return None
    stems = {m.group(1) for m in numbered if m}
    if len(stems) != 1:
        return None
    ref = f"{stems.pop()}{max(int(m.group(2)) for m in numbered if m) + 1}"
    # Never a reference the plan has already (another theme may share the stem).
    return None if Action.objects.filter(plan=theme.plan_id, ref=ref).exists() else ref


@transaction.atomic
def action_create(
    *,
    plan: Plan,
    theme: Theme,
    text: str,
    team: Any = None,
    due: str | None = None,
    lead: str | None = None,
    tags: list[str] | None = None,
    user: User | None = None,
    reason: str = "Action added",
    ref: str | None = None,
) -> Action:
    """A new action at the end of a theme, numbered `ref`, else after the theme's others when
    they are numbered."""
    if theme.plan_id != plan.pk:
        raise ValueError("that theme is not in this plan")
    if not text.strip():
        raise ValueError("an action needs its text")
    last = Action.objects.filter(theme=theme).aggregate(Max("position"))["position__max"]
    action = Action(
        organisation=plan.organisation,
        plan=plan,
        theme=theme,
        position=(last or 0) + 1,
        ref=ref or _next_ref(theme),
        text=text.strip(),
        team=team,
        due=due,
        lead=lead,
        tags=tags or [],
    )
    change_record(action, user=user, reason=reason)
    action.save()
    search_refresh_for(action)
    return action


# Editing a plan on its "Edit the plan" pages: administrators only, every change a version
# naming who made it and why.

ACTION_CHANGEABLE = ("text", "ref", "lead", "due", "team", "tags", "theme")
# The longest paragraph of a plan's introduction an administrator may write.
INTRODUCTION_PARAGRAPH_MAX = 5000


class PlanEditError(ValueError):
    """A change to a plan that cannot be made as asked; the message says why (in lower case, to
    follow a colon), and `field` names the form field it is about, if it is about one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _administrator_only(user: User | None, organisation_id: int) -> None:
    if not can_administer(user, organisation_id):
        raise PermissionDenied("only an administrator of the council changes its plan")


def _reason(reason: str, *, prefix: str = "") -> str:
    """The reason as the history keeps it; every change must say why."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise PlanEditError("say why you are making the change", field="reason")
    return f"{prefix}{reason}"  # change_record cuts it to what the history keeps


def _ref_clash(*, plan_id: int, ref: str | None, exclude_pk: int | None = None) -> None:
    """Refuse a reference another live action of the plan has already."""
    if not ref:
        return
    clash = Action.objects.live().filter(plan_id=plan_id, ref=ref).exclude(pk=exclude_pk).first()
    if clash is not None:
        raise PlanEditError(
            f"another action of this plan is numbered {ref} already "
            f"(“{Truncator(clash.text).chars(60)}”); choose another reference",
            field="ref",
        )


def _clean_text(value: str | None, *, field: str, max_length: int, required: bool = False) -> Any:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise PlanEditError(f"the {field} cannot be empty", field=field)
    if len(cleaned) > max_length:
        raise PlanEditError(f"the {field} can be at most {max_length} characters long", field=field)
    return cleaned


@transaction.atomic
def plan_introduction_change(
    *, plan: Plan, introduction: list[str], user: User, reason: str
) -> Plan:
    """Replace the plan's introduction (its own text above the themes, paragraph by paragraph)
    with `introduction`; an empty list clears it. Each paragraph's spacing is tidied and blank
    ones are dropped, as the plan format refuses them. A change is a version of the plan
    naming who and why; the same text again saves none."""
    _administrator_only(user, plan.organisation_id)
    why = _reason(reason)
    paragraphs = [" ".join(p.split()) for p in introduction]
    paragraphs = [p for p in paragraphs if p]
    for paragraph in paragraphs:
        if len(paragraph) > INTRODUCTION_PARAGRAPH_MAX:
            raise PlanEditError(
                f"a paragraph of the introduction can be at most {INTRODUCTION_PARAGRAPH_MAX} "
                f"characters long (“{Truncator(paragraph).chars(40)}”)",
                field="introduction",
            )
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    if current.archived_at is not None:
        raise PlanEditError("this plan is archived: restore it before changing it")
    if paragraphs != current.introduction:
        current.introduction = paragraphs
        change_record(current, user=user, reason=why)
        current.save(update_fields=["introduction"])
    return current


@transaction.atomic
def theme_add(*, plan: Plan, title: str, objective: str = "", user: User, reason: str) -> Theme:
    """A new theme at the end of the plan."""
    _administrator_only(user, plan.organisation_id)
    why = _reason(reason)
    title = _clean_text(title, field="title", max_length=300, required=True)
    last = Theme.objects.filter(plan=plan).aggregate(Max("position"))["position__max"]
    theme = Theme(
        organisation=plan.organisation,
        plan=plan,
        position=0 if last is None else last + 1,
        title=title,
        objective=(objective or "").strip(),
    )
    change_record(theme, user=user, reason=why)
    theme.save()
    return theme


@transaction.atomic
def theme_change(
    *,
    theme: Theme,
    user: User,
    reason: str,
    title: str | None = None,
    objective: str | None = None,
    position: int | None = None,
) -> Theme:
    """Rename a theme, change its objective, or move it to `position` (counted from 0 among
    the plan's live themes). Each theme whose place changes gains a version."""
    _administrator_only(user, theme.organisation_id)
    why = _reason(reason)
    current = Theme.objects.select_for_update().get(pk=theme.pk)
    if current.archived_at is not None:
        raise PlanEditError("this theme is archived: restore it before changing it")
    changed = False
    if title is not None:
        title = _clean_text(title, field="title", max_length=300, required=True)
        changed |= title != current.title
        current.title = title
    if objective is not None:
        objective = objective.strip()
        changed |= objective != current.objective
        current.objective = objective
    if changed:
        change_record(current, user=user, reason=why)
        current.save()
    if position is not None:
        themes = [
            t
            for t in Theme.objects.live().filter(plan_id=current.plan_id).order_by("position", "pk")
            if t.pk != current.pk
        ]
        if not 0 <= position <= len(themes):
            raise PlanEditError("choose a place in the plan's list of themes", field="position")
        themes.insert(position, current)
        for place, other in enumerate(themes):
            if other.position != place:
                other.position = place
                change_record(other, user=user, reason=why)
                other.save()
    return current


def _archive(record: Theme | Action, *, user: User, reason: str, archive: bool) -> None:
    if (record.archived_at is None) != archive:
        return  # archived (or restored) already: nothing to change
    record.archived_at = timezone.now() if archive else None
    change_record(record, user=user, reason=reason)
    record.save()
    search_refresh_for(record)


@transaction.atomic
def theme_archive(*, theme: Theme, user: User, reason: str, archive: bool = True) -> Theme:
    """Take a theme out of the plan with its live actions, or with archive=False bring it back
    with the actions archived with it (not those archived before, on their own). Rounds,
    reports and search then leave them out as they do any archived action. Nothing is deleted.
    """
    _administrator_only(user, theme.organisation_id)
    why = _reason(reason, prefix="Archived: " if archive else "Restored: ")
    current = Theme.objects.select_for_update().get(pk=theme.pk)
    if (current.archived_at is None) != archive:
        return current  # archived (or restored) already
    actions = Action.objects.select_for_update().filter(theme=current)
    if archive:
        together = list(actions.live())
    else:
        # Archived with the theme: at the same moment, to the microsecond.
        together = list(actions.filter(archived_at=current.archived_at))
        for action in together:
            _ref_clash(plan_id=action.plan_id, ref=action.ref, exclude_pk=action.pk)
    _archive(current, user=user, reason=why, archive=archive)
    for action in together:
        action.archived_at = current.archived_at
        change_record(action, user=user, reason=why)
        action.save()
        search_refresh_for(action)
    return current


@transaction.atomic
def action_add(
    *,
    plan: Plan,
    theme: Theme,
    text: str,
    user: User,
    reason: str,
    ref: str | None = None,
    team: Any = None,
    lead: str | None = None,
    due: str | None = None,
    tags: list[str] | None = None,
) -> Action:
    """A new action at the end of a theme (plans.services.action_create), by an administrator,
    with the reference given or the one after the theme's others."""
    _administrator_only(user, plan.organisation_id)
    why = _reason(reason)
    if theme.plan_id != plan.pk or theme.archived_at is not None:
        raise PlanEditError("choose one of the plan's themes", field="theme")
    text = _clean_text(text, field="text", max_length=10000, required=True)
    ref = _clean_text(ref, field="ref", max_length=50) or None
    _ref_clash(plan_id=plan.pk, ref=ref)
    _team_of(plan.organisation_id, team)
    return action_create(
        plan=plan,
        theme=theme,
        text=text,
        ref=ref,
        team=team,
        lead=_clean_text(lead, field="lead", max_length=300) or None,
        due=_clean_text(due, field="due", max_length=200) or None,
        tags=_tags(tags),
        user=user,
        reason=why,
    )


def _team_of(organisation_id: int, team: Any) -> None:
    if team is not None and team.organisation_id != organisation_id:
        raise PlanEditError("choose one of the council's teams", field="team")


def _tags(tags: list[str] | None) -> list[str]:
    """Tags trimmed, blanks dropped, each once (the first spelling kept)."""
    out: list[str] = []
    for tag in tags or []:
        tag = " ".join(tag.split())
        if tag and tag.casefold() not in {t.casefold() for t in out}:
            out.append(tag)
    return out


@transaction.atomic
def action_change(*, action: Action, user: User, reason: str, **fields: Any) -> Action:
    """Change an action's wording, reference, lead, due date, team, tags or theme (a move to
    another theme of the plan puts it at that theme's end); a field not given stays as it is.
    One version for the whole change, naming who and why; nothing is saved if nothing changed.
    Its updates stay with it whatever changes."""
    _administrator_only(user, action.organisation_id)
    unknown = set(fields) - set(ACTION_CHANGEABLE)
    if unknown:
        raise TypeError(f"action_change cannot change {', '.join(sorted(unknown))}")
    why = _reason(reason)
    current = Action.objects.select_for_update().get(pk=action.pk)
    if current.archived_at is not None:
        raise PlanEditError("this action is archived: restore it before changing it")
    changed: set[str] = set()

    def put(name: str, value: Any) -> None:
        if getattr(current, name) != value:
            setattr(current, name, value)
            changed.add(name)

    if "text" in fields:
        put("text", _clean_text(fields["text"], field="text", max_length=10000, required=True))
    if "ref" in fields:
        ref = _clean_text(fields["ref"], field="ref", max_length=50) or None
        if ref != current.ref:
            _ref_clash(plan_id=current.plan_id, ref=ref, exclude_pk=current.pk)
        put("ref", ref)
    for name, length in (("lead", 300), ("due", 200)):
        if name in fields:
            put(name, _clean_text(fields[name], field=name, max_length=length) or None)
    if "tags" in fields:
        put("tags", _tags(fields["tags"]))
    if "team" in fields:
        _team_of(current.organisation_id, fields["team"])
        if current.team_id != (fields["team"].pk if fields["team"] else None):
            current.team = fields["team"]
            changed.add("team")
    if "theme" in fields and fields["theme"].pk != current.theme_id:
        theme = fields["theme"]
        if theme.plan_id != current.plan_id or theme.archived_at is not None:
            raise PlanEditError("choose one of the plan's themes", field="theme")
        last = Action.objects.filter(theme=theme).aggregate(Max("position"))["position__max"]
        current.theme, current.position = theme, (-1 if last is None else last) + 1
        changed.add("theme")
    if changed:
        change_record(current, user=user, reason=why)
        current.save()
        if "text" in changed:
            search_refresh_for(current)
    return current


def action_move(*, action: Action, theme: Theme, user: User, reason: str) -> Action:
    """Move an action to the end of another theme of its plan; its updates go with it."""
    return action_change(action=action, user=user, reason=reason, theme=theme)


@transaction.atomic
def action_archive(*, action: Action, user: User, reason: str, archive: bool = True) -> Action:
    """Take an action out of the plan, or with archive=False bring it back: refused while
    another live action has its reference. Nothing is deleted."""
    _administrator_only(user, action.organisation_id)
    why = _reason(reason, prefix="Archived: " if archive else "Restored: ")
    current = Action.objects.select_for_update().select_related("theme").get(pk=action.pk)
    if not archive and current.archived_at is not None:
        if current.theme.archived_at is not None:
            raise PlanEditError(
                f"its theme, “{current.theme.title}”, is archived: restore the theme first"
            )
        _ref_clash(plan_id=current.plan_id, ref=current.ref, exclude_pk=current.pk)
    _archive(current, user=user, reason=why, archive=archive)
    return current


TEAMS_ASSIGNED = "Teams assigned from the Lead column"


def _team_by_name(*, organisation: Organisation, name: str, user: User) -> Any:
    """The council's team of that name (case ignored), made if there is none."""
    found = Team.objects.filter(
        organisation=organisation, name__iexact=" ".join(name.split())
    ).first()
    if found is None:
        try:
            return team_create(
                organisation=organisation, name=name, user=user, reason=TEAMS_ASSIGNED
            )
        except PeopleError as e:
            raise PlanEditError(str(e)[:1].lower() + str(e)[1:], field="new") from None
    if found.is_archived:
        raise PlanEditError(
            f"the team “{found.name}” is archived: restore it on the teams page first", field="new"
        )
    return found


@transaction.atomic
def teams_assign(
    *,
    plan: Plan,
    user: User,
    choices: dict[str, Any],
    new_names: dict[str, str] | None = None,
    replace: bool = False,
) -> int:
    """Give the plan's live actions teams by their lead: `choices` maps a lead (any spelling:
    it is normalised) to a Team, or to None for no team; `new_names` maps a lead to the name
    of a team to make (or find) for it. Without `replace`, only actions with no team change;
    with it, every action of the lead. Each change is a version with the reason
    TEAMS_ASSIGNED, and each answer is remembered for the council's next import. Returns how
    many actions changed."""
    _administrator_only(user, plan.organisation_id)
    organisation = plan.organisation
    wanted: dict[str, Any] = {lead_normalise(k): v for k, v in choices.items()}
    for lead, name in (new_names or {}).items():
        if name and name.strip():
            wanted[lead_normalise(lead)] = _team_by_name(
                organisation=organisation, name=name, user=user
            )
    wanted.pop("", None)
    for team in wanted.values():
        _team_of(organisation.pk, team)
    for lead, team in wanted.items():
        LeadTeam.objects.update_or_create(
            organisation=organisation, lead=lead, defaults={"team": team}
        )
    actions = Action.objects.live().select_for_update().filter(plan=plan).exclude(lead=None)
    if not replace:
        actions = actions.filter(team=None)
    changed: list[Action] = []
    for action in actions:
        lead = lead_normalise(action.lead)
        if lead not in wanted:
            continue
        team = wanted[lead]
        if action.team_id != (team.pk if team else None):
            action.team = team
            changed.append(action)
    if changed:
        bulk_update_with_history(
            changed,
            Action,
            ["team"],
            batch_size=BATCH_SIZE,
            default_user=user,
            default_change_reason=TEAMS_ASSIGNED,
        )
        # A bulk update sends no signal: the cached pages must still see the change.
        plan_version_bump(plan_id=plan.pk)
    return len(changed)
