"""`eqtrack duty-warnings`: e-mail the equality duty deadlines that are near or passed; for
cron, once a day."""

from django.core.management.base import BaseCommand

from eqtrack.core.commands import date_option
from eqtrack.duty.services import duty_warnings_send


class Command(BaseCommand):
    help = (
        "E-mail each council's administrators the equality duties due within 30 days or "
        "passed: the equality information (yearly), the equality objectives (every four years) "
        "and the gender pay gap (a year after the snapshot). Safe to run as often as you like: "
        "each warning goes once, 30 days ahead and again once overdue. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            "--today",
            dest="date",
            help="Act as if today were this date (YYYY-MM-DD), e.g. to check what goes",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing"
        )

    def handle(self, *args, **options):
        today = date_option(options["date"])
        sent = duty_warnings_send(today=today, dry_run=options["dry_run"])
        verb = "would send" if options["dry_run"] else "sent"
        for w in sent:
            self.stdout.write(
                f"{verb} {w.item.state} warning to {len(w.people)} administrator(s) of "
                f"{w.organisation.name}: {w.item.title} (due {w.item.due_on})"
            )
        self.stdout.write(f"{len(sent)} duty warning(s) {verb}.")
