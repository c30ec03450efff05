"""`eqtrack directory-import FILE --organisation SLUG`: bring in an existing list of groups."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.directory.importing import COLUMNS, DirectoryImportError, directory_import
from eqtrack.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Import groups from a spreadsheet or another Open Referral UK feed. The council's "
        "spreadsheet (CSV or Excel), or another feed's JSON (--openreferral). All or nothing. "
        "Possible duplicates (same name and postcode, or very similar names) are reported and "
        "marked for a moderator; nothing is merged. Columns are found by their usual names; "
        f"--map FIELD=COLUMN names one. Fields: {', '.join(COLUMNS)}."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, metavar="SLUG")
        parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN")
        parser.add_argument("--openreferral", action="store_true")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"--organisation: there is no organisation {options['organisation']!r}"
            )
        mapping = {}
        for pair in options["map"]:
            ours, sep, column = pair.partition("=")
            if not sep or ours not in COLUMNS:
                raise CommandError(
                    f"--map {pair!r}: give FIELD=COLUMN, FIELD one of {', '.join(COLUMNS)}"
                )
            mapping[ours] = column
        try:
            report = directory_import(
                organisation=organisation,
                path=options["file"],
                mapping=mapping,
                openreferral=options["openreferral"],
            )
        except DirectoryImportError as e:
            raise CommandError(f"{e}. Nothing was imported.") from None
        for line in report.lines():
            self.stdout.write(line)
