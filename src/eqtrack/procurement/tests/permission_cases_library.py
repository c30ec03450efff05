"""The procurement permission matrix's cases for the library pages (see test_permissions.py)."""

from __future__ import annotations


def cases(w: dict) -> list[tuple]:
    """(url name, method, url, data, {role: expected status}); 302 for visitors means "sent to
    sign in", 404 means the thing does not exist as far as that person can tell."""
    return []
