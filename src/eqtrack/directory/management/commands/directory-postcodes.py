"""`eqtrack directory-postcodes FILE`: load postcode centroids from the ONS Postcode Directory CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.directory.postcodes import PostcodeError, postcodes_load


class Command(BaseCommand):
    help = (
        "Load postcode centroids, for the directory's distance search. From an ONS Postcode "
        "Directory (ONSPD) CSV. Loading again replaces them. Without them, distance search is "
        "hidden."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        try:
            count = postcodes_load(path=options["file"])
        except PostcodeError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(f"Loaded {count} postcodes.")
