"""The plan format's machine-readable schema (JSON Schema 2020-12), version 1.

The format is a public contract (docs/plan-format.md): `eqtrack parse`, `export`, `import`
and the API speak it. Fields may be added, never renamed or removed, within version 1.
"""

from __future__ import annotations

from typing import Any

from ..models import StatusCategory

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
        # Added within version 1 (2026-12-01): the plan's own text, paragraph by paragraph,
        # none of them empty (validation refuses one of spaces only, too).
        "introduction": {"type": "array", "items": {"type": "string", "minLength": 1}},
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
                                "added_after": {"type": "string", "minLength": 1},
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
                                            "late": {"type": "boolean"},
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
                                                        "confirmed": {"type": "boolean"},
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
