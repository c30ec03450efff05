"""Thin API views. Published plans are read without a key; a person's API token (or, for
reading, their signed-in session) reads what they may read in the web app, and tokens write
a reporting round's updates and reviews through the same services as the web."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from jsonschema import Draft202012Validator

from eqtrack.accounts.permissions import can_read_unpublished, readable_organisation_ids
from eqtrack.plans.models import Update
from eqtrack.plans.planformat import SCHEMA
from eqtrack.plans.selectors import (
    period_labels,
    plan_document,
    plan_list,
    plan_organisation_readable,
    with_period_labels,
)
from eqtrack.plans.services import UpdateConflict
from eqtrack.reports.committee import summary_json
from eqtrack.reports.data import ReportError
from eqtrack.reports.selectors import PeriodRefused, committee_summary_for
from eqtrack.rounds.forms import UpdateForm
from eqtrack.rounds.selectors import (
    my_actions,
    round_action_get,
    round_get_for_member,
    round_update_get,
)
from eqtrack.rounds.services import (
    RoundError,
    UpdateIncomplete,
    update_review,
    update_save_and_submit,
    update_save_draft,
)

from .openapi import openapi
from .services import token_user


class ApiError(Exception):
    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.extra = status, extra


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Open data: other councils' and researchers' pages may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _api(view):
    """Turns ApiError, PermissionDenied and Http404 into JSON answers with one clear message."""

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        try:
            return view(request, *args, **kwargs)
        except ApiError as e:
            return _json({"error": str(e), **e.extra}, status=e.status)
        except PermissionDenied as e:
            return _json({"error": str(e) or "you may not do that"}, status=403)
        except Http404 as e:
            # The access selectors' messages, in the API's lower case ("no such round").
            message = str(e) or "not found"
            return _json({"error": message[:1].lower() + message[1:]}, status=404)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _caller(request: HttpRequest, *, writing: bool = False) -> Any:
    """Who is asking: a token's person, else (for reading) the signed-in session's."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, key = header.partition(" ")
        user = token_user(key=key.strip()) if scheme.lower() == "bearer" and key else None
        if user is None:
            raise ApiError(401, "the API token is not valid or has been revoked")
        return user
    if writing:
        raise ApiError(401, "send your API token as the header 'Authorization: Bearer <token>'")
    return request.user


@require_GET
@_api
def plans(request: HttpRequest) -> JsonResponse:
    members_of = readable_organisation_ids(_caller(request))
    found = plan_list(
        organisation=None, published_only=members_of is not None, unpublished_of=members_of
    )
    found = with_period_labels(found)
    return _json(
        {
            "plans": [
                {
                    "organisation": plan.organisation.name,
                    "title": plan.title,
                    "published": plan.published,
                    "url": request.build_absolute_uri(
                        reverse("api-plan", args=[plan.organisation.slug, plan.slug])
                    ),
                    "page": request.build_absolute_uri(
                        reverse("plan-detail", args=[plan.organisation.slug, plan.slug])
                    ),
                    # A period whose round is still open is for the council's members only.
                    "periods": period_labels(
                        plan, member=members_of is None or plan.organisation_id in members_of
                    ),
                }
                for plan in found
            ]
        }
    )


@require_GET
@_api
def plan(request: HttpRequest, organisation_slug: str, plan_slug: str) -> JsonResponse:
    """A plan in the plan format: approved updates for the public, everything for members."""
    caller = _caller(request)
    organisation = plan_organisation_readable(
        user=caller, organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    member = can_read_unpublished(caller, organisation.pk)
    return _json(
        plan_document(
            organisation=organisation,
            slug=plan_slug,
            approved_only=not member,
            closed_rounds_only=not member,  # the public never see a round still open
        )
    )


@require_GET
@_api
def committee_summary(request: HttpRequest, organisation_slug: str, plan_slug: str) -> JsonResponse:
    """The dashboard's committee summary of a reported period (`?period=`, the latest if
    none): the same selector as the dashboard, its downloads and `eqtrack committee-summary`."""
    organisation = plan_organisation_readable(
        user=_caller(request), organisation_slug=organisation_slug, plan_slug=plan_slug
    )
    try:
        summary = committee_summary_for(
            organisation=organisation,
            plan_slug=plan_slug,
            period=request.GET.get("period", "").strip() or None,
        )
    except PeriodRefused as e:
        raise ApiError(404, str(e), field="period") from None
    except ReportError as e:  # archived since it was found readable
        raise Http404(str(e)) from None
    return _json(summary_json(summary))


@require_GET
@_api
def openapi_json(request: HttpRequest) -> JsonResponse:
    return _json(openapi())


def _update_json(update: Update | None) -> dict[str, Any] | None:
    if update is None:
        return None
    return {
        "id": update.pk,
        "state": update.state,
        "revision": update.revision,
        "progress": update.progress,
        "next_steps": update.next_steps,
        "status": update.status_text,
        "status_category": update.status_category,
    }


@require_GET
@_api
def round_actions(request: HttpRequest, organisation_slug: str, pk: int) -> JsonResponse:
    """The actions the caller writes updates for in the round, each with its update so far."""
    user = _caller(request)
    if not user.is_authenticated:
        raise ApiError(401, "send your API token as the header 'Authorization: Bearer <token>'")
    round = round_get_for_member(user=user, organisation_slug=organisation_slug, pk=pk)
    return _json(
        {
            "round": {
                "id": round.pk,
                "period": round.period.label,
                "deadline": round.deadline.isoformat(),
                "open": round.is_open,
            },
            "actions": [
                {
                    "id": action.pk,
                    "ref": action.ref,
                    "text": action.text,
                    "theme": action.theme.title,
                    "team": action.team.name if action.team else None,
                    "update": _update_json(
                        action.round_updates[0] if action.round_updates else None
                    ),
                }
                for action in my_actions(round=round, user=user)
            ],
        }
    )


_ITEMS = Draft202012Validator(
    {"$defs": SCHEMA["$defs"], "type": "array", "items": {"$ref": "#/$defs/item"}}
)


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as e:
        raise ApiError(400, f"the request body is not JSON: {e}") from None
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object")
    return body


def _items(body: dict[str, Any], field: str) -> list[Any]:
    value = body.get(field, [])
    error = next(iter(_ITEMS.iter_errors(value)), None)
    if error is not None:
        where = "".join(f"[{p}]" for p in error.absolute_path)
        raise ApiError(
            400,
            f"{field}{where}: each item is a string or an object with 'text' and 'items'",
            field=field,
        )
    return value


@csrf_exempt
@require_http_methods(["PUT"])
@_api
def round_update(
    request: HttpRequest, organisation_slug: str, pk: int, action_pk: int
) -> JsonResponse:
    """Save the caller's update to an action as a draft (a new version), and submit it if asked."""
    user = _caller(request, writing=True)
    round = round_get_for_member(user=user, organisation_slug=organisation_slug, pk=pk)
    action = round_action_get(round=round, pk=action_pk)
    body = _body(request)
    if not body:
        raise ApiError(
            400,
            "the request body is empty: send the update (progress, next_steps, status, "
            "status_category) and the revision you read",
        )
    if "revision" not in body:
        # Required, so that a write never lands on an update the caller has not read.
        raise ApiError(
            400,
            "revision: send the revision you read the update at (0 for an action with no "
            "update yet)",
            field="revision",
        )
    status = body.get("status")
    if status is not None and not isinstance(status, str):
        raise ApiError(400, "status: a string, or null", field="status")
    revision = body["revision"]
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0:
        raise ApiError(400, "revision: the whole number you read the update at", field="revision")
    progress, next_steps = _items(body, "progress"), _items(body, "next_steps")
    # The web's own form checks the rest (lengths, the status category), as on the page.
    form = UpdateForm.from_api(body)
    if not form.is_valid():
        field, message = form.first_error()
        field = {"status_text": "status"}.get(field, field)
        raise ApiError(400, f"{field}: {message[:1].lower()}{message[1:]}", field=field)
    # The web's services: saving and submitting is all or nothing, so a refused submission
    # leaves the update (and the revision the caller holds) as it was.
    write = update_save_and_submit if body.get("submit") is True else update_save_draft
    try:
        update = write(
            round=round,
            action=action,
            progress=progress,
            next_steps=next_steps,
            status_text=status,
            status_category=form.cleaned_data["status_category"] or None,
            user=user,
            based_on=revision,
        )
    except UpdateConflict as e:
        raise ApiError(409, str(e), current=_update_json(e.current)) from None
    except UpdateIncomplete as e:
        # What was sent lacks what a submission needs: a fault in the body, like a bad field.
        raise ApiError(400, str(e), field=e.missing[0], missing=e.missing) from None
    except RoundError as e:
        raise ApiError(409, str(e)) from None
    return _json({"update": _update_json(update)})


@csrf_exempt
@require_http_methods(["POST"])
@_api
def round_review(
    request: HttpRequest, organisation_slug: str, pk: int, update_pk: int
) -> JsonResponse:
    """Approve a submitted update, or return it with a comment."""
    user = _caller(request, writing=True)
    round = round_get_for_member(user=user, organisation_slug=organisation_slug, pk=pk)
    update = round_update_get(round=round, pk=update_pk)
    body = _body(request)
    decision = body.get("decision")
    if decision not in ("approve", "return"):
        raise ApiError(400, "decision: 'approve' or 'return'", field="decision")
    comment = body.get("comment", "")
    if not isinstance(comment, str):
        raise ApiError(400, "comment: a string", field="comment")
    try:
        review = update_review(
            round=round, update=update, user=user, approve=decision == "approve", comment=comment
        )
    except RoundError as e:
        raise ApiError(409, str(e)) from None
    update.refresh_from_db()
    return _json(
        {
            "review": {"decision": review.decision, "comment": review.comment},
            "update": _update_json(update),
        }
    )
