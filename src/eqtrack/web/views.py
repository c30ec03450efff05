"""The site-wide pages: the home page, each council's front page and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from eqtrack.accounts.permissions import (
    can_administer,
    can_edit_any_action,
    can_manage_consultations,
    can_read_tenders,
    can_read_unpublished,
    can_review,
    can_sign_off,
    readable_organisation_ids,
)
from eqtrack.accounts.selectors import organisations_administered, organisations_member_of
from eqtrack.assessments.models import Assessment
from eqtrack.assessments.selectors import assessments_waiting
from eqtrack.core.context import organisation_context
from eqtrack.duty.calendar import duty_warnings
from eqtrack.organisations.selectors import organisation_get_public
from eqtrack.plans.selectors import measures_to_check_count, plan_list, proposals_waiting
from eqtrack.procurement.selectors.delivery import delivery_flags
from eqtrack.procurement.selectors.evaluation import tenders_to_score
from eqtrack.rounds.selectors import round_work_for, rounds_open
from eqtrack.surveys.selectors.polls import poll_latest_open


def home(request: HttpRequest) -> HttpResponse:
    """Every published plan, and the unpublished ones of the organisations the reader is in."""
    members_of = readable_organisation_ids(request.user)
    plans = plan_list(
        organisation=None, published_only=members_of is not None, unpublished_of=members_of
    )
    return render(
        request,
        "web/home.html",
        {
            "plans": plans,
            "administered": organisations_administered(user=request.user),
            "member_of": organisations_member_of(user=request.user),
        },
    )


def organisation_home(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """A council's front page: its plans, community directory, diversity calendar and
    published assessments for everyone; for its people, the work waiting for them."""
    organisation = organisation_get_public(slug=organisation_slug)
    member = can_read_unpublished(request.user, organisation.pk)
    may_review = can_review(request.user, organisation.pk)
    rounds = list(rounds_open(organisation=organisation)) if member else []
    # Each open round with this person's counts in it: a query or two per open round (one
    # per plan at most), however many actions and updates there are.
    work = [(r, round_work_for(round=r, user=request.user)) for r in rounds]
    to_review = (
        list(assessments_waiting(organisation=organisation, state=Assessment.State.SUBMITTED))
        if may_review
        else []
    )
    to_sign_off = (
        list(assessments_waiting(organisation=organisation, state=Assessment.State.REVIEWED))
        if can_sign_off(request.user, organisation.pk)
        else []
    )
    plans = list(plan_list(organisation=organisation, published_only=not member))
    # Indicators read from imported progress, waiting for this person to check them.
    to_check = measures_to_check_count(organisation=organisation, user=request.user)
    # Contracts name suppliers: their pages and flagged commitments are for those who may
    # read tenders.
    may_read_contracts = can_read_tenders(request.user, organisation.pk)
    return render(
        request,
        "web/organisation.html",
        organisation_context(
            organisation,
            plans=plans,
            measures_to_check=[(p, to_check[p.pk]) for p in plans if p.pk in to_check],
            member=member,
            work=work,
            may_update=can_edit_any_action(request.user, organisation.pk),
            may_review=may_review,
            may_administer=can_administer(request.user, organisation.pk),
            to_review=to_review,
            proposals=proposals_waiting(organisation=organisation) if may_review else [],
            to_sign_off=to_sign_off,
            has_logo=bool(organisation.logo_content_type),
            may_manage_consultations=can_manage_consultations(request.user, organisation.pk),
            # The newest open quick poll, for anyone to answer here.
            poll=poll_latest_open(organisation=organisation),
            may_read_contracts=may_read_contracts,
            tenders_to_score=tenders_to_score(organisation=organisation, user=request.user)
            if member
            else [],
            delivery_flags=delivery_flags(organisation=organisation, today=timezone.localdate())
            if may_read_contracts
            else [],
            # The duty calendar's dates within 30 days or passed (eqtrack.duty.calendar).
            duty_items=duty_warnings(organisation=organisation, today=timezone.localdate())
            if member
            else [],
        ),
    )


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the app answers and its database does, no session."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain")
