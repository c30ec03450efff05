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
    _demo_consultation(result.plan)
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


def _demo_consultation(plan) -> None:
    """An illustrative resident survey, weighted to the illustrative profile and linked as
    evidence to the action about representative consultation (CL4)."""
    import io

    import numpy as np
    import pandas as pd

    from eqtrack.consultations.models import PopulationProfile
    from eqtrack.consultations.services import consultation_create
    from eqtrack.plans.models import Action

    rng = np.random.default_rng(2022)
    n = 1200
    # Under-35s answer least, as the seed reports found; women answer more than men.
    responses = pd.DataFrame(
        {
            "Respondent": range(1, n + 1),
            "age": rng.choice(
                ["16-34", "35-54", "55-74", "75+", "Prefer not to say"],
                n,
                p=[0.12, 0.33, 0.38, 0.14, 0.03],
            ),
            "sex": rng.choice(["Female", "Male", "Prefer not to say"], n, p=[0.58, 0.4, 0.02]),
            "ethnic group": rng.choice(
                ["White", "Asian", "Black", "Mixed", "Other"], n, p=[0.9, 0.04, 0.02, 0.02, 0.02]
            ),
            "disability": rng.choice(["Disabled", "Not disabled"], n, p=[0.2, 0.8]),
            "Are you satisfied with your local area as a place to live?": rng.choice(
                [
                    "Very satisfied",
                    "Fairly satisfied",
                    "Neither",
                    "Fairly dissatisfied",
                    "Very dissatisfied",
                ],
                n,
                p=[0.25, 0.4, 0.15, 0.12, 0.08],
            ),
        }
    )
    profile = PopulationProfile.objects.live().get(
        organisation=plan.organisation, name=DEMO_PROFILE
    )
    buffer = io.StringIO()
    responses.to_csv(buffer, index=False)
    consultation_create(
        organisation=plan.organisation,
        title="Resident survey 2022 (illustrative responses)",
        responses_filename="resident-survey-2022-illustrative.csv",
        responses=buffer.getvalue().encode(),
        profile=profile,
        questions=["Are you satisfied with your local area as a place to live?"],
        action=Action.objects.live().filter(plan=plan, ref="CL4").first(),
    )
