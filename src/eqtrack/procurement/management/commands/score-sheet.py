"""`eqtrack score-sheet --organisation SLUG --tender REF --format xlsx|pdf|docx -o FILE`: a
tender's score sheet (the award report), or with `--debrief SUPPLIER` that bidder's debrief
letter, as the tender's pages give them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.organisations.selectors import OrganisationNotFound, organisation_resolve
from eqtrack.procurement.documents import (
    DEBRIEF_FORMATS,
    SCORE_SHEET_FORMATS,
    DocumentNotReady,
    debrief_letter,
    score_sheet,
)
from eqtrack.procurement.results import tender_results
from eqtrack.procurement.selectors.documents import (
    TenderNotFound,
    bid_by_supplier,
    tender_for_documents,
)


class Command(BaseCommand):
    help = (
        "Write a tender's score sheet (the award report: its evaluation model, evaluators, "
        "each lot's ranking, commitments and the moderation record) as XLSX, PDF or Word, or "
        "one bidder's debrief letter (its assessment summary) as PDF or Word."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tender", metavar="REF", required=True, help="The tender's reference."
        )
        parser.add_argument(
            "--format", choices=list(SCORE_SHEET_FORMATS), required=True, dest="file_format"
        )
        parser.add_argument("-o", "--output", type=Path, metavar="FILE", required=True)
        parser.add_argument(
            "--debrief",
            metavar="SUPPLIER",
            help="Write this bidder's debrief letter instead (docx, pdf or html; once awarded).",
        )
        parser.add_argument(
            "--organisation",
            metavar="SLUG",
            help="Needed only when the database holds several organisations.",
        )

    def handle(self, *args, **options):
        file_format = options["file_format"]
        try:
            organisation = organisation_resolve(slug=options["organisation"])
            tender = tender_for_documents(organisation=organisation, reference=options["tender"])
            results = tender_results(tender)
            if options["debrief"]:
                if file_format not in DEBRIEF_FORMATS:
                    raise CommandError(
                        f"--format: a debrief letter is one of {', '.join(DEBRIEF_FORMATS)}"
                    )
                bid = bid_by_supplier(
                    organisation=organisation, tender=tender, supplier=options["debrief"]
                )
                output = debrief_letter(results, bid, file_format=file_format)
            else:
                output = score_sheet(results, file_format=file_format)
        except (OrganisationNotFound, TenderNotFound, DocumentNotReady) as e:
            raise CommandError(str(e)) from None
        try:
            options["output"].write_bytes(output)
        except OSError as e:
            raise CommandError(f"{options['output']}: cannot write ({e.strerror})") from None
        self.stdout.write(f"Wrote {options['output']} ({len(output) / 1024:.0f} KB).")
