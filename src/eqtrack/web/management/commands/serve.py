"""`eqtrack serve`: serve the web app with gunicorn on 127.0.0.1 (port from --port, else $PORT,
else 8000); WhiteNoise serves the static files."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Only this machine can reach these, so the development secret key is safe on them.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


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
        host = options["host"]
        # Anyone who knows the development key (it is in our source) can forge session cookies
        # and sign-in links: never on an address other machines can reach.
        if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY and host not in LOCAL_HOSTS:
            raise CommandError(
                f"refusing to serve on {host} with the development secret key: set "
                "EQTRACK_SECRET_KEY to a long random value first, e.g. "
                "export EQTRACK_SECRET_KEY=$(python3 -c "
                "'import secrets; print(secrets.token_urlsafe(50))') "
                "(or serve on 127.0.0.1 only)"
            )
        # Ended sessions stay in the database until cleared: clear them at each start (and
        # daily from cron, see README), so the table does not grow without end.
        call_command("clearsessions")
        self.stdout.write(f"Serving on http://{host}:{options['port']}/ (Ctrl-C to stop)")
        self.stdout.flush()
        args = [
            sys.executable,
            "-m",
            "gunicorn",
            "eqtrack.config.wsgi:application",
            "--bind",
            f"[{host}]:{options['port']}" if ":" in host else f"{host}:{options['port']}",
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
        os.environ.setdefault("EQTRACK_BASE_URL", f"http://{host}:{options['port']}")
        # Replaces this process, so that Ctrl-C and process managers reach gunicorn itself. No
        # shell: this Python running gunicorn, with arguments we build.
        os.execv(sys.executable, args)  # noqa: S606
