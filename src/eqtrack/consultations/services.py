"""Writes for consultations: storing population profiles."""

from __future__ import annotations

import dataclasses
import io

from django.db import transaction
from django.utils import timezone

from eqtrack.core.cells import frame_escape
from eqtrack.organisations.models import Organisation

from .evidence import representativeness, weighted_results
from .mapping import mapping_parse, responses_map
from .margins import responses_parse
from .models import Consultation, PopulationProfile, ProfileCount
from .selectors import profile_margins
from .weighting import Margin, WeightingError, rake


@transaction.atomic
def profile_create(
    *,
    organisation: Organisation,
    name: str,
    margins: list[Margin],
    area: str = "",
    source: str = "",
    illustrative: bool = False,
    replace: bool = False,
) -> PopulationProfile:
    """A profile from margins; with `replace`, an existing one of that name is archived first."""
    existing = PopulationProfile.objects.live().filter(organisation=organisation, name=name).first()
    if existing and not replace:
        raise WeightingError(f"{organisation.name} already has a profile {name!r}; use --replace")
    if existing:
        existing.archived_at = timezone.now()
        existing.save()
    profile = PopulationProfile.objects.create(
        organisation=organisation, name=name, area=area, source=source, illustrative=illustrative
    )
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
):
    """Weight a consultation's responses to a profile and keep what was found. Any problem
    (a file that cannot be read, margins that cannot be met) raises before anything is stored."""
    if profile.organisation_id != organisation.pk:
        raise WeightingError("that profile belongs to another organisation")
    if action is not None and action.organisation_id != organisation.pk:
        raise WeightingError("that action belongs to another organisation")
    frame = responses_parse(responses, source=responses_filename)
    notes: list[str] = []
    weighting = frame
    if mapping:
        try:
            mapping_text = mapping.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise WeightingError("the mapping is not UTF-8 text; save it as UTF-8 CSV") from None
        weighting, notes = responses_map(frame, mapping_parse(mapping_text, source="the mapping"))
    _, margins = profile_margins(organisation=organisation, name=profile.name)
    weights, diagnostics = rake(weighting, margins, cap=cap)
    diagnostics.notes[:0] = notes
    shares = representativeness(weighting, margins, threshold=threshold)
    questions = questions or []
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
    return Consultation.objects.create(
        organisation=organisation,
        title=title,
        action=action,
        profile=profile,
        responses_filename=responses_filename,
        responses=responses,
        mapping=mapping,
        questions=questions,
        weighted=buffer.getvalue().encode("utf-8"),
        diagnostics={**dataclasses.asdict(diagnostics), "lines": diagnostics.lines()},
        shares=[{**dataclasses.asdict(s), "ratio": s.ratio} for s in shares],
        results=results,
    )
