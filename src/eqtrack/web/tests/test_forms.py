"""Our forms' required fields ask for what is missing, instead of "This field is required."."""

import pytest
from django import forms

from eqtrack.core.forms import GovukForm, required_message


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (forms.CharField(label="Reporting period"), "Enter the reporting period"),
        (forms.CharField(label="Your name"), "Enter your name"),
        (forms.ChoiceField(label="Your decision"), "Choose your decision"),
        (forms.DateField(label="Deadline for updates"), "Enter the deadline for updates"),
        (forms.CharField(label="HR contact"), "Enter the HR contact"),
        (forms.CharField(label="Who is it for?"), "Answer “Who is it for?”"),
        (forms.FileField(label="Files to import"), "Choose the files to import"),
        (forms.CharField(label="Describe it"), "Describe it"),
    ],
)
def test_the_message_comes_from_the_label(field, message):
    assert required_message(field) == message


def test_a_form_says_what_is_missing_and_keeps_its_own_messages():
    class Example(GovukForm):
        period = forms.CharField(label="Reporting period")
        status = forms.ChoiceField(
            label="Status", choices=[("a", "A")], error_messages={"required": "Choose a status"}
        )

    form = Example(data={})
    assert not form.is_valid()
    assert form.errors == {
        "period": ["Enter the reporting period"],
        "status": ["Choose a status"],
    }


def test_every_form_of_ours_is_one():
    """A new form that forgot would show Django's "This field is required."."""
    from eqtrack.assessments import forms as assessments
    from eqtrack.directory import forms as directory
    from eqtrack.importing import forms as importing
    from eqtrack.rounds import forms as rounds

    for module in (assessments, directory, importing, rounds):
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, forms.Form):
                assert issubclass(value, GovukForm), f"{module.__name__}.{name}"


def test_formats_are_asked_for_with_an_example():
    class Example(GovukForm):
        email = forms.EmailField(label="E-mail", required=False)
        website = forms.URLField(label="Website", required=False, assume_scheme="https")
        review_on = forms.DateField(label="Review by", required=False)

    form = Example(
        data={"email": "nobody", "website": "not a site", "review_on": "31 February 2027"}
    )
    assert not form.is_valid()
    assert form.errors == {
        "email": ["Enter an e-mail address in the correct format, like name@example.org"],
        "website": ["Enter a website address in the correct format, like www.example.org"],
        "review_on": ["Enter a real date, like 31 March 2027 or 31/03/2027"],
    }


def test_signing_in_with_nothing_says_what_to_enter(client):
    html = client.post("/sign-in/", {}).content.decode()
    assert "Enter your user name" in html and "Enter your password" in html
    assert "This field is required" not in html
