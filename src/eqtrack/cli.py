"""The `eqtrack` command: our own commands (parse, import, export, report, demo, serve) and
Django's (migrate, createsuperuser, …)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    # Django once the settings module is chosen, as manage.py does it.
    from django.core.management import execute_from_command_line
    from django.db import Error as DatabaseError

    args = sys.argv[1:] if argv is None else argv
    try:
        execute_from_command_line(["eqtrack", *args])
    except DatabaseError as e:
        # A database not set up, out of date or out of reach: one line that says what to do.
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        hint = (
            "run `eqtrack migrate` to set it up or bring it up to date"
            if "no such table" in first or "does not exist" in first or "no such column" in first
            else "check EQTRACK_DATABASE_URL and that the database is running"
        )
        sys.stderr.write(f"eqtrack: database error: {first}; {hint}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
