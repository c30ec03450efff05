"""The plan format, version 1 (docs/plan-format.md): its schema, validation and loading, its
item lists, and its table of columns for CSV and Excel; importing, reports, rounds and the API
take it from here."""

from .columns import COLUMNS, HEADER, LATE, document_rows
from .items import cell_to_items, item_texts, items_to_cell
from .live import FINAL_CATEGORIES, action_live, document_action_live
from .loading import document_parse
from .schema import FORMAT, SCHEMA
from .types import (
    ActionDocument,
    IndicatorDocument,
    Item,
    NestedItem,
    PlanDocument,
    StatusDocument,
    ThemeDocument,
    UpdateDocument,
)
from .validation import PlanFormatError, document_validate

__all__ = [
    "ActionDocument",
    "IndicatorDocument",
    "Item",
    "NestedItem",
    "PlanDocument",
    "StatusDocument",
    "ThemeDocument",
    "UpdateDocument",
    "COLUMNS",
    "FINAL_CATEGORIES",
    "FORMAT",
    "HEADER",
    "LATE",
    "SCHEMA",
    "PlanFormatError",
    "action_live",
    "cell_to_items",
    "document_action_live",
    "document_parse",
    "document_rows",
    "document_validate",
    "item_texts",
    "items_to_cell",
]
