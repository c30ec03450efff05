"""A stand-in for a council's sign-in provider: a tiny Django site running django-oidc-provider,
started in its own process by tests/test_single_sign_on.py. Not part of eqtrack."""
