"""The sign-up questions, one page each in the GOV.UK pattern, and the moderators' decision.
Every field has a size limit; nothing typed is ever shown as markup."""

from __future__ import annotations

from django import forms

from eqtrack.core.date_input import DateInputField
from eqtrack.core.forms import GovukForm

from .models import CalendarEvent, TaxonomyTerm
from .postcodes import POSTCODE_ERROR, postcode_clean


class Honeypot(GovukForm):
    """A field people never see or fill in (hidden, and skipped by the keyboard); programs that
    fill in every field give themselves away."""

    nickname = forms.CharField(required=False, max_length=100, label="Leave this empty")


class GroupForm(Honeypot):
    group_name = forms.CharField(
        label="What is your group called?",
        max_length=200,
        error_messages={"required": "Enter your group's name"},
    )
    group_description = forms.CharField(
        label="What does your group do?",
        error_messages={"required": "Say what your group does"},
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="In a few sentences, for someone who has never heard of you.",
    )
    website = forms.URLField(
        label="Website (optional)", required=False, max_length=200, assume_scheme="https"
    )
    email = forms.EmailField(
        label="The group's public e-mail address (optional)",
        required=False,
        max_length=200,
        help_text="Shown on your listing. Not a personal address unless you want it public.",
    )


class ServiceForm(Honeypot):
    service_name = forms.CharField(
        label="What is the activity or service called?",
        max_length=200,
        help_text='For example, "Warm space" or "Friday lunch club".',
    )
    service_description = forms.CharField(
        label="Describe it",
        error_messages={"required": "Describe the activity or service"},
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="When and where it happens, what to expect, and whether it costs anything.",
    )
    terms = forms.MultipleChoiceField(
        label="Which of these describe it?", widget=forms.CheckboxSelectMultiple, required=False
    )
    characteristics = forms.MultipleChoiceField(
        label="Does it especially serve any of these people?",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave them all empty if it is for everyone.",
    )

    def __init__(self, *args, terms=(), characteristics=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["terms"].choices = [(str(t.pk), t.name) for t in terms]
        self.fields["characteristics"].choices = [(str(c.pk), c.name) for c in characteristics]


class PostcodeField(forms.CharField):
    """A UK postcode, in any case, with or without its space; kept as "ME14 1AA", the way
    the public listing and the Open Referral feed show it."""

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "postal-code"}))
        super().__init__(**kwargs)

    def clean(self, value: str | None) -> str:
        text = super().clean(value)
        if not text:
            return ""
        postcode = postcode_clean(text)
        if postcode is None:
            raise forms.ValidationError(POSTCODE_ERROR, code="postcode")
        return postcode


class PlaceForm(Honeypot):
    address_1 = forms.CharField(
        label="Address line",
        max_length=200,
        required=False,
        help_text="Where people go. Leave the address empty if it happens online or in many places.",
    )
    city = forms.CharField(label="Town or city", max_length=100, required=False)
    postal_code = PostcodeField(label="Postcode", required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        # A postcode already refused has its own message: one is enough.
        if (
            data.get("address_1")
            and not data.get("postal_code")
            and "postal_code" not in self.errors
        ):
            self.add_error("postal_code", "Enter the postcode of the address")
        return data


class ContactForm(Honeypot):
    name = forms.CharField(label="Your name", max_length=200)
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=200,
        help_text="We send the link to keep the listing up to date here, and ask every few months "
        "whether it is still correct.",
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    publish = forms.MultipleChoiceField(
        label="Which of your details may we show on the public listing?",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=[
            ("name", "My name"),
            ("email", "My e-mail address"),
            ("phone", "My phone number"),
        ],
        help_text="Only what you tick is shown. You can change your mind at any time.",
    )
    privacy = forms.BooleanField(
        label="I have read the privacy notice and agree to my details being kept for this listing",
        error_messages={"required": "Agree to the privacy notice to list your group"},
    )


STEPS: list[tuple[str, type[Honeypot], str]] = [
    ("group", GroupForm, "About your group"),
    ("service", ServiceForm, "What you offer"),
    ("place", PlaceForm, "Where it happens"),
    ("contact", ContactForm, "Who to contact"),
]


class ListingEditForm(GovukForm):
    """What a listing's contact may change through their link."""

    group_name = forms.CharField(label="Group name", max_length=200)
    group_description = forms.CharField(
        label="What the group does", widget=forms.Textarea, max_length=2000
    )
    service_name = forms.CharField(label="Activity or service", max_length=200)
    service_description = forms.CharField(
        label="Description", widget=forms.Textarea, max_length=2000
    )
    website = forms.URLField(label="Website", required=False, max_length=200, assume_scheme="https")
    email = forms.EmailField(label="Public e-mail address", required=False, max_length=200)


def term_choices(organisation) -> list[TaxonomyTerm]:  # type: ignore[no-untyped-def]
    return list(TaxonomyTerm.objects.filter(organisation=organisation).order_by("name"))


class CalendarEventForm(GovukForm):
    """An event of the diversity calendar, its dates in the GOV.UK date input pattern."""

    title = forms.CharField(
        label="Name of the event",
        max_length=200,
        help_text="As people know it, like Black History Month or Holocaust Memorial Day.",
        error_messages={"max_length": "The event's name must be 200 characters or fewer"},
    )
    starts_on = DateInputField(
        label="Start date", help_text="For example, 27 1 2027. For a month, its first day."
    )
    ends_on = DateInputField(
        label="End date (optional)",
        required=False,
        help_text="For an event lasting a week or a month. Leave it empty for a single day.",
    )
    repeats = forms.ChoiceField(
        label="How often does it happen?",
        widget=forms.RadioSelect,
        choices=[
            (CalendarEvent.Repeats.YEARLY, "Every year, on the same date"),
            (CalendarEvent.Repeats.NEVER, "Once (an event whose date moves each year, say)"),
            (CalendarEvent.Repeats.MONTHLY, "Every month, on the same day"),
        ],
        error_messages={"required": "Choose how often it happens"},
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The description must be 2,000 characters or fewer"},
    )
    team = forms.ChoiceField(
        label="Team that leads on it (optional)",
        required=False,
        error_messages={"invalid_choice": "Choose one of the council's teams"},
    )

    def __init__(self, *args, teams=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "No team")] + [(str(t.pk), t.name) for t in teams]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        return data


class CalendarSeedForm(GovukForm):
    year = forms.TypedChoiceField(
        label="Year",
        coerce=int,
        error_messages={"required": "Choose the year", "invalid_choice": "Choose the year"},
    )

    def __init__(self, *args, years=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(str(y), str(y)) for y in years]
