"""`eqtrack notices-digest`: send each person their daily digest; for cron, once a day."""

from django.core.management.base import BaseCommand

from eqtrack.notifications.services import digests_send


class Command(BaseCommand):
    help = (
        "E-mail each person who chose a daily digest one e-mail listing the notices kept for "
        "them since the last. Each notice goes in one digest, however often this runs. Run it "
        "daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing"
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        digests = digests_send(dry_run=dry_run)
        for digest in digests:
            user = digest.user
            outcome = "would send" if dry_run else "sent" if digest.sent else "could not send"
            self.stdout.write(
                f"{outcome} {len(digest.notices)} notice(s) to {user.get_username()} <{user.email}>"
            )
        sent = sum(1 for d in digests if d.sent)
        self.stdout.write(
            f"{len(digests)} digest(s) would be sent." if dry_run else f"{sent} digest(s) sent."
        )
