"""`eqtrack export --plan SLUG --format json [-o FILE]`: write a plan in the plan format."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.organisations.selectors import OrganisationNotFound, organisation_resolve
from eqtrack.plans.selectors import plan_document


class Command(BaseCommand):
    help = "Write a plan and its progress history in the plan format."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, metavar="SLUG")
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument(
            "--organisation",
            metavar="SLUG",
            help="Needed only when the database holds several organisations.",
        )
        parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="Default: stdout.")

    def handle(self, *args, **options):
        try:
            organisation = organisation_resolve(slug=options["organisation"])
        except OrganisationNotFound as e:
            raise CommandError(str(e)) from None
        document = plan_document(organisation=organisation, slug=options["plan"])
        if document is None:
            raise CommandError(f"{organisation.name} has no plan '{options['plan']}'")
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            try:
                options["output"].write_text(text, encoding="utf-8")
            except OSError as e:
                raise CommandError(f"{options['output']}: cannot write ({e.strerror})") from None
        else:
            self.stdout.write(text, ending="")
