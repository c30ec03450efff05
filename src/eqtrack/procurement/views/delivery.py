"""The delivery pages: the council's contracts and each contract's KPIs, returns, links and
ratings (for people who may read tenders; changes for those who manage the contract), and the
supplier's return by its e-mailed link (no account: the link is the key)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import can_manage_contract, can_read_tenders
from eqtrack.accounts.selectors import organisation_get_for_member
from eqtrack.core.context import organisation_context
from eqtrack.core.forms import add_service_error
from eqtrack.core.types import User
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get_public

from ..forms.delivery import KPIRatingForm, ReturnDecisionForm, ReturnLinkForm, SupplierReturnForm
from ..models import KPI, Contract, ReturnLink
from ..selectors.delivery import (
    KPI_ORDER,
    SUGGESTION_THRESHOLDS,
    contract_get,
    contract_kpis,
    contract_links,
    contract_list,
    contract_quarters,
    contract_returns,
    contract_year_ends,
    kpi_get,
    kpi_ratings,
    rating_suggest,
    return_get,
)
from ..services.delivery import (
    RETURN_LINK_DAYS,
    DeliveryError,
    ReturnLinkRefused,
    kpi_rate,
    return_accept,
    return_link_check,
    return_link_for_session,
    return_link_open,
    return_link_revoke,
    return_link_send,
    return_query,
    return_submit,
)

RETURN_SESSION_KEY = "eqtrack_procurement_return_link"


def _readable(request: HttpRequest, organisation_slug: str) -> Organisation:
    """The council, for people who may read its tenders; to anyone else its contracts do not
    exist."""
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    if not can_read_tenders(request.user, organisation.pk):
        raise Http404("No such page")
    return organisation


def _may_manage(user: User, contract: Contract) -> None:
    """Refuse a change (403) to someone who may read the contract but not manage it, whatever
    they sent."""
    if not can_manage_contract(user, contract):
        raise PermissionDenied(
            "Only procurement officers, administrators and the contract's manager do this."
        )


@signed_in
def contract_list_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The council's contracts, each with how many of its KPIs are flagged."""
    organisation = _readable(request, organisation_slug)
    rows = contract_list(organisation=organisation, today=timezone.localdate())
    return render(
        request, "procurement/contract_list.html", organisation_context(organisation, rows=rows)
    )


def _contract_page(
    request: HttpRequest,
    organisation: Organisation,
    contract: Contract,
    *,
    link_form: ReturnLinkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    may_manage = can_manage_contract(request.user, contract)
    quarters = contract_quarters(contract, until=today)
    if may_manage and link_form is None:
        link_form = ReturnLinkForm(quarters=quarters)
    return render(
        request,
        "procurement/contract_detail.html",
        organisation_context(
            organisation,
            contract=contract,
            kpis=contract_kpis(organisation=organisation, contract=contract, today=today),
            returns=contract_returns(organisation=organisation, contract=contract),
            links=contract_links(organisation=organisation, contract=contract),
            may_manage=may_manage,
            link_form=link_form if may_manage else None,
            today=today,
            now=timezone.now(),
        ),
        status=status,
    )


@signed_in
def contract_detail_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """A contract's KPIs (delivered, expected by now, flags, latest rating), its returns and
    its return links."""
    organisation = _readable(request, organisation_slug)
    contract = contract_get(organisation=organisation, pk=pk)
    return _contract_page(request, organisation, contract)


@signed_in
@require_POST
def return_link_send_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Send the supplier a link for a quarter's return (the service decides who may)."""
    organisation = _readable(request, organisation_slug)
    contract = contract_get(organisation=organisation, pk=pk)
    user = signed_in_user(request)
    _may_manage(user, contract)
    quarters = contract_quarters(contract, until=timezone.localdate())
    form = ReturnLinkForm(request.POST, quarters=quarters)
    if form.is_valid():
        start, end = form.period_dates()
        try:
            return_link_send(contract=contract, user=user, period_start=start, period_end=end)
        except DeliveryError as error:
            error.field = "period"
            add_service_error(form, error)
        else:
            messages.success(
                request,
                f"We have e-mailed {contract.supplier} a link for its return for "
                f"{start:%-d %B %Y} to {end:%-d %B %Y}. It works once, for {RETURN_LINK_DAYS} days.",
            )
            return redirect("procurement-contract-detail", organisation.slug, contract.pk)
    return _contract_page(request, organisation, contract, link_form=form, status=400)


@signed_in
@require_POST
def return_link_revoke_page(
    request: HttpRequest, organisation_slug: str, pk: int, link_pk: int
) -> HttpResponse:
    """Stop one of the contract's links working."""
    organisation = _readable(request, organisation_slug)
    contract = contract_get(organisation=organisation, pk=pk)
    link = (
        ReturnLink.objects.filter(contract=contract, pk=link_pk).select_related("contract").first()
    )
    if link is None:
        raise Http404("No such link")
    return_link_revoke(link=link, user=signed_in_user(request))
    messages.success(request, "The link no longer works.")
    return redirect("procurement-contract-detail", organisation.slug, contract.pk)


@signed_in
def return_detail_page(
    request: HttpRequest, organisation_slug: str, pk: int, return_pk: int
) -> HttpResponse:
    """A supplier's return, line by line with its evidence, and the decision: accept or query."""
    organisation = _readable(request, organisation_slug)
    contract = contract_get(organisation=organisation, pk=pk)
    supplier_return = return_get(organisation=organisation, contract=contract, pk=return_pk)
    may_manage = can_manage_contract(request.user, contract)
    form = ReturnDecisionForm(form_data(request))
    if request.method == "POST":
        user = signed_in_user(request)
        _may_manage(user, contract)
        if form.is_valid():
            decide = return_accept if form.cleaned_data["decision"] == "accept" else return_query
            try:
                decide(supplier_return=supplier_return, user=user, note=form.cleaned_data["note"])
            except DeliveryError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    "Return accepted: it counts as delivered."
                    if decide is return_accept
                    else "Return queried. Send the supplier a new link for the same quarter "
                    "for its answer.",
                )
                return redirect("procurement-contract-detail", organisation.slug, contract.pk)
    return render(
        request,
        "procurement/return_detail.html",
        organisation_context(
            organisation,
            contract=contract,
            supplier_return=supplier_return,
            form=form,
            may_manage=may_manage,
        ),
        status=400 if form.errors else 200,
    )


@signed_in
def kpi_rate_page(
    request: HttpRequest, organisation_slug: str, pk: int, kpi_pk: int
) -> HttpResponse:
    """Rate a KPI for a contract year, with the suggested rating and the KPI's rating history."""
    organisation = _readable(request, organisation_slug)
    contract = contract_get(organisation=organisation, pk=pk)
    kpi: KPI = kpi_get(organisation=organisation, contract=contract, pk=kpi_pk)
    may_manage = can_manage_contract(request.user, contract)
    year_ends = contract_year_ends(contract)
    form = KPIRatingForm(form_data(request), year_ends=year_ends)
    if request.method == "POST":
        user = signed_in_user(request)
        _may_manage(user, contract)
        if form.is_valid():
            try:
                kpi_rate(
                    kpi=kpi,
                    user=user,
                    year_ending=form.year(),
                    rating=form.cleaned_data["rating"],
                    note=form.cleaned_data["note"],
                )
            except DeliveryError as error:
                add_service_error(form, error)
            else:
                messages.success(request, "Rating saved.")
                return redirect("procurement-contract-detail", organisation.slug, contract.pk)
    suggestions = []
    for end in year_ends:
        rating, delivered, expected = rating_suggest(kpi, end)
        suggestions.append(
            {"year_ending": end, "rating": rating, "delivered": delivered, "expected": expected}
        )
    return render(
        request,
        "procurement/contract_kpi_rate.html",
        organisation_context(
            organisation,
            contract=contract,
            kpi=kpi,
            form=form,
            may_manage=may_manage,
            suggestions=suggestions,
            thresholds=SUGGESTION_THRESHOLDS,
            ratings=kpi_ratings(organisation=organisation, kpi=kpi),
        ),
        status=400 if form.errors else 200,
    )


# --- The supplier's pages (by the e-mailed link) ---------------------------------------------


def _link_refused(request: HttpRequest, organisation: Organisation, reason: str) -> HttpResponse:
    """Why a return link does not work; a forged one is simply not found."""
    return render(
        request,
        "procurement/return_link_refused.html",
        organisation_context(organisation, reason=reason, days=RETURN_LINK_DAYS),
        status=404 if reason in ("unknown", "not_opened") else 410,
    )


def return_open_page(request: HttpRequest, organisation_slug: str, secret: str) -> HttpResponse:
    """The e-mailed link. Its page only offers a button (so a mail scanner fetching the link
    spends nothing); the button trades the link for this browser's session and spends it, and
    the form is then at an address without the secret."""
    organisation = organisation_get_public(slug=organisation_slug)
    try:
        if request.method == "POST":
            link = return_link_open(organisation=organisation, secret=secret)
            request.session.cycle_key()
            request.session[RETURN_SESSION_KEY] = link.pk
            return redirect("procurement-return-form", organisation.slug)
        link = return_link_check(organisation=organisation, secret=secret)
    except ReturnLinkRefused as refused:
        if refused.reason == "used" and request.session.get(RETURN_SESSION_KEY):
            return redirect("procurement-return-form", organisation.slug)
        return _link_refused(request, organisation, refused.reason)
    return render(
        request,
        "procurement/return_open.html",
        organisation_context(organisation, link=link, contract=link.contract),
    )


def return_form_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The supplier's return for the quarter of the link this browser opened: per KPI, what
    was delivered and the evidence. Sending it spends the link."""
    organisation = organisation_get_public(slug=organisation_slug)
    try:
        link = return_link_for_session(
            organisation=organisation, pk=request.session.get(RETURN_SESSION_KEY, "")
        )
    except ReturnLinkRefused as refused:
        return _link_refused(
            request, organisation, "not_opened" if refused.reason == "unknown" else refused.reason
        )
    contract = link.contract
    kpis = list(
        KPI.objects.filter(contract=contract).select_related("measure").order_by(*KPI_ORDER)
    )
    form = SupplierReturnForm(request.POST or None, kpis=kpis)
    if request.method == "POST" and form.is_valid():
        try:
            return_submit(link=link, name=form.cleaned_data["name"], lines=form.lines())
        except DeliveryError as error:
            add_service_error(form, error)
        except ReturnLinkRefused as refused:
            return _link_refused(request, organisation, refused.reason)
        else:
            request.session.pop(RETURN_SESSION_KEY, None)
            return render(
                request,
                "procurement/return_done.html",
                organisation_context(organisation, contract=contract, link=link),
            )
    return render(
        request,
        "procurement/return_form.html",
        organisation_context(organisation, form=form, contract=contract, link=link, kpis=kpis),
        status=400 if form.errors else 200,
    )
