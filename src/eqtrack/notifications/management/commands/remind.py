"""`eqtrack remind`: send the reminders that are due today; for cron, once a day."""

from django.core.management.base import BaseCommand, CommandError

from eqtrack.core.commands import date_option
from eqtrack.notifications.services import reminders_send, review_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the reminders that are due: action updates and policy reviews. Action owners "
        "hear when their updates are due soon (7 and 1 days before a round's deadline) or late "
        "(weekly after it), and policy owners when their review falls due within 30 days. Safe "
        "to run as often as you like: each reminder goes once. Each person gets them as they chose "
        'on their "Your notices" page (at once, in the daily digest, or not at all). Run it '
        "daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD), e.g. to check what goes"
        )
        parser.add_argument(
            "--days-before",
            default="7,1",
            help="Days before the deadline to remind on, comma-separated (default 7,1)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing"
        )

    def handle(self, *args, **options):
        today = date_option(options["date"])
        try:
            days = tuple(int(d) for d in options["days_before"].split(",") if d.strip())
        except ValueError:
            raise CommandError(
                f"--days-before: {options['days_before']!r} should be numbers like 7,1"
            ) from None
        sent = reminders_send(today=today, days_before=days, dry_run=options["dry_run"])
        verb = "would send" if options["dry_run"] else "sent"
        for r in sent:
            self.stdout.write(
                f"{verb} {r.kind} to {r.user.get_username()} <{r.user.email}>: "
                f"{len(r.actions)} action(s) in {r.round}"
            )
        self.stdout.write(f"{len(sent)} reminder(s) {verb}.")
        reviews = review_reminders_send(today=today, dry_run=options["dry_run"])
        for policy, people in reviews:
            self.stdout.write(
                f"{verb} review reminder for {policy.title!r} (due {policy.next_review_on}) "
                f"to {len(people)} person(s)"
            )
        self.stdout.write(f"{len(reviews)} policy review reminder(s) {verb}.")
