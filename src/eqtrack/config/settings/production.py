"""Settings for a public deployment: secure cookies, a real secret key required."""

import os

from .base import *  # noqa: F403

DEBUG = False
# `eqtrack collectstatic` gathers the static files here; WhiteNoise serves them.
STATIC_ROOT = DATA_DIR / "static"  # noqa: F405
WHITENOISE_USE_FINDERS = False
SECRET_KEY = os.environ["EQTRACK_SECRET_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_CONTENT_TYPE_NOSNIFF = True
