"""`eqtrack workforce-expire`: delete the employees' rows of staff snapshots kept longer than
their council set (a daily job, beside `eqtrack remind`); the figures worked out stay."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from eqtrack.workforce.services import staff_snapshot_expire


class Command(BaseCommand):
    help = (
        "Delete the staff rows (personal data) of every snapshot past the period its council "
        "keeps them for; the pay gaps and profile worked out from them are kept. Run it daily."
    )

    def handle(self, *args, **options):
        expired = staff_snapshot_expire()
        for snapshot in expired:
            self.stdout.write(
                f"Deleted the staff rows of {snapshot.snapshot.isoformat()} at "
                f"{snapshot.organisation} (kept until {snapshot.keep_personal_until.isoformat()})."
            )
        if not expired:
            self.stdout.write("No staff rows are past their council's retention period.")
