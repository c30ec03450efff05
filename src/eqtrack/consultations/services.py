"""Writes for consultations: population profiles, consultations (weighted as they are stored),
and the drafts the web journey keeps between its pages. The web's writes take the person
acting and check `can_manage_consultations`; the CLI's and the admin's are the operator's."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pandas as pd
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.core.cells import frame_escape
from eqtrack.core.files import max_bytes
from eqtrack.core.history import change_record
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation

from .census import LICENCE, census_area, census_choose
from .evidence import representativeness, weighted_results
from .mapping import (
    VariableMapping,
    answer_guess,
    answers_distinct,
    mapping_csv,
    mapping_parse,
    responses_map,
)
from .margins import responses_parse
from .models import Consultation, ConsultationDraft, PopulationProfile, ProfileCount
from .profiles import shares_parse
from .selectors import draft_characteristics, profile_margins
from .weighting import Margin, WeightingError, rake

# More different answers than this in one column: not a question about who someone is.
MAX_ANSWERS = 300


def _may_manage(user: User, organisation_id: int) -> None:
    if not can_manage_consultations(user, organisation_id):
        raise PermissionDenied("Only an administrator changes consultations and profiles.")


@transaction.atomic
def profile_create(
    *,
    organisation: Organisation,
    name: str,
    margins: list[Margin],
    area: str = "",
    source: str = "",
    licence: str = "",
    illustrative: bool = False,
    replace: bool = False,
    user: User | None = None,
) -> PopulationProfile:
    """A profile from margins; with `replace`, an existing one of that name is archived first.
    With a `user` (the web), they must be allowed to manage consultations."""
    if user is not None:
        _may_manage(user, organisation.pk)
    name = name.strip()
    if not name:
        raise WeightingError("enter a name for the profile")
    existing = PopulationProfile.objects.live().filter(organisation=organisation, name=name).first()
    if existing and not replace:
        raise WeightingError(f"{organisation.name} already has a profile {name!r}; use --replace")
    if existing:
        existing.archived_at = timezone.now()
        change_record(existing, user=user, reason="replaced by a new profile of the same name")
        existing.save()
    profile = PopulationProfile(
        organisation=organisation,
        name=name,
        area=area,
        source=source,
        licence=licence,
        illustrative=illustrative,
    )
    change_record(profile, user=user, reason="added")
    profile.save()
    ProfileCount.objects.bulk_create(
        ProfileCount(
            organisation=organisation,
            profile=profile,
            variable=margin.variable,
            category=category,
            population=population,
        )
        for margin in margins
        for category, population in margin.population.items()
    )
    return profile


def _name_free(organisation: Organisation, name: str) -> None:
    if PopulationProfile.objects.live().filter(organisation=organisation, name=name).exists():
        raise WeightingError(f"there is a profile called {name!r} already; choose another name")


def profile_create_from_census(
    *, organisation: Organisation, user: User, name: str, area_code: str, characteristics: list[str]
) -> PopulationProfile:
    """A profile of the Census 2021 figures shipped with eqtrack, citing them and their licence."""
    _may_manage(user, organisation.pk)
    area = census_area(area_code)
    margins = census_choose(area_code, characteristics)
    _name_free(organisation, name.strip())
    return profile_create(
        organisation=organisation,
        name=name,
        margins=margins,
        area=f"{area.name} ({area.code})",
        source=area.source,
        licence=LICENCE,
        user=user,
    )


def profile_create_from_shares(
    *,
    organisation: Organisation,
    user: User,
    name: str,
    filename: str,
    data: bytes,
    area: str = "",
    source: str = "",
) -> PopulationProfile:
    """A profile from an uploaded CSV of percentage shares; a file with a mistake stores nothing."""
    _may_manage(user, organisation.pk)
    if len(data) > max_bytes():
        raise WeightingError(f"{filename}: is too large for a profile")
    margins = shares_parse(data, source=filename)
    _name_free(organisation, name.strip())
    return profile_create(
        organisation=organisation,
        name=name,
        margins=margins,
        area=area,
        source=source or f"Uploaded shares ({filename})",
        user=user,
    )


@transaction.atomic
def profile_archive(*, profile: PopulationProfile, user: User) -> PopulationProfile:
    """Archive a profile no consultation (nor a consultation in the making) uses."""
    _may_manage(user, profile.organisation_id)
    if profile.archived_at:
        return profile
    used = Consultation.objects.live().filter(profile=profile).values_list("title", flat=True)
    if used:
        raise WeightingError(
            f"{len(used)} consultation{'s' if len(used) != 1 else ''} use this profile "
            f"({', '.join(used[:3])}); change their profile first"
        )
    ConsultationDraft.objects.live().filter(profile=profile).update(profile=None)
    profile.archived_at = timezone.now()
    change_record(profile, user=user, reason="archived")
    profile.save()
    return profile


def _weigh(
    *,
    organisation: Organisation,
    responses_filename: str,
    responses: bytes,
    profile: PopulationProfile,
    mapping: bytes,
    questions: list[str],
    cap: tuple[float, float] | None,
    threshold: float,
) -> dict[str, Any]:
    """The fields a consultation keeps from weighting its responses to its profile. With a
    mapping, the profile's characteristics it does not map are left out of the weighting,
    and the diagnostics say so."""
    if profile.organisation_id != organisation.pk:
        raise WeightingError("that profile belongs to another organisation")
    if profile.archived_at:
        raise WeightingError(f"the profile {profile.name!r} is archived; choose another")
    frame = responses_parse(responses, source=responses_filename)
    notes: list[str] = []
    weighting = frame
    _, margins = profile_margins(organisation=organisation, name=profile.name)
    if mapping:
        try:
            mapping_text = mapping.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise WeightingError("the mapping is not UTF-8 text; save it as UTF-8 CSV") from None
        weighting, notes = responses_map(frame, mapping_parse(mapping_text, source="the mapping"))
        mapped = set(weighting.columns)
        left_out = [m.variable for m in margins if not set(m.columns) <= mapped]
        margins = [m for m in margins if set(m.columns) <= mapped]
        if not margins:
            raise WeightingError("the mapping maps none of the profile's characteristics")
        notes += [
            f"not weighted by {v}: the mapping does not say which column holds it" for v in left_out
        ]
    weights, diagnostics = rake(weighting, margins, cap=cap)
    diagnostics.notes[:0] = notes
    shares = representativeness(weighting, margins, threshold=threshold)
    for question in questions:
        if question not in frame.columns:
            raise WeightingError(f"{responses_filename}: no column {question!r}")
    results = []
    for question in questions:
        answers, effective = weighted_results(frame[question], weights)
        results += [
            {"question": question, "effective_n": effective, **dataclasses.asdict(a)}
            for a in answers
        ]
    out = frame.copy()
    out["weight"] = weights
    buffer = io.StringIO()
    # Headings and answers come from the upload: escaped so the download holds no formulas.
    frame_escape(out).to_csv(buffer, index=False)
    return {
        "profile": profile,
        "responses_filename": responses_filename,
        "responses": responses,
        "mapping": mapping,
        "questions": questions,
        "weighted": buffer.getvalue().encode("utf-8"),
        "diagnostics": {**dataclasses.asdict(diagnostics), "lines": diagnostics.lines()},
        "shares": [{**dataclasses.asdict(s), "ratio": s.ratio} for s in shares],
        "results": results,
    }


@transaction.atomic
def consultation_create(
    *,
    organisation: Organisation,
    title: str,
    responses_filename: str,
    responses: bytes,
    profile: PopulationProfile,
    mapping: bytes = b"",
    questions: list[str] | None = None,
    action=None,
    cap: tuple[float, float] | None = None,
    threshold: float = 0.8,
    user: User | None = None,
):
    """Weight a consultation's responses to a profile and keep what was found. Any problem
    (a file that cannot be read, margins that cannot be met) raises before anything is stored.
    With a `user` (the web), they must be allowed to manage consultations."""
    if user is not None:
        _may_manage(user, organisation.pk)
    if action is not None and action.organisation_id != organisation.pk:
        raise WeightingError("that action belongs to another organisation")
    fields = _weigh(
        organisation=organisation,
        responses_filename=responses_filename,
        responses=responses,
        profile=profile,
        mapping=mapping,
        questions=questions or [],
        cap=cap,
        threshold=threshold,
    )
    consultation = Consultation(organisation=organisation, title=title, action=action, **fields)
    change_record(consultation, user=user, reason="started")
    consultation.save()
    return consultation


@transaction.atomic
def consultation_change(
    *,
    consultation: Consultation,
    user: User,
    title: str,
    action,
    responses_filename: str,
    responses: bytes,
    profile: PopulationProfile,
    mapping: bytes,
    questions: list[str],
    threshold: float = 0.8,
) -> Consultation:
    """Weigh a consultation again with new responses, profile or mapping (or a new title or
    action), recorded in its history with what changed. Nothing changes if weighting fails."""
    organisation = consultation.organisation
    _may_manage(user, organisation.pk)
    if action is not None and action.organisation_id != organisation.pk:
        raise WeightingError("that action belongs to another organisation")
    fields = _weigh(
        organisation=organisation,
        responses_filename=responses_filename,
        responses=responses,
        profile=profile,
        mapping=mapping,
        questions=questions,
        cap=None,
        threshold=threshold,
    )
    changed = []
    if bytes(consultation.responses) != responses:
        changed.append(f"responses replaced by {responses_filename}")
    if consultation.profile_id != profile.pk:
        changed.append(f"profile changed to {profile.name}")
    if bytes(consultation.mapping) != mapping:
        changed.append("mapping changed")
    if consultation.title != title:
        changed.append("title changed")
    if consultation.action_id != (action.pk if action else None):
        changed.append("linked action changed")
    if list(consultation.questions) != questions:
        changed.append("questions reported changed")
    consultation.title, consultation.action = title, action
    for name, value in fields.items():
        setattr(consultation, name, value)
    change_record(consultation, user=user, reason="; ".join(changed) or "weighted again")
    consultation.save()
    return consultation


# The web journey's drafts. Each step's service checks what it is given and changes the
# draft only if all of it is good, so a failed upload or a bad answer leaves the draft as it was.


def _draft_check(draft: ConsultationDraft, user: User) -> None:
    _may_manage(user, draft.organisation_id)
    if draft.archived_at:
        raise WeightingError("this consultation was saved or cancelled already")


def _action_check(organisation: Organisation, action) -> None:
    if action is not None and action.organisation_id != organisation.pk:
        raise WeightingError("that action belongs to another organisation")


@transaction.atomic
def draft_start(
    *, organisation: Organisation, user: User, title: str, action=None
) -> ConsultationDraft:
    _may_manage(user, organisation.pk)
    _action_check(organisation, action)
    if not title.strip():
        raise WeightingError("enter the consultation's title")
    return ConsultationDraft.objects.create(
        organisation=organisation, created_by=user, title=title.strip(), action=action
    )


@transaction.atomic
def draft_from_consultation(*, consultation: Consultation, user: User) -> ConsultationDraft:
    """A draft holding what the consultation has now, to change some of it and weigh again.
    An earlier mapping (from the web, the CLI or the admin, ranges included) is turned into
    one category per answer, so the answers page shows what each answer counts as."""
    _may_manage(user, consultation.organisation_id)
    unfinished = ConsultationDraft.objects.live().filter(consultation=consultation).first()
    if unfinished is not None:  # a change begun earlier and not finished: carry on with it
        return unfinished
    draft = ConsultationDraft(
        organisation=consultation.organisation,
        created_by=user,
        consultation=consultation,
        title=consultation.title,
        action=consultation.action,
        profile=(
            consultation.profile
            if consultation.profile and not consultation.profile.archived_at
            else None
        ),
        questions=list(consultation.questions),
    )
    # A consultation page with no responses yet: the draft starts with none either.
    if consultation.responses_filename:
        frame = _responses_set(
            draft, consultation.responses_filename, bytes(consultation.responses)
        )
        if draft.profile is not None:
            draft.mapping = _mapping_from_stored(draft, frame, bytes(consultation.mapping))
    draft.save()
    return draft


def _mapping_from_stored(draft: ConsultationDraft, frame: pd.DataFrame, stored: bytes) -> dict:
    characteristics = draft_characteristics(draft=draft)
    if stored:
        earlier = {m.variable: m for m in mapping_parse(stored.decode("utf-8-sig"), source="")}
    else:  # weighted by the responses' own columns, named as the profile names them
        earlier = {}
        for variable in characteristics:
            if variable in frame.columns:
                earlier[variable] = VariableMapping(variable, variable)
    mapping = {}
    for variable, categories in characteristics.items():
        known = earlier.get(variable)
        if known is None or known.column not in frame.columns:
            mapping[variable] = {"column": "", "answers": {}}
            continue
        answers = {}
        for answer, _ in answers_distinct(frame, known.column):
            guess = answer_guess(answer, categories, known)
            answers[answer] = guess or ""
        mapping[variable] = {"column": known.column, "answers": answers}
    return mapping


@transaction.atomic
def draft_details_set(*, draft: ConsultationDraft, user: User, title: str, action) -> None:
    _draft_check(draft, user)
    _action_check(draft.organisation, action)
    if not title.strip():
        raise WeightingError("enter the consultation's title")
    draft.title, draft.action = title.strip(), action
    draft.save()


def _responses_set(draft: ConsultationDraft, filename: str, data: bytes) -> pd.DataFrame:
    """Read the responses and keep them on the (unsaved) draft, or raise saying what is wrong."""
    limit = max_bytes()
    if len(data) > limit:
        raise WeightingError(
            f"{filename}: is {len(data) / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit"
        )
    if not data.strip():
        raise WeightingError(f"{filename}: is empty")
    try:
        frame = responses_parse(data, source=filename)
    except WeightingError:
        raise
    except Exception as e:  # a damaged workbook: the reader's own words, with the file's name
        raise WeightingError(
            f"{filename}: cannot be read as CSV or Excel responses ({e})"
        ) from None
    headings = [str(c) for c in frame.columns]
    blank = [
        i for i, h in enumerate(headings, start=1) if not h.strip() or h.startswith("Unnamed:")
    ]
    if blank:
        raise WeightingError(f"{filename}: line 1: column {blank[0]} has no heading")
    seen: set[str] = set()
    for heading in headings:
        if heading.strip().lower() in seen:
            raise WeightingError(f"{filename}: line 1: the heading {heading!r} is used twice")
        seen.add(heading.strip().lower())
    # pandas renames a repeated heading "age.1"; a heading like that next to "age" is one.
    for heading in headings:
        base, dot, suffix = heading.rpartition(".")
        if dot and suffix.isdigit() and base in headings:
            raise WeightingError(f"{filename}: line 1: the heading {base!r} is used twice")
    if frame.empty:
        raise WeightingError(f"{filename}: has headings but no responses under them")
    draft.responses_filename = filename
    draft.responses = data
    draft.columns = headings
    draft.respondents = len(frame)
    return frame


@transaction.atomic
def draft_responses_set(
    *, draft: ConsultationDraft, user: User, filename: str, data: bytes
) -> None:
    """Keep the uploaded responses. Columns the mapping used that the new file lacks are
    unmapped; their answers are checked again on the answers page."""
    _draft_check(draft, user)
    frame = _responses_set(draft, filename, data)
    for chosen in draft.mapping.values():
        if chosen.get("column") and chosen["column"] not in frame.columns:
            chosen["column"], chosen["answers"] = None, {}
    draft.questions = [q for q in draft.questions if q in frame.columns]
    draft.save()


@transaction.atomic
def draft_profile_set(*, draft: ConsultationDraft, user: User, profile: PopulationProfile) -> None:
    _draft_check(draft, user)
    if profile.organisation_id != draft.organisation_id or profile.archived_at:
        raise WeightingError("choose one of the council's population profiles")
    if draft.profile_id != profile.pk:
        draft.profile = profile
        # A column the officer chose for a characteristic of both profiles is kept; its
        # answers are guessed again against this profile's categories.
        draft.mapping = {
            # None: not chosen yet (the columns page offers its guess); "" is "not asked".
            variable: {"column": draft.mapping.get(variable, {}).get("column"), "answers": {}}
            for variable in draft_characteristics(draft=draft)
        }
    draft.save()


@transaction.atomic
def draft_columns_set(
    *, draft: ConsultationDraft, user: User, columns: dict[str, str], questions: list[str]
) -> None:
    """Which column holds each characteristic ("" for one the consultation did not ask), and
    which questions' answers to report."""
    _draft_check(draft, user)
    characteristics = draft_characteristics(draft=draft)
    if not characteristics:
        raise WeightingError("choose the population profile first")
    for variable, column in columns.items():
        if variable not in characteristics:
            raise WeightingError(f"the profile has no characteristic {variable!r}")
        if column and column not in draft.columns:
            raise WeightingError(f"{draft.responses_filename}: no column {column!r}")
    if not any(columns.values()):
        raise WeightingError("choose the column of at least one characteristic")
    used = [c for c in columns.values() if c]
    if len(used) != len(set(used)):
        twice = next(c for c in used if used.count(c) > 1)
        raise WeightingError(f"the column {twice!r} is chosen for two characteristics")
    unknown = [q for q in questions if q not in draft.columns]
    if unknown:
        raise WeightingError(f"{draft.responses_filename}: no column {unknown[0]!r}")
    frame = responses_parse(bytes(draft.responses), source=draft.responses_filename)
    for variable, column in columns.items():
        if column and frame[column].astype(str).str.strip().str.lower().nunique() > MAX_ANSWERS:
            raise WeightingError(
                f"the column {column!r} has more than {MAX_ANSWERS} different answers: it is "
                f"not the one that holds {variable}"
            )
    mapping = {}
    for variable in characteristics:
        column = columns.get(variable, "")
        before = draft.mapping.get(variable, {})
        same = before.get("column") == column
        mapping[variable] = {"column": column, "answers": before.get("answers", {}) if same else {}}
    draft.mapping = mapping
    draft.questions = [q for q in questions if q not in used]
    draft.save()


@transaction.atomic
def draft_answers_set(
    *, draft: ConsultationDraft, user: User, answers: dict[str, dict[str, str]]
) -> None:
    """What each answer of each mapped column means: a category of the profile, or "" to
    leave it out of the weighting (kept as no answer)."""
    _draft_check(draft, user)
    characteristics = draft_characteristics(draft=draft)
    for variable, chosen in answers.items():
        if variable not in characteristics or not draft.mapping.get(variable, {}).get("column"):
            raise WeightingError(f"{variable!r} is not mapped to a column")
        for category in chosen.values():
            if category and category not in characteristics[variable]:
                raise WeightingError(f"{variable}: {category!r} is not one of its categories")
    for variable, chosen in answers.items():
        draft.mapping[variable]["answers"] = dict(chosen)
    draft.save()


def draft_missing(draft: ConsultationDraft) -> list[tuple[str, str]]:
    """What the draft still needs before it can be weighted: (step, what) pairs."""
    missing = []
    if not draft.responses_filename:
        missing.append(("responses", "Upload the responses"))
    if draft.profile_id is None:
        missing.append(("profile", "Choose the population profile"))
    elif not any(c.get("column") for c in draft.mapping.values()):
        missing.append(("columns", "Choose the columns that hold the characteristics"))
    elif not any(
        category for c in draft.mapping.values() for category in c.get("answers", {}).values()
    ):
        missing.append(("answers", "Say which answers mean which category"))
    return missing


def draft_undecided(
    draft: ConsultationDraft, frame: pd.DataFrame | None = None
) -> dict[str, list[str]]:
    """The answers of each mapped column nobody has said the meaning of yet (new responses
    can bring new answers): they must be decided before the consultation is weighted."""
    mapped = {v: c for v, c in draft.mapping.items() if c.get("column")}
    if not mapped or not draft.responses_filename:
        return {}
    if frame is None:
        frame = responses_parse(bytes(draft.responses), source=draft.responses_filename)
    out = {}
    for variable, chosen in mapped.items():
        if chosen["column"] not in frame.columns:
            continue
        decided = {a.lower() for a in chosen.get("answers", {})}
        left = [a for a, _ in answers_distinct(frame, chosen["column"]) if a.lower() not in decided]
        if left:
            out[variable] = left
    return out


@transaction.atomic
def draft_finish(*, draft: ConsultationDraft, user: User) -> Consultation:
    """Weigh the draft and create (or change) its consultation; the draft is archived. If
    weighting fails, nothing is stored and the draft stays as it was."""
    _draft_check(draft, user)
    missing = draft_missing(draft)
    if missing:
        raise WeightingError(missing[0][1].lower())
    if draft.profile is None:  # for the type checker: draft_missing said so already
        raise WeightingError("choose the population profile")
    undecided = draft_undecided(draft)
    if undecided:
        variable, answers = next(iter(undecided.items()))
        column = draft.mapping[variable]["column"]
        raise WeightingError(
            f"say what {', '.join(repr(a) for a in answers[:5])} in {column} "
            f"mean{'s' if len(answers) == 1 else ''}"
        )
    if draft.consultation is None:
        consultation = consultation_create(
            organisation=draft.organisation,
            title=draft.title,
            action=draft.action,
            responses_filename=draft.responses_filename,
            responses=bytes(draft.responses),
            profile=draft.profile,
            mapping=mapping_csv(draft.mapping),
            questions=list(draft.questions),
            user=user,
        )
    else:
        consultation = consultation_change(
            consultation=draft.consultation,
            title=draft.title,
            action=draft.action,
            responses_filename=draft.responses_filename,
            responses=bytes(draft.responses),
            profile=draft.profile,
            mapping=mapping_csv(draft.mapping),
            questions=list(draft.questions),
            user=user,
        )
    draft.consultation = consultation
    draft.responses = b""  # the consultation keeps them
    draft.archived_at = timezone.now()
    draft.save()
    return consultation


@transaction.atomic
def draft_cancel(*, draft: ConsultationDraft, user: User) -> None:
    _draft_check(draft, user)
    draft.responses = b""
    draft.archived_at = timezone.now()
    draft.save()
