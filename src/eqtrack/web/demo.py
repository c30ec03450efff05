"""The demo: the seed reports as a published sample plan, and demo accounts to sign in with."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from eqtrack.consultations.margins import margins_read
from eqtrack.consultations.services import profile_create
from eqtrack.importing.services import ImportResult, plan_import
from eqtrack.reports.glossary import DEFAULT_GLOSSARY, SEED_GLOSSARY
from eqtrack.reports.services import glossary_seed

SAMPLE_DIR = settings.PACKAGE_DIR.parents[1] / "sample_data"
SAMPLE_FILES = ["equalities-actions-update-2021.txt", "equalities-actions-update-2022.txt"]
SAMPLE_ORGANISATION = "Maidstone Borough Council"
SAMPLE_PLAN = "equalities-action-plan"
DEMO_PROFILE = "Illustrative profile (not census figures)"


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str


@transaction.atomic
def demo_load(*, sample_dir: Path = SAMPLE_DIR) -> tuple[ImportResult, list[DemoAccount]]:
    """Import the sample plan (archiving an earlier demo copy) and reset the demo accounts."""
    result = plan_import(
        paths=[sample_dir / name for name in SAMPLE_FILES],
        periods=["2021", "2022"],
        slug=SAMPLE_PLAN,
        organisation_name=SAMPLE_ORGANISATION,
        replace=True,
        publish=True,
    )
    glossary_seed(organisation=result.plan.organisation, entries=DEFAULT_GLOSSARY | SEED_GLOSSARY)
    profile_create(
        organisation=result.plan.organisation,
        name=DEMO_PROFILE,
        margins=margins_read(sample_dir / "illustrative-population-profile.csv"),
        area="Maidstone (illustrative)",
        source="Made-up figures shipped with eqtrack for trying it out; not census data",
        illustrative=True,
        replace=True,
    )
    accounts = [
        _account_reset("demo-admin", role="administrator", staff=True, superuser=True),
        _account_reset(
            "demo-officer",
            role="officer (reads every plan, edits in admin)",
            staff=True,
            superuser=False,
        ),
    ]
    return result, accounts


def _account_reset(username: str, *, role: str, staff: bool, superuser: bool) -> DemoAccount:
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.is_staff, user.is_superuser = staff, superuser
    user.set_password(password)
    user.save()
    if staff and not superuser:
        from django.contrib.auth.models import Permission

        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label="plans").exclude(
                codename__startswith="delete"
            )
        )
    return DemoAccount(username, password, role)
