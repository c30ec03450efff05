"""`eqtrack consultation-weight RESPONSES --margins MARGINS.csv -o OUT.csv`: weight a survey to its population."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.consultations.management.commands._margins import (
    add_margin_arguments,
    margins_from_options,
    responses_for_weighting,
)
from eqtrack.consultations.margins import responses_read, responses_write
from eqtrack.consultations.weighting import WeightingError, rake
from eqtrack.core.files import InputError


class Command(BaseCommand):
    help = (
        "Weight survey responses so that they match the population. Adds a 'weight' column "
        "(weights average 1) and prints diagnostics on standard error."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "responses", type=Path, metavar="RESPONSES", help="CSV or Excel, a row per respondent."
        )
        parser.add_argument(
            "--margins",
            type=Path,
            metavar="MARGINS.csv",
            help="Columns variable,category,population. A joint margin is a variable such as "
            "age*sex, with categories such as 16-24*Female.",
        )
        add_margin_arguments(parser)
        parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
        parser.add_argument(
            "--cap",
            nargs=2,
            type=float,
            metavar=("LOW", "HIGH"),
            help="Keep weights between LOW and HIGH times the mean (e.g. 0.3 3), re-raking after trimming.",
        )
        parser.add_argument("--tolerance", type=float, default=1e-10)
        parser.add_argument("--max-iterations", type=int, default=1000)

    def handle(self, *args, **options):
        margins = margins_from_options(options)
        try:
            responses = responses_read(options["responses"])
            notes: list[str] = []
            weights, diagnostics = rake(
                responses_for_weighting(responses, options, notes),
                margins,
                tolerance=options["tolerance"],
                max_iterations=options["max_iterations"],
                cap=tuple(options["cap"]) if options["cap"] else None,
            )
        except (WeightingError, InputError) as e:
            raise CommandError(str(e)) from None
        if "weight" in responses.columns:
            raise CommandError(f"{options['responses']}: already has a 'weight' column")
        responses["weight"] = weights
        try:
            responses_write(responses, options["output"])
        except OSError as e:
            raise CommandError(f"{options['output']}: cannot write ({e.strerror})") from None
        for line in [*notes, *diagnostics.lines()]:
            self.stderr.write(line)
        self.stdout.write(f"Wrote {options['output']}: {len(responses)} respondents, weighted.")
