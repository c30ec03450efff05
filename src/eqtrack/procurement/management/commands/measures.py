"""`eqtrack measures import FILE --organisation SLUG` and `eqtrack measures export
[FILE] --organisation SLUG`: the council's social value measures library to and from CSV,
the same file the library's pages download and upload."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from eqtrack.core.files import InputError, source_read_bytes
from eqtrack.organisations.selectors import OrganisationNotFound, organisation_resolve
from eqtrack.procurement.services.library import COLUMNS, library_csv, library_import


class Command(BaseCommand):
    help = (
        "Import the council's social value measures from CSV, or export them. One row a "
        f"measure, with the columns {', '.join(COLUMNS)}. Import is all or nothing: every bad "
        "row is reported by line and column and nothing is saved; importing the same file "
        "twice changes nothing (measures are matched by code). Export writes to FILE, or to "
        "standard output without one."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "export"])
        parser.add_argument("file", type=Path, nargs="?", metavar="FILE")
        parser.add_argument("--organisation", metavar="SLUG")

    def handle(self, *args, **options):
        try:
            organisation = organisation_resolve(slug=options["organisation"])
        except OrganisationNotFound as e:
            raise CommandError(f"--organisation: {e}") from None
        path: Path | None = options["file"]
        if options["action"] == "export":
            data = library_csv(organisation=organisation)
            if path is None:
                sys.stdout.buffer.write(data)
            else:
                path.write_bytes(data)
                self.stdout.write(f"{path}: the library of {organisation.name} written")
            return
        if path is None:
            raise CommandError("import: give the CSV file to import")
        try:
            data = source_read_bytes(path)
            counts = library_import(organisation=organisation, data=data, filename=path.name)
        except InputError as e:
            raise CommandError(str(e)) from None
        except ValidationError as e:
            raise CommandError("\n".join([*e.messages, "Nothing was imported."])) from None
        self.stdout.write(
            f"{path.name}: {counts['added']} measures added, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged"
        )
