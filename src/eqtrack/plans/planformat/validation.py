"""Checking a document against the plan format: the first problem named by where it is."""

from __future__ import annotations

from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

from .schema import FORMAT, SCHEMA

# fastjsonschema compiles the schema to Python and checks a 20,000-update plan in a
# fraction of a second; jsonschema, slower, is asked only to name the first problem.
_FAST_CHECK = fastjsonschema.compile(SCHEMA)
_VALIDATOR = Draft202012Validator(SCHEMA)


class PlanFormatError(ValueError):
    """A document that is not a valid plan-format document; the message names where."""


def _where(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the document"


def document_validate(document: Any) -> None:
    """Raise PlanFormatError naming the first problem, or return if the document is valid."""
    if not isinstance(document, dict):
        raise PlanFormatError("the document is not a JSON object")
    found = document.get("format")
    if found != FORMAT:
        if isinstance(found, str) and found.startswith("eqtrack-plan/"):
            raise PlanFormatError(
                f"format is {found!r}; this version of eqtrack reads {FORMAT!r} only"
            )
        raise PlanFormatError(f'format: expected "{FORMAT}", found {found!r}')
    try:
        _FAST_CHECK(document)
    except fastjsonschema.JsonSchemaException:
        errors = sorted(_VALIDATOR.iter_errors(document), key=lambda e: [str(p) for p in e.path])
        error = errors[0] if errors else None
        if error is not None:
            raise PlanFormatError(f"{_where(error.absolute_path)}: {error.message}") from None
        raise PlanFormatError("the document does not follow the plan format") from None
    for i, paragraph in enumerate(document.get("introduction", [])):
        if not paragraph.strip():
            # An empty paragraph would show on the plan's page as a gap with nothing in it.
            raise PlanFormatError(f"introduction[{i}]: a paragraph cannot be blank")
    periods = document["periods"]
    if len(set(periods)) != len(periods):
        raise PlanFormatError("periods: a period is listed twice")
    for t, theme in enumerate(document["themes"]):
        for a, action in enumerate(theme["actions"]):
            added_after = action.get("added_after")
            if added_after is not None and added_after not in periods:
                raise PlanFormatError(
                    f"themes[{t}].actions[{a}].added_after: {added_after!r} is not one of the "
                    "plan's periods"
                )
            seen: set[str] = set()
            for u, update in enumerate(action["updates"]):
                where = f"themes[{t}].actions[{a}].updates[{u}].period"
                if update["period"] not in periods:
                    raise PlanFormatError(
                        f"{where}: {update['period']!r} is not one of the plan's periods"
                    )
                if update["period"] in seen:
                    raise PlanFormatError(f"{where}: a second update for {update['period']!r}")
                seen.add(update["period"])
