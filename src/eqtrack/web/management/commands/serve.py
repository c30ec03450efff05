"""`eqtrack serve`: serve the web app on 127.0.0.1 (port from --port, else $PORT, else 8000)."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve eqtrack at http://127.0.0.1:PORT/ for one machine or a demo. "
        "For a public deployment run eqtrack.config.wsgi under a WSGI server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, **options):
        self.stdout.write(
            f"Serving on http://{options['host']}:{options['port']}/ (Ctrl-C to stop)"
        )
        call_command("runserver", f"{options['host']}:{options['port']}", use_reloader=False)
