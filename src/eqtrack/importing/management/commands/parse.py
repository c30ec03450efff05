"""`eqtrack parse FILE... [--period LABEL]...`: print the plan format of report files."""

import json

from django.core.management.base import BaseCommand, CommandError

from eqtrack.core.files import InputError
from eqtrack.importing.parsing import files_parse

from ._summary import add_reading_arguments, summary_write


class Command(BaseCommand):
    help = (
        "Print action plan reports as one plan, in the plan format (JSON). Give the reports "
        "oldest first (together they are one plan); the plan goes to standard output. Nothing "
        "is stored."
    )

    def add_arguments(self, parser):
        add_reading_arguments(parser)

    def handle(self, *args, **options):
        try:
            parsed = files_parse(
                paths=options["files"],
                periods=options["period"],
                title=options["title"],
                organisation=options["organisation"],
                links=options["link"],
                kept_apart=options["no_link"],
            )
        except InputError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(json.dumps(parsed.document, ensure_ascii=False, indent=2))
        summary_write(
            self.stderr,
            document=parsed.document,
            decisions=parsed.decisions,
            warnings=parsed.warnings,
            guesses=parsed.guesses,
        )
