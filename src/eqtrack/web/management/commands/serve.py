"""`eqtrack serve`: serve the web app with gunicorn on 127.0.0.1 (port from --port, else $PORT,
else 8000); WhiteNoise serves the static files."""

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve eqtrack at http://HOST:PORT/ with gunicorn. Behind a proxy that ends TLS, set "
        "DJANGO_SETTINGS_MODULE=eqtrack.config.settings.production and EQTRACK_SECRET_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, **options):
        self.stdout.write(
            f"Serving on http://{options['host']}:{options['port']}/ (Ctrl-C to stop)"
        )
        self.stdout.flush()
        args = [
            sys.executable,
            "-m",
            "gunicorn",
            "eqtrack.config.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            # The secrets of e-mailed links are left out of the access log.
            "--logger-class",
            "eqtrack.web.accesslog.RedactingLogger",
        ]
        # Links in e-mails sent from the web app (a listing's edit link, say) must reach this
        # server: without EQTRACK_BASE_URL, say where it is, not the default port.
        os.environ.setdefault("EQTRACK_BASE_URL", f"http://{options['host']}:{options['port']}")
        # Replaces this process, so that Ctrl-C and process managers reach gunicorn itself.
        os.execv(sys.executable, args)
