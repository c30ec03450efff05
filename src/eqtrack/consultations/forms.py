"""The consultation journey's question pages and the population profile forms. A form only
collects answers; the services decide whether they are good enough to keep."""

from __future__ import annotations

from typing import Any

from django import forms

from eqtrack.core.forms import GovukForm

from .census import AREAS, BROAD_ETHNIC_GROUP, census_characteristics

EXCLUDE = "__exclude__"


class DetailsForm(GovukForm):
    title = forms.CharField(
        label="What is the consultation called?",
        max_length=300,
        error_messages={"required": "Enter the consultation's title"},
    )
    action = forms.TypedChoiceField(
        label="Which action of the plan is it evidence for? (optional)",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Its page will list the consultation as evidence.",
    )

    def __init__(self, *args: Any, actions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "None")] + actions  # type: ignore[attr-defined]


class ResponsesForm(GovukForm):
    # An empty file is let through, for the service to refuse naming it.
    upload = forms.FileField(
        allow_empty_file=True,
        label="Upload the responses",
        help_text="A CSV or Excel (.xlsx) file with a row per respondent and a heading on each "
        "column. Nothing is kept until the file has been read without a problem.",
        error_messages={"required": "Choose the file of responses"},
    )

    def __init__(self, *args: Any, have_responses: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # With responses uploaded already, continuing without a new file keeps them.
        self.fields["upload"].required = not have_responses


class ProfileChoiceForm(GovukForm):
    profile = forms.TypedChoiceField(
        label="Which population should the responses be compared with?",
        coerce=int,
        error_messages={"required": "Choose the population profile"},
    )

    def __init__(self, *args: Any, profiles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p}{f' – {p.area}' if p.area else ''}") for p in profiles
        ]


class ColumnsForm(GovukForm):
    """One question a characteristic of the profile: which column holds it; and which of the
    other columns are questions whose answers are reported, weighted."""

    questions = forms.MultipleChoiceField(
        label="Which questions' answers should be shown, weighted? (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        characteristics: list[str],
        columns: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.characteristics = characteristics
        choices = [("", "Not asked in this consultation"), *[(c, c) for c in columns]]
        for index, variable in enumerate(characteristics):
            self.fields[f"c{index}"] = forms.ChoiceField(
                label=f"Which column holds {variable}?", choices=choices, required=False
            )
        self.fields["questions"].choices = [(c, c) for c in columns]  # type: ignore[attr-defined]

    def characteristic_fields(self) -> list[forms.BoundField]:
        return [self[f"c{i}"] for i in range(len(self.characteristics))]

    def chosen(self) -> dict[str, str]:
        return {
            variable: self.cleaned_data[f"c{index}"]
            for index, variable in enumerate(self.characteristics)
        }


class AnswersForm(GovukForm):
    """What each different answer in a characteristic's column means: one of its categories,
    or left out of the weighting."""

    def __init__(
        self,
        *args: Any,
        groups: list[dict],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # groups: [{"variable", "column", "categories", "answers": [(answer, count, initial)]}]
        self.groups = groups
        for g, group in enumerate(groups):
            choices = [
                ("", "Choose a category"),
                *[(c, c) for c in group["categories"]],
                (EXCLUDE, "Leave out (counted as no answer)"),
            ]
            for a, (answer, count, initial) in enumerate(group["answers"]):
                field = forms.ChoiceField(
                    label=f"“{answer}” ({count} {'response' if count == 1 else 'responses'})",
                    choices=choices,
                    initial=EXCLUDE if initial == "" else (initial or ""),
                    error_messages={
                        "required": f"Choose what “{answer}” in {group['column']} means"
                    },
                )
                field.matched = initial is not None  # type: ignore[attr-defined]
                self.fields[f"a{g}_{a}"] = field

    def sections(self) -> list[dict]:
        return [
            {
                **group,
                "fields": [self[f"a{g}_{a}"] for a in range(len(group["answers"]))],
                "unmatched": sum(1 for *_, initial in group["answers"] if initial is None),
            }
            for g, group in enumerate(self.groups)
        ]

    def chosen(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for g, group in enumerate(self.groups):
            answers = out.setdefault(group["variable"], {})
            for a, (answer, *_) in enumerate(group["answers"]):
                value = self.cleaned_data[f"a{g}_{a}"]
                answers[answer] = "" if value == EXCLUDE else value
        return out


class ProfileSourceForm(GovukForm):
    source = forms.ChoiceField(
        label="Where do the figures come from?",
        choices=[
            ("census", "Census 2021 figures shipped with eqtrack"),
            ("upload", "A CSV file of each category's share of the population"),
        ],
        error_messages={"required": "Choose where the figures come from"},
    )


class CensusProfileForm(GovukForm):
    name = forms.CharField(
        label="Name of the profile",
        max_length=200,
        help_text="For example “Maidstone, Census 2021”.",
        error_messages={"required": "Enter a name for the profile"},
    )
    area = forms.ChoiceField(label="Area", error_messages={"required": "Choose the area"})
    characteristics = forms.MultipleChoiceField(
        label="Which characteristics should it have?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose only those your consultations ask about. With few responses, the 5 "
        "broad ethnic groups weight better than the 19 groups.",
        error_messages={"required": "Choose at least one characteristic"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [  # type: ignore[attr-defined]
            (a.code, f"{a.name} ({a.code})") for a in AREAS
        ]
        names: list[str] = []
        for area in AREAS:
            names += [c for c in census_characteristics(area.code) if c not in names]
        self.fields["characteristics"].choices = [  # type: ignore[attr-defined]
            (n, n) for n in names
        ]
        if not self.is_bound:
            self.fields["area"].initial = AREAS[0].code
            self.fields["characteristics"].initial = [
                n for n in names if n in ("sex", BROAD_ETHNIC_GROUP, "disability (all ages)")
            ]


class SharesProfileForm(GovukForm):
    name = forms.CharField(
        label="Name of the profile",
        max_length=200,
        error_messages={"required": "Enter a name for the profile"},
    )
    area = forms.CharField(label="Area (optional)", max_length=200, required=False)
    source = forms.CharField(
        label="Where do the figures come from? (optional)",
        max_length=300,
        required=False,
        help_text="Say who published them, and when, so readers can check them.",
    )
    upload = forms.FileField(
        allow_empty_file=True,
        label="Upload the shares",
        help_text="A CSV file with the columns characteristic, category and share: a row for "
        "each category, its share of the population in per cent. Each characteristic's shares "
        "must add up to 100.",
        error_messages={"required": "Choose the CSV file of shares"},
    )
