"""Settings for the test suite: fast hashing, nothing written outside the test database."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests log in with the test client, which django-axes cannot see the address of; the
# lockout test turns it back on.
AXES_ENABLED = False
