"""`eqtrack consultation-results WEIGHTED.csv --question COLUMN`: answers' shares, weighted, with intervals."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.consultations.evidence import weighted_results
from eqtrack.consultations.margins import responses_read
from eqtrack.consultations.weighting import WeightingError
from eqtrack.core.cells import row_escape
from eqtrack.core.files import InputError


class Command(BaseCommand):
    help = (
        "Each answer's share of a question, weighted, with 95% intervals. The weights are the "
        "'weight' column eqtrack consultation-weight adds; the intervals allow for the "
        "weighting. CSV on stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("responses", type=Path, metavar="WEIGHTED")
        parser.add_argument("--question", action="append", required=True, metavar="COLUMN")
        parser.add_argument("--weight", default="weight", metavar="COLUMN", help="Default: weight.")

    def handle(self, *args, **options):
        try:
            responses = responses_read(options["responses"])
        except (WeightingError, InputError) as e:
            raise CommandError(str(e)) from None
        if options["weight"] not in responses.columns:
            raise CommandError(
                f"{options['responses']}: no column {options['weight']!r}; run eqtrack consultation-weight first"
            )
        try:
            weights = responses[options["weight"]].astype(float).to_numpy()
        except ValueError:
            raise CommandError(
                f"{options['responses']}: column {options['weight']!r} is not all numbers"
            ) from None
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(
            [
                "question",
                "answer",
                "respondents",
                "weighted_share",
                "low_95",
                "high_95",
                "effective_n",
            ]
        )
        for question in options["question"]:
            if question not in responses.columns:
                raise CommandError(f"{options['responses']}: no column {question!r}")
            shares, effective = weighted_results(responses[question], weights)
            for s in shares:
                # Questions and answers come from the responses file: never formulas.
                writer.writerow(
                    row_escape(
                        [
                            question,
                            s.answer,
                            s.respondents,
                            f"{s.share:.4f}",
                            f"{s.low:.4f}",
                            f"{s.high:.4f}",
                            f"{effective:.1f}",
                        ]
                    )
                )
