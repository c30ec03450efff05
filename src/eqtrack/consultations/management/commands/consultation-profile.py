"""`eqtrack consultation-profile FILE... --name NAME`: store an area's population profile for weighting."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.consultations.profiles import profile_read
from eqtrack.consultations.services import profile_create
from eqtrack.consultations.weighting import WeightingError
from eqtrack.core.files import InputError
from eqtrack.organisations.services import organisation_get_or_create


class Command(BaseCommand):
    help = (
        "Store an area's population profile, for weighting consultations. From eqtrack's CSV "
        "(variable,category,population) or ONS Census 2021 table downloads (TS007A age, TS008 "
        "sex, TS021 ethnic group, TS038 disability), one or more files."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--name", required=True, help="What to call the profile.")
        parser.add_argument("--organisation", required=True, metavar="NAME")
        parser.add_argument("--area", help="The area's name or code, in a file with several areas.")
        parser.add_argument("--source", default="", help="Where the figures come from.")
        parser.add_argument(
            "--illustrative", action="store_true", help="Made-up figures, not census data."
        )
        parser.add_argument(
            "--replace", action="store_true", help="Archive a profile of that name first."
        )

    def handle(self, *args, **options):
        try:
            margins = [
                m for path in options["files"] for m in profile_read(path, area=options["area"])
            ]
            profile = profile_create(
                organisation=organisation_get_or_create(name=options["organisation"]),
                name=options["name"],
                margins=margins,
                area=options["area"] or "",
                source=options["source"] or ", ".join(p.name for p in options["files"]),
                illustrative=options["illustrative"],
                replace=options["replace"],
            )
        except (WeightingError, InputError) as e:
            raise CommandError(str(e)) from None
        variables = ", ".join(f"{m.variable} ({len(m.population)})" for m in margins)
        self.stdout.write(f"Stored profile {profile.name!r}: {variables}.")
