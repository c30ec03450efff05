"""The plan format's shapes as TypedDicts, for the type checker: one per object in
docs/plan-format.md and schema.py. A key that the schema does not require is NotRequired.
(No `from __future__ import annotations` here: it would hide NotRequired from typing at run time.)"""

from typing import NotRequired, TypeAlias, TypedDict


class NestedItem(TypedDict):
    """An item with items under it, where the source nests bullets."""

    text: str
    items: list["Item"]


# A progress or next-steps item: plain text, or text with items under it.
Item: TypeAlias = "str | NestedItem"


class StatusDocument(TypedDict):
    text: str
    category: str | None  # a StatusCategory value, or None where the text fits none


class IndicatorDocument(TypedDict):
    """A number the progress text states: a measure's value in one period."""

    label: str
    value: float
    unit: str  # "count", "percent" or "gbp"
    target: NotRequired[float | None]
    text: NotRequired[str]
    # Checked by the council's people (written only then); without it, a suggestion.
    confirmed: NotRequired[bool]


class UpdateDocument(TypedDict):
    """An action's report for one period."""

    period: str
    progress: NotRequired[list[Item]]
    next_steps: NotRequired[list[Item]]
    status: NotRequired[StatusDocument | None]
    action_text: NotRequired[str]
    indicators: NotRequired[list[IndicatorDocument]]
    late: NotRequired[bool]


class ActionDocument(TypedDict):
    ref: NotRequired[str | None]
    text: str
    lead: NotRequired[str | None]
    due: NotRequired[str | None]
    partners: NotRequired[str]
    tags: NotRequired[list[str]]
    continues: NotRequired[str]
    extra: NotRequired[dict[str, str]]
    added_after: NotRequired[str]
    updates: list[UpdateDocument]


class ThemeDocument(TypedDict):
    title: str
    objective: NotRequired[str]
    actions: list[ActionDocument]


class PlanDocument(TypedDict):
    """A whole plan-format document, version 1."""

    format: str
    title: str
    organisation: NotRequired[str]
    periods: list[str]
    predecessor: NotRequired[str]
    # The plan's own text before its themes, paragraph by paragraph (added 2026-12-01).
    introduction: NotRequired[list[str]]
    themes: list[ThemeDocument]
