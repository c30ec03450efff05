"""The Django admin kept to the councils a person administers: only a superuser sees everything.

Every admin registration goes through `CouncilScopedAdmin` (the app's own subclass it; any
other, such as Django's groups or axes' logs, is wrapped in it when the app starts), so a
staff user who administers council B lists, searches, chooses, saves, acts on and reads the
history of council B's records only. Another council's record is a 404, as if it did not
exist; records that belong to no council (groups, sign-in logs) are the operator's alone."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from eqtrack.core.types import Person
from eqtrack.organisations.models import Organisation

from .models import Membership
from .permissions import administered_organisation_ids


def _scope(request: HttpRequest) -> set[int] | None:
    return administered_organisation_ids(request.user)


def _council_owned(model: type[models.Model]) -> bool:
    """Whether a record of this model belongs to one council, so a council's administrator may
    be given it; the others (groups, permissions, sign-in logs) are for the operator only."""
    if issubclass(model, Organisation | get_user_model()):
        return True
    return any(f.name == "organisation" for f in model._meta.concrete_fields)


def _members(ids: set[int]) -> QuerySet:
    return Membership.objects.live().filter(organisation_id__in=ids).values("user_id")


def scoped(
    queryset: QuerySet, ids: set[int] | None, *, user: Person | None = None, choices: bool = False
) -> QuerySet:
    """`queryset` narrowed to the councils `ids` (None: all). People are another council's as
    well if they belong to one: to be changed here (`choices` False) someone must belong to
    these councils only, and be neither the operator nor staff (bar oneself); to be chosen as,
    say, an update's writer (`choices` True), belonging to one of them is enough."""
    if ids is None:
        return queryset
    model = queryset.model
    if issubclass(model, Organisation):
        return queryset.filter(pk__in=ids)
    if issubclass(model, get_user_model()):
        inside = queryset.filter(pk__in=_members(ids))
        if choices:
            return inside
        outside = Membership.objects.exclude(organisation_id__in=ids).values("user_id")
        own = Q(pk=user.pk) if user is not None else Q(pk__in=[])
        return (
            inside.filter(is_superuser=False)
            .filter(Q(is_staff=False) | own)
            .exclude(pk__in=outside)
        )
    if _council_owned(model):
        return queryset.filter(organisation_id__in=ids)
    return queryset.none()


def in_scope(obj: models.Model, ids: set[int] | None) -> bool:
    """Whether this record (perhaps an old version from its history) is these councils'."""
    if ids is None:
        return True
    if isinstance(obj, Organisation):
        return obj.pk in ids
    if isinstance(obj, get_user_model()):
        return scoped(type(obj)._default_manager.filter(pk=obj.pk), ids).exists()
    if _council_owned(type(obj)):
        return getattr(obj, "organisation_id", None) in ids
    return False


class _ScopedChoices:
    """Foreign-key and many-to-many choices from the person's councils only (the choices are
    what a posted form is checked against, so a forged id is refused as an invalid choice)."""

    admin_site: admin.AdminSite

    def _choices(self, db_field: Any, request: HttpRequest, kwargs: dict) -> dict:
        ids = _scope(request)
        if ids is not None and "queryset" not in kwargs:
            model = db_field.related_model
            related_admin = self.admin_site._registry.get(model)
            base = (
                related_admin.get_queryset(request)
                if related_admin is not None and not issubclass(model, get_user_model())
                else model._default_manager.all()
            )
            kwargs["queryset"] = scoped(base, ids, user=request.user, choices=True)
        return kwargs

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs = self._choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs = self._choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class CouncilScopedAdmin(_ScopedChoices, admin.ModelAdmin):
    """A ModelAdmin (put first among the bases) that shows a person only their councils'
    records. Django's model permissions still say which kinds of record a staff user may
    see or change; this says whose. A superuser is not limited."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return scoped(super().get_queryset(request), _scope(request), user=request.user)

    def _allowed(self, request: HttpRequest, obj: models.Model | None) -> bool:
        ids = _scope(request)
        if ids is None:
            return True
        if not ids or not _council_owned(self.model):
            return False
        return obj is None or in_scope(obj, ids)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) and self._allowed(request, None)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A new council is the operator's to add: its adder would not administer it.
        if issubclass(self.model, Organisation) and _scope(request) is not None:
            return False
        return super().has_add_permission(request) and self._allowed(request, None)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._allowed(request, obj)

    def get_list_filter(self, request: HttpRequest) -> Any:
        """A filter by a related record offers only those in the person's list (not every
        council's names)."""
        filters = super().get_list_filter(request)
        if _scope(request) is None:
            return filters
        names = {f.name: f for f in self.model._meta.get_fields()}
        return [
            (f, admin.RelatedOnlyFieldListFilter)
            if isinstance(f, str) and f in names and names[f].is_relation
            else f
            for f in filters
        ]

    def _found_or_404(self, request: HttpRequest, object_id: str | None) -> None:
        # Django answers a missing object with a redirect and a message; another council's
        # record is answered as not existing at all, before any permission is asked about.
        if _scope(request) is None or object_id is None:
            return
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("No such record.")

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> Any:
        self._found_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        self._found_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        self._found_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> Any:
        """django-simple-history's view of (and revert to) one version: the record must be the
        person's council's now, and so must the version (a record moved between councils)."""
        self._found_or_404(request, object_id)
        ids = _scope(request)
        if ids is not None:
            history = getattr(self.model, self.model._meta.simple_history_manager_attribute)  # type: ignore[attr-defined]
            try:
                # A version's own key is history_id; the record's key is a field of it.
                key = {self.model._meta.pk.attname: unquote(object_id)}
                version = history.filter(**key, history_id=version_id).first()
            except (ValueError, ValidationError):
                version = None
            if version is None or not in_scope(version.instance, ids):
                raise Http404("No such version.")
        return super().history_form_view(request, object_id, version_id, extra_context)  # type: ignore[misc]


class CouncilScopedInline(_ScopedChoices, admin.options.InlineModelAdmin):
    """An inline (put first among the bases) that lists and offers its parent's councils' rows."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return scoped(super().get_queryset(request), _scope(request), user=request.user)


def scope_every_registration(site: admin.AdminSite) -> None:
    """Wrap each registration not already scoped (Django's groups, axes' logs, any added
    later) so that nothing in the admin is left to every staff user."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, CouncilScopedAdmin):
            continue
        cls = type(model_admin)
        site.unregister(model)
        site.register(model, type(f"CouncilScoped{cls.__name__}", (CouncilScopedAdmin, cls), {}))


def council_administrator_permissions() -> QuerySet:
    """The Django permissions a council's administrator needs in the admin: every kind of
    council-owned record registered there (people, teams, plans, the directory...), none of
    the operator's (groups, sign-in logs)."""
    models_ = [m for m in admin.site._registry if _council_owned(m)]
    types = ContentType.objects.get_for_models(*models_).values()
    return Permission.objects.filter(content_type__in=[t.pk for t in types])
