"""Importing into the database: plan-format JSON files and report documents, each in one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Plan
from eqtrack.plans.planformat import PlanFormatError
from eqtrack.plans.services import PlanExistsError, plan_create_from_document

from .errors import ImportingError
from .linking import LinkDecision
from .parsing import files_parse
from .sources import source_read_text


@dataclass
class ImportResult:
    plan: Plan  # with dry_run, as it would have been: no longer in the database
    document: dict[str, Any]
    decisions: list[LinkDecision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def document_load(path: Path) -> dict[str, Any]:
    """A plan-format document from a JSON file; storing it checks it against the format."""
    text = source_read_text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportingError(
            f"{path}: line {e.lineno} column {e.colno}: not valid JSON ({e.msg})"
        ) from None
    if not isinstance(document, dict):
        raise ImportingError(f"{path}: not a plan-format document (expected a JSON object)")
    return document


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
    user: AbstractBaseUser | None = None,
    links: list[str] | None = None,
    kept_apart: list[str] | None = None,
    dry_run: bool = False,
    publish: bool = False,
) -> ImportResult:
    """Store one plan from a plan-format JSON file, or from report files given oldest first.

    Either the whole plan is stored or, on any error, nothing is. With `dry_run` everything
    is checked and stored, then rolled back, so the summary is exactly what an import does.
    """
    if not paths:
        raise ImportingError("no files given")
    json_paths = [p for p in paths if is_json_file(p)]
    if json_paths:
        if len(paths) > 1:
            raise ImportingError(
                f"{json_paths[0]}: a plan-format JSON file is imported on its own, not with other files"
            )
        if periods:
            raise ImportingError("--period is for report documents; a JSON plan names its periods")
        document = document_load(paths[0])
        if title:
            document["title"] = title
        decisions: list[LinkDecision] = []
        warnings: list[str] = []
    else:
        parsed = files_parse(
            paths=paths,
            periods=periods,
            title=title,
            organisation=organisation_name,
            links=links,
            kept_apart=kept_apart,
        )
        document, decisions, warnings = parsed.document, parsed.decisions, parsed.warnings
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
        raise ImportingError(f"{', '.join(map(str, paths))}: {e}") from None
    result = ImportResult(plan=plan, document=document, decisions=decisions, warnings=warnings)
    if dry_run:
        transaction.set_rollback(True)
    return result
