"""The margins a weighting command uses: from a file (--margins) or a stored profile (--profile)."""

from __future__ import annotations

from django.core.management.base import CommandError

from eqtrack.consultations.margins import margins_read
from eqtrack.consultations.selectors import profile_margins
from eqtrack.consultations.weighting import Margin, WeightingError
from eqtrack.importing.errors import ImportingError
from eqtrack.organisations.selectors import OrganisationNotFound, organisation_resolve


def add_margin_arguments(parser) -> None:
    parser.add_argument(
        "--profile", metavar="NAME", help="A stored population profile (eqtrack profile)."
    )
    parser.add_argument(
        "--organisation", metavar="SLUG", help="Whose profile, if there are several organisations."
    )


def margins_from_options(options: dict) -> list[Margin]:
    if bool(options.get("margins")) == bool(options.get("profile")):
        raise CommandError("give the population as --margins FILE or --profile NAME (one of them)")
    try:
        if options.get("margins"):
            return margins_read(options["margins"])
        organisation = organisation_resolve(slug=options.get("organisation"))
        profile, margins = profile_margins(organisation=organisation, name=options["profile"])
        return margins
    except (WeightingError, ImportingError, OrganisationNotFound) as e:
        raise CommandError(str(e)) from None
