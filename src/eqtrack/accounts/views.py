"""Signing in and out, in the service's own GOV.UK-style pages; where one lands after; an
invitation's set-a-password page; and the council administrators' pages for its people,
teams and details (thin: the services decide who may do what)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from eqtrack.core.context import organisation_context
from eqtrack.core.forms import add_service_error
from eqtrack.organisations.models import Organisation
from eqtrack.organisations.selectors import organisation_logo
from eqtrack.organisations.services import LOGO_MAX_BYTES, OrganisationError

from .forms import (
    AcceptForm,
    CouncilForm,
    InviteForm,
    PersonForm,
    ReasonForm,
    TeamForm,
    TeamMergeForm,
)
from .kept_forms import form_data, signed_in, signed_in_user
from .models import Membership
from .selectors import (
    invitation_person,
    landing_organisation,
    membership_get,
    membership_history,
    membership_list,
    organisation_get_for_administrator,
    organisation_history,
    team_get,
    team_history,
    team_list,
    team_list_all,
    team_members,
)
from .services import (
    PeopleError,
    council_details_update,
    council_logo_set,
    invitation_accept,
    invitation_resend,
    person_change,
    person_deactivate,
    person_invite,
    person_reactivate,
    team_archive,
    team_create,
    team_merge,
    team_rename,
    team_restore,
)


class SignInForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "User name"
        self.fields["username"].error_messages["required"] = "Enter your user name"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.error_messages["invalid_login"] = (
            "Enter a correct user name and password. Both are case-sensitive."
        )


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        context["single_sign_on"] = getattr(settings, "EQTRACK_OIDC_ENABLED", False)
        context["single_sign_on_name"] = getattr(settings, "EQTRACK_OIDC_NAME", "")
        return context


class SignOnCallbackView(OIDCAuthenticationCallbackView):
    """Where the council's sign-in provider sends people back. Someone it vouches for but the
    council did not invite (or has deactivated) goes back to the sign-in page, told why and
    what to do; settings.OIDC_CALLBACK_CLASS names this view."""

    def login_failure(self) -> HttpResponse:
        email = getattr(self.request, "single_sign_on_email", "")
        name = getattr(settings, "EQTRACK_OIDC_NAME", "")
        if email:
            text = (
                f"{email} may not use eqtrack: nobody has invited that address, or its access "
                "was ended. Ask your council's eqtrack administrator to invite you."
            )
        else:
            text = (
                f"Signing in with {name} did not work. Try again, or sign in with your "
                "eqtrack user name and password."
            )
        messages.error(self.request, text)
        return super().login_failure()


class SignOutView(auth_views.LogoutView):
    """Signs out on a POST (a link cannot sign anyone out) and says so."""

    template_name = "accounts/signed_out.html"


# --- Landing after signing in -------------------------------------------------------------


@signed_in
def landing(request: HttpRequest) -> HttpResponse:
    """Where signing in ends (LOGIN_REDIRECT_URL): the person's council page if they belong to
    exactly one council, else the home page listing theirs."""
    organisation = landing_organisation(user=request.user)
    if organisation is None:
        return redirect("home")
    return redirect("organisation-home", organisation.slug)


# --- Invitations -------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def invitation_accept_page(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """An invitation's link: choose a password, then be signed in on one's council's page. A
    link that has expired, been used or was never ours says to ask for a new invitation."""
    person = invitation_person(uidb64=uidb64, token=token)
    if person is None:
        return render(request, "accounts/invitation_invalid.html")
    form = AcceptForm(person, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = invitation_accept(
                person=person, token=token, password=form.cleaned_data["new_password1"]
            )
        except PeopleError:
            return render(request, "accounts/invitation_invalid.html")
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            f"Your password is set and you are signed in to {membership.organisation.name}.",
        )
        return redirect("organisation-home", membership.organisation.slug)
    return render(request, "accounts/invitation_accept.html", {"form": form, "person": person})


# --- The council's people, teams and details (its administrators only) --------------------


def _administered(request: HttpRequest, organisation_slug: str) -> Organisation:
    return organisation_get_for_administrator(
        slug=organisation_slug,
        user=request.user,
        refusal="Only the council's administrators manage its people and teams.",
    )


@signed_in
def people(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    return render(
        request,
        "accounts/people.html",
        organisation_context(organisation, memberships=membership_list(organisation=organisation)),
    )


@signed_in
def person_invite_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _administered(request, organisation_slug)
    teams = list(team_list(organisation=organisation))
    form = InviteForm(form_data(request), teams=teams)
    if request.method == "POST" and form.is_valid():
        chosen = [t for t in teams if str(t.pk) in form.cleaned_data["teams"]]
        try:
            membership = person_invite(
                organisation=organisation,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                teams=chosen,
                user=signed_in_user(request),
            )
        except PeopleError as e:
            add_service_error(form, e, as_sentence=False)
        else:
            messages.success(
                request,
                f"{membership.user.email} is invited: an e-mail with a link to sign in is on its "
                "way to them.",
            )
            return redirect("people", organisation.slug)
    return render(
        request, "accounts/person_invite.html", organisation_context(organisation, form=form)
    )


@signed_in
def person_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """A person's role, teams and status, with what an administrator may do about them: change
    role and teams, deactivate or reactivate, send the invitation again."""
    organisation = _administered(request, organisation_slug)
    membership = membership_get(organisation=organisation, pk=pk)
    teams = list(team_list(organisation=organisation))
    step = request.POST.get("step", "") if request.method == "POST" else ""
    data = form_data(request)
    form = PersonForm(
        data if step in ("", "change") else None,
        teams=teams,
        initial={"role": membership.role, "teams": [str(t.pk) for t in membership.teams.all()]},
    )
    status_form = ReasonForm(
        data if step in ("deactivate", "reactivate") else None, prefix="status"
    )
    user = signed_in_user(request)
    if step == "change" and form.is_valid():
        chosen = [t for t in teams if str(t.pk) in form.cleaned_data["teams"]]
        try:
            person_change(
                membership=membership,
                role=form.cleaned_data["role"],
                teams=chosen,
                reason=form.cleaned_data["reason"],
                user=user,
            )
        except PeopleError as e:
            add_service_error(form, e, as_sentence=False)
        else:
            messages.success(request, f"{_name(membership)}'s role and teams are saved.")
            return redirect("person-detail", organisation.slug, membership.pk)
    elif step in ("deactivate", "reactivate") and status_form.is_valid():
        change = person_deactivate if step == "deactivate" else person_reactivate
        try:
            change(membership=membership, reason=status_form.cleaned_data["reason"], user=user)
        except PeopleError as e:
            add_service_error(status_form, e, as_sentence=False)
        else:
            messages.success(request, f"{_name(membership)} is {step}d.")
            return redirect("person-detail", organisation.slug, membership.pk)
    elif step == "resend":
        try:
            invitation_resend(membership=membership, user=user)
        except PeopleError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, f"A new invitation is on its way to {membership.user.email}.")
        return redirect("person-detail", organisation.slug, membership.pk)
    return render(
        request,
        "accounts/person_detail.html",
        organisation_context(
            organisation,
            membership=membership,
            person_name=_name(membership),
            form=form,
            status_form=status_form,
            versions=membership_history(membership=membership),
            is_self=membership.user_id == user.pk,
        ),
    )


def _name(membership: Membership) -> str:
    return membership.user.get_full_name() or membership.user.get_username()


@signed_in
def teams_page(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The council's teams, and a form to add one."""
    organisation = _administered(request, organisation_slug)
    form = TeamForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            team = team_create(
                organisation=organisation,
                name=form.cleaned_data["name"],
                user=signed_in_user(request),
            )
        except PeopleError as e:
            add_service_error(form, e, as_sentence=False)
        else:
            messages.success(request, f"The team “{team.name}” is added.")
            return redirect("teams", organisation.slug)
    return render(
        request,
        "accounts/teams.html",
        organisation_context(
            organisation, form=form, teams=team_list_all(organisation=organisation)
        ),
    )


@signed_in
def team_detail(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """One team: rename it, merge it into another, archive or restore it."""
    organisation = _administered(request, organisation_slug)
    team = team_get(organisation=organisation, pk=pk)
    others = [t for t in team_list(organisation=organisation) if t.pk != team.pk]
    step = request.POST.get("step", "") if request.method == "POST" else ""
    data = form_data(request)
    rename_form = TeamForm(data if step == "rename" else None, initial={"name": team.name})
    merge_form = TeamMergeForm(data if step == "merge" else None, teams=others)
    user = signed_in_user(request)
    old_name = team.name
    try:
        if step == "rename" and rename_form.is_valid():
            team_rename(team=team, name=rename_form.cleaned_data["name"], user=user)
            messages.success(request, f"“{old_name}” is now called “{team.name}”.")
            return redirect("team-detail", organisation.slug, team.pk)
        if step == "merge" and merge_form.is_valid():
            into = next(t for t in others if str(t.pk) == merge_form.cleaned_data["into"])
            team_merge(team=team, into=into, user=user)
            messages.success(request, f"“{team.name}” is merged into “{into.name}”.")
            return redirect("team-detail", organisation.slug, into.pk)
        if step in ("archive", "restore"):
            (team_archive if step == "archive" else team_restore)(team=team, user=user)
            messages.success(request, f"“{team.name}” is {step}d.")
            return redirect("team-detail", organisation.slug, team.pk)
    except PeopleError as e:
        team.name = old_name
        add_service_error(rename_form if step == "rename" else merge_form, e, as_sentence=False)
    return render(
        request,
        "accounts/team_detail.html",
        organisation_context(
            organisation,
            team=team,
            rename_form=rename_form,
            merge_form=merge_form,
            may_merge=bool(others) and not team.is_archived,
            members=team_members(organisation=organisation, team=team),
            versions=team_history(team=team),
        ),
    )


@signed_in
def council_details(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The council's name, contact e-mail, website, logo and four-eyes setting."""
    organisation = _administered(request, organisation_slug)
    initial = {
        "name": organisation.name,
        "contact_email": organisation.contact_email,
        "website": organisation.website,
        "separate_reviewer_and_signer": "yes"
        if organisation.separate_reviewer_and_signer
        else "no",
    }
    form = CouncilForm(
        form_data(request), request.FILES if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        user = signed_in_user(request)
        upload = form.cleaned_data["logo"]
        try:
            with transaction.atomic():
                changed = council_details_update(
                    organisation=organisation,
                    name=form.cleaned_data["name"],
                    contact_email=form.cleaned_data["contact_email"],
                    website=form.cleaned_data["website"],
                    separate_reviewer_and_signer=(
                        form.cleaned_data["separate_reviewer_and_signer"] == "yes"
                    ),
                    user=user,
                )
                if upload is not None:
                    # Read no more than the limit (and one byte to tell it was over).
                    data = upload.read(LOGO_MAX_BYTES + 1)
                    council_logo_set(organisation=organisation, data=data, user=user)
                    changed.append("logo")
                elif form.cleaned_data["remove_logo"] and organisation.logo_content_type:
                    council_logo_set(organisation=organisation, data=None, user=user)
                    changed.append("logo removed")
        except (PeopleError, OrganisationError) as e:
            organisation.refresh_from_db()
            add_service_error(form, e, as_sentence=False)
        else:
            messages.success(
                request,
                f"Saved: {', '.join(changed)}." if changed else "Nothing was changed.",
            )
            return redirect("council-details", organisation.slug)
    return render(
        request,
        "accounts/council.html",
        organisation_context(
            organisation,
            form=form,
            has_logo=bool(organisation.logo_content_type),
            versions=organisation_history(organisation=organisation),
        ),
    )


def organisation_logo_file(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The council's logo, for everyone (it is on its public page)."""
    found = organisation_logo(slug=organisation_slug)
    if found is None:
        raise Http404("This council has no logo")
    data, content_type = found
    response = HttpResponse(data, content_type=content_type)
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
