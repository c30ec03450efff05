"""The error summary's links go to the question that has the error, radios and checkboxes too."""

import re

from django import forms
from django.template.loader import render_to_string

from eqtrack.core.forms import GovukForm


class _Example(GovukForm):
    name = forms.CharField(label="Your name")
    relevant = forms.ChoiceField(
        label="Is it relevant?", widget=forms.RadioSelect, choices=[("yes", "Yes"), ("no", "No")]
    )
    groups = forms.MultipleChoiceField(
        label="Groups affected",
        widget=forms.CheckboxSelectMultiple,
        choices=[("age", "Age"), ("sex", "Sex")],
    )


def test_each_error_summary_link_goes_to_an_input_on_the_page():
    form = _Example(data={})
    assert not form.is_valid()
    html = render_to_string("forms/errors.html", {"form": form})
    html += render_to_string("forms/field.html", {"field": form["name"]})
    html += render_to_string("forms/radios.html", {"field": form["relevant"]})
    html += render_to_string("forms/checkboxes.html", {"field": form["groups"]})
    links = re.findall(r'<li><a href="#([^"]*)">([^<]*)</a></li>', html)
    # GOV.UK: a radios or checkboxes question's error links to its first option.
    assert links == [
        ("id_name", "Enter your name"),
        ("id_relevant_0", "Answer “Is it relevant?”"),
        ("id_groups_0", "Choose the groups affected"),
    ]
    for target, _ in links:
        assert re.search(rf'<input [^>]*id="{target}"', html), target
