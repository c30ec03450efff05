"""The GOV.UK date input: a date asked for as three boxes (day, month, year), with the design
system's messages for one left empty ("Start date must include a month") or not a real date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms


class DateInputWidget(forms.MultiWidget):
    """Three text boxes, named <field>_day, <field>_month and <field>_year; the template
    forms/date_input.html draws them the GOV.UK way."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        boxes: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"})
            for part in ("day", "month", "year")
        }
        super().__init__(boxes, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.Field):
    """A date from the three boxes. The messages name the field by its label, so the label is
    what a person would call the date ("Start date")."""

    widget = DateInputWidget

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        parts = [str(p or "").strip() for p in (value or ["", "", ""])]
        name = str(self.label or "The date").removesuffix(" (optional)")
        if not any(parts):
            return None
        missing = [
            part for part, text in zip(("day", "month", "year"), parts, strict=True) if not text
        ]
        if missing:
            raise forms.ValidationError(
                f"{name} must include a {' and a '.join(missing)}", code="incomplete"
            )
        if not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            raise forms.ValidationError(
                f"{name} must be a real date, like 27 3 2027", code="invalid"
            )
        try:
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except (ValueError, OverflowError):  # OverflowError: a day of many digits
            raise forms.ValidationError(
                f"{name} must be a real date, like 27 3 2027", code="invalid"
            ) from None

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != initial
        except forms.ValidationError:
            return True
