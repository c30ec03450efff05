"""Writes of the social value measures library: themes, outcomes and measures added, changed
and archived; the library read from and written to CSV (one row a measure, all or nothing);
and the PPN 002 seed. Every write is atomic and refuses bad input with a django
ValidationError naming the field (or the file's line and column), leaving the database as it
was. `user` is the person acting (checked against can_manage_procurement); None is the
operator at the command line."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from eqtrack.accounts.permissions import can_manage_procurement
from eqtrack.core.cells import cell_unescape
from eqtrack.core.files import max_bytes, text_decode
from eqtrack.core.history import change_record
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Action
from eqtrack.reports.writers.spreadsheets import rows_csv

from ..models import (
    SocialValueMeasure,
    SocialValueOutcome,
    SocialValueTheme,
    Source,
    Tender,
    TenderStage,
)

# The CSV's columns, in order: the first five must be there; the others may be left out.
COLUMNS = [
    "theme",
    "outcome",
    "code",
    "name",
    "unit",
    "proxy_value",
    "characteristic",
    "action",
    "source",
]
REQUIRED_COLUMNS = COLUMNS[:5]

# Offered in the measure form's help text: the Equality Act 2010's nine protected
# characteristics, and the socio-economic duty (s.1) many councils adopt as a tenth.
CHARACTERISTICS = [
    "Age",
    "Disability",
    "Gender reassignment",
    "Marriage and civil partnership",
    "Pregnancy and maternity",
    "Race",
    "Religion or belief",
    "Sex",
    "Sexual orientation",
    "Socio-economic disadvantage (poverty)",
]

# A pasted soft line break or tab in a name would break CSV rows and headings.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_KEEP_LINES = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")
_ACTION_BY_ID = re.compile(r"^action-(\d+)$")
_MAX_PROXY = Decimal("9999999999.99")

OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def text_clean(value: str | None, *, lines: bool = False) -> str:
    """Text without control characters, trimmed: one line (controls become spaces), or, with
    `lines`, keeping its line breaks."""
    if value is None:
        return ""
    if lines:
        return _CONTROL_KEEP_LINES.sub("", value).replace("\r\n", "\n").strip()
    return " ".join(_CONTROL.sub(" ", value).split())


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _may_manage(user: User | None, organisation: Organisation) -> None:
    if user is not None and not can_manage_procurement(user, organisation.pk):
        raise PermissionDenied(
            "Only procurement officers and administrators change the measures library."
        )


def _name(value: str, *, field: str, what: str, max_length: int) -> str:
    text = text_clean(value)
    if not text:
        raise _refuse(field, f"Enter the {what}")
    if len(text) > max_length:
        raise _refuse(field, f"The {what} must be {max_length} characters or fewer")
    return text


def proxy_parse(value: Any, *, field: str = "proxy_value") -> Decimal | None:
    """A proxy value in pounds per unit: blank for none, else 0 or more with at most 2 decimal
    places ("£1,200.50" is read as 1200.50)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        number = value
    else:
        text = text_clean(str(value)).replace(",", "").lstrip("£").strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise _refuse(
                field, "Enter the proxy value as a number of pounds, like 250.50"
            ) from None
    if not number.is_finite():
        raise _refuse(field, "Enter the proxy value as a number of pounds, like 250.50")
    if number < 0:
        raise _refuse(field, "The proxy value must be 0 or more")
    if number > _MAX_PROXY:
        raise _refuse(field, "The proxy value must be under £10,000,000,000")
    if number != number.quantize(Decimal("0.01")):
        raise _refuse(field, "The proxy value can have at most 2 decimal places (pence)")
    return number.quantize(Decimal("0.01"))


def _next_position(queryset: Any) -> int:
    highest = queryset.aggregate(m=Max("position"))["m"]
    return 0 if highest is None else highest + 1


# --- Themes ---------------------------------------------------------------------------------


def _theme_name_free(organisation: Organisation, name: str, *, exclude: int | None) -> None:
    taken = SocialValueTheme.objects.filter(organisation=organisation, name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise _refuse("name", f"The library already has a theme called “{name}”")


@transaction.atomic
def theme_add(
    *,
    organisation: Organisation,
    name: str,
    source: str = Source.COUNCIL,
    user: User | None = None,
) -> SocialValueTheme:
    """A new theme, last in the library."""
    _may_manage(user, organisation)
    name = _name(name, field="name", what="theme's name", max_length=300)
    _theme_name_free(organisation, name, exclude=None)
    theme = SocialValueTheme(
        organisation=organisation,
        name=name,
        source=source,
        position=_next_position(SocialValueTheme.objects.filter(organisation=organisation)),
    )
    change_record(theme, user=user, reason="added")
    theme.save()
    return theme


@transaction.atomic
def theme_change(
    *, theme: SocialValueTheme, name: str, user: User | None = None
) -> SocialValueTheme:
    """Rename a theme. A PPN 002 theme renamed is the council's own from then on: its words
    are no longer the Cabinet Office's."""
    _may_manage(user, theme.organisation)
    name = _name(name, field="name", what="theme's name", max_length=300)
    if name == theme.name:
        return theme
    _theme_name_free(theme.organisation, name, exclude=theme.pk)
    theme.name = name
    theme.source = Source.COUNCIL
    change_record(theme, user=user, reason="renamed")
    theme.save()
    return theme


@transaction.atomic
def theme_archive(*, theme: SocialValueTheme, user: User | None = None) -> SocialValueTheme:
    """Take a theme (and with it its outcomes and measures) out of the library; tenders that
    chose its measures keep them."""
    _may_manage(user, theme.organisation)
    if theme.archived_at is None:
        theme.archived_at = timezone.now()
        change_record(theme, user=user, reason="archived")
        theme.save()
    return theme


# --- Outcomes -------------------------------------------------------------------------------


def _live_theme(organisation: Organisation, theme: SocialValueTheme) -> None:
    if theme.organisation_id != organisation.pk or theme.archived_at is not None:
        raise _refuse("theme", "Choose a theme of the library")


def _outcome_name_free(theme: SocialValueTheme, name: str, *, exclude: int | None) -> None:
    taken = SocialValueOutcome.objects.filter(theme=theme, name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise _refuse("name", f"The theme “{theme.name}” already has an outcome called “{name}”")


@transaction.atomic
def outcome_add(
    *,
    organisation: Organisation,
    theme: SocialValueTheme,
    name: str,
    award_criteria: str = "",
    source: str = Source.COUNCIL,
    user: User | None = None,
) -> SocialValueOutcome:
    """A new outcome, last under its theme."""
    _may_manage(user, organisation)
    _live_theme(organisation, theme)
    name = _name(name, field="name", what="outcome's name", max_length=300)
    _outcome_name_free(theme, name, exclude=None)
    outcome = SocialValueOutcome(
        organisation=organisation,
        theme=theme,
        name=name,
        award_criteria=text_clean(award_criteria, lines=True),
        source=source,
        position=_next_position(SocialValueOutcome.objects.filter(theme=theme)),
    )
    change_record(outcome, user=user, reason="added")
    outcome.save()
    return outcome


@transaction.atomic
def outcome_change(
    *,
    outcome: SocialValueOutcome,
    theme: SocialValueTheme,
    name: str,
    award_criteria: str = "",
    user: User | None = None,
) -> SocialValueOutcome:
    """Rename an outcome, move it to another theme or change its award criteria. A PPN 002
    outcome whose words change is the council's own from then on."""
    organisation = outcome.organisation
    _may_manage(user, organisation)
    if theme.pk != outcome.theme_id:
        _live_theme(organisation, theme)
    name = _name(name, field="name", what="outcome's name", max_length=300)
    criteria = text_clean(award_criteria, lines=True)
    if (name, criteria, theme.pk) == (outcome.name, outcome.award_criteria, outcome.theme_id):
        return outcome
    _outcome_name_free(theme, name, exclude=outcome.pk)
    if (name, criteria) != (outcome.name, outcome.award_criteria):
        outcome.source = Source.COUNCIL
    outcome.theme, outcome.name, outcome.award_criteria = theme, name, criteria
    change_record(outcome, user=user, reason="changed")
    outcome.save()
    return outcome


@transaction.atomic
def outcome_archive(*, outcome: SocialValueOutcome, user: User | None = None) -> SocialValueOutcome:
    """Take an outcome (and its measures) out of the library; tenders keep what they chose."""
    _may_manage(user, outcome.organisation)
    if outcome.archived_at is None:
        outcome.archived_at = timezone.now()
        change_record(outcome, user=user, reason="archived")
        outcome.save()
    return outcome


# --- Measures -------------------------------------------------------------------------------


def _measure_fields(
    organisation: Organisation,
    *,
    outcome: SocialValueOutcome,
    code: str,
    name: str,
    unit: str,
    proxy_value: Any,
    characteristic: str,
    action: Action | None,
    exclude: int | None,
    outcome_moved: bool = True,
) -> dict[str, Any]:
    if outcome_moved and (
        outcome.organisation_id != organisation.pk
        or outcome.archived_at is not None
        or outcome.theme.archived_at is not None
    ):
        raise _refuse("outcome", "Choose an outcome of the library")
    code = _name(code, field="code", what="measure's code", max_length=30)
    taken = SocialValueMeasure.objects.filter(organisation=organisation, code__iexact=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise _refuse("code", f"Another measure already has the code “{code}”")
    characteristic = text_clean(characteristic)
    if len(characteristic) > 100:
        raise _refuse("characteristic", "The characteristic must be 100 characters or fewer")
    fields: dict[str, Any] = {
        "outcome": outcome,
        "code": code,
        "name": _name(name, field="name", what="measure's name", max_length=500),
        "unit": _name(unit, field="unit", what="unit", max_length=100),
        "proxy_value": proxy_parse(proxy_value),
        "characteristic": characteristic,
        "action": action,
    }
    if action is not None and (
        action.organisation_id != organisation.pk
        or action.archived_at is not None
        or action.plan.archived_at is not None
    ):
        raise _refuse("action", "Choose one of the council's plan actions")
    return fields


@transaction.atomic
def measure_add(
    *,
    organisation: Organisation,
    outcome: SocialValueOutcome,
    code: str,
    name: str,
    unit: str,
    proxy_value: Any = None,
    characteristic: str = "",
    action: Action | None = None,
    source: str = Source.COUNCIL,
    user: User | None = None,
) -> SocialValueMeasure:
    """A new measure under an outcome: its code is unique in the council; its proxy value, if
    any, is 0 or more pounds a unit."""
    _may_manage(user, organisation)
    fields = _measure_fields(
        organisation,
        outcome=outcome,
        code=code,
        name=name,
        unit=unit,
        proxy_value=proxy_value,
        characteristic=characteristic,
        action=action,
        exclude=None,
    )
    measure = SocialValueMeasure(
        organisation=organisation,
        source=source,
        position=_next_position(SocialValueMeasure.objects.filter(outcome=outcome)),
        **fields,
    )
    change_record(measure, user=user, reason="added")
    measure.save()
    return measure


@transaction.atomic
def measure_change(
    *,
    measure: SocialValueMeasure,
    outcome: SocialValueOutcome,
    code: str,
    name: str,
    unit: str,
    proxy_value: Any = None,
    characteristic: str = "",
    action: Action | None = None,
    user: User | None = None,
    reason: str = "changed",
) -> SocialValueMeasure:
    """Change a measure. Nothing is saved (and no version kept) when nothing changed."""
    organisation = measure.organisation
    _may_manage(user, organisation)
    fields = _measure_fields(
        organisation,
        outcome=outcome,
        code=code,
        name=name,
        unit=unit,
        proxy_value=proxy_value,
        characteristic=characteristic,
        action=action,
        exclude=measure.pk,
        outcome_moved=outcome.pk != measure.outcome_id,
    )
    changed = [
        key
        for key, value in fields.items()
        if (
            getattr(measure, f"{key}_id") if key in ("outcome", "action") else getattr(measure, key)
        )
        != (value.pk if key in ("outcome", "action") and value is not None else value)
    ]
    if not changed:
        return measure
    if "proxy_value" in changed:
        # A proxy value scores the bids of every tender that asks for the measure: once a
        # tender's evaluation has opened, its results and award must not move under it.
        scoring = (
            Tender.objects.live()
            .filter(measures=measure)
            .exclude(stage__in=(TenderStage.DRAFT, TenderStage.CANCELLED))
            .order_by("reference")
        )
        if scoring:
            raise _refuse(
                "proxy_value",
                "the proxy value scores the bids of "
                + ", ".join(t.reference for t in scoring)
                + ": add a new measure with the new value instead",
            )
    for key, value in fields.items():
        setattr(measure, key, value)
    if set(changed) - {"outcome", "action", "proxy_value", "characteristic"}:
        # The measure's own words changed: they are no longer the published model's.
        measure.source = Source.COUNCIL
    change_record(measure, user=user, reason=reason)
    measure.save()
    return measure


@transaction.atomic
def measure_archive(*, measure: SocialValueMeasure, user: User | None = None) -> SocialValueMeasure:
    """Take a measure out of the library; tenders that chose it keep it."""
    _may_manage(user, measure.organisation)
    if measure.archived_at is None:
        measure.archived_at = timezone.now()
        change_record(measure, user=user, reason="archived")
        measure.save()
    return measure


# --- CSV ------------------------------------------------------------------------------------


def _live_actions(organisation: Organisation) -> list[Action]:
    return list(
        Action.objects.live()
        .filter(organisation=organisation, plan__archived_at__isnull=True)
        .select_related("plan")
        .order_by("plan__created_at", "theme__position", "position", "pk")
    )


def action_label(action: Action, actions: list[Action]) -> str:
    """How the CSV names a plan action: its reference when that names one action alone, else
    "action-<number>" (the number in its page's address)."""
    ref = (action.ref or "").strip()
    if ref and sum(1 for a in actions if (a.ref or "").strip().lower() == ref.lower()) == 1:
        return ref
    return f"action-{action.pk}"


def library_csv(*, organisation: Organisation) -> bytes:
    """The council's live library as CSV: one row a measure, in the library's order, every
    cell a spreadsheet might take for a formula escaped (core.cells)."""
    actions = _live_actions(organisation)
    measures = (
        SocialValueMeasure.objects.live()
        .filter(
            organisation=organisation,
            outcome__archived_at__isnull=True,
            outcome__theme__archived_at__isnull=True,
        )
        .select_related("outcome__theme", "action")
        .order_by(
            "outcome__theme__position",
            "outcome__theme__name",
            "outcome__position",
            "outcome__name",
            "position",
            "code",
        )
    )
    rows = [
        [
            m.outcome.theme.name,
            m.outcome.name,
            m.code,
            m.name,
            m.unit,
            "" if m.proxy_value is None else f"{m.proxy_value:.2f}",
            m.characteristic,
            "" if m.action is None else action_label(m.action, actions),
            m.source,
        ]
        for m in measures
    ]
    return rows_csv(COLUMNS, rows)


class _RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _action_find(text: str, actions: list[Action]) -> Action | None:
    if not text:
        return None
    by_id = _ACTION_BY_ID.match(text)
    if by_id:
        found = [a for a in actions if a.pk == int(by_id.group(1))]
    else:
        found = [a for a in actions if (a.ref or "").strip().lower() == text.lower()]
    if not found:
        raise _RowProblem(
            "action", f"no live plan action of the council has the reference “{text}”"
        )
    if len(found) > 1:
        raise _RowProblem(
            "action",
            f"more than one plan action has the reference “{text}”: "
            "name it as action-<number>, the number in its page's address",
        )
    return found[0]


def _row_values(row: dict[str, str], actions: list[Action]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column, what, limit in (
        ("theme", "theme", 300),
        ("outcome", "outcome", 300),
        ("code", "code", 30),
        ("name", "name", 500),
        ("unit", "unit", 100),
    ):
        text = text_clean(row.get(column))
        if not text:
            raise _RowProblem(column, f"the {what} is blank")
        if len(text) > limit:
            raise _RowProblem(column, f"the {what} is longer than {limit} characters")
        values[column] = text
    try:
        values["proxy_value"] = proxy_parse(row.get("proxy_value"))
    except ValidationError as e:
        raise _RowProblem("proxy_value", e.messages[0][:1].lower() + e.messages[0][1:]) from None
    values["characteristic"] = text_clean(row.get("characteristic"))
    if len(values["characteristic"]) > 100:
        raise _RowProblem("characteristic", "the characteristic is longer than 100 characters")
    values["action"] = _action_find(text_clean(row.get("action")), actions)
    source = text_clean(row.get("source")).lower() or Source.COUNCIL
    if source not in Source.values:
        raise _RowProblem(
            "source",
            f"“{source}” is not a source: use {' or '.join(Source.values)} (or leave it blank)",
        )
    values["source"] = source
    return values


def _rows_read(text: str, filename: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError([f"{filename}: is empty; it needs a heading row"]) from None
    except csv.Error as e:
        raise ValidationError([f"{filename}, line 1: cannot be read as CSV ({e})"]) from None
    names = [text_clean(cell_unescape(h)).lower() for h in header]
    problems = []
    for name in names:
        if name and name not in COLUMNS:
            problems.append(
                f"{filename}, line 1, column {name}: not a column of the library "
                f"(the columns are {', '.join(COLUMNS)})"
            )
    for name in REQUIRED_COLUMNS:
        if name not in names:
            problems.append(f"{filename}, line 1: the column “{name}” is missing")
    if len(set(n for n in names if n)) != len([n for n in names if n]):
        problems.append(f"{filename}, line 1: a column is named twice")
    if problems:
        raise ValidationError(problems)
    rows = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                record = {n: cell_unescape(c) for n, c in zip(names, cells, strict=False) if n}
                rows.append((line, record))
            line = reader.line_num + 1
    except csv.Error as e:
        raise ValidationError([f"{filename}, line {line}: cannot be read as CSV ({e})"]) from None
    return rows


@transaction.atomic
def library_import(
    *,
    organisation: Organisation,
    data: bytes,
    filename: str = "measures.csv",
    user: User | None = None,
) -> dict[str, int]:
    """Read a CSV of measures into the library, all or nothing: themes and outcomes are found
    by name (and added if new), measures by code (changed if their row differs, else left
    alone, so importing the same file twice changes nothing). Every bad row is reported as
    "<file>, line N, column X: what is wrong" and nothing is saved. Returns how many measures
    were added, changed and left unchanged."""
    _may_manage(user, organisation)
    if len(data) > max_bytes():
        raise ValidationError([f"{filename}: is too large to be a measures file"])
    try:
        text = text_decode(data, source=filename)
    except ValueError as e:
        raise ValidationError([str(e)]) from None
    rows = _rows_read(text, filename)
    if not rows:
        raise ValidationError([f"{filename}: has a heading row but no measures"])
    actions = _live_actions(organisation)
    themes = {t.name.lower(): t for t in SocialValueTheme.objects.filter(organisation=organisation)}
    outcomes = {
        (o.theme_id, o.name.lower()): o
        for o in SocialValueOutcome.objects.filter(organisation=organisation)
    }
    measures = {
        m.code.lower(): m
        for m in SocialValueMeasure.objects.filter(organisation=organisation).select_related(
            "outcome"
        )
    }
    problems: list[str] = []
    seen: dict[str, int] = {}
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    for line, row in rows:
        try:
            code = text_clean(row.get("code")).lower()
            if code in seen:
                raise _RowProblem(
                    "code", f"the code “{text_clean(row.get('code'))}” is on line {seen[code]} too"
                )
            if code:
                seen[code] = line
            values = _row_values(row, actions)
            theme = themes.get(values["theme"].lower())
            if theme is not None and theme.archived_at is not None:
                raise _RowProblem("theme", f"the theme “{theme.name}” is archived")
            outcome = None if theme is None else outcomes.get((theme.pk, values["outcome"].lower()))
            if outcome is not None and outcome.archived_at is not None:
                raise _RowProblem("outcome", f"the outcome “{outcome.name}” is archived")
            existing = measures.get(code)
            if existing is not None and existing.archived_at is not None:
                raise _RowProblem("code", f"the measure “{existing.code}” is archived")
        except _RowProblem as p:
            problems.append(f"{filename}, line {line}, column {p.column}: {p.message}")
            continue
        if problems:
            continue  # nothing will be saved: only look for further problems
        if theme is None:
            theme = theme_add(
                organisation=organisation, name=values["theme"], source=values["source"], user=user
            )
            themes[theme.name.lower()] = theme
        outcome = outcomes.get((theme.pk, values["outcome"].lower()))
        if outcome is None:
            outcome = outcome_add(
                organisation=organisation,
                theme=theme,
                name=values["outcome"],
                source=values["source"],
                user=user,
            )
            outcomes[(theme.pk, outcome.name.lower())] = outcome
        fields = {k: values[k] for k in ("code", "name", "unit", "proxy_value", "characteristic")}
        try:
            if existing is None:
                measures[code] = measure_add(
                    organisation=organisation,
                    outcome=outcome,
                    action=values["action"],
                    source=values["source"],
                    user=user,
                    **fields,
                )
                counts["added"] += 1
            else:
                version = existing.history.count()
                measure_change(
                    measure=existing,
                    outcome=outcome,
                    action=values["action"],
                    user=user,
                    reason="imported",
                    **fields,
                )
                counts["changed" if existing.history.count() > version else "unchanged"] += 1
        except ValidationError as e:
            for field, messages in e.message_dict.items():
                column = field if field in COLUMNS else "code"
                problems.extend(
                    f"{filename}, line {line}, column {column}: {m[:1].lower() + m[1:]}"
                    for m in messages
                )
    if problems:
        transaction.set_rollback(True)
        raise ValidationError(problems)
    return counts


# --- The PPN 002 seed -----------------------------------------------------------------------


def ppn002_seed() -> dict[str, Any]:
    """The seed file (seeds/ppn002.json): its source block and the entries it holds."""
    text = resources.files("eqtrack.procurement.seeds").joinpath("ppn002.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@transaction.atomic
def library_seed_ppn002(*, organisation: Organisation, user: User | None = None) -> int:
    """Add what the seed file holds of PPN 002 to the library (source "ppn002"): the mission
    names as themes, with their outcomes and measures where the file has them (for now it has
    none: see the file's note). Themes the library has already (by name) are left as they are,
    so seeding twice changes nothing. Returns how many entries were added."""
    _may_manage(user, organisation)
    seed = ppn002_seed()
    added = 0
    for entry in seed["themes"]:
        theme = SocialValueTheme.objects.filter(
            organisation=organisation, name__iexact=entry["name"]
        ).first()
        if theme is None:
            theme = theme_add(
                organisation=organisation, name=entry["name"], source=Source.PPN002, user=user
            )
            added += 1
        if theme.archived_at is not None:
            continue
        for outcome_entry in entry.get("outcomes", []):
            outcome = SocialValueOutcome.objects.filter(
                theme=theme, name__iexact=outcome_entry["name"]
            ).first()
            if outcome is None:
                outcome = outcome_add(
                    organisation=organisation,
                    theme=theme,
                    name=outcome_entry["name"],
                    award_criteria=outcome_entry.get("award_criteria", ""),
                    source=Source.PPN002,
                    user=user,
                )
                added += 1
            for m in outcome_entry.get("measures", []):
                if SocialValueMeasure.objects.filter(
                    organisation=organisation, code__iexact=m["code"]
                ).exists():
                    continue
                measure_add(
                    organisation=organisation,
                    outcome=outcome,
                    code=m["code"],
                    name=m["name"],
                    unit=m["unit"],
                    source=Source.PPN002,
                    user=user,
                )
                added += 1
    return added
