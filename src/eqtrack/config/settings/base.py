"""Settings shared by every environment; each value an operator may change comes from the environment."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .single_sign_on import single_sign_on_settings

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/eqtrack
DATA_DIR = Path(os.environ.get("EQTRACK_DATA_DIR", "var")).resolve()

# Known to everyone who has read this file: `eqtrack serve` uses it only on 127.0.0.1.
DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me"  # noqa: S105 (public on purpose)
SECRET_KEY = os.environ.get("EQTRACK_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = os.environ.get("EQTRACK_DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("EQTRACK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "csp",
    "axes",
    "eqtrack.core",
    "eqtrack.organisations",
    "eqtrack.accounts",
    "eqtrack.plans",
    "eqtrack.importing",
    "eqtrack.rounds",
    "eqtrack.reports",
    "eqtrack.consultations",
    "eqtrack.notifications",
    "eqtrack.assessments",
    "eqtrack.directory",
    "eqtrack.workforce",
    "eqtrack.surveys",
    "eqtrack.procurement",
    "eqtrack.duty",
    "eqtrack.api",
    "eqtrack.web",
    "eqtrack.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves our static files from the app itself, so a single process is a whole deployment.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Keeps idle sessions alive by re-saving them at most once a minute (see SESSION_ below).
    "eqtrack.accounts.middleware.IdleSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Locks out repeated failed logins (last, as django-axes asks).
    "axes.middleware.AxesMiddleware",
    # Records who made each change, so every version of a plan says who wrote it.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "eqtrack.config.urls"
WSGI_APPLICATION = "eqtrack.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_config() -> dict[str, Any]:
    """SQLite in the data directory unless EQTRACK_DATABASE_URL names another database."""
    url = os.environ.get("EQTRACK_DATABASE_URL")
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60))
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "eqtrack.sqlite3",
        # Each worker keeps its connection rather than opening (and setting up) one a request.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        # WAL lets the web server read while an import writes.
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"},
    }


DATABASES = {"default": database_config()}

# Each worker keeps the public pages it has made (core/caching.py), keyed by the plan's content
# version, so nothing needs clearing when a plan changes: the next version's key is new.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "eqtrack-pages",
        "TIMEOUT": 3600,
        # A plan page is up to half a megabyte: 300 keep a worker's cache within ~150 MB.
        "OPTIONS": {"MAX_ENTRIES": 300},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one user name from one address lock that pair out for 30 minutes;
# every attempt, failed or not, is logged (django-axes keeps them in the database).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"


def trusted_proxy_count() -> int:
    """How many reverse proxies of ours stand in front of eqtrack (0 unless said)."""
    raw = os.environ.get("EQTRACK_TRUSTED_PROXY_COUNT", "0").strip() or "0"
    if not raw.isdigit():
        raise ImproperlyConfigured(
            f"EQTRACK_TRUSTED_PROXY_COUNT must be a whole number of proxies (0 or more), "
            f"not {raw!r}"
        )
    return int(raw)


# The client's address (for the lockout, the sign-up rate limit and the security log) is
# REMOTE_ADDR; behind N reverse proxies of our own, X-Forwarded-For's entry that the first of
# them added. Never a header a client can set unchecked: see accounts/client_address.py.
EQTRACK_TRUSTED_PROXY_COUNT = trusted_proxy_count()
AXES_CLIENT_IP_CALLABLE = "eqtrack.accounts.client_address.client_ip"
RATELIMIT_IP_META_KEY = "eqtrack.accounts.client_address.client_ip"
# How many surveys one address may start, and how many it may send, in a period (django-
# ratelimit's "count/period": "30/h", "100/10m"). Generous, as a library's computers or a
# council event's wi-fi share one address; a load test from one machine sets it higher.
EQTRACK_SURVEY_RATE_LIMIT = os.environ.get("EQTRACK_SURVEY_RATE_LIMIT", "30/h")

# Sessions end after 30 minutes without a request (each request starts the 30 again) and 12
# hours after signing in, however busy. IdleSessionMiddleware ends them on the second; the
# database keeps each a minute longer, as the middleware re-saves it at most once a minute.
EQTRACK_SESSION_IDLE_SECONDS = int(os.environ.get("EQTRACK_SESSION_IDLE_MINUTES", "30")) * 60
EQTRACK_SESSION_MAX_SECONDS = int(os.environ.get("EQTRACK_SESSION_MAX_HOURS", "12")) * 3600
SESSION_COOKIE_AGE = EQTRACK_SESSION_IDLE_SECONDS + 60
# A form sent after its session ended is kept for after signing in (accounts/kept_forms.py), up
# to this size; a bigger one is refused, so nobody can fill the session table.
EQTRACK_KEPT_FORM_MAX_BYTES = 256 * 1024
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# E-mail: printed to the console unless an SMTP server is named. Links in e-mails start with
# EQTRACK_BASE_URL, the address people reach eqtrack at.
EQTRACK_BASE_URL = os.environ.get("EQTRACK_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("EQTRACK_FROM_EMAIL", "eqtrack <eqtrack@localhost>")
if os.environ.get("EQTRACK_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EQTRACK_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EQTRACK_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EQTRACK_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EQTRACK_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EQTRACK_EMAIL_TLS", "1") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The security log (sign-ins, failed sign-ins, permission changes, sign-offs, publications,
# moderation, imports) and server errors with their tracebacks go to standard error, where
# gunicorn and systemd collect them. Django alone would only e-mail errors to ADMINS.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "eqtrack.security": {"handlers": ["stderr"], "level": "INFO"},
        # Not on to the "django" logger too, whose console handler would print it twice
        # under EQTRACK_DEBUG=1.
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}

# The community directory: listings not confirmed after the review's grace period are flagged
# stale for moderators; with EQTRACK_DIRECTORY_HIDE_STALE=1 they also leave the public pages
# and the Open Referral API.
EQTRACK_DIRECTORY_HIDE_STALE = os.environ.get("EQTRACK_DIRECTORY_HIDE_STALE", "0") == "1"
# Whose directory /openreferral/ serves when the site holds several councils (each is always
# at /<council>/openreferral/); with one council, that one.
EQTRACK_OPENREFERRAL_ORGANISATION = os.environ.get("EQTRACK_OPENREFERRAL_ORGANISATION", "")

LANGUAGE_CODE = "en-gb"
# Dates typed as "31 March 2027" as well as "31/03/2027": config/formats/en_GB/formats.py.
FORMAT_MODULE_PATH = ["eqtrack.config.formats"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]

# Without collectstatic, WhiteNoise finds files where Django's finders do; production collects.
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "sign-in"
# Where signing in ends: the council page of someone in one council, else the home page.
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = None

# Single sign-on through OpenID Connect (Microsoft Entra ID, or any other provider), on when
# EQTRACK_OIDC_CLIENT_ID is set. Only people a council invited may sign in through it, matched
# on their e-mail address; nobody gets an account by signing in. See README, "Single sign-on".
EQTRACK_OIDC_ENABLED = bool(os.environ.get("EQTRACK_OIDC_CLIENT_ID"))
EQTRACK_OIDC_NAME = os.environ.get("EQTRACK_OIDC_NAME", "Microsoft")
# Where the provider sends people back: our view, which tells the refused why. Set always, as
# mozilla-django-oidc reads it once, when its URLs are first imported (tests turn single
# sign-on on later).
OIDC_CALLBACK_CLASS = "eqtrack.accounts.views.SignOnCallbackView"
if EQTRACK_OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(1, "eqtrack.accounts.oidc.SignOnBackend")
    # The OIDC_* settings mozilla-django-oidc reads, made in one place the tests share.
    globals().update(single_sign_on_settings(os.environ))

# A strict Content-Security-Policy: our own files only; no inline script or style at all (the
# one script GOV.UK Frontend wants first is a file too), so pages need no per-request nonce
# and can be cached whole. No 'unsafe-inline' anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
