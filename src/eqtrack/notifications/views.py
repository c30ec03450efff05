"""Follow and stop following an action or a theme (a POST from a button on its page); and
"Your notices", where each person chooses how to hear of each kind of notice."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user

from .forms import NoticePreferencesForm
from .selectors import follow_target_get, notice_choices
from .services import follow_set, notice_preferences_set


@require_POST
@signed_in
def follow(
    request: HttpRequest, organisation_slug: str, plan_slug: str, kind: str, pk: int
) -> HttpResponse:
    target = follow_target_get(
        organisation_slug=organisation_slug, plan_slug=plan_slug, kind=kind, pk=pk
    )
    wanted = request.POST.get("following") == "1"
    try:
        now = follow_set(user=signed_in_user(request), following=wanted, **{kind: target})
    except PermissionDenied:
        raise Http404("No such action or theme") from None
    name = (
        f"this {kind}"
        if kind == "theme" or not getattr(target, "ref", "")
        else getattr(target, "ref", "")
    )
    messages.success(
        request,
        f"You are following {name}: you will be e-mailed when an update to it is approved."
        if now
        else f"You are no longer following {name}.",
    )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = f"/{organisation_slug}/{plan_slug}/"
    return redirect(back)


@signed_in
def notices(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = NoticePreferencesForm(form_data(request), choices=notice_choices(user=user))
    if request.method == "POST" and form.is_valid():
        notice_preferences_set(user=user, choices=form.cleaned_data)
        messages.success(request, "Your choices of notices have been saved.")
        return redirect("notices")
    return render(request, "notifications/notices.html", {"form": form})
