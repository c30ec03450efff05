"""`eqtrack directory-review`: the quarterly review of the community directory, for cron."""

from django.core.management.base import BaseCommand, CommandError

from eqtrack.core.commands import date_option
from eqtrack.directory.services import review_run


class Command(BaseCommand):
    help = (
        "Ask listings' contacts to confirm them, and flag stale listings. E-mails the contact "
        "of each listing not confirmed for the review interval (default 91 days) with a "
        "one-click 'still correct' link and a link to change it; flags as stale the listings "
        "still unconfirmed after the grace period (default 28 days). Each listing is asked "
        "once per review. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval-days", type=int, default=91)
        parser.add_argument("--grace-days", type=int, default=28)
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; do nothing"
        )

    def handle(self, *args, **options):
        today = date_option(options["date"])
        if options["interval_days"] < 1 or options["grace_days"] < 0:
            raise CommandError("--interval-days must be 1 or more, --grace-days 0 or more")
        result = review_run(
            today=today,
            interval_days=options["interval_days"],
            grace_days=options["grace_days"],
            dry_run=options["dry_run"],
        )
        verb = "would ask" if options["dry_run"] else "asked"
        for service in result["asked"]:
            self.stdout.write(f"{verb}: {service.name} ({service.organisation})")
        for service in result["stale"]:
            self.stdout.write(f"stale: {service.name} ({service.organisation})")
        self.stdout.write(
            f"{len(result['asked'])} asked to confirm, {len(result['stale'])} now stale."
        )
