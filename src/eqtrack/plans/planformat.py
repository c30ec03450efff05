"""The plan format (shared/spec/plan-format.md), version 1: its schema and its validation.

The format is a public contract: `eqtrack parse`, `export`, `import` and the API
speak it. Fields may be added, never renamed or removed, within version 1.
"""

from __future__ import annotations

from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

from .models import StatusCategory

FORMAT = "eqtrack-plan/1"

_ITEM = {
    "$defs": {
        "item": {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "required": ["text", "items"],
                    "properties": {
                        "text": {"type": "string"},
                        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
                    },
                    "additionalProperties": False,
                },
            ]
        }
    }
}

_NULLABLE_STRING = {"type": ["string", "null"]}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["format", "title", "periods", "themes"],
    "properties": {
        "format": {"const": FORMAT},
        "title": {"type": "string", "minLength": 1},
        "organisation": {"type": "string"},
        "periods": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "predecessor": {"type": "string"},
        "themes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "actions"],
                "properties": {
                    "title": {"type": "string", "minLength": 1},
                    "objective": {"type": "string"},
                    "actions": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["text", "updates"],
                            "properties": {
                                "ref": _NULLABLE_STRING,
                                "text": {"type": "string", "minLength": 1},
                                "lead": _NULLABLE_STRING,
                                "due": _NULLABLE_STRING,
                                "partners": {"type": "string"},
                                "tags": {"type": "array", "items": {"type": "string"}},
                                "continues": {"type": "string"},
                                "extra": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "updates": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["period"],
                                        "properties": {
                                            "period": {"type": "string"},
                                            "progress": {
                                                "type": "array",
                                                "items": {"$ref": "#/$defs/item"},
                                            },
                                            "next_steps": {
                                                "type": "array",
                                                "items": {"$ref": "#/$defs/item"},
                                            },
                                            "status": {
                                                "anyOf": [
                                                    {"type": "null"},
                                                    {
                                                        "type": "object",
                                                        "required": ["text", "category"],
                                                        "properties": {
                                                            "text": {"type": "string"},
                                                            "category": {
                                                                "enum": [
                                                                    *StatusCategory.values,
                                                                    None,
                                                                ]
                                                            },
                                                        },
                                                    },
                                                ]
                                            },
                                            "action_text": {"type": "string"},
                                            "indicators": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "required": ["label", "value", "unit"],
                                                    "properties": {
                                                        "label": {"type": "string", "minLength": 1},
                                                        "value": {"type": "number"},
                                                        "unit": {
                                                            "enum": ["count", "percent", "gbp"]
                                                        },
                                                        "target": {"type": ["number", "null"]},
                                                        "text": {"type": "string"},
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    **_ITEM,
}

# fastjsonschema compiles the schema to Python and checks a 20,000-update plan in a
# fraction of a second; jsonschema, slower, is asked only to name the first problem.
_FAST_CHECK = fastjsonschema.compile(SCHEMA)
_VALIDATOR = Draft202012Validator(SCHEMA)


def item_texts(items: list[Any]) -> list[str]:
    """Every text of a plan-format item list, nested ones included, in reading order."""
    out: list[str] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item.get("text", ""))
            out.extend(item_texts(item.get("items", [])))
        else:
            out.append(str(item))
    return out


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
    periods = document["periods"]
    if len(set(periods)) != len(periods):
        raise PlanFormatError("periods: a period is listed twice")
    for t, theme in enumerate(document["themes"]):
        for a, action in enumerate(theme["actions"]):
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
