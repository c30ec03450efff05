"""The secrets of e-mailed links (the directory's edit links, procurement's supplier return
links): a new secret for the address, and the hash that is all the database keeps of it, so a
copy of the database opens nothing."""

from __future__ import annotations

import hashlib
import secrets


def link_secret_new() -> str:
    """A secret for an e-mailed address: 32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def link_secret_hash(secret: str) -> str:
    """What is kept of a secret (SHA-256, hex): enough to find its link, useless to open it."""
    return hashlib.sha256(secret.encode()).hexdigest()
