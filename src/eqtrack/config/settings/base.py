"""Settings shared by every environment; each value an operator may change comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/eqtrack
DATA_DIR = Path(os.environ.get("EQTRACK_DATA_DIR", "var")).resolve()

SECRET_KEY = os.environ.get("EQTRACK_SECRET_KEY", "insecure-development-key-change-me")
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
    "eqtrack.organisations",
    "eqtrack.accounts",
    "eqtrack.plans",
    "eqtrack.importing",
    "eqtrack.rounds",
    "eqtrack.reports",
    "eqtrack.consultations",
    "eqtrack.api",
    "eqtrack.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves our static files from the app itself, so a single process is a whole deployment.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
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


def database_config() -> dict:
    """SQLite in the data directory unless EQTRACK_DATABASE_URL names another database."""
    url = os.environ.get("EQTRACK_DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "eqtrack.sqlite3",
        # WAL lets the web server read while an import writes.
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"},
    }


DATABASES = {"default": database_config()}
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

# Sessions end after 30 minutes without a request (each request starts the 30 again).
SESSION_COOKIE_AGE = int(os.environ.get("EQTRACK_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]

# Without collectstatic, WhiteNoise finds files where Django's finders do; production collects.
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "/admin/login/"

# A strict Content-Security-Policy: our own files only, and the one inline script (GOV.UK
# Frontend's js-enabled class) carries a per-request nonce. No 'unsafe-inline' anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
