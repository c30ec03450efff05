"""Template filters for delivery's snippets on other apps' pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def social_value_for(rows_by_action: dict[int, list[Any]] | None, action_id: int) -> list[Any]:
    """The social value rows of one plan action, from actions_social_value's answer."""
    return (rows_by_action or {}).get(action_id, [])
