"""Councils with a record of every kind the Django admin edits, and staff to look at them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group as PermissionGroup
from django.db import models

from eqtrack.accounts.admin_scoping import _council_owned
from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.services import council_administrators_group_ensure
from eqtrack.accounts.tests.factories import UserFactory, member_create
from eqtrack.assessments.services import assessment_start, policy_create
from eqtrack.consultations.services import consultation_create, profile_create
from eqtrack.consultations.weighting import Margin
from eqtrack.directory.models import (
    CalendarEvent,
    Contact,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from eqtrack.directory.models import Group as CommunityGroup
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document
from eqtrack.reports.models import GlossaryEntry, WordTemplate


def council_fill(name: str) -> dict[str, Any]:
    """A council with one (or more) of every council-owned record the admin registers, and a
    plain member (`person`) whose account is the council's alone."""
    plan = plan_create_from_document(
        document=document_generate(actions=1, periods=1, themes=1) | {"organisation": name}
    )
    org = plan.organisation
    team = Team.objects.create(organisation=org, name="HR")
    person = member_create(org, Role.OWNER, teams=[team])
    action = Action.objects.get(plan=plan)
    GlossaryEntry.objects.create(organisation=org, term="EqIA", expansion="Impact assessment")
    WordTemplate.objects.create(organisation=org, filename="t.docx", content=b"not checked")
    profile = profile_create(
        organisation=org, name="Borough", margins=[Margin("age", {"Young": 30, "Old": 70})]
    )
    consultation_create(
        organisation=org,
        title="Survey",
        responses_filename="s.csv",
        responses=pd.DataFrame({"age": ["Young"] * 3 + ["Old"] * 7}).to_csv(index=False).encode(),
        profile=profile,
        action=action,
    )
    policy = policy_create(organisation=org, title="Allocations", user=person)
    assessment_start(policy=policy, user=person)
    group = CommunityGroup.objects.create(organisation=org, name="Forum", description="A forum.")
    service = Service.objects.create(organisation=org, group=group, name="Club", description="x")
    Contact.objects.create(organisation=org, service=service, name="Sam")
    taxonomy = Taxonomy.objects.create(organisation=org, name="Topics", description="x")
    TaxonomyTerm.objects.create(
        organisation=org, taxonomy=taxonomy, name="Faith", description="x", code="faith"
    )
    CalendarEvent.objects.create(organisation=org, title="Pride", starts_on=dt.date(2031, 6, 1))
    return {"organisation": org, "person": person}


def operator_records() -> None:
    """A record of each kind that belongs to no council: the operator's alone."""
    council_administrators_group_ensure()
    PermissionGroup.objects.get_or_create(name="Operators")
    AccessAttempt.objects.create(username="someone", ip_address="10.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="someone", ip_address="10.0.0.1")
    AccessFailureLog.objects.create(username="someone", ip_address="10.0.0.1")


def staff_create(organisation, role: str | None) -> Any:
    """A staff user with every Django permission a council's administrator is given, holding
    `role` at `organisation` (or no role anywhere): the most a council's person can have."""
    user = member_create(organisation, role) if role else UserFactory.create()
    user.is_staff = True
    user.save()
    user.groups.add(council_administrators_group_ensure())
    return user


def record_of(model: type[models.Model], council: dict[str, Any]) -> models.Model:
    """One record of `model` belonging to the council (any, for the operator's kinds)."""
    org = council["organisation"]
    if model is type(org):
        return org
    if model is type(council["person"]):
        return council["person"]
    if _council_owned(model):
        found = model._default_manager.filter(organisation=org).order_by("pk").first()
    else:
        found = model._default_manager.order_by("pk").first()
    assert found is not None, f"council_fill makes no {model._meta.label}: add one"
    return found


def everything() -> list:
    """Every row the admin could change: what a refused request must leave as it was."""
    tables: set[Any] = set(admin.site._registry)
    tables |= {
        field.remote_field.through
        for model in admin.site._registry
        for field in model._meta.many_to_many
    }
    return [
        list(table._default_manager.order_by("pk").values())
        for table in sorted(tables, key=lambda t: t._meta.label)
    ]
