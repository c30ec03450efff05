"""Thin views of the policy register and assessments: they find the records and hand the
person's choices to the services, which decide who may do what."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import (
    can_author_assessments,
    can_edit_assessment,
    can_make_mitigation_action,
    can_review,
    can_sign_off,
)
from eqtrack.accounts.selectors import (
    organisation_get_for_administrator,
    organisation_get_for_member,
    team_list,
)
from eqtrack.consultations.selectors import consultation_list
from eqtrack.core.context import organisation_context
from eqtrack.core.forms import sentence
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_get_public
from eqtrack.plans.selectors import action_public_url, themes_open

from . import documents
from .forms import (
    LIKELY_CHOICES,
    ActionForm,
    CharacteristicForm,
    DecisionForm,
    OutcomeForm,
    PolicyForm,
    ScreeningForm,
)
from .models import Assessment
from .selectors import (
    assessment_get,
    assessment_get_published,
    assessment_get_readable,
    characteristic_get,
    characteristics_all,
    policy_get,
    policy_register,
    published_assessments,
    reviews_due,
)
from .services import (
    AssessmentError,
    assessment_conclude,
    assessment_problems,
    assessment_publish,
    assessment_review,
    assessment_screen,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
    characteristic_add,
    characteristic_restore,
    characteristic_retire,
    impact_save,
    mitigation_to_action,
    policy_create,
)


def _assessment(organisation, pk: int) -> Assessment:
    assessment = assessment_get(organisation=organisation, pk=pk)
    if assessment is None:
        raise Http404("No such assessment")
    return assessment


def _editing(request: HttpRequest, organisation, pk: int) -> Assessment:
    """The assessment, for a page that changes it: for its author and administrators (a
    signed-off one is shown, and the service explains why it cannot change)."""
    assessment = _assessment(organisation, pk)
    if not assessment.locked and not can_edit_assessment(request.user, assessment):
        raise PermissionDenied("Only the assessment's author and administrators change it.")
    return assessment


@signed_in
def register(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    return render(
        request,
        "assessments/register.html",
        organisation_context(
            organisation,
            policies=policy_register(organisation=organisation),
            due=reviews_due(organisation=organisation, today=timezone.localdate()),
            today=timezone.localdate(),
            may_add=can_author_assessments(request.user, organisation.pk),
        ),
    )


@signed_in
def register_download(
    request: HttpRequest, organisation_slug: str, file_format: str
) -> HttpResponse:
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    if file_format not in ("csv", "xlsx"):
        raise Http404("No such format")
    body, content_type = documents.register_document(
        organisation=organisation, file_format=file_format
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="policy-register.{file_format}"'
    return response


@signed_in
def policy_add(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    if not can_author_assessments(request.user, organisation.pk):
        raise PermissionDenied("Viewers cannot add to the policy register.")
    teams = team_list(organisation=organisation)
    form = PolicyForm(form_data(request), teams=teams)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        policy = policy_create(
            organisation=organisation,
            title=data["title"],
            kind=data["kind"],
            team=teams.filter(pk=data["team"]).first() if data["team"] else None,
            adopted_on=data["adopted_on"],
            next_review_on=data["next_review_on"],
            equality_relevant={"yes": True, "no": False}.get(data["equality_relevant"]),
            relevance_reason=data["relevance_reason"],
            user=signed_in_user(request),
        )
        messages.success(request, f"“{policy.title}” is in the register.")
        return redirect("policy-detail", organisation.slug, policy.pk)
    return render(
        request, "assessments/policy_add.html", organisation_context(organisation, form=form)
    )


@signed_in
def policy_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    policy = policy_get(organisation=organisation, pk=pk)
    if request.method == "POST":
        try:
            assessment = assessment_start(policy=policy, user=signed_in_user(request))
        except AssessmentError as e:
            messages.error(request, str(e))
            return redirect("policy-detail", organisation.slug, policy.pk)
        return redirect("assessment-detail", organisation.slug, assessment.pk)
    versions = policy.assessments.order_by("-version")
    return render(
        request,
        "assessments/policy_detail.html",
        organisation_context(
            organisation,
            policy=policy,
            versions=versions,
            may_start=can_author_assessments(request.user, organisation.pk)
            and not any(not v.locked for v in versions),
        ),
    )


@signed_in
def assessment_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """The assessment as a task list, with the steps open to this person."""
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    assessment = _assessment(organisation, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = request.POST.get("step", "")
        steps = {
            "submit": lambda: assessment_submit(
                assessment=assessment, user=signed_in_user(request)
            ),
            "approve": lambda: assessment_review(
                assessment=assessment, approve=True, user=signed_in_user(request)
            ),
            "return": lambda: assessment_review(
                assessment=assessment,
                approve=False,
                comment=form.cleaned_data["comment"],
                user=signed_in_user(request),
            ),
            "sign_off": lambda: assessment_sign_off(
                assessment=assessment, user=signed_in_user(request)
            ),
            "publish": lambda: assessment_publish(
                assessment=assessment, user=signed_in_user(request)
            ),
        }
        if step not in steps:
            raise Http404("No such step")
        try:
            steps[step]()
        except AssessmentError as e:
            form.add_error("comment" if step == "return" else None, str(e))
        else:
            messages.success(
                request,
                f"Done: the assessment is {assessment.get_state_display().lower()}"
                + (" and published." if assessment.published_at and step == "publish" else "."),
            )
            return redirect("assessment-detail", organisation.slug, assessment.pk)
    impacts = list(assessment.impacts.all())
    return render(
        request,
        "assessments/assessment_detail.html",
        organisation_context(
            organisation,
            assessment=assessment,
            impacts=impacts,
            impacts_done=all(i.likely for i in impacts),
            impacts_started=any(i.likely for i in impacts),
            problems=assessment_problems(assessment),
            form=form,
            may_edit=can_edit_assessment(request.user, assessment)
            and assessment.state in (Assessment.State.DRAFT, Assessment.State.RETURNED),
            may_review=can_review(request.user, organisation.pk)
            and assessment.state == Assessment.State.SUBMITTED,
            may_sign_off=can_sign_off(request.user, organisation.pk),
            may_make_action=can_make_mitigation_action(request.user, assessment),
        ),
    )


@signed_in
def assessment_screening(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    assessment = _editing(request, organisation, pk)
    initial = {
        "relevant": {True: "yes", False: "no", None: ""}[assessment.relevant],
        "reason": assessment.screening_reason,
    }
    form = ScreeningForm(form_data(request), initial=initial)
    return _step_page(
        request,
        assessment=assessment,
        form=form,
        template="assessments/screening.html",
        write=lambda: assessment_screen(
            assessment=assessment,
            relevant=form.cleaned_data["relevant"] == "yes",
            reason=form.cleaned_data["reason"],
            user=signed_in_user(request),
        ),
    )


@signed_in
def assessment_impacts(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Every characteristic's likely impact, evidence and mitigation, on one page."""
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    assessment = _editing(request, organisation, pk)
    impacts = list(assessment.impacts.all())
    consultations = list(consultation_list(organisation=organisation))
    data = form_data(request)
    errors: dict[int, str] = {}
    if request.method == "POST":
        data = data if data is not None else request.POST  # on a POST, form_data is the post
        for impact in impacts:
            likely = data.get(f"likely-{impact.pk}", "")
            consultation_id = data.get(f"consultation-{impact.pk}", "")
            consultation = next((c for c in consultations if str(c.pk) == consultation_id), None)
            for field in ("evidence", "mitigation"):
                if len(data.get(f"{field}-{impact.pk}", "")) > 5000:
                    errors[impact.pk] = (
                        f"{impact.characteristic}: keep the {field} under 5,000 characters"
                    )
            if impact.pk in errors:
                continue
            try:
                impact_save(
                    impact=impact,
                    likely=likely,
                    evidence=data.get(f"evidence-{impact.pk}", ""),
                    mitigation=data.get(f"mitigation-{impact.pk}", ""),
                    consultation=consultation,
                    user=signed_in_user(request),
                )
            except AssessmentError as e:
                errors[impact.pk] = str(e)
        if not errors:
            messages.success(request, "Impacts saved.")
            return redirect("assessment-detail", organisation.slug, assessment.pk)
    rows = [
        {
            "impact": impact,
            "likely": data.get(f"likely-{impact.pk}", impact.likely) if data else impact.likely,
            "evidence": data.get(f"evidence-{impact.pk}", impact.evidence)
            if data
            else impact.evidence,
            "mitigation": data.get(f"mitigation-{impact.pk}", impact.mitigation)
            if data
            else impact.mitigation,
            "consultation": data.get(f"consultation-{impact.pk}", str(impact.consultation_id or ""))
            if data
            else str(impact.consultation_id or ""),
            "error": errors.get(impact.pk),
        }
        for impact in impacts
    ]
    return render(
        request,
        "assessments/impacts.html",
        organisation_context(
            organisation,
            assessment=assessment,
            rows=rows,
            errors=[(f"likely-{pk}-0", e) for pk, e in errors.items()],
            choices=LIKELY_CHOICES[1:],
            consultations=consultations,
        ),
    )


@signed_in
def assessment_outcome(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    assessment = _editing(request, organisation, pk)
    initial = {
        "outcome": assessment.outcome,
        "justification": assessment.justification,
        "review_on": assessment.review_on.strftime("%d/%m/%Y") if assessment.review_on else "",
    }
    form = OutcomeForm(form_data(request), initial=initial)
    return _step_page(
        request,
        assessment=assessment,
        form=form,
        template="assessments/outcome.html",
        write=lambda: assessment_conclude(
            assessment=assessment,
            outcome=form.cleaned_data["outcome"],
            justification=form.cleaned_data["justification"],
            review_on=form.cleaned_data["review_on"],
            user=signed_in_user(request),
        ),
    )


def _step_page(
    request: HttpRequest,
    *,
    assessment: Assessment,
    form: forms.Form,
    template: str,
    write: Callable[[], object],
) -> HttpResponse:
    """A task-list step: on a good POST the service writes and the task list follows; a
    refusal is shown on the form, as any other error."""
    if request.method == "POST" and form.is_valid():
        try:
            write()
        except AssessmentError as e:
            form.add_error(None, str(e))
        else:
            return redirect("assessment-detail", assessment.organisation.slug, assessment.pk)
    return render(
        request,
        template,
        organisation_context(assessment.organisation, assessment=assessment, form=form),
    )


@signed_in
def impact_action(
    request: HttpRequest, organisation_slug: str, pk: int, impact_pk: int
) -> HttpResponse:
    organisation = organisation_get_for_member(slug=organisation_slug, user=request.user)
    assessment = _editing(request, organisation, pk)
    impact = next((i for i in assessment.impacts.all() if i.pk == impact_pk), None)
    if impact is None:
        raise Http404("No such impact")
    themes = themes_open(organisation=organisation)
    teams = team_list(organisation=organisation)
    form = ActionForm(
        form_data(request),
        themes=themes,
        teams=teams,
        initial={"text": impact.mitigation, "team": str(assessment.policy.team_id or "")},
    )
    if request.method == "POST" and form.is_valid():
        theme = next(t for t in themes if str(t.pk) == form.cleaned_data["theme"])
        try:
            action = mitigation_to_action(
                impact=impact,
                plan=theme.plan,
                theme=theme,
                text=form.cleaned_data["text"],
                team=teams.filter(pk=form.cleaned_data["team"]).first()
                if form.cleaned_data["team"]
                else None,
                due=form.cleaned_data["due"],
                user=signed_in_user(request),
            )
        except AssessmentError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                f"The mitigation is now an action of “{action.plan.title}”, reported in its rounds."
                if action.archived_at is None
                else f"The mitigation is an action of “{action.plan.title}”, held out of the "
                "plan until the assessment is signed off.",
            )
            return redirect("assessment-detail", organisation.slug, assessment.pk)
    return render(
        request,
        "assessments/impact_action.html",
        organisation_context(
            organisation, assessment=assessment, impact=impact, form=form, has_plans=bool(themes)
        ),
    )


def assessment_download(
    request: HttpRequest, organisation_slug: str, pk: int, file_format: str
) -> HttpResponse:
    """The assessment as an accessible Word document or tagged PDF: for anyone once it is
    published, for the organisation's members before."""
    assessment = assessment_get_readable(
        user=request.user, organisation_slug=organisation_slug, pk=pk
    )
    if file_format not in documents.FORMATS:
        raise Http404("No such format")
    body, content_type = documents.assessment_document(
        assessment=assessment, file_format=file_format
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="equality-impact-assessment-{assessment.pk}-v{assessment.version}.{file_format}"'
    )
    return response


def published_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=organisation_slug)
    return render(
        request,
        "assessments/published_list.html",
        organisation_context(
            organisation, assessments=published_assessments(organisation=organisation)
        ),
    )


def published_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    assessment = assessment_get_published(organisation_slug=organisation_slug, pk=pk)
    organisation = assessment.organisation

    impacts = list(assessment.impacts.all())
    return render(
        request,
        "assessments/published_detail.html",
        organisation_context(
            organisation,
            assessment=assessment,
            # Each impact with where a visitor reads its mitigation's plan action, if they can.
            rows=[(i, action_public_url(action=i.action) if i.action else None) for i in impacts],
        ),
    )


def _administered(request: HttpRequest, organisation_slug: str) -> Organisation:
    return organisation_get_for_administrator(
        slug=organisation_slug,
        user=request.user,
        refusal="Only the council's administrators change the characteristics.",
    )


@signed_in
def characteristics(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The characteristics assessments consider: the protected ones, the council's local
    ones, and those retired; a local one added here is in every new assessment."""
    organisation = _administered(request, organisation_slug)
    form = CharacteristicForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            added = characteristic_add(
                organisation=organisation,
                name=form.cleaned_data["name"],
                hint=form.cleaned_data["hint"],
                user=signed_in_user(request),
            )
        except AssessmentError as e:
            form.add_error("name", sentence(str(e)))
        else:
            messages.success(request, f"New assessments will consider {added.name}.")
            return redirect("manage-characteristics", organisation.slug)
    every = list(characteristics_all(organisation=organisation))
    return render(
        request,
        "assessments/manage/characteristics.html",
        organisation_context(
            organisation,
            form=form,
            statutory=[c for c in every if c.statutory],
            local=[c for c in every if not c.statutory and c.retired_at is None],
            retired=[c for c in every if not c.statutory and c.retired_at is not None],
        ),
    )


@signed_in
def characteristic_page(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """Retire a local characteristic (after asking), or bring a retired one back."""
    organisation = _administered(request, organisation_slug)
    characteristic = characteristic_get(organisation=organisation, pk=pk)
    if request.method == "POST":
        user = signed_in_user(request)
        try:
            if request.POST.get("step") == "restore":
                characteristic_restore(characteristic=characteristic, user=user)
                messages.success(request, f"New assessments will consider {characteristic.name}.")
            else:
                characteristic_retire(characteristic=characteristic, user=user)
                messages.success(
                    request,
                    f"{characteristic.name} is retired: new assessments leave it out, past ones "
                    "keep it.",
                )
        except AssessmentError as e:
            messages.error(request, sentence(str(e)))
        return redirect("manage-characteristics", organisation.slug)
    return render(
        request,
        "assessments/manage/characteristic_retire.html",
        organisation_context(organisation, characteristic=characteristic),
    )
