"""The margins a weighting command uses: from a file (--margins) or a stored profile (--profile)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from eqtrack.consultations.mapping import mapping_read, responses_map
from eqtrack.consultations.margins import margins_read
from eqtrack.consultations.selectors import profile_margins
from eqtrack.consultations.weighting import Margin, WeightingError
from eqtrack.core.files import InputError
from eqtrack.organisations.selectors import OrganisationNotFound, organisation_resolve


def add_margin_arguments(parser) -> None:
    parser.add_argument(
        "--mapping",
        type=Path,
        metavar="MAPPING.csv",
        help="variable,column,answer,category: which column holds each variable and which "
        "answers mean which category (25..34 for a range of numbers).",
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help="A stored population profile (eqtrack consultation-profile).",
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
    except (WeightingError, InputError, OrganisationNotFound) as e:
        raise CommandError(str(e)) from None


def responses_for_weighting(responses, options: dict, notes: list[str]):
    """The responses as the margins name their variables: mapped when --mapping is given."""
    if not options.get("mapping"):
        return responses
    try:
        mapped, mapping_notes = responses_map(responses, mapping_read(options["mapping"]))
    except (WeightingError, InputError) as e:
        raise CommandError(str(e)) from None
    notes.extend(mapping_notes)
    return mapped
