"""An action's history as a reader sees it: each saved version of the action and its updates,
newest first, with what changed in words."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from eqtrack.accounts.models import Team
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation

from .models import Action, Theme, Update
from .planformat import item_texts
from .selectors import public_period_q


@dataclass
class Change:
    name: str  # the field, as a reader calls it ("Progress")
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


@dataclass
class Version:
    kind: str  # "action" or the period's label
    history_id: int
    date: Any
    user: User | None  # None: a command or a system job
    reason: str
    changes: list[Change]
    record: Action | Update

    @property
    def imported(self) -> bool:
        """Saved by an import (plans.services.plan_store's reason): its date is the day the
        report was imported, not when it was written."""
        return self.reason.startswith("Imported")


ACTION_FIELDS = [
    ("ref", "Reference"),
    ("text", "Action"),
    ("theme", "Theme"),
    ("team", "Team"),
    ("lead", "Lead"),
    ("due", "Due"),
    ("tags", "Tags"),
    ("archived_at", "Archived"),
]
UPDATE_FIELDS = [
    ("progress", "Progress"),
    ("next_steps", "Issues and next steps"),
    ("status_text", "Status"),
    ("archived_at", "Archived"),
]


def _lines(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return item_texts(value)
    return [str(value)]


def _value(record: Any, name: str, names: dict[str, dict[Any, str]] | None) -> Any:
    if names and name in names:
        return names[name].get(getattr(record, f"{name}_id"))
    return getattr(record, name)


def changes_between(
    *,
    new: Any,
    old: Any,
    fields: list[tuple[str, str]],
    names: dict[str, dict[Any, str]] | None = None,
) -> list[Change]:
    """What changed in these fields from `old` (a version, or None for the first) to `new`;
    `names` gives, for a field that refers to another record, each id's name."""
    out = []
    for name, label in fields:
        before = _lines(_value(old, name, names)) if old is not None else []
        after = _lines(_value(new, name, names))
        if before == after:
            continue
        change = Change(label)
        for line in difflib.ndiff(before, after):
            if line.startswith("- "):
                change.removed.append(line[2:])
            elif line.startswith("+ "):
                change.added.append(line[2:])
        out.append(change)
    return out


def action_history(
    *, organisation: Organisation, action: Action, approved_only: bool = False
) -> list[Version]:
    """Every version of the action and of its updates, newest first, each with its changes
    from the version before it. With approved_only (what visitors see), an update's versions
    are its approved ones only, each compared with the approved one before it, so no draft's
    words show even as a removed line; versions that changed no words are left out, and so is
    a period whose reporting round is still open (public once the round closes)."""
    if action.organisation_id != organisation.pk:
        raise PermissionError("that action belongs to another organisation")
    versions: list[Version] = []
    records = list(action.history.select_related("history_user").order_by("history_id"))
    names = {
        "team": dict(
            Team.objects.filter(pk__in={r.team_id for r in records}).values_list("pk", "name")
        ),
        "theme": dict(
            Theme.objects.filter(pk__in={r.theme_id for r in records}).values_list("pk", "title")
        ),
    }
    previous = None
    for record in records:
        versions.append(
            Version(
                "action",
                record.history_id,
                record.history_date,
                record.history_user,
                record.history_change_reason or "",
                changes_between(new=record, old=previous, fields=ACTION_FIELDS, names=names),
                action,
            )
        )
        previous = record
    updates = Update.objects.filter(action=action).select_related("period")
    if approved_only:
        updates = updates.filter(public_period_q("period__"))
    for update in updates:
        previous = None
        records = update.history.select_related("history_user").order_by("history_id")
        if approved_only:
            records = records.filter(state=Update.State.APPROVED)
        for record in records:
            versions.append(
                Version(
                    update.period.label,
                    record.history_id,
                    record.history_date,
                    record.history_user,
                    record.history_change_reason or "",
                    changes_between(new=record, old=previous, fields=UPDATE_FIELDS),
                    update,
                )
            )
            previous = record
    if approved_only:
        versions = [v for v in versions if v.changes]
    versions.sort(key=lambda v: (v.date, v.history_id), reverse=True)
    return versions


@dataclass
class Proposal:
    """A restored text waiting for review beside an update's approved one."""

    update: Update
    by: User | None
    at: Any
    changes: list[Change]  # from the approved text to the restored one


PROPOSAL_FIELDS = [
    ("progress", "Progress"),
    ("next_steps", "Issues and next steps"),
    ("status_text", "Status"),
    ("status_category", "Status category"),
    ("action_text", "The action's wording in this period"),
]


def action_proposals(*, organisation: Organisation, action: Action) -> list[Proposal]:
    """The restored texts waiting for review on the action's updates, each with what approving
    it would change. For the council's people only: a proposal is never public."""
    if action.organisation_id != organisation.pk:
        raise PermissionError("that action belongs to another organisation")
    updates = (
        Update.objects.live()
        .filter(action=action, proposed__isnull=False)
        .select_related("period", "proposed_by", "action")
        .order_by("period__position")
    )
    return [
        Proposal(
            update,
            update.proposed_by,
            update.proposed_at,
            changes_between(
                new=SimpleNamespace(**update.proposed), old=update, fields=PROPOSAL_FIELDS
            ),
        )
        for update in updates
    ]
