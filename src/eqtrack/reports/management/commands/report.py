"""`eqtrack report PLAN --period LABEL --format docx|pdf|html -o FILE`: the committee report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.core.files import InputError, source_read_bytes
from eqtrack.importing.services import document_load
from eqtrack.organisations.selectors import OrganisationNotFound, organisation_resolve
from eqtrack.plans.planformat import PlanFormatError, document_validate
from eqtrack.reports.data import ReportError
from eqtrack.reports.selectors import glossary_for, report_render
from eqtrack.reports.services import PlanNotFound, report_for_plan, word_template_check
from eqtrack.reports.writers import WRITERS


class Command(BaseCommand):
    help = (
        "Write a plan's progress report for one period. It is laid out as a committee "
        "appendix: each theme, its objective, and a table of its actions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "plan", metavar="PLAN", help="A plan's short name (slug), or a plan-format JSON file."
        )
        parser.add_argument(
            "--period", metavar="LABEL", help="The period to report (default: the latest)."
        )
        parser.add_argument("--format", choices=list(WRITERS), required=True)
        parser.add_argument(
            "--template",
            type=Path,
            metavar="FILE.docx",
            help="A Word template whose styles, header and footer the Word report uses "
            "(default: the organisation's, set in the admin, else a plain one).",
        )
        parser.add_argument(
            "--compare",
            metavar="PREVIOUS",
            help="Add a year-on-year section: each action's status in PREVIOUS and now, what "
            "was carried forward or dropped, and indicators that rose or fell.",
        )
        parser.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
        parser.add_argument(
            "--organisation",
            metavar="SLUG",
            help="Needed only when the database holds several organisations.",
        )

    def handle(self, *args, **options):
        plan = options["plan"]
        try:
            word_template = None
            if options["template"]:
                word_template = source_read_bytes(options["template"])
                word_template_check(word_template, source=str(options["template"]))
            if Path(plan).is_file():
                document = document_load(Path(plan))
                document_validate(document)
                output = report_render(
                    document=document,
                    period=options["period"],
                    format=options["format"],
                    glossary=glossary_for(organisation=None),
                    compare=options["compare"],
                    word_template=word_template,
                )
            else:
                organisation = organisation_resolve(slug=options["organisation"])
                try:
                    output = report_for_plan(
                        organisation=organisation,
                        plan_slug=plan,
                        period=options["period"],
                        format=options["format"],
                        compare=options["compare"],
                        word_template=word_template,
                    )
                except PlanNotFound:
                    raise CommandError(
                        f"{organisation.name} has no plan '{plan}', and there is no file of that name"
                    ) from None
        except (InputError, OrganisationNotFound, ReportError) as e:
            raise CommandError(str(e)) from None
        except PlanFormatError as e:
            raise CommandError(f"{plan}: {e}") from None
        try:
            options["output"].write_bytes(output)
        except OSError as e:
            raise CommandError(f"{options['output']}: cannot write ({e.strerror})") from None
        self.stdout.write(f"Wrote {options['output']} ({len(output) / 1024:.0f} KB).")
