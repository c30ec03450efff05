"""`eqtrack committee-summary PLAN --period LABEL --format pdf|docx -o FILE`: the dashboard's
one-page committee summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.organisations.selectors import OrganisationNotFound, organisation_resolve
from eqtrack.reports.data import ReportError
from eqtrack.reports.selectors import committee_summary_for
from eqtrack.reports.writers import SUMMARY_WRITERS


class Command(BaseCommand):
    help = (
        "Write a plan's one-page committee summary of a reported period, as on its dashboard: "
        "each status's count and its change since the previous period, the actions that need "
        "attention, and whose status improved or worsened."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="A plan's short name (slug).")
        parser.add_argument(
            "--period",
            metavar="LABEL",
            help="A reported period: one out of a closed round or imported (default: the latest).",
        )
        parser.add_argument("--format", choices=list(SUMMARY_WRITERS), required=True)
        parser.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
        parser.add_argument(
            "--organisation",
            metavar="SLUG",
            help="Needed only when the database holds several organisations.",
        )

    def handle(self, *args, **options):
        try:
            organisation = organisation_resolve(slug=options["organisation"])
            summary = committee_summary_for(
                organisation=organisation, plan_slug=options["plan"], period=options["period"]
            )
        except (OrganisationNotFound, ReportError) as e:
            raise CommandError(str(e)) from None
        output = SUMMARY_WRITERS[options["format"]].write(summary)
        try:
            options["output"].write_bytes(output)
        except OSError as e:
            raise CommandError(f"{options['output']}: cannot write ({e.strerror})") from None
        self.stdout.write(f"Wrote {options['output']} ({len(output) / 1024:.0f} KB).")
