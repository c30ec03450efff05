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
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = os.environ.get("EQTRACK_SSL_REDIRECT", "1") == "1"
# Behind a council's proxy or load balancer, which ends TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preload binds a whole domain for good: a council's IT team decides that, not eqtrack.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
