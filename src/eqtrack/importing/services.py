"""Importing into the database: plan-format JSON files and report documents, each in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from eqtrack.accounts.audit import audit_record
from eqtrack.accounts.permissions import can_administer
from eqtrack.core.files import FileRefused, source_read_bytes, source_read_text
from eqtrack.core.history import change_record
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action, Plan, Update
from eqtrack.plans.planformat import PlanFormatError, cell_to_items, document_parse
from eqtrack.plans.selectors import plan_document
from eqtrack.plans.services import (
    PlanExistsError,
    period_create,
    plan_create_from_document,
    update_write,
)

from .errors import ImportingError
from .linking import LinkDecision
from .models import StatusWording
from .parsing import files_parse
from .selectors import status_wordings_chosen
from .spreadsheet import Row, rows_to_document, spreadsheet_rows
from .staging import staging_discard, staging_message, staging_paths
from .statuses import CATEGORY_WORDS, wording_normalise, wording_problem


@dataclass
class ImportResult:
    plan: Plan  # with dry_run, as it would have been: no longer in the database
    document: dict[str, Any]
    decisions: list[LinkDecision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)  # what the readers guessed, to check
    chosen: list[str] = field(default_factory=list)  # statuses read as the organisation chose
    # Status wordings with no category unless someone chooses one (as first written).
    unknown_statuses: list[str] = field(default_factory=list)
    updated: bool = False  # an existing plan edited from its spreadsheet, not a new plan


def document_load(path: Path) -> dict[str, Any]:
    """A plan-format document from a JSON file; storing it checks it against the format."""
    text = source_read_text(path)
    try:
        return document_parse(text, source=str(path))
    except PlanFormatError as e:
        raise FileRefused(str(e)) from None


def is_json_file(path: Path) -> bool:
    """Whether the file holds JSON, decided by its first character rather than its name."""
    try:
        with path.open("rb") as f:
            head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"{") or head.startswith(b"[")


@transaction.atomic
def plan_import(
    *,
    paths: list[Path],
    periods: list[str] | None = None,
    slug: str | None = None,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    title: str | None = None,
    replace: bool = False,
    user: User | None = None,
    links: list[str] | None = None,
    kept_apart: list[str] | None = None,
    dry_run: bool = False,
    publish: bool = False,
    status_choices: dict[str, str] | None = None,
) -> ImportResult:
    """Store one plan from a plan-format JSON file, or from report files given oldest first.

    Either the whole plan is stored or, on any error, nothing is. With `dry_run` everything
    is checked and stored, then rolled back, so the summary is exactly what an import does.
    Reports' statuses are read as the organisation chose before (the one given, else the one
    `organisation_name` names if it exists), then as `status_choices` ({wording: category},
    this import's choices) say, before the built-in vocabulary.
    """
    if not paths:
        raise ImportingError("no files given")
    rows = spreadsheet_rows(source_read_bytes(paths[0]), source=str(paths[0]))
    if rows is not None:
        if len(paths) > 1 or periods:
            raise ImportingError(
                f"{paths[0]}: a spreadsheet is imported on its own; its rows name their periods"
            )
        existing = _plan_for_rows(
            rows, slug=slug, organisation=organisation, name=organisation_name
        )
        if existing is not None and not replace:
            summary = plan_apply_spreadsheet(
                plan=existing, rows=rows, source=str(paths[0]), user=user
            )
            edited = plan_document(organisation=existing.organisation, slug=existing.slug)
            if dry_run:
                transaction.set_rollback(True)
            else:
                _import_record(plan=existing, paths=paths, user=user)
            return ImportResult(existing, edited, [], summary.lines(), updated=True)  # type: ignore[arg-type]
    json_paths = [p for p in paths if is_json_file(p)]
    if rows is not None:
        document = rows_to_document(rows, source=str(paths[0]))
        if title:
            document["title"] = title
        decisions: list[LinkDecision] = []
        warnings: list[str] = []
        guesses: list[str] = []
        chosen: list[str] = []
        unknown_statuses: list[str] = []
    elif json_paths:
        if len(paths) > 1:
            raise ImportingError(
                f"{json_paths[0]}: a plan-format JSON file is imported on its own, not with other files"
            )
        if periods:
            raise ImportingError("--period is for report documents; a JSON plan names its periods")
        document = document_load(paths[0])
        if title:
            document["title"] = title
        decisions, warnings, guesses, chosen, unknown_statuses = [], [], [], [], []
    else:
        owner = organisation or (
            Organisation.objects.filter(name=organisation_name).first()
            if organisation_name
            else None
        )
        parsed = files_parse(
            paths=paths,
            periods=periods,
            title=title,
            organisation=organisation_name,
            links=links,
            kept_apart=kept_apart,
            remembered=status_wordings_chosen(organisation=owner),
            chosen=status_choices,
        )
        document, decisions, warnings = parsed.document, parsed.decisions, parsed.warnings
        guesses = parsed.guesses
        chosen, unknown_statuses = parsed.chosen, parsed.unknown_statuses
    if organisation_name and organisation is None:
        document["organisation"] = organisation_name
    try:
        plan = plan_create_from_document(
            document=document,
            organisation=organisation,
            slug=slug,
            replace=replace,
            user=user,
            published=publish,
            change_reason=f"Imported from {', '.join(p.name for p in paths)}",
        )
    except PlanExistsError as e:
        raise ImportingError(str(e)) from None
    except PlanFormatError as e:
        raise FileRefused(f"{', '.join(map(str, paths))}: {e}") from None
    result = ImportResult(
        plan=plan,
        document=document,
        decisions=decisions,
        warnings=warnings,
        guesses=guesses,
        chosen=chosen,
        unknown_statuses=unknown_statuses,
    )
    if dry_run:
        transaction.set_rollback(True)
    else:
        _import_record(plan=plan, paths=paths, user=user)
    return result


def _import_record(*, plan: Plan, paths: list[Path], user: User | None) -> None:
    names = ", ".join(p.name for p in paths)
    audit_record(f"import: plan {plan.organisation.slug}/{plan.slug} from {names}", user=user)


def _plan_for_rows(
    rows: list[Row], *, slug: str | None, organisation: Organisation | None, name: str
) -> Plan | None:
    """The live plan a spreadsheet edits: the one --plan names in the rows' organisation."""
    if not slug:
        return None
    if organisation is None:
        name = name or (rows[0].get("organisation") if rows else "")
        organisation = Organisation.objects.filter(name=name).first() if name else None
        if organisation is None and Organisation.objects.count() == 1:
            organisation = Organisation.objects.get()
    if organisation is None:
        return None
    return Plan.objects.live().filter(organisation=organisation, slug=slug).first()


@dataclass
class SpreadsheetSummary:
    changed: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_periods: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"{len(self.changed)} updates changed, {len(self.created)} added, "
            f"{self.unchanged} unchanged"
        ]
        out += [f"changed: {c}" for c in self.changed]
        out += [f"added: {c}" for c in self.created]
        out += [f"new period: {p}" for p in self.new_periods]
        out += [f"not imported: {p}" for p in self.problems]
        return out


@transaction.atomic
def plan_apply_spreadsheet(
    *, plan: Plan, rows: list[Row], source: str, user: User | None = None
) -> SpreadsheetSummary:
    """Edits from the open-data spreadsheet: a changed cell becomes a new version of that
    update, an unchanged row touches nothing, a row that matches no action is reported."""
    summary = SpreadsheetSummary()
    actions = list(Action.objects.live().filter(plan=plan).select_related("theme"))
    by_ref: dict[str, list[Action]] = {}
    by_text: dict[str, list[Action]] = {}
    for action in actions:
        if action.ref:
            by_ref.setdefault(action.ref, []).append(action)
        by_text.setdefault(" ".join(action.text.split()), []).append(action)
    periods = {p.label: p for p in plan.periods.live()}
    for row in rows:
        where = f"{source}: line {row.line}"
        candidates = by_ref.get(row.get("ref"), []) if row.get("ref") else []
        if len(candidates) != 1:
            candidates = by_text.get(" ".join(row.get("action").split()), [])
        if len(candidates) != 1:
            what = row.get("ref") or row.get("action")[:60]
            summary.problems.append(
                f"{where}: {'several actions match' if candidates else 'no action matches'} {what!r}"
            )
            continue
        action = candidates[0]
        label = row.get("period")
        if not label:
            summary.problems.append(f"{where}: the period is empty")
            continue
        if label not in periods:
            periods[label] = period_create(plan=plan, label=label, user=user)
            summary.new_periods.append(label)
        status = row.status
        had = Update.objects.live().filter(action=action, period=periods[label]).exists()
        _, changed = update_write(
            action=action,
            period=periods[label],
            progress=cell_to_items(row.get("progress")),
            next_steps=cell_to_items(row.get("next_steps")),
            status_text=status["text"] if status else None,
            status_category=status["category"] if status else None,
            user=user,
            reason=f"Imported from {source}",
        )
        name = f"{action.ref or action.text[:40]} ({label})"
        if not changed:
            summary.unchanged += 1
        elif had:
            summary.changed.append(name)
        else:
            summary.created.append(name)
    return summary


def plan_import_upload(
    *,
    organisation: Organisation,
    user: User,
    token: str,
    periods: list[str] | None = None,
    title: str | None = None,
    slug: str | None = None,
    replace: bool = False,
    links: list[str] | None = None,
    kept_apart: list[str] | None = None,
    publish: bool = False,
    dry_run: bool = True,
    status_choices: dict[str, str] | None = None,
) -> ImportResult:
    """Import files uploaded through the web (staged under `token`) into the organisation:
    for its administrators only. A dry run (the default) keeps the files for the real import;
    the real import discards them, and so does any refusal of a file (FileRefused): a damaged
    or hostile upload is not kept. Messages name the files as they were uploaded.

    `status_choices` ({status wording as written: category}) are what the check page chose
    for wordings eqtrack did not know: applied to this import, and remembered for the
    organisation's later imports when the import is done (not on a dry run)."""
    if not can_administer(user, organisation.pk):
        raise PermissionDenied("only an administrator imports a plan")
    choices = {w: c for w, c in (status_choices or {}).items() if c}
    # Checked before reading anything, so the check page's dry run refuses exactly what the
    # import would.
    for wording, category in choices.items():
        _status_choice_check(wording=wording, category=category)
    try:
        with transaction.atomic():
            result = _upload_import(
                organisation=organisation,
                user=user,
                token=token,
                periods=periods,
                title=title,
                slug=slug,
                replace=replace,
                links=links,
                kept_apart=kept_apart,
                publish=publish,
                dry_run=dry_run,
                status_choices=choices,
            )
    except FileRefused as e:
        message = staging_message(str(e), token=token)
        staging_discard(token=token)
        raise FileRefused(message) from None
    except ImportingError as e:
        raise ImportingError(staging_message(str(e), token=token)) from None
    # The summary's lines name the files as they were uploaded, not where they were kept.
    for lines in (result.warnings, result.guesses, result.chosen):
        lines[:] = [staging_message(line, token=token) for line in lines]
    if not dry_run:
        staging_discard(token=token)
    return result


def _upload_import(
    *,
    organisation: Organisation,
    user: User,
    token: str,
    periods: list[str] | None,
    title: str | None,
    slug: str | None,
    replace: bool,
    links: list[str] | None,
    kept_apart: list[str] | None,
    publish: bool,
    dry_run: bool,
    status_choices: dict[str, str],
) -> ImportResult:
    """The upload's import and, when it is done, its status choices remembered: one
    transaction, so a failed import remembers nothing."""
    result = plan_import(
        paths=staging_paths(token=token),
        periods=periods or None,
        organisation=organisation,
        title=title or None,
        slug=slug,
        replace=replace,
        user=user,
        links=links or [],
        kept_apart=kept_apart or [],
        publish=publish,
        dry_run=dry_run,
        status_choices={wording_normalise(w): c for w, c in status_choices.items()},
    )
    if not dry_run:
        for wording, category in status_choices.items():
            status_wording_remember(
                organisation=organisation, wording=wording, category=category, user=user
            )
    return result


def _status_choice_check(*, wording: str, category: str) -> None:
    if (problem := wording_problem(wording)) is not None:
        raise ImportingError(f"status {wording[:60]!r} {problem}: choose no category for it")
    if category not in CATEGORY_WORDS:
        raise ImportingError(f"status {wording[:60]!r}: {category!r} is not a status category")


def _status_wordings_administrator(user: User | None, organisation: Organisation) -> None:
    if not can_administer(user, organisation.pk):
        raise PermissionDenied(
            "Only the council's administrators choose what status wordings mean."
        )


@transaction.atomic
def status_wording_remember(
    *, organisation: Organisation, wording: str, category: str, user: User | None
) -> StatusWording:
    """Remember that `wording`, in this organisation's reports, means `category`: its later
    imports read the wording so before the built-in vocabulary. For the organisation's
    administrators. Choosing again for the same wording (however spaced or capitalised)
    changes the earlier choice, or restores a forgotten one; who first chose it is kept, and
    each change is in the wording's history."""
    _status_wordings_administrator(user, organisation)
    _status_choice_check(wording=wording, category=category)
    key = wording_normalise(wording)
    remembered = (
        StatusWording.objects.select_for_update()
        .filter(organisation=organisation, wording=key)
        .first()
    )
    now = timezone.now()
    if remembered is None:
        remembered = StatusWording(
            organisation=organisation,
            wording=key,
            written=" ".join(wording.split()),
            created_by=user,
            created_at=now,
        )
        reason = f"Chosen: read as {CATEGORY_WORDS[category]}"
    elif remembered.category == category and not remembered.is_archived:
        return remembered
    else:
        was = "forgotten" if remembered.is_archived else CATEGORY_WORDS[remembered.category]
        reason = f"Changed from {was} to {CATEGORY_WORDS[category]}"
    remembered.category = category
    remembered.archived_at = None
    remembered.changed_by, remembered.changed_at = user, now
    change_record(remembered, user=user, reason=reason)
    remembered.save()
    audit_record(
        f"status wording: {organisation.slug} '{key}' read as {CATEGORY_WORDS[category]}",
        user=user,
    )
    return remembered


@transaction.atomic
def status_wording_forget(*, organisation: Organisation, wording: str, user: User | None) -> bool:
    """Forget the organisation's choice for `wording`: later imports read it by the built-in
    vocabulary again. For its administrators. The choice is archived, not deleted, so its
    history stays. Returns whether there was a choice to forget."""
    _status_wordings_administrator(user, organisation)
    key = wording_normalise(wording)
    remembered = (
        StatusWording.objects.live()
        .select_for_update()
        .filter(organisation=organisation, wording=key)
        .first()
    )
    if remembered is None:
        return False
    remembered.archived_at = timezone.now()
    remembered.changed_by, remembered.changed_at = user, remembered.archived_at
    change_record(remembered, user=user, reason="Forgotten")
    remembered.save(update_fields=["archived_at", "changed_by", "changed_at"])
    audit_record(f"status wording forgotten: {organisation.slug} '{key}'", user=user)
    return True
