"""What every page of an organisation gives its template: the organisation, and its name for
the header."""

from __future__ import annotations

from typing import Any


def organisation_context(organisation: Any, **extra: Any) -> dict[str, Any]:
    return {"organisation": organisation, "organisation_name": organisation.name, **extra}
