"""`eqtrack import FILE... [--period LABEL]... [--plan SLUG]`: store a plan from files."""

from django.core.management.base import BaseCommand, CommandError

from eqtrack.core.files import InputError
from eqtrack.importing.services import plan_import

from ._summary import add_reading_arguments, summary_write


class Command(BaseCommand):
    help = (
        "Store a plan, from a plan-format JSON file or from action plan reports. Give the "
        "reports oldest first. All or nothing: if anything is wrong, nothing is stored."
    )

    def add_arguments(self, parser):
        add_reading_arguments(parser)
        parser.add_argument(
            "--plan", metavar="SLUG", help="The plan's short name in web addresses and commands."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="If the plan already exists, archive it (it can be restored) and store this one.",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Make the plan readable without signing in."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what the import would do, and store nothing.",
        )

    def handle(self, *args, **options):
        try:
            result = plan_import(
                paths=options["files"],
                periods=options["period"],
                slug=options["plan"],
                organisation_name=options["organisation"],
                title=options["title"],
                replace=options["replace"],
                links=options["link"],
                kept_apart=options["no_link"],
                dry_run=options["dry_run"],
                publish=options["publish"],
            )
        except InputError as e:
            raise CommandError(str(e)) from None
        plan = result.plan
        summary_write(
            self.stderr,
            document=result.document,
            decisions=result.decisions,
            warnings=result.warnings,
            guesses=result.guesses,
            chosen=result.chosen,
        )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was stored.")
            return
        if result.updated:
            self.stdout.write(f"Updated plan '{plan.slug}' for {plan.organisation.name}.")
            return
        self.stdout.write(
            f"Imported plan '{plan.slug}' for {plan.organisation.name} "
            f"(organisation '{plan.organisation.slug}')."
        )
