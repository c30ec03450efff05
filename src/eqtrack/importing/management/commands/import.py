"""`eqtrack import FILE... [--period LABEL]... [--plan SLUG]`: store a plan from files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.importing.errors import ImportingError
from eqtrack.importing.services import plan_import
from eqtrack.plans.selectors import plan_document

from ._summary import summary_write


class Command(BaseCommand):
    help = (
        "Store a plan: from one plan-format JSON file, or from action plan reports given "
        "oldest first. All or nothing: if anything is wrong, nothing is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--period",
            action="append",
            default=[],
            metavar="LABEL",
            help="The period the n-th report covers (once per file, in order).",
        )
        parser.add_argument(
            "--plan", metavar="SLUG", help="The plan's short name in web addresses and commands."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="If the plan already exists, archive it (it can be restored) and store this one.",
        )
        parser.add_argument("--title", help="The plan's title.")
        parser.add_argument(
            "--organisation", default="", metavar="NAME", help="The organisation's name."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Make the plan readable without signing in."
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
            )
        except ImportingError as e:
            raise CommandError(str(e)) from None
        plan = result.plan
        if options["publish"]:
            plan.published = True
            plan.save(update_fields=["published"])
        document = plan_document(organisation=plan.organisation, slug=plan.slug)
        summary_write(
            self.stderr, document=document, decisions=result.decisions, warnings=result.warnings
        )
        self.stdout.write(
            f"Imported plan '{plan.slug}' for {plan.organisation.name} "
            f"(organisation '{plan.organisation.slug}')."
        )
