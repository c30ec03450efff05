"""Admin for people, teams and memberships, kept to the councils the person administers:
changes to teams and memberships are kept in their history."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from eqtrack.organisations.models import Organisation

from .admin_scoping import CouncilScopedAdmin
from .models import Membership, Role, Team
from .permissions import administered_organisation_ids


@admin.register(Team)
class TeamAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]


@admin.register(Membership)
class MembershipAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
    filter_horizontal = ["teams"]


class PersonCreationForm(AdminUserCreationForm):
    """A new person with their first role, so that a council's administrator (who sees only
    their councils' people) can find them again; optional for the operator."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)
    role = forms.ChoiceField(choices=[("", "---------"), *Role.choices], required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("organisation")) != bool(data.get("role")):
            raise forms.ValidationError("Choose both a council and a role, or neither.")
        return data


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(CouncilScopedAdmin, UserAdmin):
    """Django's user admin; a council's administrator changes only their own councils' people
    (no operator, no staff but themselves, no one who is also another council's) and cannot
    give anyone superuser or staff status, groups or Django permissions."""

    add_form = PersonCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "usable_password",
                    "password1",
                    "password2",
                    "organisation",
                    "role",
                ),
            },
        ),
    )
    limited_fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Status", {"fields": ("is_active",)}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and administered_organisation_ids(request.user) is not None:
            return self.limited_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and administered_organisation_ids(request.user) is not None:
            return ["last_login", "date_joined"]
        return super().get_readonly_fields(request, obj)

    def get_list_filter(self, request: HttpRequest) -> Any:
        if administered_organisation_ids(request.user) is not None:
            return ["is_active"]
        return super().get_list_filter(request)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            return form
        ids = administered_organisation_ids(request.user)
        councils = (
            Organisation.objects.all() if ids is None else Organisation.objects.filter(pk__in=ids)
        )

        class ForTheseCouncils(form):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self.fields["organisation"].queryset = councils.order_by("name")
                # Someone a council's administrator adds must be in one of their councils.
                self.fields["organisation"].required = ids is not None
                self.fields["role"].required = ids is not None

        return ForTheseCouncils

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change and form.cleaned_data.get("organisation"):
            Membership.objects.create(
                organisation=form.cleaned_data["organisation"],
                user=obj,
                role=form.cleaned_data["role"],
            )

    # `id`: the name Django's UserAdmin gives this argument, which its URLs pass by name.
    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:  # noqa: A002
        self._found_or_404(request, id)
        return super().user_change_password(request, id, form_url)
