"""`eqtrack consultation-represent RESPONSES --margins MARGINS.csv`: who answered, against the population."""

import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.consultations.documents import FORMATS, representativeness_document
from eqtrack.consultations.evidence import representativeness
from eqtrack.consultations.management.commands._margins import (
    add_margin_arguments,
    margins_from_options,
    responses_for_weighting,
)
from eqtrack.consultations.margins import responses_read
from eqtrack.consultations.weighting import WeightingError
from eqtrack.core.cells import row_escape
from eqtrack.core.files import InputError


class Command(BaseCommand):
    help = (
        "Compare who answered with the population, group by group. Each group's share of the "
        "responses is set against its share of the population, and the groups that are "
        "under-represented are flagged. Writes CSV to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("responses", type=Path, metavar="RESPONSES")
        add_margin_arguments(parser)
        parser.add_argument("--margins", type=Path, metavar="MARGINS.csv")
        parser.add_argument("--format", choices=["csv", *FORMATS], default="csv")
        parser.add_argument(
            "-o", "--output", type=Path, metavar="FILE", help="Default: stdout (CSV)."
        )
        parser.add_argument("--title", default="Who answered the consultation")
        parser.add_argument(
            "--threshold",
            type=float,
            default=0.8,
            help="Flag a group whose share of responses is below this fraction of its share "
            "of the population, beyond chance (default 0.8).",
        )

    def handle(self, *args, **options):
        margins = margins_from_options(options)
        try:
            notes: list[str] = []
            responses = responses_read(options["responses"])
            respondents = len(responses)
            shares = representativeness(
                responses_for_weighting(responses, options, notes),
                margins,
                threshold=options["threshold"],
            )
        except (WeightingError, InputError) as e:
            raise CommandError(str(e)) from None
        if options["format"] != "csv":
            if not options["output"]:
                raise CommandError(f"--format {options['format']} needs -o FILE")
            population = options.get("profile") or str(options.get("margins"))
            document = representativeness_document(
                shares,
                file_format=options["format"],
                title=options["title"],
                responses=respondents,
                population_name=f"the population ({population})",
                threshold=options["threshold"],
                notes=notes,
            )
            options["output"].write_bytes(document)
            self.stdout.write(f"Wrote {options['output']}.")
            return
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(
            [
                "variable",
                "category",
                "respondents",
                "sample_share",
                "population_share",
                "ratio",
                "sample_share_low_95",
                "sample_share_high_95",
                "under_represented",
            ]
        )
        for g in shares:
            writer.writerow(
                # Variable and group names come from the responses file: never formulas.
                row_escape(
                    [
                        g.variable,
                        g.category,
                        g.respondents,
                        f"{g.sample_share:.4f}",
                        f"{g.population_share:.4f}",
                        f"{g.ratio:.3f}",
                        f"{g.low:.4f}",
                        f"{g.high:.4f}",
                        "yes" if g.under_represented else "no",
                    ]
                )
            )
        for note in notes:
            sys.stderr.write(note + "\n")
        flagged = [
            f"{g.variable} {g.category} ({g.ratio:.2f})" for g in shares if g.under_represented
        ]
        sys.stderr.write(
            (
                "Under-represented: " + "; ".join(flagged)
                if flagged
                else "No group is under-represented beyond chance."
            )
            + "\n"
        )
