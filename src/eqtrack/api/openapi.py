"""The API's OpenAPI description, built from the plan format's own schema so the two agree."""

from __future__ import annotations

import copy
from typing import Any

from eqtrack.plans.planformat import SCHEMA


def openapi() -> dict[str, Any]:
    plan = copy.deepcopy(SCHEMA)
    defs = plan.pop("$defs")
    plan.pop("$schema", None)
    # OpenAPI 3.1 schemas are JSON Schema 2020-12: the plan format's schema goes in as it is,
    # its shared item definition moved to components.
    text = _rewrite_refs(plan)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "eqtrack API",
            "version": "1",
            "description": "Published equality action plans and their progress, in the plan "
            "format (eqtrack-plan/1). Reading published plans needs no key.",
        },
        "paths": {
            "/api/v1/plans/": {
                "get": {
                    "summary": "Published plans",
                    "operationId": "listPlans",
                    "responses": {
                        "200": {
                            "description": "Every published plan, newest organisation first",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/PlanList"}
                                }
                            },
                        }
                    },
                }
            },
            "/api/v1/plans/{organisation}/{plan}/": {
                "get": {
                    "summary": "One published plan, in the plan format",
                    "operationId": "getPlan",
                    "parameters": [
                        {
                            "name": "organisation",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "plan",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "The plan and its whole progress history",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Plan"}
                                }
                            },
                        },
                        "404": {"description": "No published plan there"},
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Plan": text,
                "item": _rewrite_refs(defs["item"]),
                "PlanList": {
                    "type": "object",
                    "required": ["plans"],
                    "properties": {
                        "plans": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["organisation", "title", "url"],
                                "properties": {
                                    "organisation": {"type": "string"},
                                    "title": {"type": "string"},
                                    "url": {"type": "string"},
                                    "page": {"type": "string"},
                                    "periods": {"type": "array", "items": {"type": "string"}},
                                },
                            },
                        }
                    },
                },
            }
        },
    }


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: (
                "#/components/schemas/item"
                if k == "$ref" and v == "#/$defs/item"
                else _rewrite_refs(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node
