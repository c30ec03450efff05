"""`eqtrack backup -o FILE`: the whole database in one file, taken while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eqtrack.operations.backup import BackupError, database_backup


class Command(BaseCommand):
    help = (
        "Back the whole database up to a new file, safely while eqtrack serves. SQLite's online "
        "backup, or pg_dump's custom format on PostgreSQL. Restore with `eqtrack restore`."
    )
    # A backup must work on a database that is behind this version's migrations too.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, type=Path, help="the new file")

    def handle(self, *args: object, **options: object) -> None:
        # From the command line a Path; from call_command, perhaps a str.
        output = Path(str(options["output"]))
        try:
            result = database_backup(path=output)
        except BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            f"Backed up the {result.engine} database to {result.path} ({result.size:,} bytes)"
        )
