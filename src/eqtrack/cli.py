"""The `eqtrack` command: our own commands (parse, import, export, demo, serve) and Django's."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eqtrack.config.settings.base")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    execute_from_command_line(["eqtrack", *args])


if __name__ == "__main__":
    main()
