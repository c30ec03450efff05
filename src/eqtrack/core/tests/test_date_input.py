"""The GOV.UK date input: three boxes read as one date, with the design system's messages."""

import datetime as dt

import pytest
from django import forms

from eqtrack.core.date_input import DateInputField
from eqtrack.core.forms import GovukForm


class EventForm(GovukForm):
    starts_on = DateInputField(label="Start date")
    ends_on = DateInputField(label="End date (optional)", required=False)


def _form(**boxes: str) -> EventForm:
    data = {"starts_on_day": "", "starts_on_month": "", "starts_on_year": ""}
    data.update({f"starts_on_{part}": value for part, value in boxes.items()})
    return EventForm(data)


def test_three_boxes_make_a_date():
    form = _form(day="27", month="1", year="2027")
    assert form.is_valid()
    assert form.cleaned_data == {"starts_on": dt.date(2027, 1, 27), "ends_on": None}


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        ({}, "Enter the start date"),
        ({"day": "27", "year": "2027"}, "Start date must include a month"),
        ({"day": "27"}, "Start date must include a month and a year"),
        ({"day": "31", "month": "2", "year": "2027"}, "Start date must be a real date"),
        ({"day": "1", "month": "June", "year": "2027"}, "Start date must be a real date"),
        ({"day": "1", "month": "6", "year": "27"}, "Start date must be a real date"),
    ],
)
def test_a_date_not_whole_or_not_real_says_so(boxes, message):
    form = _form(**boxes)
    assert not form.is_valid()
    assert form.errors["starts_on"][0].startswith(message)


def test_an_optional_date_left_empty_is_none_and_names_itself_without_optional():
    form = EventForm(
        {
            "starts_on_day": "1",
            "starts_on_month": "6",
            "starts_on_year": "2027",
            "ends_on_month": "6",
        }
    )
    assert not form.is_valid()
    assert form.errors["ends_on"] == ["End date must include a day and a year"]


def test_the_boxes_show_a_dates_parts():
    widget = EventForm.base_fields["starts_on"].widget
    assert isinstance(widget, forms.MultiWidget)
    html = widget.render("starts_on", dt.date(2027, 1, 27))
    assert 'name="starts_on_day" value="27"' in html
    assert 'name="starts_on_year" value="2027"' in html


def test_a_day_of_many_digits_is_not_a_date():
    """int("99999999999") is fine but no date holds it: OverflowError, not ValueError."""
    from django import forms as django_forms

    from eqtrack.core.date_input import DateInputField

    field = DateInputField(label="Date")
    with pytest.raises(django_forms.ValidationError, match="must be a real date"):
        field.clean(["99999999999", "1", "2024"])
