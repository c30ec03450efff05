"""The `eqtrack` command: our own commands (parse, import, export, report, demo, serve, …) and
Django's (migrate, createsuperuser, …), with a table of contents for `eqtrack help`."""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from typing import TextIO

# Commands renamed so that each area's commands share a prefix (as directory-* already did).
# The old names keep working, with a note, so that councils' cron lines do not break.
RENAMED = {
    "weight": "consultation-weight",
    "represent": "consultation-represent",
    "results": "consultation-results",
    "profile": "consultation-profile",
    "postcodes": "directory-postcodes",
}

# What `eqtrack help` lists, by what the commands are for. Django's commands named here are the
# ones a site's keeper needs; the rest are in `eqtrack help --commands`.
GROUPS: list[tuple[str, list[str]]] = [
    ("Plans and reports", ["parse", "import", "export", "report", "committee-summary"]),
    ("Reporting rounds and reminders", ["remind", "notices-digest", "duty-warnings"]),
    (
        "Consultations and populations",
        [
            "consultation-profile",
            "consultation-weight",
            "consultation-represent",
            "consultation-results",
            "themes",
        ],
    ),
    ("Workforce and pay gaps", ["paygap", "workforce", "workforce-expire"]),
    (
        "Community directory",
        [
            "directory-seed",
            "directory-import",
            "directory-postcodes",
            "directory-review",
            "directory-erase",
        ],
    ),
    ("Social value in procurement", ["measures", "score-sheet"]),
    (
        "Running a site",
        [
            "council-create",
            "serve",
            "demo",
            "migrate",
            "createsuperuser",
            "changepassword",
            "token",
            "backup",
            "restore",
            "clearsessions",
            "check",
        ],
    ),
]
OTHERS = "Other eqtrack commands"


def _summary(help_text: str) -> str:
    """A command's help cut to its first sentence: what the command does."""
    return re.split(r"(?<=[.!?])\s", " ".join(help_text.split()), maxsplit=1)[0]


def contents(out: TextIO) -> None:
    """Write the table of contents: every eqtrack command once, under what it is for."""
    # Django once main() has chosen the settings module, as manage.py does it.
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    commands = get_commands()
    listed = {name for _, names in GROUPS for name in names}
    ours = sorted(
        name for name, app in commands.items() if app.startswith("eqtrack.") and name not in listed
    )
    groups = [*GROUPS, (OTHERS, ours)] if ours else GROUPS
    columns = max(min(shutil.get_terminal_size(fallback=(100, 24)).columns, 100), 60)
    name_width = max(len(name) for _, names in groups for name in names) + 2
    out.write("Usage: eqtrack COMMAND [options]\n")
    for title, names in groups:
        out.write(f"\n{title}:\n")
        for name in names:
            if name not in commands:
                continue  # a Django command of an app this site has turned off
            summary = _summary(load_command_class(commands[name], name).help)
            out.write(
                textwrap.fill(
                    summary,
                    width=columns,
                    initial_indent=f"  {name.ljust(name_width)}",
                    subsequent_indent=" " * (name_width + 2),
                )
                + "\n"
            )
    out.write("\n")
    out.write(
        textwrap.fill(
            "`eqtrack help COMMAND` gives a command's details and options. Django's other "
            "commands work too: `eqtrack help --commands` lists them all.",
            width=columns,
        )
        + "\n"
    )


def _renamed(args: list[str]) -> list[str]:
    """The command line with an old command name replaced by its new one, saying so."""
    at = 1 if args[:1] == ["help"] else 0
    if len(args) > at and args[at] in RENAMED:
        new = RENAMED[args[at]]
        sys.stderr.write(
            f"eqtrack: `{args[at]}` is now called `{new}`; the old name still works.\n"
        )
        return [*args[:at], new, *args[at + 1 :]]
    return args


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    # Django once the settings module is chosen, as manage.py does it.
    from django.core.management import execute_from_command_line
    from django.db import Error as DatabaseError

    args = sys.argv[1:] if argv is None else argv
    if args in ([], ["help"], ["--help"], ["-h"]):
        contents(sys.stdout)
        return
    args = _renamed(args)
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
