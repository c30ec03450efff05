"""A council for the survey-building tests: a consultation (made in the ORM, with dummy
responses, as a hosted consultation needs none uploaded), its profile, and people with and
without the role that builds surveys."""

from __future__ import annotations

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.models import Consultation
from eqtrack.consultations.services import profile_create
from eqtrack.consultations.weighting import Margin
from eqtrack.organisations.models import Organisation


def consultation_make(organisation: Organisation, title: str = "Parks consultation"):
    profile = profile_create(
        organisation=organisation,
        name=f"Borough for {title}",
        margins=[Margin("sex", {"Female": 51, "Male": 49})],
    )
    return Consultation.objects.create(
        organisation=organisation,
        title=title,
        profile=profile,
    )


def world_make() -> dict:
    organisation = Organisation.objects.create(name="Sample Borough Council", slug="sample")
    return {
        "org": organisation,
        "consultation": consultation_make(organisation),
        "admin": member_create(organisation, Role.ADMINISTRATOR),
        "viewer": member_create(organisation, Role.VIEWER),
        "owner": member_create(organisation, Role.OWNER),
    }
