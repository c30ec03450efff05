"""`eqtrack themes RESPONSES --question COLUMN [--themes N] [-o OUT]`: themes in free-text answers."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eqtrack.consultations.margins import responses_read, responses_write
from eqtrack.consultations.weighting import WeightingError
from eqtrack.core.files import InputError
from eqtrack.surveys.themes import ThemesError, themes_find


class Command(BaseCommand):
    help = (
        "Find the themes in a free-text question's answers (TF-IDF and NMF, on this computer). "
        "Prints each theme's number, top words and count; with -o, writes the responses with a "
        "'theme' column (the theme's number, empty for a blank answer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "responses", type=Path, metavar="RESPONSES", help="CSV or Excel, a row per respondent."
        )
        parser.add_argument(
            "--question", required=True, metavar="COLUMN", help="The column of free-text answers."
        )
        parser.add_argument(
            "--themes",
            type=int,
            metavar="N",
            help="How many themes (default: about the square root of the number of different "
            "answers, 2 to 8).",
        )
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="OUT",
            help="Write the responses with a 'theme' column (CSV, or Excel for .xlsx).",
        )

    def handle(self, *args, **options):
        path, column = options["responses"], options["question"]
        if options["themes"] is not None and options["themes"] < 1:
            raise CommandError("--themes: give a number of themes, 1 or more")
        try:
            responses = responses_read(path)
        except (WeightingError, InputError) as e:
            raise CommandError(str(e)) from None
        if column not in responses.columns:
            headings = ", ".join(str(c) for c in responses.columns[:12])
            more = ", …" if len(responses.columns) > 12 else ""
            raise CommandError(
                f"{path}: no column {column!r} (its columns are: {headings}{more})"
                if headings
                else f"{path}: no column {column!r}: the file has no columns"
            )
        if options["output"] and "theme" in responses.columns:
            raise CommandError(f"{path}: already has a 'theme' column")
        try:
            found = themes_find(list(responses[column]), themes=options["themes"])
        except ThemesError as e:
            raise CommandError(f"{path}: column {column!r}: {e}") from None
        for theme in found.themes:
            self.stdout.write(
                f"Theme {theme.number}: {', '.join(theme.top_words)} "
                f"({theme.count} answer{'s' if theme.count != 1 else ''})"
            )
        if found.blank:
            self.stdout.write(f"{found.blank} blank answer{'s' if found.blank != 1 else ''}.")
        for note in found.notes:
            self.stderr.write(note)
        if options["output"]:
            responses["theme"] = ["" if a is None else str(a) for a in found.assignments]
            try:
                responses_write(responses, options["output"])
            except OSError as e:
                raise CommandError(f"{options['output']}: cannot write ({e.strerror})") from None
            self.stdout.write(
                f"Wrote {options['output']}: {len(responses)} responses with their theme."
            )
