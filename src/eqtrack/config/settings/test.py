"""Settings for the test suite: fast hashing, nothing written outside the test database."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests log in with the test client, which django-axes cannot see the address of; the
# lockout test turns it back on.
AXES_ENABLED = False
# The security log is checked through pytest's caplog; it need not print during the tests.
LOGGING["loggers"]["eqtrack.security"]["handlers"] = []  # noqa: F405
# Pages are made afresh in tests (which change plans behind the services' back); the cache
# has its own tests, which turn it back on.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
