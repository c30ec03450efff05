"""Writes that set a tender up: its details, lots, evaluation model (price, quality and social
value weights summing to 100, social value at least 10% unless a reason is recorded, as PPN 002
asks), scoring scheme and chosen outcomes and measures. All of it changes only while the tender
is being set up (stage draft). One check, `tender_model_check`, serves creating and changing.
Refusals are django ValidationErrors naming the field; `user` None is the command line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction

from eqtrack.accounts.permissions import can_manage_procurement
from eqtrack.core.history import change_record
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation

from ..models import (
    MINIMUM_SOCIAL_VALUE_WEIGHT,
    SCALE_TOP,
    Commitment,
    Lot,
    QuantitativeMethod,
    Scale,
    SocialValueMeasure,
    SocialValueOutcome,
    Tender,
    TenderStage,
)
from .library import text_clean


class Descriptor(TypedDict):
    score: int
    descriptor: str


# Plain-English starting points for each scale; the council's to change for each tender.
DEFAULT_DESCRIPTORS: dict[str, list[Descriptor]] = {
    Scale.FIVE: [
        {"score": 0, "descriptor": "No answer, or the answer is not relevant to the question"},
        {"score": 1, "descriptor": "Poor: little evidence it will deliver; major gaps or risks"},
        {"score": 2, "descriptor": "Weak: some evidence, but vague, with gaps or risks"},
        {"score": 3, "descriptor": "Satisfactory: meets the requirement, with some detail"},
        {"score": 4, "descriptor": "Good: meets it well, specific and evidenced"},
        {"score": 5, "descriptor": "Excellent: exceeds it, specific, evidenced and measurable"},
    ],
    Scale.HUNDRED: [
        {"score": 0, "descriptor": "No answer, or the answer is not relevant to the question"},
        {"score": 25, "descriptor": "Poor: little evidence it will deliver; major gaps or risks"},
        {"score": 50, "descriptor": "Satisfactory: meets the requirement, with some detail"},
        {"score": 75, "descriptor": "Good: meets it well, specific and evidenced"},
        {"score": 100, "descriptor": "Excellent: exceeds it, specific, evidenced and measurable"},
    ],
}

_TWO_PLACES = Decimal("0.01")
_MAX_VALUE = Decimal("999999999999.99")
# A score of at most four digits (the scales go to 100): longer is not a score, and Python
# refuses to read a number of thousands of digits.
_DESCRIPTOR_LINE = re.compile(r"^\s*(\d{1,4})\s*[:\-–.)]?\s*(.*)$")


def _may_manage(user: User | None, organisation_id: int) -> None:
    if user is not None and not can_manage_procurement(user, organisation_id):
        raise PermissionDenied("Only procurement officers and administrators set tenders up.")


def _draft(tender: Tender) -> None:
    if tender.stage != TenderStage.DRAFT:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    "The tender's setup can only change while it is being set up; it is now at "
                    f"the stage “{tender.get_stage_display()}”"
                ]
            }
        )


def descriptors_default(scale: str) -> list[Descriptor]:
    return [dict(d) for d in DEFAULT_DESCRIPTORS[Scale(scale)]]  # type: ignore[misc]


def descriptors_text(descriptors: Iterable[Descriptor]) -> str:
    """Descriptors as the form shows them: one line a score, "5: Excellent…"."""
    return "\n".join(f"{d['score']}: {d['descriptor']}" for d in descriptors)


def descriptors_from_text(text: str) -> list[Descriptor]:
    """The form's lines ("score: what it means") as descriptors; an error names the line."""
    descriptors: list[Descriptor] = []
    for number, line in enumerate(text_clean(text, lines=True).splitlines(), start=1):
        if not line.strip():
            continue
        match = _DESCRIPTOR_LINE.match(line)
        if match is None:
            raise ValidationError(
                {
                    "descriptors": [
                        f"Line {number} of the descriptors must start with a score, like "
                        "“3: Satisfactory”"
                    ]
                }
            )
        descriptors.append({"score": int(match.group(1)), "descriptor": match.group(2).strip()})
    return descriptors


def _decimal(value: Any, field: str, what: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [f"Enter the {what} as a number"]}) from None
    if not number.is_finite():
        raise ValidationError({field: [f"Enter the {what} as a number"]})
    return number


@dataclass
class TenderModel:
    """An evaluation model and scoring scheme that passed the checks, ready to be kept."""

    price_weight: Decimal
    quality_weight: Decimal
    social_value_weight: Decimal
    low_weighting_reason: str
    quantitative_share: Decimal
    quantitative_method: str
    scale: str
    descriptors: list[Descriptor]


def tender_model_check(
    *,
    price_weight: Any,
    quality_weight: Any,
    social_value_weight: Any,
    low_weighting_reason: str = "",
    quantitative_share: Any = Decimal("50"),
    quantitative_method: str = QuantitativeMethod.RELATIVE_TO_BEST,
    scale: str = Scale.HUNDRED,
    descriptors: list[Descriptor] | None = None,
    measures: Iterable[SocialValueMeasure] = (),
) -> TenderModel:
    """The one check of a tender's evaluation model: weights in percent (0 to 100, at most 2
    decimal places) summing to exactly 100; social value under 10% refused unless a reason is
    given (PPN 002 sets a minimum of 10%); the quantitative share 0 to 100; the proxy-value
    method only when every chosen measure has a proxy value; descriptors within the scale,
    one a score. Every problem is reported at once, each under its field."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    weights: dict[str, Decimal] = {}
    for field, what, value in (
        ("price_weight", "price weight", price_weight),
        ("quality_weight", "quality weight", quality_weight),
        ("social_value_weight", "social value weight", social_value_weight),
        ("quantitative_share", "quantitative share", quantitative_share),
    ):
        try:
            number = _decimal(value, field, what)
        except ValidationError as e:
            errors.update(e.message_dict)
            continue
        if not Decimal(0) <= number <= Decimal(100):
            refuse(field, f"The {what} must be between 0 and 100")
        elif number != number.quantize(_TWO_PLACES):
            refuse(field, f"The {what} can have at most 2 decimal places")
        else:
            weights[field] = number.quantize(_TWO_PLACES)
    parts = ("price_weight", "quality_weight", "social_value_weight")
    if all(p in weights for p in parts):
        total = sum((weights[p] for p in parts), Decimal(0))
        if total != Decimal(100):
            refuse(
                "social_value_weight",
                f"The price, quality and social value weights must add up to 100%; they add up "
                f"to {total.normalize():f}%",
            )
    reason = text_clean(low_weighting_reason, lines=True)
    social = weights.get("social_value_weight")
    if social is not None and social < MINIMUM_SOCIAL_VALUE_WEIGHT:
        if not reason:
            refuse(
                "low_weighting_reason",
                f"Give the reason for weighting social value at {social.normalize():f}% in "
                "“Reason for a social value weight under 10%”: PPN 002 sets a minimum of 10%",
            )
    else:
        reason = ""  # only a weight under 10% needs (and shows) one
    if quantitative_method not in QuantitativeMethod.values:
        refuse("quantitative_method", "Choose how commitments are scored")
    elif quantitative_method == QuantitativeMethod.PROXY_VALUE:
        missing = [m for m in measures if m.proxy_value is None]
        if missing:
            names = "; ".join(f"{m.code} {m.name}" for m in missing)
            refuse(
                "quantitative_method",
                "The proxy-value method needs a proxy value for every chosen measure; these have "
                f"none: {names}",
            )
    if scale not in Scale.values:
        refuse("scale", "Choose the scoring scale")
        scale = Scale.HUNDRED
    if not descriptors:
        descriptors = descriptors_default(scale)
    top = SCALE_TOP[scale]
    seen: set[int] = set()
    for d in descriptors:
        if not 0 <= d["score"] <= top:
            refuse("descriptors", f"A descriptor's score must be between 0 and {top} on this scale")
            break
        if d["score"] in seen:
            refuse("descriptors", f"The score {d['score']} has more than one descriptor")
            break
        if not text_clean(d["descriptor"]):
            refuse("descriptors", f"Say what the score {d['score']} means")
            break
        seen.add(d["score"])
    else:
        # Words for both ends: a 0-5 set left on a 0-100 scale would mislead the evaluators.
        if not {0, top} <= seen:
            refuse(
                "descriptors",
                f"Say what 0 and {top} mean: the descriptors must cover both ends of the scale "
                "(or leave them empty for the scale's starting words)",
            )
    if errors:
        raise ValidationError(errors)
    return TenderModel(
        price_weight=weights["price_weight"],
        quality_weight=weights["quality_weight"],
        social_value_weight=weights["social_value_weight"],
        low_weighting_reason=reason,
        quantitative_share=weights["quantitative_share"],
        quantitative_method=quantitative_method,
        scale=scale,
        descriptors=sorted(
            ({"score": d["score"], "descriptor": text_clean(d["descriptor"])} for d in descriptors),
            key=lambda d: d["score"],
        ),
    )


def _details(
    organisation: Organisation, *, title: str, reference: str, value: Any, exclude: int | None
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    title = text_clean(title)
    reference = text_clean(reference)
    if not title:
        errors["title"] = ["Enter the tender's title"]
    elif len(title) > 300:
        errors["title"] = ["The title must be 300 characters or fewer"]
    if not reference:
        errors["reference"] = ["Enter the tender's reference"]
    elif len(reference) > 100:
        errors["reference"] = ["The reference must be 100 characters or fewer"]
    else:
        taken = Tender.objects.filter(organisation=organisation, reference__iexact=reference)
        if exclude is not None:
            taken = taken.exclude(pk=exclude)
        if taken.exists():
            errors["reference"] = [f"Another tender already has the reference “{reference}”"]
    try:
        amount = _decimal(str(value).replace(",", "").lstrip("£"), "value", "value")
        if amount < 0:
            errors["value"] = ["The value must be 0 or more pounds"]
        elif amount > _MAX_VALUE or amount != amount.quantize(_TWO_PLACES):
            errors["value"] = ["Enter the value in pounds and pence, like 250000 or 250000.50"]
    except ValidationError as e:
        errors.update(e.message_dict)
    if errors:
        raise ValidationError(errors)
    return {"title": title, "reference": reference, "value": amount.quantize(_TWO_PLACES)}


def lots_check(lots: Iterable[str]) -> list[str]:
    """The lots' names, in order: at least one, none repeated."""
    names = [text_clean(n) for n in lots]
    names = [n for n in names if n]
    if not names:
        raise ValidationError({"lots": ["Enter at least one lot (a tender of one lot: “Lot 1”)"]})
    lowered = [n.lower() for n in names]
    for name in names:
        if len(name) > 200:
            raise ValidationError({"lots": ["A lot's name must be 200 characters or fewer"]})
        if lowered.count(name.lower()) > 1:
            raise ValidationError({"lots": [f"The lot “{name}” is listed twice"]})
    return names


def _choices(
    organisation: Organisation,
    outcomes: Iterable[SocialValueOutcome],
    measures: Iterable[SocialValueMeasure],
    *,
    keep: Tender | None = None,
) -> tuple[list[SocialValueOutcome], list[SocialValueMeasure]]:
    """The chosen outcomes and measures, each the council's and live (or already the
    tender's: a measure archived since it was chosen may stay)."""
    outcomes, measures = list(outcomes), list(measures)
    kept_o = set() if keep is None else set(keep.outcomes.values_list("pk", flat=True))
    kept_m = set() if keep is None else set(keep.measures.values_list("pk", flat=True))
    for o in outcomes:
        if o.organisation_id != organisation.pk or (o.archived_at and o.pk not in kept_o):
            raise ValidationError({"outcomes": ["Choose outcomes of the council's library"]})
    for m in measures:
        if m.organisation_id != organisation.pk or (m.archived_at and m.pk not in kept_m):
            raise ValidationError({"measures": ["Choose measures of the council's library"]})
    return outcomes, measures


def _lots_set(tender: Tender, names: list[str], user: User | None) -> None:
    existing = {lot.name.lower(): lot for lot in tender.lots.all()}
    wanted = {n.lower() for n in names}
    for key, lot in existing.items():
        if key not in wanted:
            if lot.bids.exists():
                raise ValidationError(
                    {"lots": [f"The lot “{lot.name}” has bids, so it cannot be removed"]}
                )
            lot.delete()
    for position, name in enumerate(names):
        lot = existing.get(name.lower()) or Lot(
            organisation_id=tender.organisation_id, tender=tender, name=name
        )
        if lot.pk is None or (lot.position, lot.name) != (position, name):
            lot.position, lot.name = position, name
            change_record(lot, user=user, reason="lots set")
            lot.save()


@transaction.atomic
def tender_create(
    *,
    organisation: Organisation,
    title: str,
    reference: str,
    value: Any,
    lots: Iterable[str] = ("Lot 1",),
    price_weight: Any = Decimal("50"),
    quality_weight: Any = Decimal("40"),
    social_value_weight: Any = Decimal("10"),
    low_weighting_reason: str = "",
    quantitative_share: Any = Decimal("50"),
    quantitative_method: str = QuantitativeMethod.RELATIVE_TO_BEST,
    scale: str = Scale.HUNDRED,
    descriptors: list[Descriptor] | None = None,
    outcomes: Iterable[SocialValueOutcome] = (),
    measures: Iterable[SocialValueMeasure] = (),
    user: User | None = None,
) -> Tender:
    """A new tender, being set up (stage draft), with its lots, model and chosen measures."""
    _may_manage(user, organisation.pk)
    errors: dict[str, list[str]] = {}
    checked: list[Any] = []
    for check in (
        lambda: _details(organisation, title=title, reference=reference, value=value, exclude=None),
        lambda: lots_check(lots),
        lambda: _choices(organisation, outcomes, measures),
    ):
        try:
            checked.append(check())
        except ValidationError as e:
            errors.update(e.message_dict)
            checked.append(None)
    details, lot_names, chosen = checked
    try:
        model = tender_model_check(
            price_weight=price_weight,
            quality_weight=quality_weight,
            social_value_weight=social_value_weight,
            low_weighting_reason=low_weighting_reason,
            quantitative_share=quantitative_share,
            quantitative_method=quantitative_method,
            scale=scale,
            descriptors=descriptors,
            measures=chosen[1] if chosen else (),
        )
    except ValidationError as e:
        errors.update(e.message_dict)
    if errors:
        raise ValidationError(errors)
    tender = Tender(
        organisation=organisation,
        created_by=user,
        stage=TenderStage.DRAFT,
        **details,
        **vars(model),
    )
    change_record(tender, user=user, reason="set up")
    tender.save()
    _lots_set(tender, lot_names, user)
    tender.outcomes.set(chosen[0])
    tender.measures.set(chosen[1])
    return tender


@transaction.atomic
def tender_change(
    *,
    tender: Tender,
    title: str,
    reference: str,
    value: Any,
    lots: Iterable[str],
    price_weight: Any,
    quality_weight: Any,
    social_value_weight: Any,
    low_weighting_reason: str = "",
    quantitative_share: Any,
    quantitative_method: str,
    scale: str,
    descriptors: list[Descriptor] | None = None,
    outcomes: Iterable[SocialValueOutcome] | None = None,
    measures: Iterable[SocialValueMeasure] | None = None,
    user: User | None = None,
) -> Tender:
    """Change a tender's setup, while it is being set up. Outcomes and measures left as None
    stay as they are."""
    organisation = tender.organisation
    _may_manage(user, organisation.pk)
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    _draft(tender)
    errors: dict[str, list[str]] = {}
    checked: list[Any] = []
    for check in (
        lambda: _details(
            organisation, title=title, reference=reference, value=value, exclude=tender.pk
        ),
        lambda: lots_check(lots),
        lambda: _choices(
            organisation,
            tender.outcomes.all() if outcomes is None else outcomes,
            tender.measures.all() if measures is None else measures,
            keep=tender,
        ),
    ):
        try:
            checked.append(check())
        except ValidationError as e:
            errors.update(e.message_dict)
            checked.append(None)
    details, lot_names, chosen = checked
    try:
        model = tender_model_check(
            price_weight=price_weight,
            quality_weight=quality_weight,
            social_value_weight=social_value_weight,
            low_weighting_reason=low_weighting_reason,
            quantitative_share=quantitative_share,
            quantitative_method=quantitative_method,
            scale=scale,
            descriptors=descriptors,
            measures=chosen[1] if chosen else (),
        )
    except ValidationError as e:
        errors.update(e.message_dict)
    if errors:
        raise ValidationError(errors)
    for key, val in {**details, **vars(model)}.items():
        setattr(tender, key, val)
    change_record(tender, user=user, reason="setup changed")
    tender.save()
    _lots_set(tender, lot_names, user)
    if {o.pk for o in chosen[0]} != set(tender.outcomes.values_list("pk", flat=True)):
        tender.outcomes.set(chosen[0])
    if {m.pk for m in chosen[1]} != set(tender.measures.values_list("pk", flat=True)):
        _measures_keep_commitments(tender, chosen[1])
        tender.measures.set(chosen[1])
    return tender


def _measures_keep_commitments(tender: Tender, measures: Iterable[SocialValueMeasure]) -> None:
    """A measure that bids have committed to stays on the tender: dropping it would leave
    commitments no score counts but the contract would take as KPIs."""
    keep = {m.pk for m in measures}
    committed = (
        Commitment.objects.filter(bid__tender=tender, bid__archived_at__isnull=True)
        .exclude(measure_id__in=keep)
        .select_related("measure", "bid")
        .order_by("measure__code", "bid__supplier")
    )
    if committed:
        names = sorted({f"{c.measure.code} ({c.bid.supplier})" for c in committed})
        raise ValidationError(
            {
                "measures": [
                    "bids have committed to "
                    + ", ".join(names)
                    + ": change or withdraw those bids before taking the measure off"
                ]
            }
        )


@transaction.atomic
def tender_measures_set(
    *,
    tender: Tender,
    outcomes: Iterable[SocialValueOutcome],
    measures: Iterable[SocialValueMeasure],
    user: User | None = None,
) -> Tender:
    """Choose the outcomes and measures a tender asks bidders to commit to, while it is being
    set up; the proxy-value method still needs a proxy value for each measure."""
    _may_manage(user, tender.organisation_id)
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    _draft(tender)
    chosen_outcomes, chosen_measures = _choices(
        tender.organisation, outcomes, measures, keep=tender
    )
    tender_model_check(
        price_weight=tender.price_weight,
        quality_weight=tender.quality_weight,
        social_value_weight=tender.social_value_weight,
        low_weighting_reason=tender.low_weighting_reason,
        quantitative_share=tender.quantitative_share,
        quantitative_method=tender.quantitative_method,
        scale=tender.scale,
        descriptors=tender.descriptors,
        measures=chosen_measures,
    )
    _measures_keep_commitments(tender, chosen_measures)
    tender.outcomes.set(chosen_outcomes)
    tender.measures.set(chosen_measures)
    return tender
