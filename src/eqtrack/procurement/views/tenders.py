"""The pages that set a tender up, under "<council>/tenders/": the list of tenders a person may
read, a new tender, its overview (evaluation model, lots, chosen measures; the evaluation's
pages are linked from its `tender_next` block) and its setup changed while it is a draft.
Procurement officers and administrators write; who reads is procurement.selectors.tenders'
rule; anyone else is told the tender does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import can_manage_procurement
from eqtrack.organisations.models import Organisation

from ..forms.tenders import TenderForm
from ..models import (
    MINIMUM_SOCIAL_VALUE_WEIGHT,
    QuantitativeMethod,
    Scale,
    SocialValueMeasure,
    SocialValueOutcome,
    Tender,
    TenderStage,
)
from ..selectors.library import (
    entries_from_ppn002,
    library_has_ppn002,
    measure_list,
    outcome_list,
)
from ..selectors.tenders import tender_for, tender_list, tender_overview
from ..services.tenders import descriptors_default, descriptors_text, tender_change, tender_create
from .library import _member, _page, errors_onto

REFUSAL = "Only procurement officers and administrators set tenders up."


def _tender(request: HttpRequest, organisation: Organisation, pk: int) -> Tender:
    try:
        return tender_for(organisation=organisation, user=request.user, pk=pk)
    except Tender.DoesNotExist:
        raise Http404("No such tender") from None


def _may_manage(request: HttpRequest, organisation: Organisation) -> None:
    if not can_manage_procurement(request.user, organisation.pk):
        raise PermissionDenied(REFUSAL)


@signed_in
def tender_list_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _member(request, organisation_slug)
    return _page(
        request,
        "tender_list.html",
        organisation,
        tenders=tender_list(organisation=organisation, user=request.user),
        can_manage=can_manage_procurement(request.user, organisation.pk),
    )


@signed_in
def tender_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _member(request, organisation_slug)
    tender = _tender(request, organisation, pk)
    overview = tender_overview(tender=tender)
    from_ppn002 = entries_from_ppn002(overview["outcomes"], overview["measures"])
    return _page(
        request,
        "tender_detail.html",
        organisation,
        tender=tender,
        low_weighting=tender.social_value_weight < MINIMUM_SOCIAL_VALUE_WEIGHT,
        draft=tender.stage == TenderStage.DRAFT,
        can_manage=can_manage_procurement(request.user, organisation.pk),
        from_ppn002=from_ppn002,
        **overview,
    )


def _form(
    request: HttpRequest, organisation: Organisation, initial: dict[str, Any], tender: Tender | None
) -> TenderForm:
    outcomes = list(outcome_list(organisation=organisation))
    measures = list(measure_list(organisation=organisation))
    if tender is not None:
        # What the tender chose stays offered, archived since or not.
        known_o = {o.pk for o in outcomes}
        known_m = {m.pk for m in measures}
        outcomes += [o for o in tender.outcomes.select_related("theme") if o.pk not in known_o]
        measures += [m for m in tender.measures.all() if m.pk not in known_m]
    return TenderForm(
        form_data(request),
        outcomes=[(o.pk, f"{o.theme.name}: {o.name}") for o in outcomes],
        measures=[
            (
                m.pk,
                f"{m.code} {m.name} ({m.unit}"
                + ("" if m.proxy_value is None else f", £{m.proxy_value:,.2f} a unit")
                + ")",
            )
            for m in measures
        ],
        initial=initial,
    )


def _answers(organisation: Organisation, form: TenderForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "reference": data["reference"],
        "value": data["value"],
        "lots": data["lots"],
        "price_weight": data["price_weight"],
        "quality_weight": data["quality_weight"],
        "social_value_weight": data["social_value_weight"],
        "low_weighting_reason": data["low_weighting_reason"],
        "quantitative_share": data["quantitative_share"],
        "quantitative_method": data["quantitative_method"],
        "scale": data["scale"],
        "descriptors": data["descriptors"] or None,
        "outcomes": SocialValueOutcome.objects.filter(
            organisation=organisation, pk__in=data["outcomes"]
        ),
        "measures": SocialValueMeasure.objects.filter(
            organisation=organisation, pk__in=data["measures"]
        ),
    }


def _form_page(
    request: HttpRequest, organisation: Organisation, form: TenderForm, tender: Tender | None
) -> HttpResponse:
    return _page(
        request,
        "tender_form.html",
        organisation,
        form=form,
        tender=tender,
        defaults={s: descriptors_text(descriptors_default(s)) for s in Scale.values},
        from_ppn002=library_has_ppn002(organisation=organisation),
    )


@signed_in
def tender_add_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _member(request, organisation_slug)
    _may_manage(request, organisation)
    form = _form(
        request,
        organisation,
        {
            "lots": "Lot 1",
            "price_weight": "50",
            "quality_weight": "40",
            "social_value_weight": "10",
            "quantitative_share": "50",
            "quantitative_method": QuantitativeMethod.RELATIVE_TO_BEST,
            "scale": Scale.FIVE,
            "descriptors": descriptors_text(descriptors_default(Scale.FIVE)),
        },
        None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            tender = tender_create(
                organisation=organisation,
                user=signed_in_user(request),
                **_answers(organisation, form),
            )
        except ValidationError as e:
            errors_onto(form, e)
        else:
            messages.success(request, f"Tender {tender.reference} set up.")
            return redirect("procurement-tender", organisation.slug, tender.pk)
    return _form_page(request, organisation, form, None)


def _number(value: Any) -> str:
    return f"{value.normalize():f}"


@signed_in
def tender_change_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = _member(request, organisation_slug)
    tender = _tender(request, organisation, pk)
    _may_manage(request, organisation)
    form = _form(
        request,
        organisation,
        {
            "title": tender.title,
            "reference": tender.reference,
            "value": f"{tender.value:.2f}",
            "lots": "\n".join(lot.name for lot in tender.lots.order_by("position", "pk")),
            "price_weight": _number(tender.price_weight),
            "quality_weight": _number(tender.quality_weight),
            "social_value_weight": _number(tender.social_value_weight),
            "low_weighting_reason": tender.low_weighting_reason,
            "quantitative_share": _number(tender.quantitative_share),
            "quantitative_method": tender.quantitative_method,
            "scale": tender.scale,
            "descriptors": descriptors_text(tender.descriptors),
            "outcomes": [str(pk) for pk in tender.outcomes.values_list("pk", flat=True)],
            "measures": [str(pk) for pk in tender.measures.values_list("pk", flat=True)],
        },
        tender,
    )
    if request.method == "POST" and form.is_valid():
        try:
            tender = tender_change(
                tender=tender, user=signed_in_user(request), **_answers(organisation, form)
            )
        except ValidationError as e:
            errors_onto(form, e)
        else:
            messages.success(request, f"Tender {tender.reference} saved.")
            return redirect("procurement-tender", organisation.slug, tender.pk)
    return _form_page(request, organisation, form, tender)
