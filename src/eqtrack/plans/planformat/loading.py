"""Reading a plan-format document from JSON text; whether it follows the format is
document_validate's to say."""

from __future__ import annotations

import json
from typing import Any

from .validation import PlanFormatError


def document_parse(text: str, *, source: str) -> dict[str, Any]:
    """The JSON object in the text, or PlanFormatError naming the source and the line."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise PlanFormatError(
            f"{source}: line {e.lineno} column {e.colno}: not valid JSON ({e.msg})"
        ) from None
    if not isinstance(document, dict):
        raise PlanFormatError(f"{source}: not a plan-format document (expected a JSON object)")
    return document
