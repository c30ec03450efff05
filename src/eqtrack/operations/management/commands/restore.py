"""`eqtrack restore FILE`: load a backup into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eqtrack.operations.backup import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Restore a file made by `eqtrack backup` into an empty database. This site's database "
        "must be empty (a new EQTRACK_DATA_DIR, or a new PostgreSQL database). All or nothing. "
        "Then run `eqtrack migrate` if this version is newer than the backup's."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a file made by `eqtrack backup`")

    def handle(self, *args: object, **options: object) -> None:
        # From the command line a Path; from call_command, perhaps a str.
        source = Path(str(options["file"]))
        try:
            result = database_restore(path=source)
        except BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(f"Restored {result.path} into the {result.engine} database")
