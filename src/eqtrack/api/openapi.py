"""The API's OpenAPI description, built from the plan format's own schema so the two agree."""

from __future__ import annotations

import copy
from typing import Any

from eqtrack.plans.models import StatusCategory
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
            "description": "Equality action plans and their progress, in the plan format "
            "(eqtrack-plan/1). Reading published plans needs no key; with a person's API "
            "token, their organisation's unpublished plans can be read and a reporting "
            "round's updates written and reviewed, with exactly that person's role.",
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
            "/api/v1/plans/{organisation}/{plan}/committee-summary": {
                "get": {
                    "summary": "A plan's committee summary of a reported period, as on its "
                    "dashboard: each status's count now and in the previous reported period, "
                    "the actions that need attention with their latest words, and each "
                    "action's status change (improved, worsened, unchanged, ended, "
                    "no_comparison)",
                    "operationId": "getCommitteeSummary",
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
                        {
                            "name": "period",
                            "in": "query",
                            "required": False,
                            "description": "A period out of a closed round or imported; "
                            "the latest by default",
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "The summary",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "404": {"description": "No such plan, or no such reported period"},
                    },
                }
            },
            **_round_paths(),
        },
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A person's API token (`eqtrack token create`); it acts "
                    "with that person's role. Reading published plans needs none.",
                }
            },
            "schemas": {
                **_round_schemas(),
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
            },
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


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _path_params(*names: str) -> list[dict[str, Any]]:
    types = {"organisation": "string"}
    return [
        {"name": n, "in": "path", "required": True, "schema": {"type": types.get(n, "integer")}}
        for n in names
    ]


def _ok(description: str, schema: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _round_paths() -> dict[str, Any]:
    refused = {
        "401": _error("No token, or a token that is not valid"),
        "403": _error("The token's person may not do that"),
        "404": _error("No such round, action or update (or not one of yours to see)"),
    }
    body = lambda schema: {  # noqa: E731
        "required": True,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
    return {
        "/api/v1/{organisation}/rounds/{round}/actions/": {
            "get": {
                "summary": "The actions you write updates for in a round, with each update so far",
                "operationId": "listRoundActions",
                "security": [{"token": []}],
                "parameters": _path_params("organisation", "round"),
                "responses": {"200": _ok("Your actions", "RoundActions"), **refused},
            }
        },
        "/api/v1/{organisation}/rounds/{round}/actions/{action}/update": {
            "put": {
                "summary": "Save your update to an action as a draft, and submit it if asked",
                "description": "Send the `revision` you read (required; 0 for an action whose "
                "`update` is null): if someone has saved the update "
                "since, the save is refused with 409 and the current text, so nothing is lost. "
                "The body is the whole update: a field left out is saved empty, and an empty "
                "body is refused. "
                "A draft may be partial; to submit (`submit: true`) the update needs at least "
                "one progress item and a `status_category`, else nothing is saved and the 400 "
                "answer's `missing` names what to add.",
                "operationId": "saveUpdate",
                "security": [{"token": []}],
                "parameters": _path_params("organisation", "round", "action"),
                "requestBody": body("UpdateWrite"),
                "responses": {
                    "200": _ok("Saved (and submitted, if asked)", "UpdateSaved"),
                    "400": _error(
                        "The body is not valid, or lacks what a submission needs; the message "
                        "names the field"
                    ),
                    **refused,
                    "409": _error(
                        "Saved by someone else since your revision (`current` holds their "
                        "text), or the round or update is not open to changes"
                    ),
                },
            }
        },
        "/api/v1/{organisation}/rounds/{round}/updates/{update}/review": {
            "post": {
                "summary": "Approve a submitted update, or return it with a comment",
                "operationId": "reviewUpdate",
                "security": [{"token": []}],
                "parameters": _path_params("organisation", "round", "update"),
                "requestBody": body("ReviewWrite"),
                "responses": {
                    "200": _ok("The decision is recorded", "ReviewSaved"),
                    "400": _error("The body is not valid; the message names the field"),
                    **refused,
                    "409": _error("The update is not submitted, or the round is closed"),
                },
            }
        },
    }


def _round_schemas() -> dict[str, Any]:
    items = {"type": "array", "items": {"$ref": "#/components/schemas/item"}}
    nullable = {"type": ["string", "null"]}
    update = {
        "type": "object",
        "required": ["id", "state", "revision", "progress", "next_steps"],
        "properties": {
            "id": {"type": "integer"},
            "state": {"enum": ["draft", "submitted", "returned", "approved"]},
            "revision": {"type": "integer"},
            "progress": items,
            "next_steps": items,
            "status": nullable,
            "status_category": nullable,
        },
    }
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {"type": "string"},
                "field": {"type": "string"},
                "missing": {"type": "array", "items": {"type": "string"}},
                "current": {"$ref": "#/components/schemas/Update"},
            },
        },
        "Update": update,
        "RoundActions": {
            "type": "object",
            "required": ["round", "actions"],
            "properties": {
                "round": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "period": {"type": "string"},
                        "deadline": {"type": "string", "format": "date"},
                        "open": {"type": "boolean"},
                    },
                },
                "actions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "text", "update"],
                        "properties": {
                            "id": {"type": "integer"},
                            "ref": nullable,
                            "text": {"type": "string"},
                            "theme": {"type": "string"},
                            "team": nullable,
                            "update": {
                                "anyOf": [{"$ref": "#/components/schemas/Update"}, {"type": "null"}]
                            },
                        },
                    },
                },
            },
        },
        "UpdateWrite": {
            "type": "object",
            "required": ["revision"],
            "properties": {
                "progress": items,
                "next_steps": items,
                "status": nullable,
                "status_category": {"enum": [*StatusCategory.values, None]},
                "revision": {"type": "integer", "minimum": 0},
                "submit": {"type": "boolean"},
            },
        },
        "UpdateSaved": {
            "type": "object",
            "required": ["update"],
            "properties": {"update": {"$ref": "#/components/schemas/Update"}},
        },
        "ReviewWrite": {
            "type": "object",
            "required": ["decision"],
            "properties": {
                "decision": {"enum": ["approve", "return"]},
                "comment": {"type": "string"},
            },
        },
        "ReviewSaved": {
            "type": "object",
            "required": ["review", "update"],
            "properties": {
                "review": {
                    "type": "object",
                    "properties": {
                        "decision": {"enum": ["approved", "returned"]},
                        "comment": {"type": "string"},
                    },
                },
                "update": {"$ref": "#/components/schemas/Update"},
            },
        },
    }
